"""Plotly figures of the LSTM-GAN page: sample grids, the two losses, the PCA map.

Pure functions of arrays and already-translated labels (`labels` maps a short name
such as "real" or "step" to the text to show), testable without Streamlit.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots
from lstm_core import palette

# The generator is an LSTM (palette's LSTM colour), the real sequences play the truth.
COLORS = {"real": palette.MODELS["truth"], "gan": palette.MODELS["lstm"], "baseline": palette.MODELS["naive"],
          "discriminator": palette.MODELS["discriminator"], "generator": palette.MODELS["lstm"]}
# The colours of the page's GAN diagram (the "gan.diagram" DOT template's placeholders).
DIAGRAM_COLOURS = {"noise": palette.tint(palette.GREY, 0.7), "fake": palette.tint(COLORS["gan"], 0.7),
                   "real": palette.tint(palette.LIGHT_GREY, 0.6), "discriminator": palette.tint(COLORS["discriminator"], 0.7),
                   "d_loss": COLORS["discriminator"], "g_loss": COLORS["generator"]}


def sample_grid(rows: dict[str, np.ndarray], labels: dict[str, str], columns: int = 6) -> go.Figure:
    """One row of small line charts per source: {"real": (n, T), "gan": (n, T), ...}."""
    names = list(rows)
    fig = make_subplots(rows=len(names), cols=columns, shared_yaxes=True, horizontal_spacing=0.015,
                        vertical_spacing=0.08, row_titles=[labels[n] for n in names])
    for r, name in enumerate(names, start=1):
        for c, window in enumerate(np.asarray(rows[name])[:columns], start=1):
            fig.add_trace(go.Scatter(y=window, mode="lines", line=dict(color=COLORS[name], width=2),
                                     showlegend=False, hovertemplate="%{x}: %{y:.3f}<extra></extra>"), row=r, col=c)
    fig.update_xaxes(showticklabels=False)
    fig.update_layout(height=150 * len(names) + 40, margin=dict(t=20, b=20, l=40, r=40))
    return fig


def loss_curves(history: dict[str, list[float]], labels: dict[str, str]) -> go.Figure:
    """Discriminator and generator loss per epoch; 2 ln 2 and ln 2 mark the balance point."""
    fig = go.Figure()
    for name in ("discriminator", "generator"):
        values = history.get(name, [])
        fig.add_trace(go.Scatter(x=list(range(1, len(values) + 1)), y=values, mode="lines+markers",
                                 name=labels[name], line=dict(color=COLORS[name])))
    for level, name in ((2 * np.log(2), "d_balance"), (np.log(2), "g_balance")):
        fig.add_hline(y=level, line=dict(dash="dot", color=palette.REFERENCE), annotation_text=labels[name])
    fig.update_layout(xaxis_title=labels["epoch"], yaxis_title=labels["loss"], height=320, margin=dict(t=30, b=40),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig


def pca_scatter(points: dict[str, np.ndarray], variance: tuple[float, float], labels: dict[str, str]) -> go.Figure:
    """Windows of each source as points in the plane of the real windows' first two components."""
    fig = go.Figure()
    for name, xy in points.items():
        fig.add_trace(go.Scatter(x=xy[:, 0], y=xy[:, 1], mode="markers", name=labels[name],
                                 marker=dict(color=COLORS[name], size=5, opacity=0.55)))
    fig.update_layout(xaxis_title=f"PC1 ({variance[0]:.0%})", yaxis_title=f"PC2 ({variance[1]:.0%})", height=420,
                      margin=dict(t=30, b=40), legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig
