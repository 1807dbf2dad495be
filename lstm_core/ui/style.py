"""Page chrome shared by every page: the sidebar switches and classroom mode."""

from __future__ import annotations

import streamlit as st

from lstm_core.inputs import UserText
from lstm_core.ui.i18n import LANGUAGES, t

CLASSROOM_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 21px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.25rem; }
[data-testid="stWidgetLabel"] p { font-size: 1.15rem; }
h1 { font-size: 3rem !important; }
</style>
"""


PAGE_PREFIXES = ("tokens_", "sentiment_", "forecast_", "generate_", "gates_")


def _keep(widget_key: str, session_key: str) -> None:
    st.session_state[session_key] = st.session_state[widget_key]


def _is_choice_widget(key: str) -> bool:
    """True if `key` belongs to a widget whose value is matched by its label (radio,
    select box, multiselect, segmented control, select slider).

    Streamlit has no public API for this; its widget metadata keeps the deserializer,
    bound to a serde object that knows the options. Anything unexpected counts as a
    choice widget, which only means its value is reset.
    """
    try:
        from streamlit.runtime.state import get_session_state

        state = get_session_state()._state
        widget_id = state._key_id_mapper.get_id_from_key(key, None)
        if widget_id is None:
            return False  # plain session state, not a widget
        metadata = state._new_widget_state.widget_metadata.get(widget_id)
        return metadata is None or hasattr(getattr(metadata.deserializer, "__self__", None), "options")
    except Exception:  # an internal change in Streamlit: reset rather than break
        return True


def _switch_language() -> None:
    """Change the language and reset the pages' choice widgets.

    Streamlit identifies a choice in a radio or select box by its displayed label, so a
    label translated between two runs no longer matches and the widget would come back
    with an invalid value. Those widgets start again from their defaults; typed text,
    sliders, and models kept in the session stay as they are.
    """
    _keep("_lang_widget", "lang")
    for key in list(st.session_state.keys()):
        if key.startswith(PAGE_PREFIXES) and _is_choice_widget(key):
            del st.session_state[key]


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
