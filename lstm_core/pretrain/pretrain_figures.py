"""Plotly figures for the Pretraining tab: accuracy against labels, and the three models side by side.

Every function takes its display words from the caller, so the tab decides the language.
"""

from __future__ import annotations

import plotly.graph_objects as go

from lstm_core import palette
from lstm_core.pretrain.label_curve import MODELS, points

COLOURS = {"pretrained": palette.MODELS["pretrained"], "scratch": palette.MODELS["lstm"], "tfidf": palette.MODELS["tfidf"]}
DASHES = {"pretrained": "solid", "scratch": "solid", "tfidf": "dot"}


def label_curve(runs: list[dict], split: str, names: dict[str, str], axis: dict[str, str]) -> go.Figure:
    """Mean accuracy per number of labelled reviews (log x), each model's band from its worst to its best seed.

    names: model -> display name; axis: titles for "labels" and "accuracy", and "seeds"
    (the hover's word for how many seeds a point averages).
    """
    fig, sizes = go.Figure(), []
    for model in MODELS:
        line = points(runs, model, split)
        if not line:
            continue
        sizes = [p.size for p in line]
        colour = COLOURS[model]
        fig.add_trace(go.Scatter(  # the band: best seeds left to right, then worst seeds back
            x=sizes + sizes[::-1], y=[100 * p.high for p in line] + [100 * p.low for p in line][::-1],
            mode="lines", fill="toself", fillcolor=palette.rgba(colour, 0.15), line=dict(width=0), hoverinfo="skip",
            showlegend=False, legendgroup=model,
        ))
        fig.add_trace(go.Scatter(
            x=sizes, y=[100 * p.mean for p in line], mode="lines+markers", name=names[model], legendgroup=model,
            line=dict(color=colour, width=3, dash=DASHES[model]), marker=dict(size=9),
            customdata=[[100 * p.low, 100 * p.high, p.seeds] for p in line],
            hovertemplate=(f"{names[model]}<br>{axis['labels']}: %{{x:,}}<br>{axis['accuracy']}: %{{y:.1f}}%"
                           f"<br>%{{customdata[0]:.1f}}-%{{customdata[1]:.1f}}% (%{{customdata[2]}} {axis['seeds']})<extra></extra>"),
        ))
    fig.update_xaxes(type="log", title_text=axis["labels"], tickvals=sizes, ticktext=[f"{n:,}" for n in sizes])
    fig.update_yaxes(title_text=axis["accuracy"], ticksuffix="%")
    fig.update_layout(height=420, margin=dict(t=30, b=50), legend=dict(orientation="h", y=1.12))
    return fig


def model_bars(accuracy: dict[str, dict[str, float]], names: dict[str, str], columns: dict[str, str]) -> go.Figure:
    """Grouped bars: each model's accuracy (%) on each evaluation set. accuracy: model -> column -> value in [0, 1]."""
    fig = go.Figure()
    for model, values in accuracy.items():
        fig.add_trace(go.Bar(
            x=[columns[c] for c in values], y=[100 * v for v in values.values()], name=names[model],
            marker_color=COLOURS[model], texttemplate="%{y:.1f}%", textposition="outside",
        ))
    low = min(100 * v for values in accuracy.values() for v in values.values())
    fig.update_yaxes(range=[max(0, low - 10), 100], ticksuffix="%")
    fig.update_layout(barmode="group", height=340, margin=dict(t=30, b=40), legend=dict(orientation="h", y=1.15))
    return fig
