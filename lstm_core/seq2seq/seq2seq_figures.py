"""Plotly figures for the sequence-to-sequence page, built from dicts (validated once).

Every label that comes from text goes through `label`, which makes whitespace visible
and escapes HTML (Plotly renders a subset of HTML in tick labels and hover text).
`names` holds the page's words for axes and legends, in the reader's language.
"""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from lstm_core import palette

COLOURS = {"attention": palette.MODELS["lstm"], "plain": palette.MODELS["no_attention"],
           "free_running": palette.MODELS["free_running"], "own": palette.MODELS["truth"]}


def label(text: str) -> str:
    """A character or token as a tick label: spaces shown as ␣, HTML escaped."""
    return html.escape(text.replace(" ", "␣"))


def _character_axis(labels, title: str) -> dict:
    """A categorical-looking axis on numeric positions, so repeated characters stay apart."""
    return dict(tickmode="array", tickvals=list(range(len(labels))), ticktext=[label(x) for x in labels],
                tickfont=dict(size=18), title=dict(text=title), tickangle=0)


def attention_heatmap(weights: np.ndarray, inputs, outputs, names: dict[str, str]) -> go.Figure:
    """Attention weights (S, T): output characters down, input characters across, 0..1."""
    steps, length = weights.shape
    text = np.vectorize(lambda v: f"{v:.2f}" if v >= 0.1 else "")(weights)
    data = [dict(type="heatmap", z=weights, x=list(range(length)), y=list(range(steps)), zmin=0.0, zmax=1.0,
                 colorscale=palette.SEQUENTIAL, text=text, texttemplate="%{text}", textfont=dict(size=12),
                 customdata=np.array([[f"{label(outputs[s])} ← {label(inputs[k])}" for k in range(length)]
                                      for s in range(steps)], dtype=object),
                 hovertemplate=f"%{{customdata}}<br>{names['weight']} %{{z:.3f}}<extra></extra>",
                 colorbar=dict(title=dict(text=names["weight"], side="right")))]
    layout = dict(xaxis=_character_axis(inputs, names["input"]), yaxis={**_character_axis(outputs, names["output"]),
                  "autorange": "reversed"}, height=max(320, 34 * steps + 140), margin=dict(l=70, r=20, t=20, b=60))
    return go.Figure(data=data, layout=layout)


def attention_bars(weights: np.ndarray, inputs, names: dict[str, str]) -> go.Figure:
    """One step's attention weights over the input characters."""
    data = [dict(type="bar", x=list(range(len(inputs))), y=weights, marker=dict(color=COLOURS["attention"]),
                 text=[f"{w:.2f}" for w in weights], textposition="outside",
                 hovertemplate="%{y:.3f}<extra></extra>")]
    layout = dict(xaxis=_character_axis(inputs, names["input"]), yaxis=dict(range=[0, 1.12], title=dict(text=names["weight"])),
                  height=300, margin=dict(l=60, r=20, t=20, b=60))
    return go.Figure(data=data, layout=layout)


def context_strip(context: np.ndarray, names: dict[str, str]) -> go.Figure:
    """The context vector c_t as one row of coloured cells, one per unit."""
    limit = float(np.abs(context).max()) or 1.0
    data = [dict(type="heatmap", z=context[None, :], zmin=-limit, zmax=limit, colorscale=palette.DIVERGING,
                 hovertemplate=f"{names['unit']} %{{x}}: %{{z:.3f}}<extra></extra>", showscale=False)]
    layout = dict(xaxis=dict(title=dict(text=names["unit"])), yaxis=dict(visible=False), height=130,
                  margin=dict(l=20, r=20, t=10, b=50))
    return go.Figure(data=data, layout=layout)


def distribution(probabilities: np.ndarray, symbols, chosen: int, names: dict[str, str], top: int = 8) -> go.Figure:
    """The decoder's most likely next characters, the chosen one highlighted."""
    order = np.argsort(-probabilities, kind="stable")[:top]
    colours = [COLOURS["attention"] if k == chosen else palette.LIGHT_GREY for k in order]
    data = [dict(type="bar", x=[label(symbols[k]) for k in order], y=probabilities[order], marker=dict(color=colours),
                 text=[f"{probabilities[k]:.3f}" for k in order], textposition="outside",
                 hovertemplate="%{x}: %{y:.4f}<extra></extra>")]
    layout = dict(xaxis=dict(type="category", title=dict(text=names["next"]), tickfont=dict(size=18)),
                  yaxis=dict(range=[0, 1.15], title=dict(text=names["probability"])), height=300,
                  margin=dict(l=60, r=20, t=20, b=60))
    return go.Figure(data=data, layout=layout)


def accuracy_by_length(curves: dict, names: dict[str, str]) -> go.Figure:
    """Exact match against input length for each model: {variant: {length: LengthPoint (count, exact)}}."""
    data = []
    for variant, by_length in curves.items():
        lengths = sorted(by_length)
        data.append(dict(type="scatter", x=lengths, y=[by_length[n].exact for n in lengths],
                         customdata=[by_length[n].count for n in lengths], name=names[variant],
                         mode="lines+markers", line=dict(color=COLOURS[variant], width=3), marker=dict(size=9),
                         hovertemplate=f"{names['length']} %{{x}}: %{{y:.3f}} ({names['count']} %{{customdata}})<extra></extra>"))
    lowest = min((point.exact for curve in curves.values() for point in curve.values()), default=1.0)
    layout = dict(xaxis=dict(title=dict(text=names["length"]), dtick=1),
                  # from at most 90%, so a difference of a few inputs does not look like a cliff
                  yaxis=dict(title=dict(text=names["exact"]), tickformat=".0%", range=[min(0.9, lowest - 0.02), 1.005]),
                  height=380, margin=dict(l=60, r=20, t=30, b=60), legend=dict(orientation="h", y=1.1))
    return go.Figure(data=data, layout=layout)


def training_curves(histories: dict[str, dict[str, list[float]]], names: dict[str, str]) -> go.Figure:
    """Per epoch, each run's training loss (left axis) and validation exact match (right axis)."""
    data = []
    for variant, history in histories.items():
        epochs = list(range(1, len(history["loss"]) + 1))
        colour = COLOURS[variant]
        data.append(dict(type="scatter", x=epochs, y=history["loss"], name=f"{names[variant]} · {names['loss']}",
                         mode="lines+markers", line=dict(color=colour, dash="dot")))
        if history.get("val_exact"):
            data.append(dict(type="scatter", x=epochs, y=history["val_exact"], yaxis="y2", mode="lines+markers",
                             name=f"{names[variant]} · {names['val_exact']}", line=dict(color=colour, width=3)))
    layout = dict(xaxis=dict(title=dict(text=names["epoch"]), dtick=1),
                  yaxis=dict(title=dict(text=names["loss"]), rangemode="tozero"),
                  yaxis2=dict(title=dict(text=names["val_exact"]), overlaying="y", side="right", range=[0, 1.02],
                              tickvals=[0, 0.2, 0.4, 0.6, 0.8, 1.0], tickformat=".0%", showgrid=False),
                  height=400, margin=dict(l=60, r=60, t=30, b=60), legend=dict(orientation="h", y=1.15))
    return go.Figure(data=data, layout=layout)
