"""Plotly figures for "What came after": bits per character, the cost curves, attention maps.

Built from card entries and NumPy arrays; every label that comes from a user's text is
HTML-escaped here (Plotly reads tags in tick and hover text).
"""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from lstm_core import palette
from lstm_core.gates.gate_figures import short_label
from lstm_core.transformer.cost import CostPoint

COLOURS = {
    "transformer": palette.MODELS["transformer"],
    "lstm": palette.tint(palette.MODELS["lstm"], 0.35),  # the small LSTM: the shipped one's colour, lighter
    "shipped_lstm": palette.MODELS["lstm"],
    "ngram": palette.MODELS["ngram"],
}


def bits_figure(rows: list[tuple[str, str, float]], names: dict[str, str]) -> go.Figure:
    """Held-out bits per character, one bar per (colour key, label, value); fewer is better."""
    data = [dict(type="bar", orientation="h", y=[label for _, label, _ in rows], x=[value for *_, value in rows],
                 marker=dict(color=[COLOURS[key] for key, _, _ in rows]), text=[f"{v:.3f}" for *_, v in rows],
                 textposition="outside", hovertemplate="%{y}: %{x:.4f}<extra></extra>")]
    top = max(value for *_, value in rows)
    layout = dict(xaxis=dict(title=dict(text=names["bits"]), range=[0, top * 1.18]),
                  yaxis=dict(autorange="reversed"), height=110 + 55 * len(rows), margin=dict(l=20, r=30, t=20, b=50))
    return go.Figure(data=data, layout=layout)


def training_figure(curves: dict[str, tuple[tuple[int, float], ...]], names: dict[str, str]) -> go.Figure:
    """Validation bits per character against the characters trained on, one line per model."""
    data = [dict(type="scatter", x=[chars / 1e6 for chars, _ in points], y=[bits for _, bits in points], name=names[key],
                 mode="lines+markers", line=dict(color=COLOURS[key], width=3), marker=dict(size=9))
            for key, points in curves.items()]
    layout = dict(xaxis=dict(title=dict(text=names["characters"])), yaxis=dict(title=dict(text=names["validation"])),
                  height=360, margin=dict(l=60, r=20, t=30, b=50), legend=dict(orientation="h", y=1.1))
    return go.Figure(data=data, layout=layout)


def cost_figure(curves: dict[str, tuple[CostPoint, ...]], field: str, scale: float, names: dict[str, str]) -> go.Figure:
    """One cost (`field` of each point, times `scale`) against the context, log-log, one line per model."""
    data = []
    for key, points in curves.items():
        data.append(dict(type="scatter", x=[p.context for p in points], y=[getattr(p, field) * scale for p in points],
                         name=names[key], mode="lines+markers", line=dict(color=COLOURS[key], width=3),
                         marker=dict(size=10),
                         hovertemplate=f"{names['context']} %{{x:,}}<br>%{{y:.4g}}<extra>{names[key]}</extra>"))
    layout = dict(xaxis=dict(title=dict(text=names["context"]), type="log", dtick=1),  # decades only: minor labels (2, 5) are drawn smaller than 14 px
                  yaxis=dict(title=dict(text=names[field]), type="log", dtick=1, exponentformat="power"),
                  height=380, margin=dict(l=70, r=20, t=30, b=50), legend=dict(orientation="h", y=1.12))
    return go.Figure(data=data, layout=layout)


def attention_heatmap(labels: tuple[str, ...], weights: np.ndarray, names: dict[str, str]) -> go.Figure:
    """One head's (or the mean of the heads') attention (T, T): row t, what position t read; above the diagonal is empty."""
    shown = [html.escape(short_label(label, 6)) for label in labels]
    steps = np.arange(len(labels))
    every = max(1, len(labels) // 40)
    axis = dict(tickmode="array", tickvals=steps[::every], ticktext=shown[::every], tickangle=0, tickfont=dict(size=13))
    data = [dict(type="heatmap", z=weights, x=steps, y=steps, colorscale=palette.COUNTS, zmin=0.0, zmax=1.0,
                 customdata=[[[shown[r], shown[c]] for c in steps] for r in steps],
                 colorbar=dict(title=dict(text=names["weight"])),
                 hovertemplate=f"{names['reader']} %{{y}} · %{{customdata[0]}}<br>{names['read']} %{{x}} · "
                 f"%{{customdata[1]}}<br>%{{z:.3f}}<extra></extra>")]
    layout = dict(xaxis=dict(title=dict(text=names["read"]), **axis),
                  yaxis=dict(title=dict(text=names["reader"]), autorange="reversed", **axis),
                  height=min(720, 260 + 9 * len(labels)), margin=dict(l=70, r=20, t=20, b=60),
                  meta="attention_map")  # names the chart for tests
    return go.Figure(data=data, layout=layout)


def answer_attention_figure(weights: np.ndarray, marker: int, names: dict[str, str]) -> go.Figure:
    """Where the memory task's answer looked: weight (T,) by distance back from the answer, the marker's bar marked."""
    back = np.arange(len(weights))[::-1]  # position t is len-1-t steps before the answer
    colours = [palette.COMPARE["after"] if t == marker else palette.POSITIVE for t in range(len(weights))]
    data = [dict(type="bar", x=back, y=weights, marker=dict(color=colours),
                 hovertemplate=f"{names['distance_back']} %{{x}}<br>%{{y:.3f}}<extra></extra>")]
    layout = dict(xaxis=dict(title=dict(text=names["distance_back"]), autorange="reversed"),
                  yaxis=dict(title=dict(text=names["weight"]), range=[0, 1.05]), height=300,
                  margin=dict(l=60, r=20, t=20, b=50), meta="answer_attention")  # names the chart for tests
    return go.Figure(data=data, layout=layout)
