"""The two translation tasks and the rules that write their data.

Both are exact: every input has one right answer, written by a rule, so every answer a
model gives can be checked.

- `zh_numerals`: a Chinese numeral as `cn2an.an2cn(n)` writes it -> the digits of n,
  0 <= n < 10^8 (一千零五 -> 1005, 三万零五十 -> 30050, 二千万一千 -> 20001000).
- `dates`: a day from 1900-01-01 to 2099-12-31 in one of six forms -> ISO yyyy-mm-dd
  (`5 December 2026`, `December 5, 2026`, `Dec 5, 2026`, `5 Dec 2026`, `2026年12月5日`,
  `二〇二六年十二月五日`). The forms put the day before or after the month, so the
  output's order differs from the input's: what attention has to learn to align.

`Task.rule(text)` is the right answer for a text a user typed (or a `UserError` saying
why the text is not one the task covers); `Task.draw(rng)` draws one example.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

import cn2an
import numpy as np

from lstm_core.message import Message, Quoted, UserError

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
YEAR_DIGITS = "〇一二三四五六七八九"  # a year written digit by digit: 2026 -> 二〇二六
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)
MAX_NUMBER = 10**8  # numerals stop below 一亿
DATE_FORMS = ("day_month_year", "month_day_year", "abbr_day_year", "day_abbr_year", "zh_digits", "zh_numerals")


def zh_year(year: int) -> str:
    """2026 -> 二〇二六."""
    return "".join(YEAR_DIGITS[int(d)] for d in f"{year:04d}")


def write_date(day: datetime.date, form: str) -> str:
    """One day in one of `DATE_FORMS`."""
    month = MONTHS[day.month - 1]
    return {
        "day_month_year": f"{day.day} {month} {day.year}",
        "month_day_year": f"{month} {day.day}, {day.year}",
        "abbr_day_year": f"{month[:3]} {day.day}, {day.year}",
        "day_abbr_year": f"{day.day} {month[:3]} {day.year}",
        "zh_digits": f"{day.year}年{day.month}月{day.day}日",
        "zh_numerals": f"{zh_year(day.year)}年{cn2an.an2cn(day.month)}月{cn2an.an2cn(day.day)}日",
    }[form]


def normalise(text: str) -> str:
    """What a model reads of a typed text: full-width forms folded (NFKC), spaces collapsed, words capitalised.

    `December`, `december` and `DECEMBER` all become the training form `December`;
    `２０２６年` becomes `2026年`. Chinese characters are left as they are.
    """
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    return re.sub(r"[A-Za-z]+", lambda word: word.group().capitalize(), text)


# ---- reading a typed text back with the rule (the "truth" a page checks a model against) --------------
_MONTH_BY_NAME = {name: k + 1 for k, name in enumerate(MONTHS)} | {name[:3]: k + 1 for k, name in enumerate(MONTHS)}
_DAY_MONTH = re.compile(r"(\d{1,2}) ([A-Z][a-z]+),? (\d{1,4})")
_MONTH_DAY = re.compile(r"([A-Z][a-z]+) (\d{1,2}),? (\d{1,4})")
_ZH_DIGITS = re.compile(r"(\d{1,4})年(\d{1,2})月(\d{1,2})日")
_ZH_NUMERALS = re.compile(rf"([{YEAR_DIGITS}]{{4}})年([一二三四五六七八九十]+)月([一二三四五六七八九十]+)日")


def _not_a_date(text: str) -> UserError:
    examples = "5 December 2026, Dec 5, 2026, 2026年12月5日"
    return UserError(f"{text!r} is not a date in one of the six forms (such as {examples})",
                     Message("error.seq2seq.not_a_date", {"text": Quoted(text), "examples": examples}))


def _date_parts(text: str) -> tuple[int, int, int]:
    """(year, month, day) as written, before any check of the calendar or the range."""
    for pattern, order in ((_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy"), (_ZH_DIGITS, "ymd")):
        match = pattern.fullmatch(text)
        if match:
            parts = dict(zip(order, match.groups()))
            if order == "ymd":
                return int(parts["y"]), int(parts["m"]), int(parts["d"])
            if parts["m"] not in _MONTH_BY_NAME:
                raise _not_a_date(text)
            return int(parts["y"]), _MONTH_BY_NAME[parts["m"]], int(parts["d"])
    match = _ZH_NUMERALS.fullmatch(text)
    if match:
        year = int("".join(str(YEAR_DIGITS.index(c)) for c in match.group(1)))
        try:
            month, day = (int(cn2an.cn2an(part, "strict")) for part in match.group(2, 3))
        except ValueError as error:
            raise _not_a_date(text) from error
        return year, month, day
    raise _not_a_date(text)


def date_rule(text: str) -> str:
    """The ISO date a text names; `UserError` if it names none, or a day outside 1900-2099."""
    year, month, day = _date_parts(text)
    try:
        date = datetime.date(year, month, day)
    except ValueError as error:
        raise _not_a_date(text) from error
    if not FIRST_DAY <= date <= LAST_DAY:
        raise UserError(f"{date.isoformat()} is outside the days the model learned (1900-01-01 to 2099-12-31)",
                        Message("error.seq2seq.date_range", {"date": date.isoformat()}))
    return date.isoformat()


def numeral_rule(text: str) -> str:
    """The digits of a Chinese numeral written as cn2an writes it; `UserError` for any other text."""
    try:
        number = int(cn2an.cn2an(text, "strict"))
    except ValueError:
        number = -1
    if not 0 <= number < MAX_NUMBER or cn2an.an2cn(number) != text:
        raise UserError(f"{text!r} is not a Chinese numeral below 一亿 written the way cn2an writes it (e.g. 一千零五)",
                        Message("error.seq2seq.not_a_numeral", {"text": Quoted(text)}))
    return str(number)


# ---- drawing examples ---------------------------------------------------------------------------------
def draw_number(rng: np.random.Generator) -> int:
    """A number whose digit count is uniform over 1..8; half of them with many zeros inside.

    Uniform n below 10^8 would be 90% eight-digit numbers; the numerals the rules of 零
    are about (一千零五, 二千万一千) come from numbers with zeros inside, so half the
    draws set each digit after the first to 0 with probability 1/2.
    """
    digits = int(rng.integers(1, 9))
    if digits == 1:
        return int(rng.integers(0, 10))
    number = int(rng.integers(10 ** (digits - 1), 10**digits))
    if rng.random() < 0.5:
        text = str(number)
        text = text[0] + "".join("0" if rng.random() < 0.5 else d for d in text[1:])
        number = int(text)
    return number


def draw_numeral(rng: np.random.Generator) -> tuple[str, str]:
    number = draw_number(rng)
    return cn2an.an2cn(number), str(number)


def draw_date(rng: np.random.Generator) -> tuple[str, str]:
    """A day uniform over 1900-2099, in a form uniform over the six."""
    day = FIRST_DAY + datetime.timedelta(days=int(rng.integers(0, (LAST_DAY - FIRST_DAY).days + 1)))
    return write_date(day, DATE_FORMS[int(rng.integers(0, len(DATE_FORMS)))]), day.isoformat()


def _date_alphabet() -> str:
    chars = set("0123456789 ,年月日" + YEAR_DIGITS + "".join(MONTHS))
    chars |= set("".join(cn2an.an2cn(n) for n in range(1, 32)))
    return "".join(sorted(chars))


@dataclass(frozen=True)
class Task:
    """One translation task: its alphabets, its longest texts, its rule and its generator."""

    name: str
    source_alphabet: str  # every character an input may hold (after `normalise`)
    target_alphabet: str  # every character an output may hold
    max_source: int  # the longest input the rule writes
    max_target: int  # the longest output (without the end mark)
    examples: tuple[str, ...]  # what the page offers, the first shown first
    rule: Callable[[str], str]  # input -> the right output, or UserError
    draw: Callable[[np.random.Generator], tuple[str, str]]  # rng -> (input, output)
    distribution: str  # how `draw` samples, in words (for the model card)

    @property
    def example(self) -> str:
        return self.examples[0]


TASKS: dict[str, Task] = {
    "zh_numerals": Task(
        "zh_numerals", "".join(sorted(set("零一二三四五六七八九十百千万"))), "0123456789", 15, 8,
        ("三万零五十", "一千零五", "二千万一千", "九千九百九十九万九千九百九十九", "十", "五五"),
        numeral_rule, draw_numeral,
        "digit count uniform over 1..8, the number uniform among numbers of that many digits; "
        "for half the draws each digit after the first is then set to 0 with probability 1/2",
    ),
    "dates": Task(
        "dates", _date_alphabet(), "0123456789-", 18, 10,
        ("5 December 2026", "December 5, 2026", "Dec 5, 2026", "5 Dec 2026", "2026年12月5日", "二〇二六年十二月五日",
         "31 February 2026", "5 December 2150"),
        date_rule, draw_date,
        "day uniform over 1900-01-01..2099-12-31, form uniform over the six",
    ),
}


def task(name: str) -> Task:
    """The task called `name`; UserError for any other name."""
    if name not in TASKS:
        raise UserError(f"no translation task {name!r}; choose from {', '.join(TASKS)}",
                        Message("error.seq2seq.unknown_task", {"name": name, "names": ", ".join(TASKS)}))
    return TASKS[name]
