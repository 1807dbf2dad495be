"""Plotly figures of the text generation page; every label arrives from the caller's language."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_core import palette
from lstm_core.generate import sampling


def shown(char: str) -> str:
    """A character as a readable bar label (newline and space made visible)."""
    return {"\n": "⏎", " ": "␣", "\t": "⇥"}.get(char, char)


def _layout(labels: dict, height: int, **extra) -> dict:
    """The layout every figure here shares: title, axis titles, height, margins."""
    return {
        "title": {"text": labels["title"]}, "xaxis": {"title": {"text": labels["x"]}},
        "yaxis": {"title": {"text": labels["y"]}}, "height": height, "margin": {"t": 60, "b": 40}, **extra,
    }


# Each figure is built in one go from dicts: Plotly checks it once, instead of once per
# add_bar / update_layout call (several times faster, and this page redraws on every move).
LEGEND_ON_TOP = {"orientation": "h", "y": 1.12}


def candidates_figure(candidates, model_probs, drawn_probs, chosen: str, labels: dict) -> go.Figure:
    """Bars of the top candidates: the model's probability and the one actually drawn from."""
    names = [shown(c) for c in candidates]
    data = [
        {"type": "bar", "x": names, "y": list(model_probs), "name": labels["model"], "marker": {"color": palette.tint(palette.MODELS["lstm"], 0.6)}},
        {"type": "bar", "x": names, "y": list(drawn_probs), "name": labels["drawn"], "marker": {"color": palette.MODELS["lstm"]}},
    ]
    layout = _layout(labels, 340, barmode="group", legend=LEGEND_ON_TOP)
    layout["xaxis"]["type"] = "category"
    if chosen in candidates:
        top = max(model_probs[candidates.index(chosen)], drawn_probs[candidates.index(chosen)])
        layout["annotations"] = [{"x": shown(chosen), "y": top, "text": "▼", "showarrow": False, "yshift": 12}]
    return go.Figure(data=data, layout=layout)


def temperature_figure(probs: np.ndarray, tokens, temperature: float, labels: dict, top: int = 15) -> go.Figure:
    """One distribution at temperature 1 (as the model gave it) beside the slider's temperature."""
    base = sampling.normalise(probs)
    hot = sampling.apply_temperature(base, temperature)
    order = np.argsort(-base, kind="stable")[:top]
    names = [shown(tokens[i]) for i in order]
    data = [
        {"type": "bar", "x": names, "y": base[order], "name": labels["base"], "marker": {"color": palette.tint(palette.MODELS["lstm"], 0.6)}},
        {"type": "bar", "x": names, "y": hot[order], "name": labels["hot"].format(t=temperature),
         "marker": {"color": palette.MODELS["lstm"]}},
    ]
    layout = _layout(labels, 360, barmode="group", legend=LEGEND_ON_TOP)
    layout["xaxis"]["type"] = "category"
    return go.Figure(data=data, layout=layout)


def entropy_figure(probs: np.ndarray, temperature: float, labels: dict) -> go.Figure:
    """Entropy of the reshaped distribution against temperature, the slider's value marked."""
    temps = np.round(np.linspace(0.0, 3.0, 61), 3)
    ent = [sampling.entropy_bits(sampling.apply_temperature(probs, t)) for t in temps]
    now = sampling.entropy_bits(sampling.apply_temperature(probs, temperature))
    data = [
        {"type": "scatter", "x": temps, "y": ent, "mode": "lines", "name": labels["curve"], "line": {"color": palette.POSITIVE}},
        {"type": "scatter", "x": [temperature], "y": [now], "mode": "markers", "name": labels["now"],
         "marker": {"size": 14, "color": palette.MODELS["lstm"]}},
    ]
    return go.Figure(data=data, layout=_layout(labels, 320, showlegend=False))


def bits_figure(rows: list[tuple[str, float]], labels: dict) -> go.Figure:
    """Held-out bits per character of each model (lower is better)."""
    colours = [palette.MODELS["lstm"] if "LSTM" in name else palette.MODELS["ngram"] for name, _ in rows]
    data = [{
        "type": "bar", "x": [n for n, _ in rows], "y": [b for _, b in rows], "marker": {"color": colours},
        "text": [f"{b:.2f}" for _, b in rows], "textposition": "outside",
    }]
    layout = _layout(labels, 340)
    layout["xaxis"]["type"] = "category"
    return go.Figure(data=data, layout=layout)


def training_figure(epochs, train_bits, heldout_bits, labels: dict) -> go.Figure:
    """Training and held-out bits per character, epoch by epoch."""
    data = [
        {"type": "scatter", "x": list(epochs), "y": list(train_bits), "mode": "lines+markers", "name": labels["train"]},
        {"type": "scatter", "x": list(epochs), "y": list(heldout_bits), "mode": "lines+markers",
         "name": labels["heldout"]},
    ]
    return go.Figure(data=data, layout=_layout(labels, 320, legend=LEGEND_ON_TOP))
