"""What the lessons and quizzes say about the shipped models, they do: every check runs and holds.

Fast: the data is complete (every step has a check, every quiz question is checked or
general), a step's words type no number of their own, and the mechanism can fail.
Slow (they load the models): every step's and every checked question's claims hold on the
shipped models, and every {placeholder} of its words, in both languages, is a fact of it.
"""

from __future__ import annotations

import re

import pytest

from lstm_core.lessons import Check, claims, fill, load_lessons, load_quiz_checks, placeholders, run
from lstm_core.ui import quiz
from lstm_core.string_table import LANGUAGES, TABLE

LESSONS = load_lessons()
QUIZ = load_quiz_checks()
STEPS = [(lesson.id, number, step) for lesson in LESSONS.values() for number, step in enumerate(lesson.steps, 1)]
SLOW_CHECKS = {"gan.text_gradient"}  # TensorFlow: tens of seconds
NUMBER = re.compile(r"(?<![A-Za-z_0-9.])\d+(?:\.\d+)?")
ALWAYS_ALLOWED = {0.0, 1.0}  # "between 0 and 1", "near 1", "c_(t-1)", "norm 1"


def step_words(lesson: str, number: int) -> dict[tuple[str, str], str]:
    return {(part, language): TABLE[f"lesson.step.{lesson}.{number}.{part}"][language]
            for part in ("ask", "explain") for language in LANGUAGES}


def question_words(question: str) -> dict[tuple[str, str], str]:
    page, number = question.split(".")
    return {(key.rsplit(".", 1)[1], language): entry[language] for key, entry in TABLE.items()
            if key.startswith(f"quiz.{page}.{number}.") for language in LANGUAGES}


def _param(item, check: Check | None, label: str):
    slow = check is not None and check.name in SLOW_CHECKS
    return pytest.param(*item, marks=[pytest.mark.slow] if slow else [], id=label)


# ---- the data ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("lesson, number, step", [(l, n, s) for l, n, s in STEPS], ids=[f"{l}.{n}" for l, n, _ in STEPS])
def test_every_step_has_a_check_and_its_arguments_name_the_step_s_widgets(lesson, number, step):
    assert step.check is not None, f"{lesson}.{number} claims nothing about a model? ({step.no_claim})"
    claims.resolve(step.check.args, step.widget_values())  # KeyError for an "@key" the step does not set
    for claim in step.check.expect:
        right = claims.parse(claim)[2]
        if right.startswith("@"):
            assert right[1:] in step.widget_values(), (lesson, number, claim)


@pytest.mark.parametrize("lesson, number, step", [(l, n, s) for l, n, s in STEPS], ids=[f"{l}.{n}" for l, n, _ in STEPS])
def test_a_step_s_words_type_no_number_of_their_own(lesson, number, step):
    """Every number in a step's words is a {placeholder}, a value the step sets (a widget, a check argument), or 0 / 1."""
    given = [v for _, v in step.widgets + (step.check.args if step.check else ())]
    allowed = ALWAYS_ALLOWED | {float(v) for v in given if isinstance(v, (int, float)) and not isinstance(v, bool)}
    for (part, language), text in step_words(lesson, number).items():
        bare = re.sub(r"\{[^{}]*\}", "", text)
        typed = [n for n in NUMBER.findall(bare) if float(n) not in allowed]
        assert typed == [], f"lesson.step.{lesson}.{number}.{part} ({language}) types {typed}: fill them from the check"


def test_every_quiz_question_is_checked_or_says_why_it_needs_no_check():
    asked = {f"{page}.{number}" for page, number in quiz.fields_by_question()}
    assert set(QUIZ.checks) | set(QUIZ.general) == asked
    assert all(reason.strip() for reason in QUIZ.general.values())
    for question in QUIZ.general:  # a general question quotes no fact
        assert not any(placeholders(text) for text in question_words(question).values()), question


def test_a_claim_that_the_model_does_not_bear_out_fails():
    holds = run(Check("why.sigmoid_slope", (("x", 5.0),), ("slope < 0.01", "value > largest_slope")))
    assert holds.holds and holds.facts["slope"] == pytest.approx(0.00665, abs=1e-5)
    wrong = run(Check("why.sigmoid_slope", (("x", 5.0),), ("slope > 0.1", "nothing == 1")))
    assert len(wrong.failed) == 2 and "no fact 'nothing'" in wrong.failed[1]
    widget = run(Check("why.sigmoid_slope", (("x", "@why_x"),), ("value < @limit",)), {"why_x": 0.0, "limit": 0.4})
    assert widget.failed and widget.facts["value"] == 0.5


def test_the_data_cannot_name_what_is_not_a_check():
    with pytest.raises(ValueError, match="not a check"):
        Check.from_data({"check": "why.load_shipped"})
    with pytest.raises(ValueError, match="family"):
        Check.from_data({"check": "os.system"})
    with pytest.raises(ValueError, match="fact op value"):
        Check.from_data({"check": "why.sigmoid_slope", "expect": ["slope is small"]})


def test_placeholders_fill_and_a_missing_fact_shows_an_ellipsis():
    assert placeholders("u{unit} r = {r:+.2f}, {p_at[0]:.0%}") == {"unit", "r", "p_at"}
    assert fill("u{unit} r = {r:+.2f} {p[1]:.0%}", {"unit": 7, "r": -0.99, "p": [0.1, 0.25]}) == "u7 r = -0.99 25%"
    assert fill("u{unit} r = {r:+.2f}", None) == "u… r = …"
    assert fill("no numbers", None) == "no numbers"


# ---- the models -------------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("lesson, number, step",
                         [_param((l, n, s), s.check, f"{l}.{n}") for l, n, s in STEPS])
def test_every_step_s_claims_hold_on_the_shipped_models(lesson, number, step):
    finding = run(step.check, step.widget_values())
    assert finding.holds, f"lesson {lesson} step {number}: {finding.failed}"
    for (part, language), text in step_words(lesson, number).items():
        missing = placeholders(text) - finding.facts.keys()
        assert not missing, f"lesson.step.{lesson}.{number}.{part} ({language}) quotes {missing}, not facts of {step.check.name}"
        text.format(**finding.facts)  # every format spec fits its fact


@pytest.mark.slow
@pytest.mark.parametrize("question, check", [_param((q, c), c, q) for q, c in QUIZ.checks.items()])
def test_every_checked_quiz_answer_holds_on_the_shipped_models(question, check):
    finding = run(check)
    assert finding.holds, f"quiz {question}: {finding.failed}"
    for (field, language), text in question_words(question).items():
        assert placeholders(text) <= finding.facts.keys(), (question, field, language)
        text.format(**finding.facts)
