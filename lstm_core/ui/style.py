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


def _switch_language() -> None:
    """Change the language and reset the pages' plain widget values.

    Streamlit identifies a choice in a radio or select box by its displayed label, so a
    label translated between two runs no longer matches and the widget would come back
    with an invalid value. Widget values on the pages (strings, numbers, lists) are
    therefore dropped and start again from their defaults; models and results kept in
    the session (objects) stay.
    """
    _keep("_lang_widget", "lang")
    plain = (str, int, float, bool, list, tuple, type(None))
    for key in list(st.session_state.keys()):
        if key.startswith(PAGE_PREFIXES) and isinstance(st.session_state[key], plain):
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
