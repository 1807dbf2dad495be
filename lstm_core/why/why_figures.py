"""Plotly figures for the "Why an LSTM" page, built from dicts (validated once)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_core import palette
from lstm_core.nn.cell import sigmoid

COLOURS = {kind: palette.MODELS[kind] for kind in ("rnn", "gru", "lstm", "transformer", "article", "truth")}


def activations(x: float, names: dict[str, str]) -> go.Figure:
    """sigmoid and tanh over -6..6, each with a marker at the chosen input."""
    grid = np.linspace(-6, 6, 241)
    data = []
    # Where the curves cross (x near 1) the two values are close: σ's label sits below its
    # point and tanh's above, on opposite sides, turned inward near the ends of the axis.
    positions = {"sigmoid": "bottom " + ("right" if x < 3 else "left"), "tanh": "top " + ("left" if x > -3 else "right")}
    for key, f, colour in (("sigmoid", sigmoid, palette.GATES["forget_gate"]), ("tanh", np.tanh, palette.GATES["candidate"])):
        data.append(dict(type="scatter", x=grid, y=f(grid), mode="lines", name=names[key], line=dict(color=colour, width=3)))
        data.append(dict(type="scatter", x=[x], y=[float(f(np.float64(x)))], mode="markers+text", showlegend=False,
                         marker=dict(size=14, color=colour), text=[f"{float(f(np.float64(x))):+.3f}"],
                         textposition=positions[key], cliponaxis=False))
    layout = dict(xaxis=dict(title=dict(text=names["input"])), yaxis=dict(title=dict(text=names["output"]), range=[-1.1, 1.1]),
                  height=380, margin=dict(l=50, r=20, t=30, b=50), legend=dict(orientation="h", y=1.05))
    return go.Figure(data=data, layout=layout)


def article_cells(labels: list[str], right: np.ndarray, article: np.ndarray, depth: np.ndarray,
                  names: dict[str, str]) -> go.Figure:
    """The true depth, and the depth each cell's unit states (its cell state read through the
    best straight line, `article_cell.read_depth`), on one axis of whole depths.

    names: "right", "article" (legend entries, r included by the caller), "depth", "time", "read".
    """
    steps = np.arange(len(labels))
    data = [
        dict(type="scatter", x=steps, y=depth, name=names["depth"], mode="lines",
             line=dict(color=COLOURS["truth"], dash="dot", shape="hv", width=3)),
        dict(type="scatter", x=steps, y=right, name=names["right"], mode="lines+markers", line=dict(color=COLOURS["lstm"])),
        dict(type="scatter", x=steps, y=article, name=names["article"], mode="lines+markers", line=dict(color=COLOURS["article"])),
    ]
    low, high = float(min(depth.min(), right.min(), article.min())), float(max(depth.max(), right.max(), article.max()))
    layout = dict(
        xaxis=dict(tickmode="array", tickvals=steps, ticktext=labels, title=dict(text=names["time"])),
        yaxis=dict(title=dict(text=names["read"]), dtick=1, tickformat="d", range=[np.floor(low) - 0.3, np.ceil(high) + 0.3]),
        height=420, margin=dict(l=50, r=20, t=30, b=50), legend=dict(orientation="h", y=1.02, yanchor="bottom"),
    )
    return go.Figure(data=data, layout=layout)


def accuracy_by_distance(results: dict[str, dict[int, float]], chance: float, chosen: int, names: dict[str, str],
                         live: dict[str, float] | None = None) -> go.Figure:
    """Held-out accuracy (cell -> distance -> accuracy) against distance, the chance line, the chosen distance."""
    data = []
    for kind, by_distance in results.items():
        distances = sorted(by_distance)
        # Dashed and on top: where the Transformer and a cell both reach 100%, the cell shows through the gaps.
        dash, symbol = ("dash", "diamond") if kind == "transformer" else ("solid", "circle")
        data.append(dict(type="scatter", x=distances, y=[by_distance[d] for d in distances],
                         name=names[kind], mode="lines+markers", line=dict(color=COLOURS[kind], width=3, dash=dash),
                         marker=dict(size=10, symbol=symbol)))
        if live and kind in live:
            data.append(dict(type="scatter", x=[chosen], y=[live[kind]], name=f"{names[kind]} · {names['live']}",
                             mode="markers", marker=dict(symbol="star", size=18, color=COLOURS[kind])))
    every = sorted({d for r in results.values() for d in r} | {chosen})
    data.append(dict(type="scatter", x=[every[0], every[-1]], y=[chance, chance], name=names["chance"], mode="lines",
                     line=dict(color=palette.REFERENCE, dash="dash")))
    layout = dict(
        xaxis=dict(title=dict(text=names["distance"]), type="log", tickvals=every),
        yaxis=dict(title=dict(text=names["accuracy"]), range=[0, 1.05], tickformat=".0%"),
        shapes=[dict(type="line", x0=chosen, x1=chosen, y0=0, y1=1.05, line=dict(color=palette.REFERENCE, width=1, dash="dot"))],
        height=420, margin=dict(l=50, r=20, t=30, b=50), legend=dict(orientation="h", y=1.08),
    )
    return go.Figure(data=data, layout=layout)


def live_curves(history: dict[str, list[float]], chance: float, names: dict[str, str]) -> go.Figure:
    """Validation accuracy after each epoch of the live run, one line per cell."""
    data = [dict(type="scatter", x=list(range(1, len(v) + 1)), y=v, name=names[kind], mode="lines+markers",
                 line=dict(color=COLOURS[kind], width=3)) for kind, v in history.items()]
    longest = max((len(v) for v in history.values()), default=1)
    data.append(dict(type="scatter", x=[1, max(longest, 2)], y=[chance, chance], name=names["chance"], mode="lines",
                     line=dict(color=palette.REFERENCE, dash="dash")))
    layout = dict(xaxis=dict(title=dict(text=names["epoch"]), dtick=1), height=340,
                  yaxis=dict(title=dict(text=names["accuracy"]), range=[0, 1.05], tickformat=".0%"),
                  margin=dict(l=50, r=20, t=30, b=50), legend=dict(orientation="h", y=1.1))
    return go.Figure(data=data, layout=layout)


def gradient_norms(curves: dict[str, np.ndarray], names: dict[str, str]) -> go.Figure:
    """|dLoss/dx_t| against the distance back from the answer, log scale; one line per cell."""
    data = []
    for kind, norms in curves.items():
        norms = np.asarray(norms, dtype=float)
        data.append(dict(type="scatter", x=np.arange(len(norms)), y=np.maximum(norms, 1e-30), name=names[kind],
                         mode="lines", line=dict(color=COLOURS[kind], width=3)))
    layout = dict(
        xaxis=dict(title=dict(text=names["distance_back"])),
        yaxis=dict(title=dict(text=names["gradient"]), type="log", exponentformat="power"),
        height=420, margin=dict(l=60, r=20, t=30, b=50), legend=dict(orientation="h", y=1.08),
    )
    return go.Figure(data=data, layout=layout)


def saliency_bars(labels: tuple[str, ...], scores: np.ndarray, step: int, names: dict[str, str]) -> go.Figure:
    """||d output / d x_t|| per input step, the output step marked."""
    steps = np.arange(len(labels))
    colours = [palette.COMPARE["after"] if t == step else palette.POSITIVE for t in steps]
    short = max((len(lab) for lab in labels), default=1) <= 2
    every = max(1, len(labels) // 60)
    data = [dict(type="bar", x=steps, y=scores, marker=dict(color=colours), customdata=list(labels),
                 hovertemplate="step %{x} · %{customdata}<br>%{y:.3g}<extra></extra>")]
    layout = dict(
        xaxis=dict(title=dict(text=names["time"]), tickmode="array", tickvals=steps[::every],
                   ticktext=[lab.replace(" ", "␣").replace("\n", "↵")[:12] for lab in labels][::every],
                   tickangle=0 if short else -60),
        yaxis=dict(title=dict(text=names["saliency"])), height=340, margin=dict(l=60, r=20, t=20, b=80),
    )
    return go.Figure(data=data, layout=layout)
