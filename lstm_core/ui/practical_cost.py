"""The "Cost" tab of the page "Making LSTMs practical": what a model costs, and pruning,
quantization and distributed training applied to the shipped models.

Every slider reads precomputed curves (assets/compression.json); the few things computed
live (a quantized copy, a histogram, a traced text) are cached per model and setting.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from lstm_core.compress import curves as stored
from lstm_core.compress import compress_figures as figures, largest_gate_change, network_of, quantized
from lstm_core.compress.cost import layer_costs, recurrent_parameters
from lstm_core.compress.heldout import load_shipped
from lstm_core.serving import catalogue
from lstm_core.message import Message
from lstm_core.serving import assets
from lstm_core.nn.network import NetworkSpec
from lstm_core.text.inputs import EmptyText, clean
from lstm_core.ui import loaders
from lstm_core.ui import session_models
from lstm_core.ui.i18n import long_text, reason_of, say, t

from lstm_core.ui.style import chart, table

MAX_CHARS = 2_000  # the gate comparison traces the text twice

@st.cache_data(show_spinner=False)
def curves() -> dict:
    return stored.read()

def shipped(key: str):
    """A shipped model by key: the Gates page's cached copy, so one server holds one."""
    if any(entry.key == key for entry in catalogue.SHIPPED):
        return loaders.traceable(key)
    return _unlisted(key)

@st.cache_resource(show_spinner=False)
def _unlisted(key: str):
    """A shipped model the Gates page does not list (the noisy-line forecaster)."""
    return load_shipped(key)

@st.cache_resource(show_spinner=False, max_entries=8)  # a quantized character model is 10 MB
def quantized_model(key: str, bits: int):
    return quantized(shipped(key), bits)

@st.cache_data(show_spinner=False)
def spec_of(key: str) -> NetworkSpec:
    return assets.read_card(key).architecture

def title_of(key: str) -> str:
    entry = next((e for e in catalogue.SHIPPED if e.key == key), None)
    return say(entry.title if entry else shipped(key).title)

def metric_label(metric: str) -> str:
    return t(f"practical.metric.{metric}")

def shown(metric: str, value: float) -> str:
    return f"{100 * value:.1f}%" if metric == "accuracy" else f"{value:.3f}"

def change_text(metric: str, change: float) -> str:
    """A change of the metric: percentage points for accuracy, the metric's own unit otherwise."""
    return t("practical.points", change=100 * change) if metric == "accuracy" else f"{change:+.3f}"


def metric_box(column, model: dict, point: dict) -> None:
    """The metric at one point, with its change from the full float32 model (and macro-F1 beside accuracy)."""
    change = point["metric"] - model["float32_metric"]
    column.metric(metric_label(model["metric"]), shown(model["metric"], point["metric"]),
                  delta=change_text(model["metric"], change),
                  delta_color="normal" if model["higher_is_better"] else "inverse")
    if "macro_f1" in point:
        column.metric(t("practical.metric.macro_f1"), f"{point['macro_f1']:.3f}",
                      delta=f"{point['macro_f1'] - model['float32_macro_f1']:+.3f}")

# ---- what it costs ------------------------------------------------------------------------------
def cost_table(card: dict) -> None:
    rows = []
    for key, model in card["models"].items():
        spec = spec_of(key)
        rows.append({
            t("practical.cost.model"): title_of(key),
            t("practical.cost.parameters"): f"{model['parameters']:,}",
            t("practical.cost.formula"): "; ".join(c.formula() for c in layer_costs(spec)),
            t("practical.cost.macs"): f"{model['multiply_adds_per_step']:,}",
            t("practical.cost.disk"): f"{(assets.ASSETS / f'{key}.npz').stat().st_size:,}",
            t("practical.cost.float32"): f"{model['float32_bytes']:,}",
            t("practical.cost.time"): f"{1e6 * model['structured'][0]['seconds_per_step']:.1f}",
        })
    table(pd.DataFrame(rows))
    machine = card["timing"]["machine"]
    st.caption(t("practical.cost.caption", machine=t("practical.cost.machine", processor=machine["processor"],
                                                       cpus=machine["cpus"])))

