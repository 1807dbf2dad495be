"""AppTest of the text generation page: it renders, reacts to its controls, and trains."""

import pytest

TRAIN_TEXT = ("The quick brown fox jumps over the lazy dog. " * 4 + "\n") * 5


@pytest.fixture()
def page(open_page):
    return open_page("pages/generate.py")


def generated(at) -> str:
    return at.code[0].value


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
    assert len(at.get("plotly_chart")) >= 3
    at.session_state["lang"] = "zh"  # what the sidebar's language switch sets
    at.run()
    assert not at.exception and at.title[0].value == "逐字生成文本"


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
    at.toggle(key="generate_ngram_on").set_value(True).run()
    assert not at.exception
    texts = [c.value for c in at.code]
    assert any(t.startswith("I love ") and t != generated(at) for t in texts[1:])


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
