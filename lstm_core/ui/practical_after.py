"""The "What came after" tab of Making LSTMs practical: a small Transformer beside the LSTM.

Three parts, all from the transformer_lm_en card and its weights: bits per character on
the same held-out tweets (with the shipped LSTM and the n-gram for scale), what one more
generated character costs as the context grows, and the attention of the Transformer on
a text the reader types (cut to the context it was trained on: the work budget).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from lstm_core.gates.gate_figures import colored_text_html
from lstm_core.serving.assets import AssetError
from lstm_core.string_table import literal
from lstm_core.text.inputs import EmptyText, clean
from lstm_core.transformer import shipped, transformer_figures as figures
from lstm_core.transformer.language_model import attention_shares
from lstm_core.ui.i18n import long_text, reason_of, t
from lstm_core.ui.style import chart

DEFAULT_TEXT = "I got my new car and it is so fun, but it is red."  # English (what the model read); short words, so the Chinese page shows no English prose
RECENT = 5  # "the last few characters" of the map's summary: a position and the four before it
MODELS = ("transformer", "lstm", "shipped_lstm")


@st.cache_resource(show_spinner=False)
def pair() -> shipped.ModelPair:
    """The shipped Transformer and small LSTM (read-only), checked against the card's SHA-256."""
    return shipped.load()


@st.cache_resource(show_spinner=False)
def comparison() -> shipped.Comparison:
    """The card's numbers, typed (read-only, one per server)."""
    return shipped.Comparison.from_card(pair().card)


@st.cache_data(show_spinner=False, max_entries=200)
def reading(text: str) -> dict:
    """The Transformer's attention on the text and both small models' bits per character on it."""
    models = pair()
    read = models.transformer.read(text)
    kept = "".join(read.labels[1:])
    return {"reading": read, "lstm_bits": models.lstm.bits_per_char(kept)}


def names() -> dict[str, str]:
    keys = ("bits", "characters", "validation", "context", "seconds_per_char", "state_bytes", "weight", "read", "reader")
    return {k: t(f"after.axis.{k}") for k in keys} | {k: t(f"after.name.{k}") for k in (*MODELS, "ngram")}


# ---- bits per character ---------------------------------------------------------------------------
def quality_section(result: shipped.Comparison) -> None:
    st.subheader(t("after.quality.header"))
    labels = names()
    rows = [(key, t(f"after.model.{key}", params=f"{result.parameters[key]:,}"), result.bits[key])
            for key in MODELS] + [("ngram", t("after.model.ngram", order=result.ngram_order), result.bits["ngram"])]
    chart(figures.bits_figure(rows, labels), key="after_bits")
    st.markdown(t("after.quality.result", chars=f"{result.heldout_characters:,}", transformer=result.bits["transformer"],
                  lstm=result.bits["lstm"], difference=result.bits["transformer"] - result.bits["lstm"],
                  budget=f"{result.budget_characters:,}", winner=t(f"after.winner.{result.better_bits}"),
                  t_seconds=f"{result.training_seconds['transformer']:,.0f}",
                  l_seconds=f"{result.training_seconds['lstm']:,.0f}",
                  t_rate=f"{result.characters_per_second['transformer']:,}",
                  l_rate=f"{result.characters_per_second['lstm']:,}"))
    st.caption(t("after.quality.reference", shipped=result.bits["shipped_lstm"], ngram=result.bits["ngram"],
                 seconds=f"{result.training_seconds['shipped_lstm']:.0f}",
                 ratio=result.parameters["shipped_lstm"] / result.parameters["lstm"])
               + (" " + t("after.quality.still_improving") if result.still_improving else ""))
    chart(figures.training_figure(result.training_curves, labels), key="after_training")
    with st.expander(t("after.quality.tried")):
        st.dataframe(tried_table(result), hide_index=True, width="stretch")
        st.caption(t("after.quality.tried_caption"))


def tried_table(result: shipped.Comparison) -> pd.DataFrame:
    """Every configuration tried, its validation bits per character, and which one shipped."""
    rows = []
    for run in result.tried:
        c = run.config
        shape = (f"{c['layers']} × {c['units']}, E = {c['embedding_dim']}" if run.family == "lstm"
                 else f"{c['layers']} × {c['width']}, {c['heads']} × h, F = {c['ffn_width']}")
        rows.append({t("after.tried.model"): t(f"after.name.{run.family}"), t("after.tried.shape"): shape,
                     t("after.tried.validation"): f"{run.validation_bits:.4f}",
                     t("after.tried.chosen"): "✓" if run.chosen else ""})
    return pd.DataFrame(rows)


