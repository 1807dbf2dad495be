"""What the tagging lesson (strings/lessons.toml, lesson "tagging") says the models do, checked on the shipped models."""

import pytest

from lstm_core.tagging import evaluation, load_crf, shipped
from lstm_core.ui.lessons import LESSONS
from lstm_core.string_table import TABLE


@pytest.fixture(scope="module")
def models():
    bi, forward = shipped.load_both()
    return bi, forward, load_crf()


def step_text(number: int) -> str:
    return dict(LESSONS["tagging"].steps[number - 1].widgets)["tagging_text"]


def test_step_1_right_hand_context(models):
    bi, forward, _ = models
    assert step_text(1) == "研究生命起源"
    assert bi.segment(step_text(1)) == ["研究", "生命", "起源"]
    assert forward.segment(step_text(1)) == ["研究生", "命", "起源"]
    assert "研究生 / 命 / 起源" in TABLE["lesson.step.tagging.1.explain"]["en"]


def test_step_2_every_method_reads_and_not_yet(models):
    bi, _, crf = models
    text = step_text(2)
    expected = ["结婚", "的", "和", "尚未", "结婚", "的"]
    for segment in (bi.segment, crf.segment, evaluation.jieba_segment(True), evaluation.jieba_segment(False)):
        assert segment(text) == expected


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
    test = shipped.tagger_card()["test"]
    best_jieba = max(test["jieba_hmm"]["word"]["f1"], test["jieba_no_hmm"]["word"]["f1"])
    assert test["bilstm"]["word"]["f1"] - best_jieba > 0.10  # "more than ten points ahead"
