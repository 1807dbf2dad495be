"""Quizzes: three to five questions per page, answered in the session only, with the reason.

The questions are data in strings/quiz.toml: `quiz.PAGE.N.question`, `.right`, `.wrong_1`,
`.wrong_2` (`.wrong_3`), `.why`. The options are shown in an order fixed per question (a
seeded shuffle), so the right answer is not always first and never moves between reruns.
"""

from __future__ import annotations

from functools import lru_cache

import re
import zlib
from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_core.string_table import TABLE
from lstm_core.ui.i18n import t

KEY = re.compile(r"quiz\.([a-z_]+)\.(\d+)\.([a-z_0-9]+)")


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


def show(page: str, expanded: bool = False) -> None:
    """The page's quiz in an expander: a radio per question, feedback as soon as one is picked."""
    asked = questions(page)
    if not asked:
        return
    with st.expander(t("quiz.header"), expanded=expanded, icon=":material/task_alt:"):
        right = answered = 0
        for question in asked:
            choice = st.radio(
                f"{question.number}. {t(question.key('question'))}", question.options, index=None,
                format_func=lambda field, q=question: t(q.key(field)), key=f"quiz_{page}_{question.number}",
            )
            if choice is None:
                continue
            answered += 1
            why = t(question.key("why"))
            if choice == "right":
                right += 1
                st.success(t("quiz.correct", why=why))
            else:
                st.warning(t("quiz.incorrect", right=t(question.key("right")), why=why))
        if answered:
            st.caption(t("quiz.score", right=right, asked=answered))
