"""Plotly figures and HTML for the Gates page: heatmaps, coloured text, saturation."""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_core.cell import GateTrace
from lstm_core.interpret import Saturation, StepDetail

# (field, symbol, colour scale, value range): gates live in [0, 1], the rest around 0.
PANELS = (
    ("input_gate", "i_t", "Viridis", (0.0, 1.0)),
    ("forget_gate", "f_t", "Viridis", (0.0, 1.0)),
    ("candidate", "g_t", "RdBu_r", (-1.0, 1.0)),
    ("output_gate", "o_t", "Viridis", (0.0, 1.0)),
    ("cell", "c_t", "RdBu_r", None),  # unbounded: symmetric around 0 at the largest |c|
    ("hidden", "h_t", "RdBu_r", (-1.0, 1.0)),
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

    units: the unit indices to show, top to bottom. names: a display name per field.
    """
    chosen = [p for p in PANELS if p[0] in panels]
    fig = make_subplots(
        rows=len(chosen), cols=1, shared_xaxes=True, vertical_spacing=0.04,
        subplot_titles=[f"{names[f]} ({sym})" for f, sym, _, _ in chosen],
    )
    steps = np.arange(trace.steps)
    tokens = [short_label(lab, 30) for lab in labels]
    unit_names = [f"u{u}" for u in units]
    for row, (field, symbol, scale, bounds) in enumerate(chosen, start=1):
        z = getattr(trace, field)[:, units].T  # (U, T)
        if bounds is None:
            limit = float(np.abs(z).max()) or 1.0
            bounds = (-limit, limit)
        fig.add_trace(
            go.Heatmap(
                z=z, x=steps, y=unit_names, zmin=bounds[0], zmax=bounds[1], colorscale=scale,
                customdata=np.broadcast_to(np.array(tokens, dtype=object), z.shape),
                hovertemplate=f"step %{{x}} · %{{customdata}}<br>unit %{{y}}<br>{symbol} = %{{z:.4f}}<extra></extra>",
                colorbar=dict(len=1 / len(chosen) * 0.9, y=1 - (row - 0.5) / len(chosen), thickness=12),
            ),
            row=row, col=1,
        )
        fig.update_yaxes(title_text="unit", autorange="reversed", row=row, col=1)
    every = max(1, trace.steps // 60)  # keep tick labels readable on long inputs
    short = max((len(lab) for lab in labels), default=1) <= 2  # characters: keep them upright
    fig.update_xaxes(
        tickmode="array", tickvals=steps[::every], ticktext=[short_label(lab) for lab in labels][::every],
        tickangle=0 if short else -60, tickfont_size=16 if short else 13, row=len(chosen), col=1,
    )
    fig.update_xaxes(title_text=names["time"], row=len(chosen), col=1)
    fig.update_layout(height=170 * len(chosen) + 120, margin=dict(l=50, r=20, t=40, b=80))
    return fig


def colored_text_html(labels: tuple[str, ...], values: np.ndarray, unknown: tuple[bool, ...], unk_title: str) -> str:
    """Karpathy-style text: each token's background shows one unit's value (blue -, red +).

    Every label is HTML-escaped here, so user text can never inject markup.
    """
    limit = float(np.abs(values).max()) or 1.0
    spans = []
    for label, value, unk in zip(labels, values, unknown):
        strength = min(1.0, abs(float(value)) / limit)
        rgb = "214,39,40" if value > 0 else "31,119,180"
        title = html.escape(f"{value:+.3f}" + (f" · {unk_title}" if unk else ""), quote=True)
        text = html.escape(label).replace("\n", "↵<br>") or "&nbsp;"
        border = "border-bottom:2px dashed #888;" if unk else ""
        spans.append(
            f'<span title="{title}" style="background:rgba({rgb},{strength:.2f});{border}'
            f'padding:2px 1px;margin:0 1px;border-radius:3px;white-space:pre-wrap">{text}</span>'
        )
    return '<div style="font-size:1.3em;line-height:2.1em;font-family:monospace">' + "".join(spans) + "</div>"


def unit_lines(trace: GateTrace, labels: tuple[str, ...], unit: int, names: dict[str, str]) -> go.Figure:
    """One unit over time: its gates and states as lines over the tokens."""
    fig = go.Figure()
    steps = np.arange(trace.steps)
    for field, symbol, _, _ in PANELS:
        fig.add_trace(go.Scatter(x=steps, y=getattr(trace, field)[:, unit], name=f"{names[field]} {symbol}", mode="lines+markers"))
    fig.update_xaxes(
        title_text=names["time"], tickmode="array", tickvals=steps,
        ticktext=[short_label(lab) for lab in labels], tickangle=-60,
    )
    fig.update_yaxes(title_text=names["value"])
    fig.update_layout(height=380, margin=dict(l=50, r=20, t=30, b=80), legend_orientation="h")
    return fig


def saturation_figure(results: list[Saturation], names: dict[str, str]) -> go.Figure:
    """Per unit: fraction of steps shut (x) against fraction open (y), one colour per gate."""
    fig = go.Figure()
    for sat in results:
        units = np.arange(len(sat.shut))
        fig.add_trace(
            go.Scatter(
                x=sat.shut, y=sat.open, mode="markers", name=names[sat.gate], text=[f"u{u}" for u in units],
                hovertemplate="unit %{text}<br>shut %{x:.0%}<br>open %{y:.0%}<extra></extra>", marker_size=9,
            )
        )
    # Points lie in the triangle x + y <= 1; its edge is drawn for reference.
    fig.add_trace(go.Scatter(x=[0, 1], y=[1, 0], mode="lines", line=dict(dash="dot", color="gray"), showlegend=False, hoverinfo="skip"))
    fig.update_xaxes(title_text=names["shut"], range=[-0.02, 1.02], tickformat=".0%")
    fig.update_yaxes(title_text=names["open"], range=[-0.02, 1.02], tickformat=".0%", scaleanchor="x")
    fig.update_layout(height=480, margin=dict(l=50, r=20, t=30, b=50))
    return fig


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
            rf" + \underbrace{{{_num(b)}}}_{{b}}) = {names[g].split('=')[1]}({_num(detail.pre[g][j])}) = {detail.value[g][j]:.3f}"
        )
    f, i, g, o = (detail.value[k][j] for k in "figo")
    lines.append(
        rf"c_t = f_t\,c_{{t-1}} + i_t\,g_t = {f:.3f} \times {_num(detail.c_prev[j])} + {i:.3f} \times {_num(g)} = {detail.c[j]:.3f}"
    )
    lines.append(rf"h_t = o_t \tanh(c_t) = {o:.3f} \times \tanh({_num(detail.c[j])}) = {detail.h[j]:.3f}")
    return r"\begin{aligned}" + r"\\".join(line.replace(" = ", " &= ", 1) for line in lines) + r"\end{aligned}"
