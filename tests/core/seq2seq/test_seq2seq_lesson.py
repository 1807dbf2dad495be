"""Every claim the sequence-to-sequence lesson makes, computed on the shipped models with the step's own input."""

from __future__ import annotations

import pytest

from lstm_core.seq2seq.tasks import normalise
from lstm_core.seq2seq.translator import load_all
from lstm_core.ui.lessons import LESSONS

STEPS = [dict(step.widgets) for step in LESSONS["seq2seq"].steps]


@pytest.fixture(scope="module")
def models():
    return {task: load_all(task) for task in ("dates", "zh_numerals")}


def _looked_at(translator, text: str, row: int) -> str:
    """The input character the decoder attended to most when it wrote output character `row`."""
    return normalise(text)[int(translator.attention(text)[row].argmax())]


def test_step_1_the_day_s_5_is_read_at_the_front(models):
    widgets = STEPS[0]
    translator = models[widgets["seq2seq_task"]]["attention"]
    text = widgets["seq2seq_text"]
    assert translator.translate([text]) == ["2026-12-05"]
    assert int(translator.attention(text)[9].argmax()) == 0 and normalise(text)[0] == "5"


def test_step_2_the_day_s_row_follows_the_5_and_the_month_s_1_reads_the_year(models):
    widgets = STEPS[1]
    translator = models[widgets["seq2seq_task"]]["attention"]
    text = widgets["seq2seq_text"]
    weights = translator.attention(text)
    assert translator.translate([text]) == ["2026-12-05"]
    assert int(weights[9].argmax()) == normalise(text).index("5")  # the 5 after "December "
    assert int(weights[6].argmax()) < len("December")  # the month's 2: the letters of December
    one = int(weights[5].argmax())  # the month's 1: a 2 of the year
    assert text[one] == "2" and one > text.index(",")


def test_step_3_digits_come_from_their_characters_and_zeros_from_ling_and_shi(models):
    widgets = STEPS[2]
    translator = models[widgets["seq2seq_task"]]["attention"]
    text = widgets["seq2seq_text"]
    output = translator.translate([text])[0]
    assert output == "30050"
    looked = [_looked_at(translator, text, row) for row in range(len(output))]
    assert looked[0] == "三" and looked[3] == "五"
    assert all(looked[row] in "零十" for row, digit in enumerate(output) if digit == "0"), looked


def test_step_4_without_attention_the_longest_numeral_goes_wrong(models):
    widgets = STEPS[3]
    variants = models[widgets["seq2seq_task"]]
    text = widgets["seq2seq_text"]
    truth = variants["attention"].rule(text)
    assert len(text) == 15 and variants["attention"].translate([text]) == [truth]
    assert variants["plain"].translate([text]) != [truth]
    curve = variants["attention"].results.variants["plain"].by_length
    assert curve[max(curve)].exact == min(point.exact for point in curve.values() if point.count >= 30)


def test_step_5_teacher_forcing_leads_early_and_both_end_alike(models):
    runs = models[STEPS[4]["seq2seq_task"]]["attention"].results.variants
    forced, free = runs["plain"].history["val_exact"], runs["free_running"].history["val_exact"]
    assert all(forced[k] > free[k] for k in range(3))  # "ahead in the first epochs"
    assert runs["plain"].exact == runs["free_running"].exact  # "the same share"
    for variant in ("plain", "free_running"):
        assert 0 <= runs[variant].characters.gap < 0.001  # "less than a tenth of a point"