def cells_table(key: str) -> None:
    st.markdown(f"**{t('practical.cells.header')}**")
    spec, layers = spec_of(key), layer_costs(spec_of(key))
    rows = [{t("practical.cells.cell"): cell,
             t("practical.cells.formula"): " + ".join(c.formula(blocks) for c in layers)
             + (f" = {recurrent_parameters(spec, cell):,}" if len(layers) > 1 else "")}
            for cell, blocks in (("LSTM", 4), ("GRU", 3), ("SimpleRNN", 1))]
    table(pd.DataFrame(rows))
    st.caption(t("practical.cells.caption"))

# ---- pruning ----------------------------------------------------------------------------------------
def heldout_text(model: dict) -> str:
    """The held-out set in the reader's language (the curves card stores it as a Message)."""
    return say(Message.from_dict(model["heldout"]))


def float32_line(key: str, model: dict) -> None:
    """The float32 model's reading beside its model card's, so the two can be compared."""
    metrics = assets.read_card(key).metrics
    if "float32_macro_f1" not in model or "macro_f1" not in metrics:
        return
    st.caption(t("practical.float32_vs_card", accuracy=model["float32_metric"], f1=model["float32_macro_f1"],
                 card_accuracy=metrics["accuracy"], card_f1=metrics["macro_f1"]))


def pruning_section(key: str, model: dict) -> None:
    st.subheader(t("practical.prune.header"))
    st.markdown(long_text("practical_pruning"))
    st.caption(t("practical.prune.heldout", heldout=heldout_text(model)))
    float32_line(key, model)
    percent = st.slider(t("practical.prune.sparsity"), 0, 95, 50, 5, key="practical_sparsity",
                        help=t("practical.prune.sparsity_help"))
    index = percent // 5
    names = {"unstructured": t("practical.prune.unstructured"), "structured": t("practical.prune.structured"),
             "sparsity": t("practical.axis.sparsity"), "metric": metric_label(model["metric"]), "now": t("practical.now"),
             "macro_f1": t("practical.metric.macro_f1_short")}
    chart(figures.pruning_figure(model, percent / 100, names))
    full = model["structured"][0]
    left, right = st.columns(2)
    loose, cut = model["unstructured"][index], model["structured"][index]
    with left:
        st.markdown(f"**{names['unstructured']}**")
        metric_box(left, model, loose)
        st.write(t("practical.prune.sparse_size", kb=f"{loose['bytes'] / 1000:,.1f}",
                   share=loose["bytes"] / model["float32_bytes"]))
        times = " / ".join(f"{1e6 * p['seconds_per_step']:.1f}" for p in model["unstructured"]
                           if p["seconds_per_step"] is not None)
        st.caption(t("practical.prune.dense_time", times=times))
    with right:
        st.markdown(f"**{names['structured']}**")
        metric_box(right, model, cut)
        st.write(t("practical.prune.size_time", kb=f"{cut['bytes'] / 1000:,.1f}", us=1e6 * cut["seconds_per_step"]))
        st.caption(t("practical.prune.units", units=", ".join(map(str, cut["units"]))) + " · "
                   + t("practical.prune.speedup", speedup=full["seconds_per_step"] / cut["seconds_per_step"]))

# ---- quantization ---------------------------------------------------------------------------------
@st.cache_data(show_spinner=False)
def histogram(key: str, bits: int) -> tuple[str, np.ndarray, np.ndarray]:
    """The first layer's recurrent matrix before and after quantization."""
    network = network_of(shipped(key))
    name = f"{network.spec.layer_names()[0]}/recurrent_kernel"
    before = network.weights[name]
    after = network_of(quantized_model(key, bits)).weights[name] if bits != 32 else before
    return name, before, after

@st.cache_data(show_spinner=False, max_entries=200)
def gate_change(key: str, bits: int, text: str) -> dict:
    return dataclasses.asdict(largest_gate_change(shipped(key), quantized_model(key, bits), text))

