"""Plotly figures of the cost tab; every label arrives from the caller (already translated)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_core import palette

COLORS = {"unstructured": palette.COMPARE["first"], "structured": palette.COMPARE["second"],
          "before": palette.COMPARE["before"], "after": palette.COMPARE["after"]}


def pruning_figure(curves: dict, sparsity: float, names: dict[str, str]) -> go.Figure:
    """Held-out metric against sparsity for both kinds of pruning, with the slider's point marked.

    names: "unstructured", "structured", "sparsity", "metric", "now", and "macro_f1" for a
    classifier, whose macro-F1 is drawn dashed beside its accuracy.
    """
    fig = go.Figure()
    for kind in ("unstructured", "structured"):
        points = curves[kind]
        x = [100 * p["sparsity"] for p in points]
        y = [p["metric"] for p in points]
        fig.add_scatter(x=x, y=y, mode="lines+markers", name=names[kind], line_color=COLORS[kind])
        if "macro_f1" in points[0]:
            fig.add_scatter(x=x, y=[p["macro_f1"] for p in points], mode="lines", name=f"{names[kind]} · {names['macro_f1']}",
                            line=dict(color=COLORS[kind], dash="dash"))
        now = min(points, key=lambda p: abs(p["sparsity"] - sparsity))
        fig.add_scatter(x=[100 * now["sparsity"]], y=[now["metric"]], mode="markers", showlegend=False,
                        marker=dict(size=16, color=COLORS[kind], line=dict(width=2, color=palette.BLACK)),
                        hovertext=names["now"])
    fig.add_vline(x=100 * sparsity, line_dash="dot")
    fig.update_layout(xaxis_title=names["sparsity"], yaxis_title=names["metric"], height=380,
                      margin=dict(t=30, b=40), legend=dict(orientation="h", y=1.12))
    return fig


def precision_figure(points: list[dict], bits: int, names: dict[str, str]) -> go.Figure:
    """Size against held-out metric at each precision; names: "kilobytes", "metric", "bits" (a
    template with {bits}, e.g. "{bits}-bit")."""
    fig = go.Figure()
    fig.add_scatter(x=[p["bytes"] / 1000 for p in points], y=[p["metric"] for p in points],
                    mode="lines+markers+text", text=[names["bits"].format(bits=p["bits"]) for p in points],
                    textposition="top center",
                    marker=dict(size=[18 if p["bits"] == bits else 9 for p in points], color=COLORS["after"]),
                    showlegend=False, cliponaxis=False)  # a label above the highest point stays whole
    values = [p["metric"] for p in points]
    pad = 0.25 * ((max(values) - min(values)) or abs(max(values)) * 0.01 or 0.01)  # room for the labels above
    fig.update_layout(xaxis_title=names["kilobytes"], yaxis_title=names["metric"], height=340, margin=dict(t=40, b=40),
                      yaxis_range=[min(values) - pad, max(values) + pad])
    return fig


def histogram_figure(before: np.ndarray, after: np.ndarray, names: dict[str, str]) -> go.Figure:
    """Two overlaid histograms of one matrix's weights; names: "before", "after", "weight", "count".

    The page names the matrix beside the chart: a title inside a half-width chart is cut off.
    """
    edges = np.linspace(float(before.min()), float(before.max()), 121)
    centers = (edges[:-1] + edges[1:]) / 2
    fig = go.Figure()
    for key, values in (("before", before), ("after", after)):
        counts, _ = np.histogram(values.ravel(), bins=edges)
        fig.add_bar(x=centers, y=counts, name=names[key], marker_color=COLORS[key], opacity=0.6)
    fig.update_layout(barmode="overlay", bargap=0, xaxis_title=names["weight"],
                      yaxis_title=names["count"], height=340, margin=dict(t=50, b=40), legend=dict(orientation="h", y=1.02))
    return fig


def loss_figure(single: list[float], mirrored: list[float], names: dict[str, str]) -> go.Figure:
    """Loss per epoch on one device and on mirrored devices; names: "one", "two", "epoch", "loss"."""
    epochs = list(range(1, len(single) + 1))
    fig = go.Figure()
    fig.add_scatter(x=epochs, y=single, name=names["one"], mode="lines+markers", line=dict(width=6, color=palette.LIGHT_GREY))
    fig.add_scatter(x=epochs, y=mirrored, name=names["two"], mode="lines+markers", line=dict(width=2, color=palette.COMPARE["second"]))
    fig.update_layout(xaxis_title=names["epoch"], yaxis_title=names["loss"], height=320, margin=dict(t=30, b=40),
                      legend=dict(orientation="h", y=1.12))
    return fig
