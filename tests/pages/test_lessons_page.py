"""AppTest: lessons run end to end in both languages, answer hidden first; ?lang= persists; glossary; quizzes."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lstm_core.ui.lessons_page import LESSONS
from lstm_core.string_table import TABLE

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    return "\n".join(element.value for element in at.markdown)


def piece(template: str) -> str:
    """The longest stretch of a string-table text that shows as written (no placeholder, no Markdown)."""
    stretches = re.split(r"\{[^{}]*\}|\*\*|\*|`", template)
    return max(stretches, key=len).strip()


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("lesson", list(LESSONS))
def test_a_lesson_runs_end_to_end(lesson, language):
    """Every step, opened by its deep link: its page, its widgets, its question; the answer only when asked for.

    (A fresh AppTest per step: AppTest reruns a pages/ file alone after the script itself
    switched page, where the browser reruns app.py; the browser test clicks Next for real.)
    """
    steps = LESSONS[lesson].steps
    for index, step in enumerate(steps):
        number = index + 1
        at = open_app(lesson=lesson, step=str(number), lang=language)
        for key, value in step.widgets:
            assert at.session_state[key] == value, (index, key)
        ask, explain = (piece(TABLE[f"lesson.step.{lesson}.{number}.{part}"][language]) for part in ("ask", "explain"))
        assert ask in shown(at), index
        assert explain not in shown(at), f"step {number} opened with its answer shown"
        assert at.button(key="lesson_reveal")
        progress = TABLE["lessons.step_of"][language].format(
            title=TABLE[f"lesson.title.{lesson}"][language], step=number, steps=len(steps))
        assert progress in shown(at)
        assert at.query_params["lesson"] == lesson and at.query_params["step"] == str(number)
        assert at.button(key="lesson_finish" if number == len(steps) else "lesson_next")


def lesson_panel() -> None:
    """The lesson panel alone, on the page the active step names (AppTest runs this script)."""
    from types import SimpleNamespace

    import streamlit as st

    from lstm_core.ui import lessons_page as lessons

    active = st.session_state.get(lessons.ACTIVE)
    if active:
        lessons.panel(SimpleNamespace(url_path=lessons.LESSONS[active["id"]].steps[active["step"]].page))


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("lesson", list(LESSONS))
def test_every_step_opens_hidden_and_reveals_its_filled_answer_after_next_and_back(lesson, language):
    """Predict first, always: each step opens with its answer hidden, after Show, Next and Back alike.

    (The panel alone: in the whole app AppTest reruns a page without app.py after a click on
    it; tests/browser clicks through the whole app.)
    """
    at = AppTest.from_function(lesson_panel, default_timeout=300)
    at.session_state["lang"] = language
    at.session_state["lesson"] = {"id": lesson, "step": 0}
    at.run()
    count = len(LESSONS[lesson].steps)
    for index in range(count):
        number = index + 1
        explain = piece(TABLE[f"lesson.step.{lesson}.{number}.explain"][language])
        assert at.session_state["lesson"] == {"id": lesson, "step": index}
        assert piece(TABLE[f"lesson.step.{lesson}.{number}.ask"][language]) in shown(at)
        assert explain not in shown(at), f"step {number} opened with its answer shown"
        at.button(key="lesson_reveal").click().run()
        assert not at.exception, at.exception
        answer = next(m.value for m in at.markdown if TABLE["lessons.explained"][language] in m.value)
        assert explain in answer and "…" not in answer, f"step {number}: the answer, every fact filled in"
        if index:  # Back, then Forward again: the answer is hidden both times
            at.button(key="lesson_back").click().run()
            assert explain not in shown(at) and "_lesson_revealed" not in at.session_state
            at.button(key="lesson_reveal").click().run()
            at.button(key="lesson_next").click().run()
            assert explain not in shown(at)
            at.button(key="lesson_reveal").click().run()
            at.button(key="lesson_hide").click().run()
            assert explain not in shown(at)
        if number < count:
            at.button(key="lesson_next").click().run()
    assert at.button(key="lesson_finish")


def test_next_and_back_move_between_steps_and_pages():
    at = open_app(lesson="cell", step="1")
    at.button(key="lesson_next").click().run()
    assert not at.exception
    assert at.title[0].value == TABLE["gates.title"]["en"]
    assert at.session_state["gates_text"] == "((((a)(b))))"
    assert piece(TABLE["lesson.step.cell.2.ask"]["en"]) in shown(at)
    assert not at.button(key="lesson_back").disabled
    at = open_app(lesson="cell", step="1")
    assert at.button(key="lesson_back").disabled
    at.button(key="lesson_leave").click().run()
    assert "lesson" not in at.session_state and TABLE["lessons.step_of"]["en"][:7] not in shown(at)


def test_start_from_the_lessons_page_opens_the_first_step():
    at = open_app()
    at.switch_page("pages/lessons.py").run()
    at.selectbox(key="lessons_pick").set_value("temperature").run()
    assert TABLE["lesson.note.temperature"]["en"] in shown(at)
    at.button(key="lessons_start").click().run()
    assert not at.exception
    assert at.session_state["lesson"] == {"id": "temperature", "step": 0}  # app.py then opens it


def test_lang_from_a_link_persists_across_pages():
    at = open_app(lang="zh")
    assert TABLE["home.title"]["zh"] in at.title[0].value
    at.switch_page("pages/glossary.py").run()
    assert not at.exception
    assert at.title[0].value == TABLE["glossary.title"]["zh"]
    at.switch_page("pages/why.py").run()
    assert at.title[0].value == TABLE["why.title"]["zh"]


def test_a_bad_lesson_link_says_so_and_the_page_still_works():
    at = open_app(lesson="nope", step="9")
    assert any("nope" in w.value for w in at.warning)
    assert TABLE["home.title"]["en"] in at.title[0].value


def test_a_quiz_answer_shows_feedback_with_the_reason():
    at = open_app()
    at.radio(key="quiz_home_1").set_value("wrong_1").run()
    assert any(TABLE["quiz.home.1.why"]["en"] in w.value for w in at.warning)
    at.radio(key="quiz_home_1").set_value("right").run()
    assert any(TABLE["quiz.home.1.why"]["en"] in s.value for s in at.success)


def test_glossary_search_finds_a_term_in_either_language():
    at = open_app()
    at.switch_page("pages/glossary.py").run()
    at.text_input(key="glossary_search").input("平均绝对标度").run()
    assert TABLE["glossary.def.mase"]["en"] in shown(at)
    assert TABLE["glossary.def.temperature"]["en"] not in shown(at)
