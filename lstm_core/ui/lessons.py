"""Guided lessons: the runner that walks a class through the pages, step by step.

The lessons are data: assets/lessons/lessons.toml says, per step, which page to open and
which of that page's widgets to set (by the session-state keys the page already uses);
strings/lessons.toml holds the words. A step is entered by Next/Back, by Start on the
Lessons page, or by a link `?lesson=ID&step=N&lang=zh`. Entering a step switches to its
page, writes its widget values, and reruns once, so the page draws with them as if a
student had set them. The panel above the page asks for a prediction, then explains.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from lstm_core.ui.i18n import lang, literal, t

DATA = Path(__file__).resolve().parents[2] / "assets" / "lessons" / "lessons.toml"
ACTIVE, APPLY, GOTO, LINK = "lesson", "_lesson_apply", "_lesson_goto", "_lesson_link"


@dataclass(frozen=True)
class Step:
    page: str  # the url_path of the page this step opens
    widgets: tuple[tuple[str, object], ...]  # (session-state key, value) pairs to set


@dataclass(frozen=True)
class Lesson:
    id: str
    minutes: int
    steps: tuple[Step, ...]


def load_lessons(path: Path = DATA) -> dict[str, Lesson]:
    """Every lesson in the file, in order, by id."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    lessons = {}
    for item in data["lesson"]:
        steps = tuple(Step(s["page"], tuple(s.get("widgets", {}).items())) for s in item["steps"])
        if not steps:
            raise ValueError(f"lesson {item['id']!r} has no steps")
        lessons[item["id"]] = Lesson(item["id"], int(item["minutes"]), steps)
    return lessons


LESSONS = load_lessons()


STEP = re.compile(r"[0-9]{1,4}")  # ASCII digits only: "²".isdigit() is True, int("²") raises


def parse_link(params) -> tuple[str, int] | None:
    """(lesson id, step index from 0) from query parameters ?lesson=ID&step=N, or None if invalid."""
    lesson, step = params.get("lesson"), params.get("step", "1")
    if lesson not in LESSONS or not STEP.fullmatch(str(step)):
        return None
    index = int(step) - 1
    return (lesson, index) if 0 <= index < len(LESSONS[lesson].steps) else None


def link(lesson: str, index: int, language: str) -> str:
    """The query string of one step, for a slide: ?lesson=ID&step=N&lang=xx."""
    return "?" + urlencode({"lesson": lesson, "step": index + 1, "lang": language})


def start(lesson: str, index: int = 0) -> None:
    """Enter a step: remember it, then (next run) go to its page and set its widgets."""
    st.session_state[ACTIVE] = {"id": lesson, "step": index}
    st.session_state[APPLY] = st.session_state[GOTO] = True


def leave() -> None:
    st.session_state.pop(ACTIVE, None)
    for key in ("lesson", "step"):
        st.query_params.pop(key, None)


def take_link() -> None:
    """A link ?lesson=…&step=… starts that step, once per link (Next/Back change it later)."""
    seen = (st.query_params.get("lesson"), st.query_params.get("step"))
    if seen[0] is None or seen == st.session_state.get(LINK):
        return
    st.session_state[LINK] = seen
    parsed = parse_link(st.query_params)
    if parsed is None:
        # A link is written by anyone: its values are shown literally, never as Markdown.
        st.warning(t("lessons.unknown", lesson=literal(str(seen[0])[:60]), step=literal(str(seen[1] or 1)[:12])))
        return
    start(*parsed)


def current() -> tuple[Lesson, int] | None:
    active = st.session_state.get(ACTIVE)
    if not active or active["id"] not in LESSONS:
        return None
    return LESSONS[active["id"]], active["step"]


def page_name(page) -> str:
    """A page's url_path as app.py registers it; the default page (Home) reports "" for it."""
    return page.url_path or "home"


def enter_step(page, pages: dict) -> None:
    """Go to the active step's page and set its widgets; called by app.py before the page runs.

    pages: every registered page by its name (see `page_name`).
    """
    now = current()
    if now is None:
        return
    lesson, index = now
    step = lesson.steps[index]
    if st.session_state.pop(GOTO, False) and step.page != page_name(page):
        st.switch_page(pages[step.page])
    if st.session_state.get(APPLY) and step.page == page_name(page):
        del st.session_state[APPLY]
        for key, value in step.widgets:
            st.session_state[key] = value
        st.rerun()  # widgets read their new values on a fresh run, without a duplicate-value warning
    st.query_params.update(lesson=lesson.id, step=str(index + 1))
    st.session_state[LINK] = (lesson.id, str(index + 1))


def panel(page) -> None:
    """The lesson box above the page: progress, look-and-predict, the explanation, Back/Next."""
    now = current()
    if now is None:
        return
    lesson, index = now
    if lesson.steps[index].page != page_name(page):
        return
    count = len(lesson.steps)
    with st.container(border=True):
        st.markdown(f"**{t('lessons.step_of', title=t(f'lesson.title.{lesson.id}'), step=index + 1, steps=count)}**")
        st.progress((index + 1) / count)
        st.markdown(f"**{t('lessons.predict')}:** {t(f'lesson.step.{lesson.id}.{index + 1}.ask')}")
        with st.expander(t("lessons.reveal")):  # closed: the class predicts first
            st.markdown(t(f"lesson.step.{lesson.id}.{index + 1}.explain"))
        back, forward, out = st.columns(3)
        back.button(t("lessons.back"), disabled=index == 0, on_click=start, args=(lesson.id, index - 1), key="lesson_back",
                    width="stretch")
        if index + 1 < count:
            forward.button(t("lessons.next"), on_click=start, args=(lesson.id, index + 1), key="lesson_next",
                           type="primary", width="stretch")
        else:
            forward.button(t("lessons.finish"), on_click=leave, key="lesson_finish", type="primary", width="stretch")
        out.button(t("lessons.leave"), on_click=leave, key="lesson_leave", width="stretch")
        st.caption(t("lessons.link") + f" `{link(lesson.id, index, lang())}`")


def lessons_page() -> None:
    """The Lessons page: pick a lesson, read its outline and teacher's note, start it."""
    st.title(t("lessons.title"))
    st.markdown(t("lessons.intro"))
    chosen = st.selectbox(t("lessons.pick"), list(LESSONS), format_func=lambda key: t(f"lesson.title.{key}"),
                          key="lessons_pick", help=t("lessons.pick_help"))
    lesson = LESSONS[chosen]
    st.caption(t("lessons.minutes", minutes=lesson.minutes, steps=len(lesson.steps)))
    st.button(t("lessons.start"), on_click=start, args=(chosen, 0), key="lessons_start", type="primary")
    st.subheader(t("lessons.note"))
    st.markdown(t(f"lesson.note.{chosen}"))
    st.subheader(t("lessons.outline"))
    for index in range(len(lesson.steps)):
        st.markdown(f"{index + 1}. {t(f'lesson.step.{chosen}.{index + 1}.ask')}  \n`{link(chosen, index, lang())}`")
