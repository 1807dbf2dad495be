"""Plotly figures for the tokens page: word maps, analogies, neighbours, loss, TF-IDF.

Figures take their axis titles as arguments (the page passes them in the user's
language), so this module stays free of Streamlit and of any string table. Chinese
labels need no font set up: Plotly draws text in the browser with its own fonts.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lstm_core import palette
from lstm_core.embeddings.word_vectors import Neighbour

HIGHLIGHT_COLOUR = palette.NEGATIVE
# The analogy map's arrows, in the order its caption names them: b -> a, c -> the answer, c + (a - b).
ARROWS = (palette.POSITIVE, HIGHLIGHT_COLOUR, palette.REFERENCE)


# One colour per word-map class (lstm_core.text.segmentation.MAP_GROUPS), far apart for colour-blind eyes.
GROUP_COLOURS = {"name": palette.VERMILLION, "noun": palette.BLUE, "verb": palette.BLUISH_GREEN,
                 "modifier": palette.ORANGE, "word": palette.BLUE, "hashtag": palette.ORANGE,
                 "mention": palette.BLUISH_GREEN, "other": palette.GREY}


def word_map(
    frame: pd.DataFrame,
    axis_titles: Sequence[str],
    group_names: dict[str, str],
    highlight: str | None = None,
    legend_title: str = "",
    show_labels: bool = True,
) -> go.Figure:
    """A scatter of projected words (columns word, x, y[, z], group), one colour per group.

    group: a key of GROUP_COLOURS; group_names: its name in the legend (the reader's language).
    """
    three_d = "z" in frame.columns
    fig = go.Figure()
    for group, part in frame.groupby("group", sort=True):
        name = group_names.get(group, str(group))
        colour = GROUP_COLOURS.get(group, palette.GREY)
        common = dict(
            name=name,
            text=part["word"],
            mode="markers+text" if show_labels else "markers",
            textposition="top center",
            hovertemplate="%{text}<extra>" + name + "</extra>",
        )
        if three_d:
            fig.add_trace(go.Scatter3d(x=part["x"], y=part["y"], z=part["z"], marker=dict(size=5, color=colour), **common))
        else:
            fig.add_trace(go.Scatter(x=part["x"], y=part["y"], marker=dict(size=10, color=colour), **common))
    if highlight is not None and highlight in set(frame["word"]):
        row = frame[frame["word"] == highlight].iloc[0]
        star = dict(
            name=highlight, text=[highlight], mode="markers+text", textposition="bottom center",
            marker=dict(size=18, color=HIGHLIGHT_COLOUR, symbol="diamond" if three_d else "star"),
            textfont=dict(color=HIGHLIGHT_COLOUR),
        )
        if three_d:
            fig.add_trace(go.Scatter3d(x=[row["x"]], y=[row["y"]], z=[row["z"]], **star))
        else:
            fig.add_trace(go.Scatter(x=[row["x"]], y=[row["y"]], **star))
    if three_d:
        fig.update_layout(scene=dict(xaxis_title=axis_titles[0], yaxis_title=axis_titles[1], zaxis_title=axis_titles[2]))
    else:
        fig.update_layout(xaxis_title=axis_titles[0], yaxis_title=axis_titles[1])
    fig.update_layout(height=620, legend_title_text=legend_title, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, itemsizing="constant"))
    return fig


def analogy_figure(words: Sequence[str], points: np.ndarray, axis_titles: Sequence[str]) -> go.Figure:
    """Arrows b→a and c→answer on a 2D projection: the same offset carried from one pair to the other.

    `words` and `points` are (a, b, c, answer) followed by any context words.
    """
    a, b, c, d = (np.asarray(p, dtype=float) for p in points[:4])
    fig = go.Figure(
        go.Scatter(
            x=points[:, 0], y=points[:, 1], text=list(words), mode="markers+text",
            textposition="top center", marker=dict(size=[14] * 4 + [7] * (len(words) - 4)), showlegend=False,
            hovertemplate="%{text}<extra></extra>",
        )
    )
    for start, end, colour in ((b, a, ARROWS[0]), (c, d, ARROWS[1])):
        fig.add_annotation(
            x=end[0], y=end[1], ax=start[0], ay=start[1], xref="x", yref="y", axref="x", ayref="y",
            showarrow=True, arrowhead=3, arrowsize=1.5, arrowwidth=2.5, arrowcolor=colour, text="",
        )
    # the dashed arrow: where c lands after adding exactly (a - b)
    target = c + (a - b)
    fig.add_annotation(
        x=target[0], y=target[1], ax=c[0], ay=c[1], xref="x", yref="y", axref="x", ayref="y",
        showarrow=True, arrowhead=2, arrowwidth=1.5, arrowcolor=ARROWS[2], opacity=0.6, text="",
    )
    fig.update_layout(xaxis_title=axis_titles[0], yaxis_title=axis_titles[1], height=480, margin=dict(t=30))
    return fig


def neighbour_bars(found: Sequence[Neighbour], axis_titles: Sequence[str]) -> go.Figure:
    """Horizontal bars of cosine similarity, the nearest word on top."""
    fig = go.Figure(
        go.Bar(
            x=[n.similarity for n in found], y=[n.word for n in found], orientation="h",
            text=[f"{n.similarity:.3f}" for n in found], textposition="auto",
        )
    )
    fig.update_layout(
        xaxis_title=axis_titles[0], yaxis_title=axis_titles[1], yaxis_autorange="reversed",
        height=60 + 32 * max(1, len(found)), margin=dict(t=20), xaxis_range=[min(0.0, *(n.similarity for n in found)), 1],
    )
    return fig


def loss_curve(losses: Sequence[float], axis_titles: Sequence[str]) -> go.Figure:
    fig = go.Figure(go.Scatter(x=list(range(1, len(losses) + 1)), y=list(losses), mode="lines+markers"))
    fig.update_layout(xaxis_title=axis_titles[0], yaxis_title=axis_titles[1], height=300, margin=dict(t=20))
    return fig


def term_heatmap(frame: pd.DataFrame, axis_titles: Sequence[str], value_format: str = ".2f") -> go.Figure:
    """documents x terms values as a heatmap with the numbers written in the cells."""
    fig = go.Figure(
        go.Heatmap(
            z=frame.values, x=list(frame.columns), y=list(frame.index), colorscale=palette.COUNTS,
            texttemplate="%{z:" + value_format + "}", hovertemplate="%{y} · %{x}: %{z:" + value_format + "}<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis_title=axis_titles[0], yaxis_title=axis_titles[1], height=140 + 45 * len(frame), margin=dict(t=20),
        yaxis_autorange="reversed",
    )
    return fig
