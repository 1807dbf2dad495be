"""Plotly figures of the text generation page; every label arrives from the caller's language."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_core import sampling


def shown(char: str) -> str:
    """A character as a readable bar label (newline and space made visible)."""
    return {"\n": "⏎", " ": "␣", "\t": "⇥"}.get(char, char)


def candidates_figure(candidates, model_probs, drawn_probs, chosen: str, labels: dict) -> go.Figure:
    """Bars of the top candidates: the model's probability and the one actually drawn from."""
    names = [shown(c) for c in candidates]
    fig = go.Figure()
    fig.add_bar(x=names, y=list(model_probs), name=labels["model"], marker_color="#9db4d0")
    fig.add_bar(x=names, y=list(drawn_probs), name=labels["drawn"], marker_color="#d2691e")
    if chosen in candidates:
        top = max(model_probs[candidates.index(chosen)], drawn_probs[candidates.index(chosen)])
        fig.add_annotation(x=shown(chosen), y=top, text="▼", showarrow=False, yshift=12)
    fig.update_layout(
        barmode="group", title=labels["title"], xaxis_title=labels["x"], yaxis_title=labels["y"],
        height=340, margin=dict(t=60, b=40), legend=dict(orientation="h", y=1.12),
    )
    fig.update_xaxes(type="category")
    return fig


def temperature_figure(probs: np.ndarray, tokens, temperature: float, labels: dict, top: int = 15) -> go.Figure:
    """One distribution at temperature 1 (as the model gave it) beside the slider's temperature."""
    base = sampling.normalise(probs)
    hot = sampling.apply_temperature(base, temperature)
    order = np.argsort(-base, kind="stable")[:top]
    names = [shown(tokens[i]) for i in order]
    fig = go.Figure()
    fig.add_bar(x=names, y=base[order], name=labels["base"], marker_color="#9db4d0")
    fig.add_bar(x=names, y=hot[order], name=labels["hot"].format(t=temperature), marker_color="#d2691e")
    fig.update_layout(
        barmode="group", title=labels["title"], xaxis_title=labels["x"], yaxis_title=labels["y"],
        height=360, margin=dict(t=60, b=40), legend=dict(orientation="h", y=1.12),
    )
    fig.update_xaxes(type="category")
    return fig


def entropy_figure(probs: np.ndarray, temperature: float, labels: dict) -> go.Figure:
    """Entropy of the reshaped distribution against temperature, the slider's value marked."""
    temps = np.round(np.linspace(0.0, 3.0, 61), 3)
    ent = [sampling.entropy_bits(sampling.apply_temperature(probs, t)) for t in temps]
    fig = go.Figure()
    fig.add_scatter(x=temps, y=ent, mode="lines", name=labels["curve"], line_color="#4477aa")
    fig.add_scatter(
        x=[temperature], y=[sampling.entropy_bits(sampling.apply_temperature(probs, temperature))],
        mode="markers", marker_size=14, marker_color="#d2691e", name=labels["now"],
    )
    fig.update_layout(
        title=labels["title"], xaxis_title=labels["x"], yaxis_title=labels["y"], height=320,
        margin=dict(t=60, b=40), showlegend=False,
    )
    return fig


def bits_figure(rows: list[tuple[str, float]], labels: dict) -> go.Figure:
    """Held-out bits per character of each model (lower is better)."""
    fig = go.Figure()
    colours = ["#d2691e" if "LSTM" in name else "#9db4d0" for name, _ in rows]
    fig.add_bar(x=[n for n, _ in rows], y=[b for _, b in rows], marker_color=colours,
                text=[f"{b:.2f}" for _, b in rows], textposition="outside")
    fig.update_layout(title=labels["title"], xaxis_title=labels["x"], yaxis_title=labels["y"], height=340,
                      margin=dict(t=60, b=40))
    fig.update_xaxes(type="category")
    return fig


def training_figure(epochs, train_bits, heldout_bits, labels: dict) -> go.Figure:
    """Training and held-out bits per character, epoch by epoch."""
    fig = go.Figure()
    fig.add_scatter(x=list(epochs), y=list(train_bits), mode="lines+markers", name=labels["train"])
    fig.add_scatter(x=list(epochs), y=list(heldout_bits), mode="lines+markers", name=labels["heldout"])
    fig.update_layout(title=labels["title"], xaxis_title=labels["x"], yaxis_title=labels["y"], height=320,
                      margin=dict(t=60, b=40), legend=dict(orientation="h", y=1.12))
    return fig
