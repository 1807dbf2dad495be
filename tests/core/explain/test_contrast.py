"""The contrast set loads, obeys its rules, and is scored as documented."""

import numpy as np
import pytest

from lstm_core.explain import contrast

HEADER = ["# written by hand for a test", "pair\ttext\tlabel\tchange"]


def rows(*lines):
    return HEADER + ["\t".join(line) for line in lines]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_shipped_sets_have_at_least_100_valid_pairs(language):
    pairs = contrast.load(language)
    assert len(pairs.pairs) >= 100
    assert len(set(pairs.texts)) == len(pairs.texts) == 2 * len(pairs.pairs)
    assert all(p.labels[0] != p.labels[1] for p in pairs.pairs)
    assert pairs.labels.sum() == len(pairs.pairs)  # one positive per pair
    header = (contrast.FOLDER / f"{language}.tsv").read_text(encoding="utf-8").splitlines()[1]
    assert "Written by hand for LSTM Lab" in header


def test_a_good_file_parses():
    parsed = contrast.parse(rows(("p1", "not good", "negative", "negation"), ("p1", "good", "positive", "negation")), "en")
    assert parsed.pairs == (contrast.ContrastPair("p1", ("not good", "good"), ("negative", "positive"), "negation"),)
    assert parsed.labels.tolist() == [0, 1]


@pytest.mark.parametrize("lines,message", [
    ([("p1", "good", "positive", "negation")], "not 2"),
    ([("p1", "good", "positive", "negation"), ("p1", "fine", "positive", "negation")], "must flip"),
    ([("p1", "good", "positive", "negation"), ("p2", "good", "negative", "negation")], "appears twice"),
    ([("p1", "good", "neutral", "negation")], "label"),
    ([("p1", "good", "positive", "sarcasm")], "change"),
    ([("p1", "good", "positive")], "columns"),
    ([("p1", "good", "positive", "negation"), ("p1", "not good", "negative", "order")], "different changes"),
])
def test_broken_files_are_refused(lines, message):
    with pytest.raises(contrast.ContrastError, match=message):
        contrast.parse(rows(*lines), "en")


def test_score_counts_texts_and_whole_pairs():
    parsed = contrast.parse(rows(("a", "x1", "positive", "order"), ("a", "x2", "negative", "order"),
                                 ("b", "y1", "negative", "order"), ("b", "y2", "positive", "order")), "en")
    # Three classes, "neutral" set aside: x1 -> positive, x2 -> positive (wrong), y1 -> negative, y2 -> positive.
    table = {"x1": [0.1, 0.5, 0.4], "x2": [0.3, 0.3, 0.4], "y1": [0.4, 0.5, 0.1], "y2": [0.2, 0.1, 0.7]}
    result = contrast.score(lambda texts: np.array([table[t] for t in texts]), ("negative", "neutral", "positive"), parsed)
    assert result.predicted.tolist() == [1, 1, 0, 1]
    assert (result.accuracy, result.pair_accuracy) == (0.75, 0.5)
