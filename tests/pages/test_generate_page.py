"""AppTest of the text generation page: it renders, reacts to its controls, and trains."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lstm_core.generate import language_model
from lstm_core.string_table import text

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TRAIN_TEXT = ("The quick brown fox jumps over the lazy dog. " * 4 + "\n") * 5


@pytest.fixture()
def page(open_page):
    return open_page("pages/generate.py")


def generated(at) -> str:
    return at.code[0].value


def open_tab(at, name: str, lang: str = "en") -> None:
    """Click a tab, as the browser does: its label becomes the tabs' state, and the page reruns."""
    at.session_state["generate_tab"] = text(f"generate.tab_{name}", lang)
    at.run()
    assert not at.exception, at.exception


def test_page_renders_and_temperature_changes_the_text(page):
    at = page
    first = generated(at)
    assert len(first) > 150
    at.slider(key="generate_temperature").set_value(1.6).run()
    assert not at.exception
    assert generated(at) != first
    at.slider(key="generate_temperature").set_value(0.0).run()
    greedy = generated(at)
    at.number_input(key="generate_seed").set_value(7).run()
    assert generated(at) == greedy  # greedy decoding ignores the seed
    assert len(at.get("plotly_chart")) == 1  # only the open tab draws: the candidates of one character
    open_tab(at, "temperature")
    assert len(at.get("plotly_chart")) == 2  # the reshaped distribution and the entropy curve
    assert len(at.code) == 4 and all(c.value.startswith("中国人民") for c in at.code)  # four temperatures
    assert "generate_steps" in at.session_state
    at.session_state["lang"] = "zh"  # what the sidebar's language switch sets
    at.run()
    assert not at.exception and at.title[0].value == "逐字生成文本"
    assert generated(at) == greedy  # back on the first tab, the text the session had


@pytest.mark.parametrize("name, charts, codes", [("temperature", 2, 4), ("baseline", 1, 0), ("generate", 1, 1)])
def test_each_tab_in_chinese(name, charts, codes):
    """Each tab opened in a Chinese session (a fresh one per tab: AppTest formats a select box's
    options in English outside a run, so a second run of this page in Chinese cannot be sent)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = "zh"
    at.run()
    at.switch_page("pages/generate.py")
    at.session_state["generate_tab"] = text(f"generate.tab_{name}", "zh")
    at.run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == charts and len(at.code) == codes
    assert all(c.value.startswith("中国人民") for c in at.code)


def test_hidden_tabs_do_no_work_and_the_text_is_the_cores(page):
    """A typed prompt generates once, on the open tab, the very text of the core alone."""
    at = page
    prompt = "北京大学的学生"
    at.text_input(key="generate_prompt_charlm_zh").input(prompt).run()
    assert not at.exception
    model = language_model.load_language_model("zh")
    assert generated(at) == prompt + language_model.sample(model, prompt, 200, temperature=0.8, seed=0)
    assert "generate_side" not in at.session_state  # the Temperature tab's samples: not made while hidden
    at.number_input(key="generate_seed").set_value(11).run()
    eleven = generated(at)
    at.number_input(key="generate_seed").set_value(12).run()
    assert generated(at) != eleven
    at.number_input(key="generate_seed").set_value(11).run()
    assert generated(at) == eleven  # the same seed, the same text
    open_tab(at, "temperature")
    side = [c.value for c in at.code]
    assert side[2] == prompt + language_model.sample(model, prompt, 150, temperature=1.0, seed=11)  # T = 1.0


def test_bad_inputs_give_notices_not_errors(page):
    at = page
    at.text_input(key="generate_prompt_charlm_zh").input("   ").run()
    assert not at.exception and any("empty" in i.value for i in at.info)
    at.text_input(key="generate_prompt_charlm_zh").input("中" * 600).run()
    assert not at.exception and any("600" in i.value for i in at.info)
    at.text_input(key="generate_prompt_charlm_zh").input("ʘʘ中国").run()
    assert not at.exception and any("<unk>" in w.value for w in at.warning)
    at.number_input(key="generate_length").set_value(100_000).run()
    assert not at.exception and any("100,000" in w.value for w in at.warning)
    at.number_input(key="generate_length").set_value(0).run()
    assert not at.exception and len(generated(at)) == len("ʘʘ中国") + 1
    at.number_input(key="generate_top_k").set_value(100_000).run()
    at.slider(key="generate_top_p").set_value(0.0).run()
    at.slider(key="generate_temperature").set_value(3.0).run()
    assert not at.exception and len(at.info) >= 2


def test_english_model_and_the_ngram(page):
    at = page
    at.selectbox(key="generate_model").select_index(1).run()
    assert not at.exception and generated(at).startswith("I love ")
    lstm_text = generated(at)
    open_tab(at, "baseline")
    assert len(at.get("plotly_chart")) == 1  # bits per character: the n-grams and the LSTM
    at.toggle(key="generate_ngram_on").set_value(True).run()
    assert not at.exception
    texts = [c.value for c in at.code]
    assert len(texts) == 1 and texts[0].startswith("I love ") and texts[0] != lstm_text  # the n-gram's own text


def test_a_short_training_run_completes(page):
    at = page
    at.radio(key="generate_source").set_value("paste").run()
    at.text_area(key="generate_paste").input("too short").run()
    at.button(key="generate_train").click().run()
    assert not at.exception and at.error  # too short: a clear message
    at.text_area(key="generate_paste").input(TRAIN_TEXT).run()
    at.select_slider(key="generate_units").set_value(32).run()
    at.slider(key="generate_epochs").set_value(1).run()
    at.button(key="generate_train").click().run()
    assert not at.exception, at.exception
    assert "generate_user_model" in at.session_state
    assert "Your character model (this session)" in at.selectbox(key="generate_model").options
    at.selectbox(key="generate_model").select_index(2).run()
    assert not at.exception and len(generated(at)) > 100


def test_a_kept_figure_keeps_its_title_on_the_next_run(page):
    """A figure built once and drawn again (style.kept_figure) still has its title above it:
    chart() moves a title out of the figure the first time, and must find it the second."""
    at = page
    title = text("generate.candidates_title", "en").split("{")[0].strip()
    assert any(title in m.value for m in at.markdown)
    at.run()  # nothing changed: the candidates figure is the kept one
    assert not at.exception and any(title in m.value for m in at.markdown)
