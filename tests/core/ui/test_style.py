"""Chart type and table text, decided in one place (lstm_core/ui/style.py)."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_core.ui.style import CLASSROOM_CHART, chart_type


def test_every_kind_of_chart_text_gets_the_classroom_size():
    fig = make_subplots(rows=1, cols=2, subplot_titles=["left", "right"])
    fig.add_heatmap(z=[[0, 1]], colorbar=dict(title=dict(text="0 shut · 1 open")), row=1, col=1)
    fig.add_scatter(x=[1], y=[2], mode="markers+text", text=["u7"], row=1, col=2)
    fig.update_layout(legend_title_text="units")
    chart_type(fig, CLASSROOM_CHART)
    size = CLASSROOM_CHART.text
    assert size >= 14
    assert fig.layout.xaxis.tickfont.size == fig.layout.yaxis2.title.font.size == size
    assert fig.layout.legend.font.size == fig.layout.legend.title.font.size == size
    assert all(a.font.size == size for a in fig.layout.annotations)  # subplot titles
    assert fig.data[0].colorbar.tickfont.size == fig.data[0].colorbar.title.font.size == size
    assert fig.data[1].textfont.size == size
    assert "scene" not in fig.to_plotly_json()["layout"]  # no 3-D scene made up for a flat chart
    word_map = go.Figure(go.Scatter3d(x=[0], y=[0], z=[0], text=["好"], mode="markers+text"))
    chart_type(word_map, CLASSROOM_CHART)
    assert word_map.layout.scene.zaxis.tickfont.size == size
