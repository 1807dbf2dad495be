"""Plotly figures of the forecasting page: the framing, the forecasts, the loss curves.

Pure functions of data and already-translated labels (`labels` maps a short name
such as "time" or "test" to the text to show), so they can be tested without
Streamlit and the page stays a thin script.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_core.forecast.forecast_eval import Comparison
from lstm_core.forecast.series import Series
from lstm_core.forecast.windows import Split
from lstm_core import palette

# Model roles from the shared palette; the training example's window and target in sign colours.
COLORS = {"lstm": palette.MODELS["lstm"], "naive": palette.MODELS["naive"], "seasonal_naive": palette.MODELS["seasonal_naive"],
          "stat": palette.MODELS["stat"], "actual": palette.MODELS["truth"], "input": palette.POSITIVE,
          "target": palette.NEGATIVE}


def _axes(fig: go.Figure, labels: dict[str, str], x: str, y: str) -> go.Figure:
    fig.update_layout(xaxis_title=labels[x], yaxis_title=labels[y], margin=dict(t=40, b=40),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig


def framing_figure(data: Series, split: Split, window: int, horizon: int, target_start: int,
                   labels: dict[str, str]) -> go.Figure:
    """The series with its train / validation / test parts and one training example on it."""
    x = np.asarray(data.time)
    fig = go.Figure(go.Scatter(x=x, y=data.values, name=labels["series"], line=dict(color=palette.MODELS["context"])))
    parts = ((split.val_start, split.test_start, "validation", palette.tint(palette.SPLITS["validation"], 0.7)),
             (split.test_start, len(data) - 1, "test", palette.tint(palette.SPLITS["test"], 0.7)))
    # Shapes set in one go: add_vrect once per part costs tens of milliseconds per rerun.
    fig.update_layout(
        shapes=[dict(type="rect", xref="x", yref="paper", x0=x[a], x1=x[b], y0=0, y1=1, fillcolor=color,
                     opacity=0.5, line_width=0, layer="below") for a, b, _, color in parts],
        annotations=[dict(x=x[a], y=1, xref="x", yref="paper", text=labels[name], showarrow=False,
                          xanchor="left", yanchor="bottom") for a, _, name, _ in parts],
    )
    inputs = slice(target_start - window, target_start)
    targets = slice(target_start, target_start + horizon)
    fig.add_trace(go.Scatter(x=x[inputs], y=data.values[inputs], mode="lines+markers", name=labels["input"],
                             line=dict(color=COLORS["input"], width=4)))
    fig.add_trace(go.Scatter(x=x[targets], y=data.values[targets], mode="markers", name=labels["target"],
                             marker=dict(color=COLORS["target"], size=11, symbol="diamond")))
    return _axes(fig, labels, "time", "value")


def history_before(data: Series, test_start: int, window: int) -> tuple[np.ndarray, np.ndarray]:
    """(time, values) of the stretch before the test tail that the forecast chart shows: three windows or seasons."""
    start = max(0, test_start - 3 * max(window, data.season))
    return data.time[start : test_start + 1], data.values[start : test_start + 1]


def forecast_figure(comparison: Comparison, mode: str, context: tuple[np.ndarray, np.ndarray],
                    labels: dict[str, str]) -> go.Figure:
    """Truth, every method's forecast of the test tail, and the spread of the LSTM members."""
    fig = go.Figure()
    context_x, context_y = context
    fig.add_trace(go.Scatter(x=context_x, y=context_y, name=labels["before"], line=dict(color=palette.MODELS["context"])))
    fig.add_trace(go.Scatter(x=comparison.time, y=comparison.actual, name=labels["actual"],
                             line=dict(color=COLORS["actual"], width=3)))
    if comparison.members:
        members = comparison.members[mode]
        fig.add_trace(go.Scatter(x=comparison.time, y=members.max(axis=0), line=dict(width=0), showlegend=False,
                                 hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=comparison.time, y=members.min(axis=0), line=dict(width=0), fill="tonexty",
                                 fillcolor=palette.rgba(palette.MODELS["lstm"], 0.25), name=labels["band"]))
    for method, predicted in comparison.forecasts[mode].items():
        fig.add_trace(go.Scatter(x=comparison.time, y=predicted, name=labels[method],
                                 line=dict(color=COLORS[method], dash=None if method == "lstm" else "dot")))
    return _axes(fig, labels, "time", "value")


def loss_figure(losses: list[dict[str, list[float]]], labels: dict[str, str]) -> go.Figure:
    """Training and validation loss per epoch, one pair of curves per member."""
    fig = go.Figure()
    for member, curves in enumerate(losses):
        for name, dash in (("loss", None), ("val_loss", "dot")):
            if curves.get(name):
                fig.add_trace(go.Scatter(x=np.arange(1, len(curves[name]) + 1), y=curves[name], mode="lines",
                                         line=dict(dash=dash), name=f"{labels[name]} · {labels['member']} {member + 1}"))
    fig.update_yaxes(type="log")
    return _axes(fig, labels, "epoch", "loss_axis")