def quantization_section(key: str, model: dict) -> None:
    st.subheader(t("practical.quant.header"))
    st.markdown(long_text("practical_quantization"))
    options = [p["bits"] for p in model["quantized"]]
    # Labels made now, in this run's language (a format_func calling t() later could see another).
    labels = {b: t("practical.quant.option", bits=b, kind=t("practical.quant.float" if b >= 16 else "practical.quant.int"))
              for b in options}
    bits = st.select_slider(t("practical.quant.bits"), options, value=8, key="practical_bits", format_func=labels.get,
                            help=t("practical.quant.bits_help"))
    point = next(p for p in model["quantized"] if p["bits"] == bits)
    st.success(t("practical.quant.result", size=f"{point['bytes'] / 1000:,.1f}",
                 ratio=model["float32_bytes"] / point["bytes"], metric=metric_label(model["metric"]),
                 value=shown(model["metric"], point["metric"]), base=shown(model["metric"], model["float32_metric"]))
               + (t("practical.quant.result_f1", value=point["macro_f1"], base=model["float32_macro_f1"])
                  if "macro_f1" in point else ""))
    left, right = st.columns(2)
    with left:
        chart(figures.precision_figure(model["quantized"], bits, {"kilobytes": t("practical.axis.kilobytes"),
                                                                 "metric": metric_label(model["metric"]),
                                                                 "bits": t("practical.quant.bits_short")}))
    with right:
        name, before, after = histogram(key, bits)
        st.markdown(t("practical.quant.histogram", matrix=f"`{name}`"))
        chart(figures.histogram_figure(before, after, {
            "before": t("practical.quant.before"), "after": t("practical.quant.after"),
            "weight": t("practical.axis.weight"), "count": t("practical.axis.count")}))
    text = st.text_input(t("practical.quant.text"), value=shipped(key).default_text, key=f"practical_text_{key}",
                         help=t("practical.quant.text_help"))
    try:
        change = gate_change(key, bits, clean(text, MAX_CHARS).text)
    except EmptyText:
        st.warning(t("common.empty_text"))
    except ValueError as error:
        st.error(t("practical.quant.cannot", reason=reason_of(error)))
    else:
        gate = t(f"gates.field.{change['field']}")
        st.info(t("practical.quant.change", change=change["largest"], gate=gate, unit=change["unit"],
                  layer=change["layer"], step=change["step"], label=change["label"]))
    if st.button(t("practical.quant.open"), key="practical_open"):
        original = shipped(key)
        title = Message("practical.quant.title", {"bits": bits, "title": original.title})
        copy = dataclasses.replace(quantized_model(key, bits), key=f"{key}_{bits}bit")
        copy.title = title  # an instance attribute: the bracket counter's title is not a dataclass field
        session_models.add(copy)
        st.success(t("practical.quant.opened", title=say(title)))

# ---- distributed training ------------------------------------------------------------------------
def distributed_section(card: dict) -> None:
    st.subheader(t("practical.dist.header"))
    st.markdown(long_text("practical_distributed"))
    run = card.get("distributed")
    if not run:
        st.warning(t("practical.no_curves"))
        return
    split = " + ".join(map(str, run["per_replica_batch"]))
    st.write(t("practical.dist.split", devices=", ".join(run["devices"]), batch=run["task"]["batch_size"], split=split))
    chart(figures.loss_figure(run["single_losses"], run["mirrored_losses"], {
        "one": t("practical.dist.one"), "two": t("practical.dist.two"),
        "epoch": t("practical.axis.epoch"), "loss": t("practical.axis.loss")}))
    st.write(t("practical.dist.gap", gap=run["largest_relative_gap"], tolerance=run["tolerance"],
               weights=run["largest_weight_gap"]))
    st.write(t("practical.dist.time", single=run["single_seconds"], mirrored=run["mirrored_seconds"]))

# ---- the tab ------------------------------------------------------------------------------------------
def cost_tab() -> None:
    """Everything on the "Cost" tab, top to bottom."""
    st.markdown(long_text("practical_cost_intro"))
    try:
        card = curves()
    except assets.AssetError:
        st.warning(t("practical.no_curves"))
        return
    st.subheader(t("practical.cost.header"))
    cost_table(card)
    titles = {key: title_of(key) for key in card["models"]}  # in this run's language
    keys = list(titles)
    key = st.selectbox(t("practical.prune.model"), keys, index=keys.index("sentiment_en") if "sentiment_en" in keys else 0,
                       format_func=titles.get, key="practical_model", help=t("practical.prune.model_help"))
    cells_table(key)
    pruning_section(key, card["models"][key])
    quantization_section(key, card["models"][key])
    distributed_section(card)
