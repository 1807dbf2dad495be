"""Guided lessons: the runner that walks a class through the pages, step by step.

The lessons are data (`lstm_core.lessons`): assets/lessons/lessons.toml says, per step,
which page to open, which of that page's widgets to set (by the session-state keys the page
already uses) and which check computes what the step's words claim; strings/lessons.toml
holds the words, whose {placeholders} the check's facts fill. A step is entered by
Next/Back, by Start on the Lessons page, or by a link `?lesson=ID&step=N&lang=zh`. Entering
a step switches to its page, writes its widget values, and reruns once, so the page draws
with them as if a student had set them. The panel above the page asks for a prediction;
the explanation stays hidden until the class asks for it, on every step, every time.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import streamlit as st

from lstm_core.lessons import Finding, Lesson, fill, load_lessons, placeholders, run
from lstm_core.serving.assets import AssetError
from lstm_core.string_table import LANGUAGES, TABLE
from lstm_core.ui.i18n import lang, literal, t

ACTIVE, APPLY, GOTO, LINK = "lesson", "_lesson_apply", "_lesson_goto", "_lesson_link"
REVEALED = "_lesson_revealed"  # (lesson id, step index) whose explanation the class asked to see
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
    """Enter a step: remember it, then (next run) go to its page and set its widgets. Its answer starts hidden."""
    st.session_state[ACTIVE] = {"id": lesson, "step": index}
    st.session_state[APPLY] = st.session_state[GOTO] = True
    st.session_state.pop(REVEALED, None)


def reveal(lesson: str, index: int, shown: bool = True) -> None:
    """on_click of "Show what happened" (and of "Hide it again"): for this step only."""
    if shown:
        st.session_state[REVEALED] = (lesson, index)
    else:
        st.session_state.pop(REVEALED, None)


def revealed(lesson: str, index: int) -> bool:
    return st.session_state.get(REVEALED) == (lesson, index)


def leave() -> None:
    st.session_state.pop(ACTIVE, None)
    st.session_state.pop(REVEALED, None)
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


def _quotes_facts(lesson: str, index: int) -> bool:
    """Whether any of the step's words, in any language, quote a fact of its check."""
    return any(placeholders(TABLE[f"lesson.step.{lesson}.{index + 1}.{part}"][language])
               for part in ("ask", "explain") for language in LANGUAGES)


@st.cache_data(show_spinner=False, max_entries=64)
def facts(lesson: str, index: int) -> Finding | str:
    """The step's check, run once per server: its finding, or why it could not run (an asset missing)."""
    step = LESSONS[lesson].steps[index]
    try:
        return run(step.check, step.widget_values())
    except (AssetError, OSError, ValueError) as error:
        return str(error)


def words(lesson: str, index: int, part: str) -> str:
    """The step's ask or explain text in the session's language, its placeholders filled from its check."""
    template = t(f"lesson.step.{lesson}.{index + 1}.{part}")
    if not _quotes_facts(lesson, index) or LESSONS[lesson].steps[index].check is None:
        return template
    found = facts(lesson, index)
    if isinstance(found, str):
        st.caption(t("lessons.no_numbers", reason=found))
        return fill(template, None)
    return fill(template, found.facts)


def panel(page) -> None:
    """The lesson box above the page: progress, look-and-predict, then (asked for) the explanation; Back/Next."""
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
        st.markdown(f"**{t('lessons.predict')}:** {words(lesson.id, index, 'ask')}")
        if revealed(lesson.id, index):  # only after the class has predicted, and only for this step
            st.markdown(f"**{t('lessons.explained')}:** {words(lesson.id, index, 'explain')}")
            st.button(t("lessons.hide"), on_click=reveal, args=(lesson.id, index, False), key="lesson_hide",
                      icon=":material/visibility_off:")
        else:
            st.button(t("lessons.reveal"), on_click=reveal, args=(lesson.id, index), key="lesson_reveal",
                      icon=":material/visibility:")
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


def overview() -> None:
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
        st.markdown(f"{index + 1}. {words(chosen, index, 'ask')}  \n`{link(chosen, index, lang())}`")
