"""Plotly figures for the sentiment page: running verdict, attribution, metrics, curves.

Every function takes its display words (axis titles, class names) from the caller,
so the page decides the language and this module stays free of Streamlit.
"""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_core import palette
from lstm_core.gates.gate_figures import short_label
from lstm_core.sentiment.classifier import Reading

CLASS_COLOURS = palette.CLASSES


def _token_ticks(tokens: tuple[str, ...], title: str) -> dict:
    """An x axis of steps labelled with their tokens (escaped: Plotly reads tags in tick text)."""
    step = max(1, len(tokens) // 60)  # at most ~60 labels, or they overlap
    ticks = list(range(0, len(tokens), step))
    return {"title": {"text": title}, "tickmode": "array", "tickvals": ticks,
            "ticktext": [html.escape(short_label(tokens[i])) for i in ticks], "tickangle": 0 if len(tokens) <= 30 else -60}


# The axes make_subplots(rows, cols=1, shared_xaxes=True, vertical_spacing=0.08) lays out,
# written out: each figure here is built in one go from dicts, so Plotly checks it once
# instead of once per add_trace / update_* call (several times faster; the page redraws
# these on every text a student types).
_ROWS = {
    1: {"xaxis": {"anchor": "y", "domain": [0.0, 1.0]}, "yaxis": {"anchor": "x", "domain": [0.0, 1.0]}},
    2: {"xaxis": {"anchor": "y", "domain": [0.0, 1.0], "matches": "x2", "showticklabels": False},
        "yaxis": {"anchor": "x", "domain": [0.54, 1.0]},
        "xaxis2": {"anchor": "y2", "domain": [0.0, 1.0]}, "yaxis2": {"anchor": "x2", "domain": [0.0, 0.46]}},
}


def running_verdict(reading: Reading, labels: list[str], names: list[str], axis: dict[str, str]) -> go.Figure:
    """Probability of each class after each token (top) and per-token occlusion (bottom).

    labels: class ids (for colours); names: the same classes in the UI language;
    axis: titles for "token", "probability" and "attribution".
    """
    steps = np.arange(len(reading.tokens))
    hover_tokens = [html.escape(short_label(tok, 30)) for tok in reading.tokens]
    rows = max(1, (reading.running is not None) + (reading.attribution is not None))
    layout = {key: dict(value) for key, value in _ROWS[rows].items()}
    last = "2" if rows == 2 else ""
    data = []
    if reading.running is not None:
        for k, (label, name) in enumerate(zip(labels, names)):
            data.append({
                "type": "scatter", "x": steps, "y": reading.running[:, k], "mode": "lines+markers", "name": name,
                "line": {"color": CLASS_COLOURS.get(label)}, "customdata": hover_tokens,
                "hovertemplate": f"%{{customdata}}<br>{name}: %{{y:.3f}}<extra></extra>", "xaxis": "x", "yaxis": "y",
            })
        layout["yaxis"].update(title={"text": axis["probability"]}, range=[0, 1])
    if reading.attribution is not None:
        scores = reading.attribution
        data.append({
            "type": "bar", "x": steps, "y": scores, "name": axis["attribution"], "showlegend": False,
            "customdata": hover_tokens, "marker": {"color": np.where(scores >= 0, palette.POSITIVE, palette.NEGATIVE)},
            "hovertemplate": "%{customdata}<br>%{y:+.3f}<extra></extra>", "xaxis": f"x{last}", "yaxis": f"y{last}",
        })
        layout[f"yaxis{last}"]["title"] = {"text": axis["attribution"]}
    layout[f"xaxis{last}"].update(_token_ticks(reading.tokens, axis["token"]))
    layout.update(height=480 if rows == 2 else 300, margin={"t": 30, "b": 40}, legend={"orientation": "h", "y": 1.1})
    return go.Figure(data=data, layout=layout)


def probability_bars(models: dict[str, np.ndarray], names: list[str], axis: dict[str, str]) -> go.Figure:
    """Grouped bars: each model's probability per class. models: display name -> (K,)."""
    data = [{"type": "bar", "x": names, "y": probabilities, "name": model_name, "texttemplate": "%{y:.2f}"}
            for model_name, probabilities in models.items()]
    return go.Figure(data=data, layout={
        "barmode": "group", "height": 300, "margin": {"t": 30, "b": 40}, "legend": {"orientation": "h", "y": 1.15},
        "xaxis": {"title": {"text": axis["class"]}}, "yaxis": {"title": {"text": axis["probability"]}, "range": [0, 1]},
    })


def confusion(matrix: list[list[int]], names: list[str], title: str, axis: dict[str, str]) -> go.Figure:
    """A confusion matrix: rows the true class, columns the predicted one."""
    z = np.asarray(matrix)
    fig = go.Figure(
        go.Heatmap(
            z=z, x=names, y=names, colorscale=palette.COUNTS, showscale=False, text=z, texttemplate="%{text}",
            hovertemplate=f"{axis['true']}: %{{y}}<br>{axis['predicted']}: %{{x}}<br>%{{z}}<extra></extra>",
        )
    )
    fig.update_layout(title=title, height=320, margin=dict(t=50, b=40))
    fig.update_xaxes(title_text=axis["predicted"])
    fig.update_yaxes(title_text=axis["true"], autorange="reversed")
    return fig


def training_curves(history: dict[str, list[float]], axis: dict[str, str], names: dict[str, str]) -> go.Figure:
    """Loss and accuracy per epoch, train and validation. names: "train"/"validation" labels."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=[axis["loss"], axis["accuracy"]])
    for col, metric in enumerate(("loss", "accuracy"), start=1):
        for prefix, part, dash in (("", "train", "solid"), ("val_", "validation", "dash")):
            values = history.get(prefix + metric, [])
            fig.add_trace(
                go.Scatter(
                    x=np.arange(1, len(values) + 1), y=values, mode="lines+markers", name=names[part],
                    line=dict(dash=dash, color=palette.SPLITS[part]), showlegend=col == 1,
                ),
                row=1, col=col,
            )
        fig.update_xaxes(title_text=axis["epoch"], row=1, col=col, dtick=1)
    fig.update_yaxes(title_text=axis["loss"], row=1, col=1)
    fig.update_yaxes(title_text=axis["accuracy"], row=1, col=2)
    fig.update_layout(height=320, margin=dict(t=40, b=40), legend=dict(orientation="h", y=1.2))
    return fig
