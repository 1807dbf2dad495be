"""Gates: every gate of every unit at every step, for any text through any model."""

import streamlit as st

from lstm_core import palette
from lstm_core.gates import gate_figures, interpret
from lstm_core.gates.gate_figures import PANELS
from lstm_core.text.inputs import EmptyText, clean
from lstm_core.ui import gates_page as page
from lstm_core.ui import gates_saliency, gates_step
from lstm_core.ui.i18n import colour, literal, reason_of, say, t
from lstm_core.ui.style import chart, input_notices
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

MAX_CHARS = 5_000  # longer pastes are cut before the model's own step limit applies
FIELDS = [p[0] for p in PANELS]
NAMES = {f: t(f"gates.field.{f}") for f in FIELDS} | {
    "time": t("gates.axis.time"), "value": t("gates.axis.value"),
    "shut": t("gates.axis.shut"), "open": t("gates.axis.open"), "unit": t("gates.axis.unit"), "step": t("gates.axis.step"),
    "bar_gate": t("gates.bar.gate"),
    "bar_signed": t("gates.bar.signed", negative=colour(palette.NEGATIVE), middle=colour(palette.WHITE),
                    positive=colour(palette.POSITIVE)),
}

st.title(t("gates.title"))
st.markdown(t("gates.intro"))

titles = page.model_titles()
page.take_query_params(titles)
if st.session_state.get("gates_model") not in titles:
    st.session_state["gates_model"] = next(iter(titles))
    page.reset_text()
key, model = page.open_model(st.session_state["gates_model"], titles)  # a damaged one falls back
if key != st.session_state["gates_model"]:
    st.session_state["gates_model"] = key
    page.reset_text()
st.selectbox(
    t("gates.model"), list(titles), format_func=lambda k: say(titles[k]),
    key="gates_model", on_change=page.reset_text, help=t("gates.model_help"),
)
st.caption(t("gates.no_transformer"))
help_text = t("gates.numbers_help") if model.input_kind == "numbers" else t("gates.text_help")
text = st.text_area(t("gates.text"), key="gates_text", height=100, help=help_text)

try:
    user = clean(text, MAX_CHARS)
    traced = model.trace_text(user.text)
except EmptyText:
    st.warning(t("common.empty_text"))
    st.stop()
except ValueError as error:
    st.error(t("gates.cannot_trace", reason=reason_of(error)))
    st.stop()
input_notices(user)
if traced.steps_before_cut:
    st.info(t("gates.cut_steps", steps=traced.steps_before_cut, limit=model.max_steps))
st.success(t("gates.verdict", summary=say(traced.summary)))
unknown = sorted({lab for lab, unk in zip(traced.labels, traced.unknown) if unk})
if unknown:
    st.caption(t("gates.unknown", tokens=literal(" ".join(repr(u) for u in unknown[:30]))))  # ?text= links reach here

# ---- which layer, which units ---------------------------------------------------------
several_layers = len(traced.layers) > 1
columns = st.columns(4 if several_layers else 3)
layer_index = columns.pop(0).selectbox(
    t("gates.layer"), range(len(traced.layers)), format_func=lambda i: page.layer_title(traced.layers[i].name),
    key=f"gates_layer_{key}", help=t("gates.layer_help"),
) if several_layers else 0
layer = traced.layers[layer_index]
gates = layer.gates
sort_by = columns[0].selectbox(
    t("gates.sort"), interpret.SORT_KEYS, index=1, format_func=lambda s: t(f"gates.sort.{s}"),
    key="gates_sort", help=t("gates.sort_help"),
)
sort_field = columns[1].selectbox(
    t("gates.sort_field"), FIELDS, index=FIELDS.index("cell"), format_func=NAMES.get,
    key="gates_sort_field", help=t("gates.sort_field_help"),
)
top_n = columns[2].slider(
    t("gates.top_n"), 1, gates.units, min(gates.units, 16), key=f"gates_top_{gates.units}", help=t("gates.top_n_help"),
) if gates.units > 1 else 1
if gates.steps > 1:
    first, last = st.slider(
        t("gates.span"), 0, gates.steps - 1, (0, min(gates.steps - 1, 2)),
        key=f"gates_span_{gates.steps}", help=t("gates.span_help"),
    )
    span = (first, last + 1)
else:
    span = (0, 1)
order = [int(u) for u in interpret.unit_order(getattr(gates, sort_field), sort_by, span)]
shown = order[:top_n]

# The tabs rerun the page when another is picked, and only the open one does its work:
# typing a text redraws the heatmaps alone, not five hidden tabs' figures as well.
tabs = st.tabs([t(f"gates.tab.{name}") for name in ("heatmaps", "text", "step", "saturation", "search")] + [t("why.saliency.tab")],
               key="gates_tab", on_change="rerun")
with tabs[0]:
    if tabs[0].open:
        st.caption(t("gates.heatmaps_caption"))
        panels = st.multiselect(
            t("gates.panels"), FIELDS, default=FIELDS, format_func=NAMES.get, key="gates_panels", help=t("gates.panels_help"),
            persist_state="page",
        )
        if panels:
            chart(gate_figures.gate_heatmaps(gates, traced.labels, shown, NAMES, tuple(panels)))

with tabs[1]:
    if tabs[1].open:
        st.caption(t("gates.text_caption", positive=colour(palette.POSITIVE), negative=colour(palette.NEGATIVE)))
        left, right = st.columns(2)
        unit = left.selectbox(t("gates.unit"), order, format_func=lambda u: f"u{u}", key="gates_unit", help=t("gates.unit_help"),
                              persist_state="page")
        color_field = right.selectbox(t("gates.color_field"), FIELDS, index=FIELDS.index("cell"), format_func=NAMES.get,
                                      key="gates_color_field", persist_state="page")
        values = getattr(gates, color_field)[:, unit]
        st.markdown(
            gate_figures.colored_text_html(traced.labels, values, traced.unknown, t("gates.unk_title")),
            unsafe_allow_html=True,  # every label is escaped inside colored_text_html
        )
        chart(gate_figures.unit_lines(gates, traced.labels, unit, NAMES))

with tabs[2]:
    if tabs[2].open:
        gates_step.step_through(layer, traced.labels, order, shown)

with tabs[3]:
    if tabs[3].open:
        st.caption(t("gates.saturation_caption"))
        chart(page.saturation_figure(key, layer_index, NAMES))

with tabs[4]:
    if tabs[4].open:
        page.search_tab(gates, span, key, layer_index, FIELDS, NAMES)

with tabs[5]:
    if tabs[5].open:
        gates_saliency.show(model, traced, key)

st.divider()
st.markdown(f"**{t('common.try_next')}:** {t('gates.try_next' if key == 'brackets' else 'gates.try_next_other')}")
