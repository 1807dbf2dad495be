"""The tasks' rules and draws: exact expected outputs, refusals, disjoint seeded splits."""

from __future__ import annotations

import datetime

import numpy as np
import pytest

from lstm_core.message import UserError
from lstm_core.seq2seq.data import END, PAD, START, codec_for, draw_splits, training_arrays
from lstm_core.seq2seq.tasks import (DATE_FORMS, TASKS, date_rule, draw_number, normalise, numeral_rule, write_date,
                                     zh_year)

NUMERALS = TASKS["zh_numerals"]
DATES = TASKS["dates"]


@pytest.mark.parametrize("text,digits", [
    ("一千零五", "1005"), ("三万零五十", "30050"), ("二千万一千", "20001000"), ("零", "0"), ("十", "10"),
    ("十五", "15"), ("一百一十", "110"), ("十万零一十", "100010"), ("九千九百九十九万九千九百九十九", "99999999"),
])
def test_numeral_rule_gives_the_digits(text, digits):
    assert numeral_rule(text) == digits


@pytest.mark.parametrize("text", ["五五", "一十五", "十十", "一万零零五", "一亿", "两千", "abc"])
def test_numeral_rule_refuses_what_cn2an_would_not_write(text):
    with pytest.raises(UserError) as caught:
        numeral_rule(text)
    assert caught.value.message.key == "error.seq2seq.not_a_numeral"


def test_the_six_date_forms_are_written_exactly_as_the_issue_says():
    day = datetime.date(2026, 12, 5)
    assert [write_date(day, form) for form in DATE_FORMS] == [
        "5 December 2026", "December 5, 2026", "Dec 5, 2026", "5 Dec 2026", "2026年12月5日", "二〇二六年十二月五日"]
    assert all(date_rule(write_date(day, form)) == "2026-12-05" for form in DATE_FORMS)
    assert zh_year(1900) == "一九〇〇" and write_date(datetime.date(1999, 10, 31), "zh_numerals") == "一九九九年十月三十一日"


@pytest.mark.parametrize("text,key", [
    ("5 December 2150", "error.seq2seq.date_range"), ("1899年12月31日", "error.seq2seq.date_range"),
    ("31 February 2026", "error.seq2seq.not_a_date"), ("5 Decembre 2026", "error.seq2seq.not_a_date"),
    ("2026-12-05", "error.seq2seq.not_a_date"), ("二〇二六年十三月五日", "error.seq2seq.not_a_date"),
])
def test_date_rule_says_why_it_has_no_answer(text, key):
    with pytest.raises(UserError) as caught:
        date_rule(text)
    assert caught.value.message.key == key


def test_normalise_folds_case_spaces_and_full_width_forms():
    assert normalise("  5   DECEMBER\t2026 ") == "5 December 2026"
    assert normalise("dec 5 ,2026") == "Dec 5 ,2026"
    assert normalise("２０２６年１２月５日") == "2026年12月5日"
    assert normalise("三万零五十") == "三万零五十"


def test_every_drawn_input_fits_its_task_and_the_rule_gives_its_output():
    rng = np.random.default_rng(3)
    for task in TASKS.values():
        for _ in range(300):
            source, target = task.draw(rng)
            assert len(source) <= task.max_source and len(target) <= task.max_target
            assert set(source) <= set(task.source_alphabet) and set(target) <= set(task.target_alphabet)
            assert task.rule(source) == target


def test_numbers_cover_every_digit_count_and_zeros_inside():
    rng = np.random.default_rng(0)
    numbers = [draw_number(rng) for _ in range(4000)]
    counts = np.bincount([len(str(n)) for n in numbers], minlength=9)[1:]
    assert counts.min() > 350  # about 500 each: the digit count is uniform over 1..8
    assert sum("0" in str(n)[1:] for n in numbers if n >= 1000) > 0.4 * sum(n >= 1000 for n in numbers)


def test_splits_are_seeded_sized_and_disjoint():
    first, again = draw_splits(NUMERALS, 3000, 300, 600, seed=5), draw_splits(NUMERALS, 3000, 300, 600, seed=5)
    assert first == again
    assert (len(first.train), len(first.validation), len(first.test)) == (3000, 300, 600)
    parts = [set(first.train.sources), set(first.validation.sources), set(first.test.sources)]
    assert sum(map(len, parts)) == len(set.union(*parts)) == 3900  # no input twice, within or across splits
    assert draw_splits(NUMERALS, 3000, 300, 600, seed=6).test != first.test


def test_codec_encodes_targets_with_start_and_end_marks():
    codec = codec_for(DATES)
    x, y = training_arrays(codec, draw_splits(DATES, 5, 1, 1, seed=0).train, DATES.max_source, DATES.max_target)
    assert x.shape == (5, DATES.max_source + DATES.max_target + 1) and y.shape == (5, DATES.max_target + 1)
    decoder_in = x[:, DATES.max_source:]
    assert (decoder_in[:, 0] == START).all() and (y[:, -1] == END).all()
    np.testing.assert_array_equal(decoder_in[:, 1:], y[:, :-1])
    assert codec.target_text(y[0]) == draw_splits(DATES, 5, 1, 1, seed=0).train.targets[0]
    numerals = codec_for(NUMERALS)
    _, short = numerals.targets(["7"], NUMERALS.max_target)
    assert short[0].tolist()[:3] == [numerals.target_alphabet.index("7") + 3, END, PAD]
