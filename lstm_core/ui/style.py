"""Page chrome shared by every page: the sidebar switches and classroom mode."""

from __future__ import annotations

import streamlit as st

from lstm_core.text.inputs import UserText
from lstm_core.ui.i18n import LANGUAGES, t

CLASSROOM_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 21px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.25rem; }
[data-testid="stWidgetLabel"] p { font-size: 1.15rem; }
h1 { font-size: 3rem !important; }
</style>
"""


# Every page's widget keys start with one of these (page-local keys are prefixed), so a
# language switch can find the choices to re-send; a new page adds its prefix here.
PAGE_PREFIXES = (
    "why_", "tokens_", "sentiment_", "forecast_", "generate_", "gates_", "practical_", "generalize_", "gan_",
    "lesson_", "lessons_", "quiz_", "glossary_",
)


def _keep(widget_key: str, session_key: str) -> None:
    st.session_state[session_key] = st.session_state[widget_key]


def _choice_options(key: str) -> list | None:
    """The options of the radio / select widget behind `key`, or None for any other key.

    Streamlit has no public API for this; its widget metadata keeps the deserializer,
    bound to a serde object that holds the options. If that ever changes, every page
    widget is treated as a choice with no known options, which only resets it.
    """
    try:
        from streamlit.runtime.state import get_session_state

        state = get_session_state()._state
        widget_id = state._key_id_mapper.get_id_from_key(key, None)
        if widget_id is None:
            return None  # plain session state, not a widget
        metadata = state._new_widget_state.widget_metadata.get(widget_id)
        serde = getattr(getattr(metadata, "deserializer", None), "__self__", None)
        if metadata is not None and not hasattr(serde, "options"):
            return None  # text, slider, number, toggle: values do not depend on labels
        return list(getattr(serde, "options", []))
    except Exception:  # an internal change in Streamlit: reset rather than break
        return []


def _switch_language() -> None:
    """Change the language and re-send the pages' radio and select choices.

    Streamlit identifies a choice by its displayed label, and the browser keeps showing
    the old label after a translation. Writing each choice back through session state
    makes Streamlit send it again under its new label; a choice that is no longer valid
    is dropped so its widget starts from its default. Typed text and sliders stay.
    """
    _keep("_lang_widget", "lang")
    for key in list(st.session_state.keys()):
        if not key.startswith(PAGE_PREFIXES):
            continue
        options = _choice_options(key)
        if options is None:
            continue
        value = st.session_state[key]
        chosen = value if isinstance(value, list) else [value]
        if options and all(v in options for v in chosen):
            st.session_state[key] = value
        else:
            del st.session_state[key]


def take_link_choices() -> None:
    """?lang=zh|en and ?classroom=1|0 in a link set the session's choices, once per link.

    The choice then lives in session state, so it persists while moving between pages
    (which drops the query string); the sidebar switches change it again as usual.
    """
    seen = (st.query_params.get("lang"), st.query_params.get("classroom"))
    if seen == st.session_state.get("_link_choices"):
        return
    st.session_state["_link_choices"] = seen
    if seen[0] in LANGUAGES:
        st.session_state["lang"] = seen[0]
    if seen[1] in ("0", "1"):
        st.session_state["classroom"] = seen[1] == "1"


def sidebar_switches() -> None:
    """Language and classroom toggles; drawn once per run by app.py, so on every page.

    The choices live in plain session keys ("lang", "classroom"), copied there by the
    widgets' callbacks: with a pages/ folder beside app.py, Streamlit drops the state of
    widgets drawn by the entry script on rerun, and would flip the choice straight back.
    """
    lang = st.session_state.setdefault("lang", "en")
    options = list(LANGUAGES)
    st.sidebar.radio(
        "Language · 语言", options, index=options.index(lang), format_func=LANGUAGES.get, horizontal=True,
        key="_lang_widget", on_change=_switch_language,
    )
    st.sidebar.toggle(
        t("common.classroom"), value=classroom(), help=t("common.classroom_help"),
        key="_classroom_widget", on_change=_keep, args=("_classroom_widget", "classroom"),
    )
    if classroom():
        st.markdown(CLASSROOM_CSS, unsafe_allow_html=True)


def classroom() -> bool:
    return bool(st.session_state.get("classroom", False))


def chart(fig, key: str | None = None) -> None:
    """Draw a Plotly figure, with larger type in classroom mode."""
    if classroom():
        fig.update_layout(font_size=20, title_font_size=24, hoverlabel_font_size=20)
    st.plotly_chart(fig, key=key, width="stretch", config={"displaylogo": False})


def input_notices(user: UserText) -> None:
    """Say what cleaning did to the user's text: cut to a limit, control characters dropped."""
    if user.was_cut:
        st.info(t("common.cut_notice", length=user.original_length, limit=user.limit))
    if user.controls_removed:
        st.info(t("common.controls_removed", count=user.controls_removed))


def limited_slider(column, label: str, limits: tuple, value, key: str, help: str):
    """A slider over one entry of a config's LIMITS, (low, high[, step]), starting at the config's default."""
    low, high, *step = limits
    return column.slider(label, low, high, value, *step, key=key, help=help)
