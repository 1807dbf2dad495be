"""What the sequence labelling page draws: word chips, tagged text, and the B/I/E/S strip.

Every piece of text is HTML-escaped here, so what a user types can never become markup.
Colours come from `lstm_core.palette`: a word every method cuts the same way is sky blue,
one the methods disagree on orange, one that is not a gold word (test sentences) vermillion;
parts of speech and names use `palette.POS_GROUPS` and `palette.ENTITIES`.
"""

from __future__ import annotations

import html
from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from lstm_core import palette
from lstm_core.tagging.bies import LABELS
from lstm_core.tagging.metrics import spans_of
from lstm_core.text.segmentation import tag_group

CHIP = ("display:inline-block;padding:1px 7px;margin:3px 2px;border-radius:10px;border:{border};"
        "background:{background};font-size:1.1em;white-space:pre")


def word_states(outputs: dict[str, Sequence[str]], gold: Sequence[str] | None = None) -> dict[str, list[str]]:
    """Per method, per word: "wrong" (not a gold word), "disagree" (not every method's word) or "agree"."""
    spans = {name: spans_of(words) for name, words in outputs.items()}
    shared = set.intersection(*(set(s) for s in spans.values())) if spans else set()
    gold_spans = set(spans_of(gold)) if gold is not None else None
    return {name: ["wrong" if gold_spans is not None and span not in gold_spans
                   else "agree" if span in shared else "disagree" for span in method_spans]
            for name, method_spans in spans.items()}


def _chip(text: str, colour: str, title: str = "", strong: bool = False) -> str:
    width = "2px" if strong else "1px"
    style = CHIP.format(border=f"{width} solid {colour}", background=palette.tint(colour, 0.8))
    shown = html.escape(text).replace("\n", "↵") or "&nbsp;"
    return f'<span title="{html.escape(title, quote=True)}" style="{style}">{shown}</span>'


def word_chips(words: Sequence[str], states: Sequence[str], titles: dict[str, str]) -> str:
    """Words as chips coloured by their state; `titles` names each state (shown on hover)."""
    chips = [_chip(word, palette.WORDS[state], titles[state], strong=state != "agree") for word, state in zip(words, states)]
    return '<div style="line-height:2.2em">' + "".join(chips) + "</div>"


def gold_chips(words: Sequence[str], title: str) -> str:
    return '<div style="line-height:2.2em">' + "".join(_chip(w, palette.WORDS["gold"], title) for w in words) + "</div>"


def tagged_html(words: Sequence[str], tags: Sequence[str], entities: Sequence[tuple[int, int, str]],
                group_names: dict[str, str], entity_names: dict[str, str]) -> str:
    """Each word a chip in its part of speech's colour (hover: tag and group); names underlined in their type's colour."""
    entity_of, entity_end = {}, {}
    for start, end, kind in entities:
        for position in range(start, end):
            entity_of[position], entity_end[position] = kind, end
    chips, position = [], 0
    for word, tag in zip(words, tags):
        group = tag_group(tag)
        kind = entity_of.get(position)
        title = f"{tag} · {group_names.get(group, group)}" + (f" · {entity_names[kind]}" if kind else "")
        chip = _chip(word, palette.POS_GROUPS.get(group, palette.LIGHT_GREY), title)
        if kind:  # underlined in the name's colour; its type written once, after the name's last word
            last = entity_end[position] == position + len(word)
            label = f'<sub style="color:{palette.ENTITIES[kind]};font-weight:bold">{kind}</sub>' if last else ""
            chip = f'<span style="border-bottom:4px solid {palette.ENTITIES[kind]};padding-bottom:2px">{chip}{label}</span>'
        chips.append(chip)
        position += len(word)
    return '<div style="line-height:2.6em">' + "".join(chips) + "</div>"


def legend_html(colours: dict[str, str], names: dict[str, str]) -> str:
    """A row of small chips naming what each colour means."""
    return "".join(_chip(names[key], colour) for key, colour in colours.items() if key in names)


def position_strip(text: str, probabilities: np.ndarray, labels: Sequence[int], names: dict[str, str]) -> go.Figure:
    """P(B), P(I), P(E), P(S) for every character (rows), the decoded label marked in each column.

    names: "position" (the y axis), "character" (x), "probability" (colour bar), "title".
    """
    characters = [ch if ch.strip() else "␣" for ch in text]
    x = list(range(len(text)))
    fig = go.Figure(go.Heatmap(
        z=np.asarray(probabilities).T, x=x, y=list(LABELS), zmin=0, zmax=1, colorscale=palette.SEQUENTIAL,
        colorbar=dict(title=dict(text=names["probability"])),
        hovertemplate="%{customdata}<br>%{y}: %{z:.2f}<extra></extra>",
        customdata=np.array([characters] * 4),
    ))
    chosen = [(position, LABELS[label]) for position, label in enumerate(labels) if label >= 0]
    fig.add_trace(go.Scatter(
        x=[p for p, _ in chosen], y=[label for _, label in chosen], mode="markers", showlegend=False,
        marker=dict(symbol="circle-open", size=16, line=dict(width=3, color=palette.VERMILLION)), hoverinfo="skip",
    ))
    fig.update_layout(
        title=dict(text=names["title"]), height=260, margin=dict(t=40, b=40, l=40, r=20),
        xaxis=dict(title=dict(text=names["character"]), tickmode="array", tickvals=x, ticktext=characters,
                   tickfont=dict(size=16)),
        yaxis=dict(title=dict(text=names["position"]), autorange="reversed"),
    )
    return fig
