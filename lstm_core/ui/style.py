"""Page chrome shared by every page: the sidebar switches, classroom mode, and how charts are drawn."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd
import streamlit as st

from lstm_core.gates import cell_diagram
from lstm_core.string_table import literal
from lstm_core.text.inputs import UserText
from lstm_core.ui.i18n import LANGUAGES, lang, t

# Text Streamlit would cut with "…" or hide behind a sideways scroll wraps instead: the
# sidebar's page names, widget, metric and button labels (Streamlit's .stMarkdownEllipsis),
# page links, and a row of tabs wider than the page (Streamlit scrolls it sideways, so the
# last tabs are out of sight). Streamlit also sets every Graphviz text to 0.6 rem (about
# 9 px, 12.6 in classroom type), whatever size the diagram was laid out for; the diagrams'
# own size (`cell_diagram.FONT_SIZE`, the GAN diagram's too) is put back.
WRAP_CSS = """
<style>
[data-testid="stSidebarNavLink"] span, [data-testid="stPageLink-NavLink"] span, [data-testid="stPageLink-NavLink"] p,
[data-testid="stWidgetLabel"] *, [data-testid="stMetricLabel"] *, .stMarkdownEllipsis, .stMarkdownEllipsis * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[data-testid="stSidebarNavLink"], [data-testid="stPageLink-NavLink"] { height: auto !important; min-height: 2rem; }
[data-testid="stTabs"] [role="tablist"] { flex-wrap: wrap; overflow-x: visible; }
[data-testid="stGraphVizChart"] svg text { font-size: %dpx !important; }
</style>
""" % cell_diagram.FONT_SIZE

# Classroom mode: large type, and the page's side margins narrowed so charts, formulas and
# tables get the width a projector's 1280 pixels can give.
CLASSROOM_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 21px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.25rem; }
[data-testid="stWidgetLabel"] p { font-size: 1.15rem; }
h1 { font-size: 3rem !important; }
[data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; }
[data-baseweb="input"] input, [data-baseweb="textarea"] textarea, [data-baseweb="select"] > div { font-size: 1rem; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 0.95rem; }
</style>
"""


@dataclass(frozen=True)
class ChartType:
    """The font size (px) of every text a Plotly chart draws (its title is drawn by the page, see `chart`)."""

    text: int  # tick labels, axis titles, legends, annotations, text on the marks, colour bars, hover labels


# Classroom charts are read from the back of a room: nothing under 14 px on a 1280-pixel
# projector (the browser test measures it), and a little more where there is room.
CLASSROOM_CHART = ChartType(text=17)


# Every page's widget keys start with one of these (page-local keys are prefixed), so a
# language switch can find the choices to re-send; a new page adds its prefix here.
PAGE_PREFIXES = (
    "why_", "tokens_", "sentiment_", "forecast_", "generate_", "gates_", "practical_", "generalize_", "gan_", "tagging_", "seq2seq_",
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
    st.markdown(WRAP_CSS, unsafe_allow_html=True)
    if classroom():
        st.markdown(CLASSROOM_CSS, unsafe_allow_html=True)


def classroom() -> bool:
    return bool(st.session_state.get("classroom", False))


def chart_type(fig, sizes: ChartType) -> None:
    """Set the size of every text in `fig`: the one place chart fonts are decided.

    Streamlit's chart theme sets tick, axis-title and legend sizes of its own, which win
    over the layout's font size, so each kind of text is set here explicitly.
    """
    fig.update_layout(font_size=sizes.text, legend_font_size=sizes.text,
                      legend_title_font_size=sizes.text, hoverlabel_font_size=sizes.text)
    for axes in (fig.update_xaxes, fig.update_yaxes):
        axes(tickfont_size=sizes.text, title_font_size=sizes.text)
    fig.update_annotations(font_size=sizes.text)  # subplot titles are annotations too
    colorbar = dict(colorbar_tickfont_size=sizes.text, colorbar_title_font_size=sizes.text)
    for trace in fig.data:
        if "colorbar" in trace:
            trace.update(colorbar)
        if "marker" in trace and "colorbar" in trace.marker and trace.marker.showscale:
            trace.marker.update(colorbar)
        if "textfont" in trace:
            trace.update(textfont_size=sizes.text)
        if trace.type == "bar":
            trace.update(constraintext="none")  # Plotly would shrink a label to fit inside its bar
    if any(trace.type.endswith("3d") for trace in fig.data):  # a 3-D word map
        fig.update_scenes({f"{axis}_{part}_size": sizes.text for axis in ("xaxis", "yaxis", "zaxis")
                           for part in ("tickfont", "title_font")})


def chart(fig, key: str | None = None) -> None:
    """Draw a Plotly figure; in classroom mode every text in it takes `CLASSROOM_CHART`'s sizes.

    A figure's title is drawn above it as text of the page, where it wraps: inside the
    chart, Plotly cuts a long title at the chart's edge (two charts side by side ran into
    each other). It may hold a student's text (a prompt), so it is escaped.
    """
    title = fig.layout.title.text or getattr(fig, "_page_title", None)
    if title:
        st.markdown(f"**{literal(title)}**")
        fig._page_title = title  # a kept figure (`kept_figure`) is drawn again: its title is remembered
        fig.update_layout(title_text=None)
    if classroom():
        chart_type(fig, CLASSROOM_CHART)
    st.plotly_chart(fig, key=key, width="stretch", config={"displaylogo": False})


def kept_figure(name: str, result: tuple | None, build: Callable):
    """The figure `name` of this result, built once: kept in the session with the result,
    the language and classroom mode (`chart` enlarges it for the classroom).

    A rerun that changes something else (another widget, a tab, the text box of another
    part) draws the kept figure instead of building it again. `result` is what the figure
    shows, as comparable values; None builds it every time (a result without such a key).
    """
    if result is None:
        return build()
    whose = (result, lang(), classroom())
    held = st.session_state.get(f"_figure_{name}")
    if held is None or held[0] != whose:
        held = st.session_state[f"_figure_{name}"] = (whose, build())
    return held[1]


def table(frame, key: str | None = None, hide_index: bool = True) -> None:
    """A table that fits the page.

    Normally Streamlit's grid (sortable, scrolls when wide). In classroom mode a plain table
    whose cells wrap, since a projector shows no sideways scroll bar and a grid cannot wrap
    its cells; its text cells are escaped, because st.table reads cells as Markdown.
    """
    if not classroom():
        st.dataframe(frame, hide_index=hide_index, width="stretch", key=key)
        return
    if isinstance(frame, pd.DataFrame):
        frame = frame.map(_cell).rename(columns=lambda c: _cell(str(c)))
    st.table(frame, hide_index=hide_index)


def _cell(value):
    """A table cell as st.table should show it: text escaped, a float as few digits as it has
    (st.table would print 1032.8 as 1,032.8000 and an epoch count as 6.0000)."""
    if isinstance(value, str):
        return literal(value)
    if isinstance(value, float) and not pd.isna(value):
        return f"{value:,.6g}"
    return value


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
