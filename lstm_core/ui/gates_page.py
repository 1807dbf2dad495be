"""Session and cache plumbing for the Gates page: which models, which text, reference traces."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lstm_core.gates import gate_figures, interpret
from lstm_core.gates.interpret import saturation
from lstm_core.message import Message, Title
from lstm_core.nn.network import network_of
from lstm_core.nn.trace import Traceable
from lstm_core.serving import catalogue
from lstm_core.serving.assets import AssetError
from lstm_core.serving.limits import reference_steps
from lstm_core.ui import loaders
from lstm_core.ui.i18n import literal, reason_of, say, t
from lstm_core.ui.style import table
from lstm_core.ui.session_models import session_models
from lstm_core.ui.style import kept_figure


def model_titles() -> dict[str, Title]:
    """Every model the picker offers: shipped ones, then this session's own (marked ★)."""
    titles: dict[str, Title] = {entry.key: entry.title for entry in catalogue.SHIPPED}
    for key, model in session_models().items():
        titles[key] = Message("gates.session_model", {"title": model.title})
    return titles


def get_model(key: str) -> Traceable:
    own = session_models()
    return own[key] if key in own else loaders.traceable(key)


def open_model(key: str, titles: dict[str, Title]) -> tuple[str, Traceable]:
    """The chosen model, or, when its files are missing or damaged, the next one that loads.

    Each failure is said on the page (which model, why, how to rebuild it); the other
    models stay usable.
    """
    keys = list(titles)
    start = keys.index(key)
    for candidate in keys[start:] + keys[:start]:
        try:
            return candidate, get_model(candidate)
        except AssetError as error:
            st.error(t("gates.model_failed", title=literal(say(titles[candidate])), reason=reason_of(error)))
    st.stop()


def _default_text(key: str) -> str:
    try:
        return get_model(key).default_text
    except AssetError:
        return ""  # `open_model` says what is wrong with it


def take_query_params(titles: dict) -> None:
    """A link such as ?model=brackets&text=(a(b)) preselects the model and the text, once."""
    params = st.query_params
    if params.get("model") in titles and "gates_model" not in st.session_state:
        st.session_state["gates_model"] = params["model"]
        st.session_state["gates_text"] = params.get("text", "") or _default_text(params["model"])


def reset_text() -> None:
    """on_change of the model picker: start from the new model's example input."""
    st.session_state["gates_text"] = _default_text(st.session_state["gates_model"])


@st.cache_resource(show_spinner=False, max_entries=16)
def _shipped_reference(key: str):
    return _trace_corpus(loaders.traceable(key), steps=None)  # shipped files, traced once per server


def _trace_corpus(model: Traceable, steps: int | None):
    """The model's reference texts traced, until `steps` (None: no limit) are used up."""
    traces, steps_left = [], float("inf") if steps is None else steps
    for text in model.reference_texts():
        if steps_left <= 0:
            break  # an uploaded card may list many long texts: the rest are not traced
        try:
            traces.append(model.trace_text(text))
        except ValueError:
            continue  # a reference text the model cannot read is simply skipped
        steps_left -= traces[-1].steps
    return traces


def reference_traces(key: str) -> list[ModelTrace]:
    """The model's reference corpus, traced once (per server for shipped models)."""
    own = session_models()
    if key not in own:
        return _shipped_reference(key)
    # A session keeps the traces of its own models, so their size is bounded per model
    # (`serving.limits.reference_steps`), and only the model shown now is kept.
    cache = st.session_state.get("gates_reference", {})
    if cache.get(key, (None,))[0] is not own[key]:
        cache = st.session_state["gates_reference"] = {
            key: (own[key], _trace_corpus(own[key], reference_steps(network_of(own[key]).spec.to_dict())))}
    return cache[key][1]


def corpus_saturation(key: str, layer: int, gates=("input_gate", "forget_gate", "output_gate")):
    traces = [tr.layers[layer].gates for tr in reference_traces(key)]
    return [saturation(traces, gate) for gate in gates]


def saturation_figure(key: str, layer: int, names: dict[str, str]):
    """The saturation tab's figure, built once per shipped model and layer (the reference
    corpus does not change); a session's own model may be retrained under its key, so its
    figure is built each time."""
    def build():
        return gate_figures.saturation_figure(corpus_saturation(key, layer), names)

    return kept_figure("gates_saturation", (key, layer) if key not in session_models() else None, build)


def search_tab(gates, span: tuple[int, int], key: str, layer_index: int, fields: list[str], names: dict[str, str]) -> None:
    """LSTMVis-style select and match: units on over the chosen span, then the same pattern in the corpus."""
    st.caption(t("gates.search_caption"))
    left, right = st.columns(2)
    search_field = left.selectbox(t("gates.search_field"), fields, index=fields.index("hidden"), format_func=names.get,
                                  key="gates_search_field", persist_state="page")
    threshold = right.slider(t("gates.threshold"), -1.0, 1.0, 0.3, 0.05, key="gates_threshold", help=t("gates.threshold_help"),
                             persist_state="page")
    on = interpret.units_on(getattr(gates, search_field), span, threshold)
    if len(on) == 0:
        closest, floors = interpret.strongest_over_span(getattr(gates, search_field), span)
        st.info(t("gates.no_units_on", threshold=threshold))
        st.caption(t("gates.closest", units=", ".join(f"u{u} ({v:+.2f})" for u, v in zip(closest, floors))))
    else:
        st.write(t("gates.units_on", units=", ".join(f"u{u}" for u in on)))
        corpus = [(tr.labels, getattr(tr.layers[layer_index].gates, search_field)) for tr in reference_traces(key)]
        matches = interpret.find_matches(corpus, on, threshold, min_length=span[1] - span[0])
        st.subheader(t("gates.matches"))
        if matches:
            table(
                pd.DataFrame(
                    {
                        t("gates.match.text"): [m.text_index for m in matches],
                        t("gates.match.where"): [f"{m.start}–{m.end - 1}" for m in matches],
                        t("gates.match.tokens"): [" ".join(gate_figures.short_label(x, 30) for x in m.labels) for m in matches],
                    }
                ),
            )
        else:
            st.info(t("gates.no_matches"))


def layer_title(name: str) -> str:
    """A layer's name as the network stores it ("lstm_0", "lstm_1_backward") in words."""
    parts = name.split("_")
    number = int(parts[1]) + 1 if len(parts) > 1 and parts[1].isdigit() else name
    direction = parts[2] if len(parts) > 2 and parts[2] in ("forward", "backward") else "one"
    return t(f"gates.layer_name.{direction}", number=number)
