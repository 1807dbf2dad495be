"""AppTest: Home and Gates run without exceptions and respond to their widgets."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lstm_core.string_table import TABLE

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_home_shows_equations_and_switches_language(open_page):
    at = open_page()
    assert at.title[0].value.startswith("LSTM Lab")
    assert any("c_t" in latex.value for latex in at.get("latex"))
    at.sidebar.radio[0].set_value("zh").run()
    assert not at.exception
    assert "LSTM 实验室" in at.title[0].value
    at.sidebar.toggle[0].set_value(True).run()
    assert at.session_state["classroom"]
    assert not at.exception


def open_tab(at, name: str, lang: str = "en") -> None:
    """Click a Gates tab, as the browser does: its label becomes the tabs' state, and the page reruns."""
    at.session_state["gates_tab"] = TABLE[name][lang]
    at.run()
    assert not at.exception, at.exception


def heatmap_z(at):
    """The z values of the first chart's heatmaps (the Gates page draws them first)."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return [trace["z"] for trace in spec["data"]]


def test_gates_respond_to_text_sorting_and_units(open_page):
    at = open_page("pages/gates.py")
    assert at.selectbox(key="gates_model").value == "brackets"
    before = at.success[0].value
    at.text_area(key="gates_text").input("((((((a").run()
    assert not at.exception
    assert at.success[0].value != before and "6" in at.success[0].value
    first = heatmap_z(at)
    at.selectbox(key="gates_sort").set_value("index").run()
    assert heatmap_z(at) != first
    assert len(at.get("plotly_chart")) == 1  # only the open tab draws: the heatmaps
    open_tab(at, "gates.tab.step")
    assert not at.get("plotly_chart")
    steps = len("((((((a")
    at.slider(key=f"gates_step_{steps}").set_value(3).run()
    assert not at.exception
    assert any("c_t" in latex.value for latex in at.get("latex"))
    at.text_area(key="gates_text").input("((((((b").run()  # typing keeps the open tab and its step
    assert at.slider(key=f"gates_step_{steps}").value == 3 and any("c_t" in latex.value for latex in at.get("latex"))
    open_tab(at, "gates.tab.heatmaps")
    open_tab(at, "gates.tab.step")
    assert at.slider(key=f"gates_step_{steps}").value == 3  # kept while its tab was hidden


GATES_TABS = [("gates.tab.text", 1), ("gates.tab.saturation", 1), ("gates.tab.search", 0), ("why.saliency.tab", 1)]


@pytest.mark.parametrize("tab, charts", GATES_TABS)
def test_each_gates_tab_draws_when_opened(open_page, tab, charts):
    at = open_page("pages/gates.py")
    open_tab(at, tab)
    assert len(at.get("plotly_chart")) == charts
    at.text_area(key="gates_text").input("(a(b)c)").run()
    assert not at.exception and len(at.get("plotly_chart")) == charts


@pytest.mark.parametrize("tab, charts", GATES_TABS)
def test_each_gates_tab_in_chinese(tab, charts):
    """Opened in a Chinese session's first run of the page (AppTest formats a select box's
    options in English outside a run, so a second run of this page in Chinese cannot be sent)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = "zh"
    at.run()
    at.switch_page("pages/gates.py")
    at.session_state["gates_tab"] = TABLE[tab]["zh"]
    at.run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == charts


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "warning"),
        ("   \n  ", "warning"),
        ("<img src=x onerror=alert(1)>", "success"),
        ("😀👍🏽\x00\x07 中文 ((", "success"),
        ("(" * 12_000, "info"),
    ],
)
def test_gates_hostile_inputs_give_messages(open_page, text, message):
    at = open_page("pages/gates.py")
    at.text_area(key="gates_text").input(text).run()
    assert not at.exception, at.exception
    assert len(at.get(message)) >= 1


def test_escaped_html_in_coloured_text(open_page):
    at = open_page("pages/gates.py")
    open_tab(at, "gates.tab.text")
    at.text_area(key="gates_text").input("<b>x</b>(").run()
    html_blocks = [m.value for m in at.markdown if "<span" in m.value]
    assert html_blocks and "&lt;" in html_blocks[0] and "<b>" not in html_blocks[0]


def test_query_params_preselect_model_and_text():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["model"] = "brackets"
    at.query_params["text"] = "(((z"
    at.run()
    at.switch_page("pages/gates.py")
    at.run()
    assert at.text_area(key="gates_text").value == "(((z"


def test_gates_page_opens_every_shipped_model(open_page):
    from lstm_core.serving.catalogue import SHIPPED

    at = open_page("pages/gates.py")
    for entry in SHIPPED:
        at.selectbox(key="gates_model").set_value(entry.key).run()
        assert not at.exception, (entry.key, at.exception)
        assert at.success, entry.key  # the model's verdict on its example input
        assert at.get("plotly_chart"), entry.key


@pytest.mark.parametrize("page", ["pages/tokens.py", "pages/sentiment.py", "pages/forecast.py", "pages/generate.py", "pages/gates.py",
                                  "pages/seq2seq.py"])
def test_every_page_renders_in_chinese(page, open_page):
    at = open_page(page)
    english = at.title[0].value
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value != english