# ---- cost per character -------------------------------------------------------------------------------
def cost_section(result: shipped.Comparison) -> None:
    st.subheader(t("after.cost.header"))
    st.markdown(long_text("practical_after_cost"))
    labels = names()
    left, right = st.columns(2)
    with left:
        chart(figures.cost_figure(result.curves, "seconds_per_char", 1e3, labels), key="after_time")
    with right:
        chart(figures.cost_figure(result.curves, "state_bytes", 1.0, labels), key="after_memory")
    st.markdown(time_verdict(result))
    work, ctx = {name: result.multiply_adds(name) for name in ("lstm", "transformer")}, result.contexts
    st.markdown(t("after.cost.work", lstm=f"{work['lstm'][0]:,}", short=f"{ctx[0]:,}", long=f"{ctx[-1]:,}",
                  t_short=f"{work['transformer'][0]:,}", t_long=f"{work['transformer'][-1]:,}")
                + (" " + t("after.cost.overhead") if result.overhead_bound else ""))
    memory = dict(lstm_bytes=f"{result.state_bytes('lstm')[0]:,}", per_position=f"{result.cache_bytes_per_position:,}",
                  long=f"{ctx[-1]:,}", long_mb=result.state_bytes("transformer")[-1] / 2**20)
    if result.memory_crossover < 1:  # one character's keys and values outweigh the LSTM's whole state
        st.markdown(t("after.cost.memory_first", **memory))
    else:
        st.markdown(t("after.cost.memory_verdict", cross=result.memory_crossover, **memory))
    st.caption(t("after.cost.method", prefix=f"{result.real_prefix:,}", runs=result.repeats, steps=result.steps,
                 budget=result.cache_budget_bytes // 2**20))


def time_verdict(result: shipped.Comparison) -> str:
    """Where the Transformer's time per character passes the LSTM's, said with the card's numbers."""
    ctx, lstm, transformer = result.contexts, result.milliseconds("lstm"), result.milliseconds("transformer")
    values = dict(lstm=lstm[0], lstm_long=lstm[-1], short=f"{ctx[0]:,}", long=f"{ctx[-1]:,}",
                  t_short=transformer[0], t_long=transformer[-1], ratio=transformer[-1] / lstm[-1])
    if result.time_crossover is None:
        return t("after.cost.time_never", **values)
    if result.time_crossover <= ctx[0]:
        return t("after.cost.time_always", **values)
    return t("after.cost.time_cross", cross=f"{result.time_crossover:,.0f}", **values)


# ---- attention on your text ---------------------------------------------------------------------------------
def attention_section(models: shipped.ModelPair) -> None:
    st.subheader(t("after.read.header"))
    st.markdown(long_text("practical_after_attention"))
    limit = models.transformer.context - 1
    typed = st.text_input(t("after.read.text"), DEFAULT_TEXT, key="practical_after_text",
                          help=t("after.read.text_help", limit=limit))
    try:
        user = clean(typed, limit)
    except EmptyText:
        st.warning(t("common.empty_text"))
        return
    if user.was_cut:
        st.info(t("after.read.cut", limit=limit, length=user.original_length))
    result = reading(user.text)
    read = result["reading"]
    spec = models.transformer.model.spec
    c1, c2 = st.columns(2)
    block = c1.select_slider(t("after.read.block"), list(range(1, spec.layers + 1)), value=spec.layers,
                             key="practical_after_block", help=t("after.read.block_help"))
    heads = [0, *range(1, spec.heads + 1)]
    head_labels = {h: t("after.read.mean") if h == 0 else t("after.read.head_n", n=h) for h in heads}
    head = c2.radio(t("after.read.head"), heads, format_func=head_labels.get, horizontal=True,
                    key="practical_after_head", help=t("after.read.head_help"))
    maps = read.attention[block - 1]  # (heads, T, T)
    weights = maps.mean(axis=0) if head == 0 else maps[head - 1]
    chart(figures.attention_heatmap(read.labels, weights, names()), key="after_attention")
    recent, start = attention_shares(weights, RECENT)
    st.caption(t("after.read.caption") + " " + t("after.read.shares", recent=recent, count=RECENT, start=start))
    last = len(read.labels) - 1
    position = st.slider(t("after.read.position"), 0, last, last, key="practical_after_position",
                         help=t("after.read.position_help"))
    st.markdown(t("after.read.row", position=position, char=shown_char(read.labels[position])))
    row = np.zeros(len(read.labels))
    row[: position + 1] = weights[position, : position + 1]
    st.markdown(colored_text_html(read.labels, row, read.unknown, t("after.read.unknown")), unsafe_allow_html=True)
    st.caption(t("after.read.bits", transformer=float(read.bits.mean()), lstm=result["lstm_bits"]))
    if any(read.unknown[1:]):
        st.caption(t("after.read.unknown_note", count=sum(read.unknown[1:])))


def shown_char(label: str) -> str:
    """A typed character inside a Markdown sentence: whitespace made visible, then made literal."""
    return literal({" ": "␣", "\n": "⏎", "\t": "⇥"}.get(label, label))


# ---- the tab ----------------------------------------------------------------------------------------------------
def after_tab() -> None:
    """Everything on the "What came after" tab, top to bottom."""
    st.markdown(long_text("practical_after_intro"))
    try:
        models = pair()
    except AssetError as error:
        st.warning(t("after.missing", reason=reason_of(error)))
        return
    result = comparison()
    quality_section(result)
    cost_section(result)
    attention_section(models)
    st.info(t("after.no_gates"))
