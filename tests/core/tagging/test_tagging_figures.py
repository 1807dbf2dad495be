"""The page's drawings: word states against each other and the gold words, escaping, one label per name."""

import numpy as np

from lstm_core.tagging.tagging_figures import position_strip, tagged_html, word_chips, word_states

NAMES = {"agree": "agree", "disagree": "disagree", "wrong": "wrong", "gold": "gold"}


def test_word_states():
    outputs = {"a": ["研究", "生命"], "b": ["研究生", "命"]}
    assert word_states(outputs) == {"a": ["disagree", "disagree"], "b": ["disagree", "disagree"]}
    same = {"a": ["我", "爱"], "b": ["我", "爱"]}
    assert word_states(same) == {"a": ["agree", "agree"], "b": ["agree", "agree"]}
    assert word_states(outputs, gold=["研究", "生命"]) == {"a": ["disagree", "disagree"], "b": ["wrong", "wrong"]}


def test_user_text_is_escaped_and_a_name_is_labelled_once():
    html = word_chips(["<script>", "&"], ["agree", "wrong"], NAMES)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    tagged = tagged_html(["江", "泽民", "<b>"], ["nr", "nr", "x"], [(0, 3, "PER")], {}, {"PER": "person"})
    assert tagged.count(">PER<") == 1 and "<b>" not in tagged


def test_strip_marks_the_decoded_labels():
    fig = position_strip("研究 ", np.eye(4)[[0, 2, 3]], [0, 2, -1], {"position": "p", "character": "c", "probability": "P", "title": "t"})
    assert fig.data[0].z.shape == (4, 3) and list(fig.data[1].x) == [0, 1]  # spaces (-1) carry no mark
