"""The Gates page's step-through: one step's arithmetic, and the Home cell diagram drawn live.

A play toggle turns the step slider into an animation: an auto-running fragment moves
to the next step every `PLAY_SECONDS` and redraws only itself, so the rest of the page
(heatmaps, tabs) does not rerun while the class watches the numbers flow.
"""

from __future__ import annotations

import streamlit as st

from lstm_core.gates import cell_diagram, gate_figures, interpret
from lstm_core.nn.network import LayerTrace
from lstm_core.ui.i18n import lang, literal, t

PLAY_SECONDS = 1.5  # long enough to read a number aloud, short enough to see a pattern
FIELD_KEYS = ("forget_gate", "input_gate", "candidate", "output_gate", "cell", "hidden")


def diagram_labels() -> dict[str, str]:
    """The words of the cell diagram in the session's language."""
    return {key: t(f"gates.field.{key}") for key in FIELD_KEYS} | {
        "input": t("home.diagram.input"), "next": t("home.diagram.next"),
    }


def diagram_font() -> str:
    return "Noto Sans CJK SC, Helvetica" if lang() == "zh" else "Helvetica"


def step_values(detail: interpret.StepDetail, j: int, h_prev: float) -> dict[str, float]:
    """One unit's numbers at one step, as the cell diagram reads them."""
    return {g: float(detail.value[g][j]) for g in "ifgo"} | {
        "c_prev": float(detail.c_prev[j]), "h_prev": h_prev, "c": float(detail.c[j]), "h": float(detail.h[j]),
    }


def step_through(layer: LayerTrace, labels: tuple[str, ...], order: list[int], shown: list[int]) -> None:
    """The step tab: choose units, play or drag through time, read the diagram and the sums."""
    gates = layer.gates
    step_units = st.multiselect(t("gates.step_units"), order, default=list(shown[:2]), format_func=lambda u: f"u{u}",
                                key="gates_step_units", persist_state="page")
    playing = gates.steps > 1 and st.toggle(t("gates.play"), key="gates_play", help=t("gates.play_help"),
                                                  persist_state="page")
    if layer.reverse:
        st.caption(t("gates.backward_note"))
    fragment = st.fragment(_step_view, run_every=PLAY_SECONDS if playing else None)
    fragment(layer, labels, list(step_units), playing)


def _step_view(layer: LayerTrace, labels: tuple[str, ...], units: list[int], playing: bool) -> None:
    gates = layer.gates
    key = f"gates_step_{gates.steps}"
    if playing:  # advance before the slider is drawn, so the slider shows the new step
        st.session_state[key] = (st.session_state.get(key, 0) + 1) % gates.steps
    step = st.slider(t("gates.step"), 0, gates.steps - 1, key=key, help=t("gates.step_help"),
                     persist_state="page") if gates.steps > 1 else 0
    st.caption(t("gates.step_caption", step=step, token=literal(repr(labels[step]))))
    detail = interpret.step_detail(layer, step, units)
    for j, u in enumerate(detail.units):
        h_prev = float(detail.h_prev[j])
        st.markdown(f"**{t('gates.unit')} u{u}**")
        if j == 0:  # the live diagram for the first unit chosen; the sums for every one
            dot = cell_diagram.cell_dot(diagram_labels(), step_values(detail, j, h_prev), diagram_font())
            st.graphviz_chart(dot, width="stretch")
        st.latex(gate_figures.step_latex(detail, j))
