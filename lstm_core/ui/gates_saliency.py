"""The Gates page's saliency view: pick an output, shade the earlier inputs by ||d output / d x_t||."""

from __future__ import annotations

import streamlit as st

from lstm_core.gates import gate_figures
from lstm_core.nn.trace import ModelTrace, Traceable
from lstm_core.ui.i18n import literal, reason_of, t
from lstm_core.ui.style import chart
from lstm_core.why import why_figures as figures
from lstm_core.gates.saliency import saliency
from lstm_core.nn.network import network_of


def show(model: Traceable, traced: ModelTrace, key: str) -> None:
    """Draw the saliency of one output of `traced` (computed with the NumPy backward pass)."""
    st.caption(t("why.saliency.caption"))
    try:
        network = network_of(model)
    except ValueError as error:
        st.info(t("why.saliency.unavailable", reason=reason_of(error)))
        return
    steps = traced.steps
    step = steps - 1
    if network.spec.per_step_output and steps > 1:
        step = st.slider(t("why.saliency.step"), 0, steps - 1, steps - 1, key=f"gates_saliency_step_{key}_{steps}",
                         help=t("why.saliency.step_help"), persist_state="page")
    result = saliency(network, traced.layers, step)
    if result.target is None:
        st.write(t("why.saliency.output_mean"))
    else:
        st.write(t("why.saliency.output", target=result.target, step=result.step, token=literal(repr(traced.labels[result.step]))))
    st.markdown(
        gate_figures.colored_text_html(traced.labels, result.scores, traced.unknown, t("gates.unk_title")),
        unsafe_allow_html=True,  # labels are escaped inside colored_text_html
    )
    chart(figures.saliency_bars(traced.labels, result.scores, result.step,
                                {"time": t("gates.axis.time"), "saliency": t("why.axis.saliency")}), key="gates_saliency_bars")
    st.caption(t("why.saliency.note"))
