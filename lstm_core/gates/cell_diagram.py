"""The LSTM cell as a Graphviz diagram: the Home page's picture, and the Gates page's live one.

Without values it is the textbook picture of one step. With the values of one unit at
one step (from `interpret.step_detail`), every node shows its number and every edge the
product it carries, so the diagram and the equations beside it tell the same story.
The dashed edges are the recurrence: c_t and h_t are handed to the same cell at step t+1.
Colours come from `lstm_core.palette`, one per gate and state.

The page stretches the picture to its width, so what sets the size of its text on a
projector is how wide the drawing is for its font: every label is two short lines and the
spacing is tight, which keeps the numbers near 17 px on a 1280-pixel classroom screen
(the browser test measures them).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

from lstm_core import palette

# The text labels the caller supplies (in the reader's language), by role.
LABEL_KEYS = ("input", "forget_gate", "input_gate", "candidate", "output_gate", "cell", "hidden", "next")


def _quote(text: str) -> str:
    """A DOT string literal (JSON's escaping is valid DOT, and keeps user-free text safe)."""
    return json.dumps(text, ensure_ascii=False)


FONT_SIZE = 16  # points of the drawing; the page scales it (see above)


def _min_width(label: str, shape: str) -> float:
    """The width (inches) a label needs, counting a CJK character as a full em.

    Graphviz in the browser measures text with Latin font metrics and makes a node too
    narrow for Chinese (细胞状态 spilled over its box's edges); a node is never narrower
    than this. An ellipse needs about 1.4 times its text's width.
    """
    widest = max((_ems(line) for line in label.split("\n") if _cjk(line)), default=0.0)  # Latin lines Graphviz measures well
    return round(widest * FONT_SIZE / 72 * (1.4 if shape == "ellipse" else 1.0) + 0.3, 2)


def _cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


def _ems(line: str) -> float:
    """A line's width in ems: a CJK character is one, a Latin one about half."""
    return sum(1.0 if _cjk(ch) else 0.55 for ch in line.strip())


def _width(label: str, shape: str) -> str:
    """A node's `width` attribute where its label holds CJK text (Latin text Graphviz measures well)."""
    return f"width={_min_width(label, shape)}, " if _cjk(label) else ""


def _node(name: str, label: str, role: str, shape: str) -> str:
    colour = palette.GATES[role]
    return (f'{name} [label={_quote(label)}, shape={shape}, style="rounded,filled", {_width(label, shape)}'
            f'fillcolor="{palette.tint(colour, 0.75)}", color="{colour}", penwidth=2];')


def cell_dot(labels: Mapping[str, str], values: Mapping[str, float] | None = None, font: str = "Helvetica") -> str:
    """DOT source of one LSTM cell.

    labels: the words for each role in LABEL_KEYS. values (optional), one unit at one
    step: "i", "f", "g", "o" (gate values), "c_prev", "h_prev", "c", "h".
    """
    missing = [key for key in LABEL_KEYS if key not in labels]
    if missing:
        raise ValueError(f"cell_dot needs labels for {missing}")
    v = values or {}

    def shown(symbol: str, key: str) -> str:
        return f"{symbol} = {v[key]:.3f}" if key in v else symbol

    def two_lines(text: str) -> str:
        """A label broken near its middle, so the node is narrow (see the module docstring): at a
        space in English, between any two characters in Chinese."""
        breaks = [k for k, ch in enumerate(text) if ch == " " or (_cjk(ch) and k and _cjk(text[k - 1]))]
        if not breaks:
            return text
        cut = min(breaks, key=lambda k: max(_ems(text[:k]), _ems(text[k:])))  # the narrower of the two lines' widths
        return text[:cut].rstrip() + "\n" + text[cut:].lstrip()

    lines = [
        "digraph lstm {",
        f'  rankdir=LR; bgcolor="transparent"; nodesep=0.1; ranksep=0.2;',
        f'  node [fontname={_quote(font)}, fontsize={FONT_SIZE}, margin="0.08,0.03"];'
        f' edge [fontname={_quote(font)}, fontsize={FONT_SIZE}];',
        "  " + _node("xt", f"{labels['input']}\nx_t", "input", "box"),
        "  " + _node("hprev", shown("h_(t-1)", "h_prev").replace(" = ", "\n= "), "hidden", "box"),
        "  " + _node("cprev", shown("c_(t-1)", "c_prev").replace(" = ", "\n= "), "cell", "box"),
        "  " + _node("f", f"{labels['forget_gate']}\nσ: {shown('f_t', 'f')}", "forget_gate", "ellipse"),
        "  " + _node("i", f"{labels['input_gate']}\nσ: {shown('i_t', 'i')}", "input_gate", "ellipse"),
        "  " + _node("g", f"{labels['candidate']}\ntanh: {shown('g_t', 'g')}", "candidate", "ellipse"),
        "  " + _node("o", f"{labels['output_gate']}\nσ: {shown('o_t', 'o')}", "output_gate", "ellipse"),
        '  node [margin=0]; mulf [label="×", shape=circle]; muli [label="×", shape=circle]; add [label="+", shape=circle];',
        '  tanhc [label="tanh", shape=circle]; mulo [label="×", shape=circle];',
        "  " + _node("ct", f"{labels['cell']}\n{shown('c_t', 'c')}", "cell", "box"),
        "  " + _node("ht", f"{labels['hidden']}\n{shown('h_t', 'h')}", "hidden", "box"),
        f'  next [label={_quote(two_lines(labels["next"]))}, shape=box, {_width(two_lines(labels["next"]), "box")}'
        f'style="rounded,dashed"];',
        "  {xt hprev} -> {f i g o};",
    ]
    products = {}
    if {"f", "c_prev", "i", "g", "c", "o"} <= v.keys():
        products = {"fc": f"{v['f'] * v['c_prev']:+.3f}", "ig": f"{v['i'] * v['g']:+.3f}",
                    "tanh": f"{math.tanh(v['c']):+.3f}"}
    lines += [
        "  cprev -> mulf; f -> mulf; i -> muli; g -> muli;",
        f"  mulf -> add [label={_quote(products.get('fc', ''))}]; muli -> add [label={_quote(products.get('ig', ''))}];",
        f"  add -> ct; ct -> tanhc; tanhc -> mulo [label={_quote(products.get('tanh', ''))}]; o -> mulo; mulo -> ht;",
        '  ct -> next [style=dashed, label="c_t"]; ht -> next [style=dashed, label="h_t"];',
        "}",
    ]
    return "\n".join(lines)

