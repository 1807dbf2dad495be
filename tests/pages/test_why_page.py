"""AppTest: the "Why an LSTM" page in both languages, its distance slider, a tiny live run; Gates saliency."""

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_core.serving import catalogue


def chart_with(at: AppTest, marker: str) -> dict:
    """The first Plotly spec whose JSON contains `marker`."""
    for element in at.get("plotly_chart"):
        if marker in element.proto.spec:
            return json.loads(element.proto.spec)
    raise AssertionError(f"no chart containing {marker!r}")


def bar_chart(at: AppTest) -> dict:
    """The saliency bar chart of the Gates page (its only bar chart)."""
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        if spec["data"] and spec["data"][0].get("type") == "bar":
            return spec
    raise AssertionError("no bar chart")


def values(array) -> np.ndarray:
    """A Plotly array, plain or base64-typed."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array, dtype=float)


@pytest.mark.parametrize("lang, title", [("en", "Why an LSTM?"), ("zh", "为什么需要 LSTM？")])
def test_page_runs_in_both_languages(open_page, lang, title):
    at = open_page("pages/why.py", lang, timeout=180)
    assert at.title[0].value == title
    assert len(at.get("plotly_chart")) >= 4
    assert not at.error


def test_distance_slider_moves_the_marker_and_the_sliders_redraw(open_page):
    at = open_page("pages/why.py", "en", timeout=180)
    before = chart_with(at, "shapes")["layout"]["shapes"][0]["x0"]
    at.select_slider(key="why_distance").set_value(80).run()
    assert not at.exception
    assert before == 40 and chart_with(at, "shapes")["layout"]["shapes"][0]["x0"] == 80
    gradients = values(chart_with(at, 'exponentformat')["data"][0]["y"])
    at.slider(key="why_scale").set_value(2.0).run()
    assert not np.allclose(values(chart_with(at, 'exponentformat')["data"][0]["y"]), gradients)
    at.text_input(key="why_brackets").input("((((").run()
    assert not at.exception and "u" in at.info[0].value


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_transformer_row_and_where_its_answer_looks(open_page, lang):
    from lstm_core.string_table import TABLE

    at = open_page("pages/why.py", lang, timeout=180)
    names = [trace["name"] for trace in chart_with(at, '"shapes"')["data"]]
    assert TABLE["why.name.transformer"][lang] in names  # the fourth line of the memory chart
    table = next(d.value for d in at.dataframe if len(d.value) == 4)
    assert TABLE["why.name.transformer"][lang] in list(table.index)
    assert TABLE["why.memory.transformer_header"][lang] in [s.value for s in at.subheader]
    looks = lambda: values(chart_with(at, "answer_attention")["data"][0]["y"])  # noqa: E731
    far = looks()
    assert len(far) == 161 and abs(far.sum() - 1) < 1e-4  # distance 160: 161 steps, a distribution
    if lang == "en":  # AppTest re-sends every widget, and the page's format_func reads the language outside a run
        at.select_slider(key="why_attention_distance").set_value(10).run()
        assert not at.exception and len(looks()) == 11


def test_a_tiny_live_run_completes(open_page):
    at = open_page("pages/why.py", "en", timeout=180)
    at.select_slider(key="why_distance").set_value(5).run()
    at.slider(key="why_epochs").set_value(1).run()
    at.button(key="why_train").click().run()
    assert not at.exception, at.exception
    assert at.success and "5" in at.success[0].value
    done = at.session_state["why_done"]
    assert done["epochs"] == 1 and set(done["history"]) == {"rnn", "gru", "lstm"}


@pytest.mark.parametrize("model", [entry.key for entry in catalogue.SHIPPED])  # every model the Gates page lists
def test_gates_saliency_tab_for_several_model_kinds(open_page, model):
    at = open_page("pages/gates.py", timeout=180)
    if model != "brackets":  # the picker's on_change puts the model's example into the text box
        at.selectbox(key="gates_model").set_value(model).run()
    assert not at.exception, at.exception
    if model.startswith("seq2seq_"):  # an encoder or decoder view: no single network to take gradients through
        assert any(info.value.startswith("Saliency is not available for this model: this model (")
                   for info in at.info), [info.value for info in at.info]
        assert not any(json.loads(e.proto.spec)["data"][0].get("type") == "bar"
                       for e in at.get("plotly_chart") if json.loads(e.proto.spec)["data"])
        return
    assert values(bar_chart(at)["data"][0]["y"]).max() > 0
    if model == "brackets":
        steps = len(at.text_area(key="gates_text").value)
        at.slider(key=f"gates_saliency_step_brackets_{steps}").set_value(3).run()
        bars = values(bar_chart(at)["data"][0]["y"])
        assert np.all(bars[4:] == 0) and np.all(bars[:4] > 0)
