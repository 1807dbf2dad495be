"""The lesson plans and the quiz checks, as data: assets/lessons/lessons.toml and quiz_checks.toml.

A lesson is a list of steps; a step opens a page, sets some of its widgets and carries the
check of what its words claim (see `lstm_core.lessons.claims`). A quiz question that states
a fact about a shipped model carries a check the same way; every other question says in
the data why it needs none.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from lstm_core.lessons.claims import Check

FOLDER = Path(__file__).resolve().parents[2] / "assets" / "lessons"
LESSONS_FILE, QUIZ_FILE = FOLDER / "lessons.toml", FOLDER / "quiz_checks.toml"


@dataclass(frozen=True)
class Step:
    page: str  # the url_path of the page this step opens
    widgets: tuple[tuple[str, object], ...]  # (session-state key, value) pairs to set
    check: Check | None  # what the step's words claim about the model on that page
    no_claim: str = ""  # a step without a check says why: it claims nothing about a model

    def widget_values(self) -> dict[str, object]:
        return dict(self.widgets)


@dataclass(frozen=True)
class Lesson:
    id: str
    minutes: int
    steps: tuple[Step, ...]


def _step(item: dict, where: str) -> Step:
    check = Check.from_data(item) if "check" in item else None
    no_claim = str(item.get("no_claim", "")).strip()
    if (check is None) == (not no_claim):
        raise ValueError(f"{where}: a step has either a check or a no_claim reason, not {'both' if check else 'neither'}")
    return Step(item["page"], tuple(item.get("widgets", {}).items()), check, no_claim)


def load_lessons(path: Path = LESSONS_FILE) -> dict[str, Lesson]:
    """Every lesson in the file, in order, by id."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    lessons = {}
    for item in data["lesson"]:
        steps = tuple(_step(step, f"lesson {item['id']} step {n}") for n, step in enumerate(item.get("step", []), 1))
        if not steps:
            raise ValueError(f"lesson {item['id']!r} has no steps")
        lessons[item["id"]] = Lesson(item["id"], int(item["minutes"]), steps)
    return lessons


@dataclass(frozen=True)
class QuizChecks:
    """Per question ("page.N"): the check of the model fact its answer states, or why it states none."""

    checks: dict[str, Check]
    general: dict[str, str]


def load_quiz_checks(path: Path = QUIZ_FILE) -> QuizChecks:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    checks = {item["question"]: Check.from_data(item) for item in data.get("quiz", [])}
    general = {key: str(reason) for key, reason in data.get("general", {}).items()}
    both = sorted(checks.keys() & general.keys())
    if both:
        raise ValueError(f"quiz questions both checked and called general: {both}")
    return QuizChecks(checks, general)
