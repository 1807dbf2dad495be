"""Charts of the "Generalize" and "A worked case" tabs, drawn from assets/generalize.json.

Every label arrives translated in `labels`; this module holds no UI text.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_core.palette import SERIES as COLOURS  # one colour per variant, colour-blind safe

# Above the plot: below it, the legend ran into the x axis's title in classroom type.
LEGEND = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}


def curves_figure(variants: dict, names: list[str], metric: str, labels: dict[str, str]) -> go.Figure:
    """Training (dashed) against validation (solid) `metric` per epoch, one colour per variant."""
    figure = go.Figure()
    for k, name in enumerate(names):
        history, colour = variants[name]["history"], COLOURS[k % len(COLOURS)]
        epochs = list(range(1, len(history[metric]) + 1))
        figure.add_scatter(x=epochs, y=history[metric], mode="lines+markers", line={"dash": "dash", "color": colour},
                           name=f"{labels[name]} · {labels['train']}")
        figure.add_scatter(x=epochs, y=history[f"val_{metric}"], mode="lines+markers", line={"color": colour},
                           name=f"{labels[name]} · {labels['validation']}")
    figure.update_layout(xaxis_title=labels["epoch"], yaxis_title=labels[metric], height=460,
                         legend=LEGEND)
    return figure


def worked_case_figure(steps: list[dict], labels: dict[str, str]) -> go.Figure:
    """Test and contrast-set accuracy (bars) and stored size in KB (line, right axis) at every available step."""
    shown = [s for s in steps if s["available"]]
    names = [labels[s["step"]] for s in shown]
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    for key, label in (("test_accuracy", labels["test_accuracy"]), ("contrast_accuracy", labels["contrast"])):
        values = [s.get(key) for s in shown]
        if any(v is None for v in values):
            continue  # a card built without the contrast set
        figure.add_bar(x=names, y=values, name=label, text=[f"{v:.3f}" for v in values], textposition="outside")
    figure.add_scatter(x=names, y=[s["bytes"] / 1024 for s in shown], name=labels["kb"], mode="lines+markers",
                       secondary_y=True)
    low = min(min(s["test_accuracy"], s.get("contrast_accuracy") or 1.0) for s in shown)
    figure.update_yaxes(title_text=labels["test_accuracy"], range=[max(0.0, low - 0.05), 1.0], secondary_y=False)
    figure.update_yaxes(title_text=labels["kb"], rangemode="tozero", secondary_y=True)
    figure.update_layout(height=440, legend=LEGEND)
    return figure
