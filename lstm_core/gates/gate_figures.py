"""Plotly figures and HTML for the Gates page: heatmaps, coloured text, saturation."""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from lstm_core import palette
from lstm_core.gates.interpret import Saturation, StepDetail
from lstm_core.nn.cell import GateTrace

# (field, symbol, colour scale, value range): gates live in [0, 1], the rest around 0.
PANELS = (
    ("input_gate", "i_t", palette.SEQUENTIAL, (0.0, 1.0)),
    ("forget_gate", "f_t", palette.SEQUENTIAL, (0.0, 1.0)),
    ("candidate", "g_t", palette.DIVERGING, (-1.0, 1.0)),
    ("output_gate", "o_t", palette.SEQUENTIAL, (0.0, 1.0)),
    ("cell", "c_t", palette.DIVERGING, None),  # unbounded: symmetric around 0 at the largest |c|
    ("hidden", "h_t", palette.DIVERGING, (-1.0, 1.0)),
)


def short_label(label: str, width: int = 12) -> str:
    """A token as an axis label: visible whitespace, long tokens shortened."""
    shown = label.replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥")
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def gate_heatmaps(
    trace: GateTrace,
    labels: tuple[str, ...],
    units: np.ndarray,
    names: dict[str, str],
    panels: tuple[str, ...] = tuple(p[0] for p in PANELS),
) -> go.Figure:
    """One heatmap per gate/state: time on x (labelled with the tokens), units on y.

    units: the unit indices to show, top to bottom. names: a display name per field, and
    "time", "unit", "step", "bar_gate", "bar_signed" (the colour bars' titles: what the ends mean).
    The panels share one x axis and are stacked by hand (axis domains), which builds
    several times faster than `make_subplots` and keeps the page's rerun quick.
    """
    chosen = [p for p in PANELS if p[0] in panels]
    rows = len(chosen)
    steps = np.arange(trace.steps)
    tokens = np.array([html.escape(short_label(lab, 30)) for lab in labels], dtype=object)  # Plotly reads tags in text
    unit_names = [f"u{u}" for u in units]
    gap = 0.045 if rows > 1 else 0.0  # room for each panel's title above it
    height = (1 - gap * (rows - 1)) / rows  # each panel's share of the plot area
    data, layout, titles = [], {}, []
    for row, (field, symbol, scale, bounds) in enumerate(chosen):
        z = getattr(trace, field)[:, units].T  # (U, T)
        if bounds is None:
            limit = float(np.abs(z).max()) or 1.0
            bounds = (-limit, limit)
        axis = "" if row == 0 else str(row + 1)
        top = 1 - row * (height + gap)
        data.append(dict(
            type="heatmap", z=z, x=steps, y=unit_names, xaxis="x", yaxis=f"y{axis}",
            zmin=bounds[0], zmax=bounds[1], colorscale=scale,
            customdata=np.broadcast_to(tokens, z.shape),
            hovertemplate=f"{names['step']} %{{x}} · %{{customdata}}<br>{names['unit']} %{{y}}<br>{symbol} = %{{z:.4f}}<extra></extra>",
            colorbar=dict(len=height * 0.9, y=top - height / 2, thickness=12, title=dict(
                text=names["bar_gate" if scale == palette.SEQUENTIAL else "bar_signed"], side="right")),
        ))
        layout[f"yaxis{axis}"] = dict(domain=[max(0.0, top - height), top], autorange="reversed", title=dict(text=names["unit"]))
        titles.append(dict(
            text=f"{names[field]} ({symbol})", x=0.5, y=top, xref="paper", yref="paper",
            xanchor="center", yanchor="bottom", showarrow=False,
        ))
    every = max(1, trace.steps // 60)  # keep tick labels readable on long inputs
    short = max((len(lab) for lab in labels), default=1) <= 2  # characters: keep them upright
    layout["xaxis"] = dict(
        anchor=f"y{rows if rows > 1 else ''}", tickmode="array", tickvals=steps[::every],
        ticktext=[html.escape(short_label(lab)) for lab in labels][::every], tickangle=0 if short else -60,
        title=dict(text=names["time"]),
    )
    # Each unit's row is tall enough for its label ("u7") in classroom type; with less room
    # Plotly drops every other label and the rows can no longer be named.
    panel = max(170, 26 * len(units) + 50)
    layout.update(height=panel * rows + 120, margin=dict(l=50, r=60, t=40, b=80), annotations=titles)
    return go.Figure(data=data, layout=layout)


def colored_text_html(labels: tuple[str, ...], values: np.ndarray, unknown: tuple[bool, ...], unk_title: str) -> str:
    """Karpathy-style text: each token's background shows one unit's value (palette: blue +, vermillion -).

    Every label is HTML-escaped here, so user text can never inject markup.
    """
    limit = float(np.abs(values).max()) or 1.0
    spans = []
    for label, value, unk in zip(labels, values, unknown):
        strength = min(1.0, abs(float(value)) / limit)
        colour = palette.POSITIVE if value > 0 else palette.NEGATIVE
        title = html.escape(f"{value:+.3f}" + (f" · {unk_title}" if unk else ""), quote=True)
        text = html.escape(label).replace("\n", "↵<br>") or "&nbsp;"
        border = f"border-bottom:2px dashed {palette.GREY};" if unk else ""
        spans.append(
            f'<span title="{title}" style="background:{palette.rgba(colour, strength)};{border}'
            f'padding:2px 1px;margin:0 1px;border-radius:3px;white-space:pre-wrap">{text}</span>'
        )
    return '<div style="font-size:1.3em;line-height:2.1em;font-family:monospace">' + "".join(spans) + "</div>"


def unit_lines(trace: GateTrace, labels: tuple[str, ...], unit: int, names: dict[str, str]) -> go.Figure:
    """One unit over time: its gates and states as lines over the tokens."""
    steps = np.arange(trace.steps)
    data = [
        dict(type="scatter", x=steps, y=getattr(trace, field)[:, unit], name=f"{names[field]} {symbol}", mode="lines+markers",
             line=dict(color=palette.GATES[field]), marker=dict(color=palette.GATES[field]))
        for field, symbol, _, _ in PANELS
    ]
    short = max((len(lab) for lab in labels), default=1) <= 2
    layout = dict(
        xaxis=dict(title=dict(text=names["time"]), tickmode="array", tickvals=steps,
                   ticktext=[html.escape(short_label(lab)) for lab in labels], tickangle=0 if short else -60),
        yaxis=dict(title=dict(text=names["value"])),
        height=420, margin=dict(l=50, r=20, t=60, b=80), legend=dict(orientation="h", y=1.02, yanchor="bottom"),
    )
    return go.Figure(data=data, layout=layout)


def saturation_figure(results: list[Saturation], names: dict[str, str]) -> go.Figure:
    """Per unit: fraction of steps shut (x) against fraction open (y), one colour per gate."""
    data = [
        dict(
            type="scatter", x=sat.shut, y=sat.open, mode="markers", name=names[sat.gate], marker=dict(size=9, color=palette.GATES[sat.gate]),
            text=[f"u{u}" for u in range(len(sat.shut))],
            hovertemplate=f"{names['unit']} %{{text}}<br>{names['shut']} %{{x:.0%}}<br>{names['open']} %{{y:.0%}}<extra></extra>",
        )
        for sat in results
    ]
    # Points lie in the triangle x + y <= 1; its edge, the dotted line x + y = 1, is drawn for reference.
    data.append(dict(type="scatter", x=[0, 1], y=[1, 0], mode="lines", line=dict(dash="dot", color=palette.REFERENCE),
                     showlegend=False, hoverinfo="skip"))
    layout = dict(
        xaxis=dict(title=dict(text=names["shut"]), range=[-0.02, 1.02], tickformat=".0%"),
        yaxis=dict(title=dict(text=names["open"]), range=[-0.02, 1.02], tickformat=".0%"),
        height=480, margin=dict(l=50, r=20, t=30, b=50),
    )
    return go.Figure(data=data, layout=layout)


def _num(x: float) -> str:
    """A number for LaTeX, negative ones in brackets so the sums read right."""
    return f"{x:.3f}" if x >= 0 else f"({x:.3f})"


def step_latex(detail: StepDetail, j: int) -> str:
    """The equations of one step for unit detail.units[j], with the real numbers in them."""
    lines = []
    names = {"i": r"i_t = \sigma", "f": r"f_t = \sigma", "g": r"g_t = \tanh", "o": r"o_t = \sigma"}
    for g in "fiog":
        x, h, b = detail.from_x[g][j], detail.from_h[g][j], detail.bias[g][j]
        lines.append(
            rf"{names[g]}(\underbrace{{{_num(x)}}}_{{x_t W}} + \underbrace{{{_num(h)}}}_{{h_{{t-1}} U}}"
            rf" + \underbrace{{{_num(b)}}}_{{b}}) = {names[g].split('=')[1]}({detail.pre[g][j]:.3f}) = {detail.value[g][j]:.3f}"
        )
    f, i, g, o = (detail.value[k][j] for k in "figo")
    lines.append(
        rf"c_t = f_t\,c_{{t-1}} + i_t\,g_t = {f:.3f} \times {_num(detail.c_prev[j])} + {i:.3f} \times {_num(g)} = {detail.c[j]:.3f}"
    )
    lines.append(rf"h_t = o_t \tanh(c_t) = {o:.3f} \times \tanh({detail.c[j]:.3f}) = {detail.h[j]:.3f}")
    return r"\begin{aligned}" + r"\\".join(line.replace(" = ", " &= ", 1) for line in lines) + r"\end{aligned}"
