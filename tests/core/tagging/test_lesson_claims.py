"""What the tagging lesson (strings/lessons.toml, lesson "tagging") says the models do, checked on the shipped models."""

import pytest

from lstm_core.tagging import bies, evaluation, load_crf, shipped
from lstm_core.ui.lessons import LESSONS
from lstm_core.string_table import TABLE


@pytest.fixture(scope="module")
def models():
    bi, forward = shipped.load_both()
    return bi, forward, load_crf()


def step_text(number: int) -> str:
    return dict(LESSONS["tagging"].steps[number - 1].widgets)["tagging_text"]


def test_step_1_the_strips_at_sheng(models):
    bi, forward, _ = models
    text = step_text(1)
    assert text == "研究生命起源"
    at = text.index("生")
    b_bi = bi.read(text).position_probabilities[at]
    b_forward = forward.read(text).position_probabilities[at]
    assert round(float(b_bi[bies.B]), 2) == 0.96 and round(float(b_forward[bies.E]), 2) == 0.73
    assert b_forward.argmax() == bies.E  # alone, the left-to-right model would end 研究生 here
    assert forward.read(text).position_probabilities[at + 1].argmax() == bies.E  # 命: almost surely an E
    assert bi.segment(text) == forward.segment(text) == ["研究", "生命", "起源"]  # the decoding repairs it
    for number in ("0.96", "0.73"):
        assert number in TABLE["lesson.step.tagging.1.explain"]["en"] and number in TABLE["lesson.step.tagging.1.explain"]["zh"]


def test_step_2_only_the_left_to_right_model_reads_a_monk(models):
    bi, forward, crf = models
    text = step_text(2)
    expected = ["结婚", "的", "和", "尚未", "结婚", "的"]
    for segment in (bi.segment, crf.segment, evaluation.jieba_segment(True), evaluation.jieba_segment(False)):
        assert segment(text) == expected
    assert forward.segment(text) == ["结婚", "的", "和尚", "未", "结婚", "的"]
    assert crf.config.window == 2  # "whose window reaches two characters to the right"


def test_step_3_names_from_the_tags(models):
    bi, _, _ = models
    text = step_text(3)
    pairs = bi.tag(text)
    assert pairs[:2] == [("江", "nr"), ("泽民", "nr")] and ("北京", "ns") in pairs and ("新华社", "nt") in pairs
    assert [(text[s:e], k) for s, e, k in bi.entities(text)] == [("江泽民", "PER"), ("北京", "LOC"), ("新华社", "ORG")]


def test_step_4_conventions_and_the_measured_gap(models):
    bi, _, _ = models
    text = step_text(4)
    jieba = evaluation.jieba_segment(False)(text)
    assert jieba[:3] == ["１", "２", "月"] and "江泽民" in jieba
    assert bi.segment(text)[:2] == ["１２月", "３１日"] and "泽民" in bi.segment(text)
    test = shipped.tagger_card().detail("test")
    best_jieba = max(test["jieba_hmm"]["word"]["f1"], test["jieba_no_hmm"]["word"]["f1"])
    assert test["bilstm"]["word"]["f1"] - best_jieba > 0.10  # "more than ten points ahead"
