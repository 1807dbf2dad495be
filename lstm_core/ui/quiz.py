"""Quizzes: three to five questions per page, answered in the session only, with the reason.

The questions are data in strings/quiz.toml: `quiz.PAGE.N.question`, `.right`, `.wrong_1`,
`.wrong_2` (`.wrong_3`), `.why`. The options are shown in an order fixed per question (a
seeded shuffle), so the right answer is not always first and never moves between reruns.
A question whose answer states a fact about a shipped model has a check in
assets/lessons/quiz_checks.toml (see `lstm_core.lessons`); its {placeholders} are that
check's facts, computed once per server.
"""

from __future__ import annotations

import re
from functools import lru_cache
import zlib
from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_core.lessons import fill, load_quiz_checks, placeholders, run
from lstm_core.serving.assets import AssetError
from lstm_core.string_table import TABLE
from lstm_core.ui.i18n import t

KEY = re.compile(r"quiz\.([a-z_0-9]+)\.(\d+)\.([a-z_0-9]+)")
CHECKS = load_quiz_checks().checks  # "page.N" -> the check of the model fact its answer states


@dataclass(frozen=True)
class Question:
    """One question: its page, number, and the option fields in display order."""

    page: str
    number: int
    options: tuple[str, ...]  # field names, e.g. ("wrong_2", "right", "wrong_1")

    def key(self, field: str) -> str:
        return f"quiz.{self.page}.{self.number}.{field}"


def fields_by_question() -> dict[tuple[str, int], set[str]]:
    """{(page, number): the fields the string table holds for that question}."""
    found: dict[tuple[str, int], set[str]] = {}
    for key in TABLE:
        if match := KEY.fullmatch(key):
            found.setdefault((match[1], int(match[2])), set()).add(match[3])
    return found


@lru_cache(maxsize=None)  # the string table never changes while the server runs
def questions(page: str) -> tuple[Question, ...]:
    """The page's questions in order, each with its options shuffled by a seed from its key."""
    result = []
    for (owner, number), fields in sorted(fields_by_question().items()):
        if owner != page:
            continue
        options = sorted(f for f in fields if f == "right" or f.startswith("wrong_"))
        rng = np.random.default_rng(zlib.crc32(f"{page}.{number}".encode()))
        result.append(Question(page, number, tuple(options[i] for i in rng.permutation(len(options)))))
    return tuple(result)


@st.cache_data(show_spinner=False, max_entries=64)
def facts(question: str) -> dict | None:
    """The facts of a question's check ("page.N"), once per server; None when they cannot be computed here."""
    try:
        return run(CHECKS[question]).facts
    except (AssetError, OSError, ValueError):
        return None


def words(question: Question, field: str) -> str:
    """One field of a question in the session's language, with its check's facts filled in."""
    template = t(question.key(field))
    if not placeholders(template):
        return template
    return fill(template, facts(f"{question.page}.{question.number}"))


def show(page: str, expanded: bool = False) -> None:
    """The page's quiz in an expander: a radio per question, feedback as soon as one is picked."""
    asked = questions(page)
    if not asked:
        return
    with st.expander(t("quiz.header"), expanded=expanded, icon=":material/task_alt:"):
        right = answered = 0
        for question in asked:
            choice = st.radio(
                f"{question.number}. {words(question, 'question')}", question.options, index=None,
                format_func=lambda field, q=question: words(q, field), key=f"quiz_{page}_{question.number}",
            )
            if choice is None:
                continue
            answered += 1
            why = words(question, "why")
            if choice == "right":
                right += 1
                st.success(t("quiz.correct", why=why))
            else:
                st.warning(t("quiz.incorrect", right=words(question, "right"), why=why))
        if answered:
            st.caption(t("quiz.score", right=right, asked=answered))
