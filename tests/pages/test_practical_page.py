"""AppTest of "Making LSTMs practical", tab Cost: renders in both languages, controls change the output."""

from pathlib import Path

import pytest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture()
def page(open_page):
    return open_page("pages/practical.py")


def metric_values(at) -> list[str]:
    return [m.value for m in at.metric]


def test_cost_tab_renders_and_the_sparsity_slider_moves_the_numbers(page):
    at = page
    assert at.title[0].value == "Making LSTMs practical"
    assert len(at.dataframe) >= 2  # the cost table and the LSTM / GRU / simple RNN table
    assert "4·64·(100+64+1) = 42,240" in at.dataframe[1].value.iloc[0, 1]  # sentiment_en: 100-dim word vectors, 64 units
    before = metric_values(at)
    at.slider(key="practical_sparsity").set_value(90).run()
    assert not at.exception
    assert metric_values(at) != before
    at.select_slider(key="practical_bits").set_value(4).run()
    assert not at.exception and any("smaller than float32" in s.value for s in at.success)


def test_quantized_model_can_be_opened_on_the_gates_page(page):
    at = page
    at.selectbox(key="practical_model").set_value("charlm_en").run()
    assert not at.exception
    assert any("Largest gate change" in i.value for i in at.info)
    at.button(key="practical_open").click().run()
    assert not at.exception
    assert "charlm_en_8bit" in at.session_state["gates_session_models"]
    at.switch_page("pages/gates.py")
    at.run()
    at.selectbox(key="gates_model").set_value("charlm_en_8bit").run()
    assert not at.exception, at.exception
    assert any("bits per character" in s.value for s in at.success)  # traced through the int8 model


def test_chinese(open_page):
    at = open_page("pages/practical.py", "zh")
    assert not at.exception and at.title[0].value == "让 LSTM 走向实用"
    at.selectbox(key="practical_model").set_value("charlm_zh").run()
    first = metric_values(at)
    at.slider(key="practical_sparsity").set_value(20).run()
    assert not at.exception and metric_values(at) != first
    assert any("门值最大变化" in i.value for i in at.info)
    assert any("比 float32 小" in s.value for s in at.success)


def test_every_string_has_both_languages_with_the_same_placeholders():
    import string

    import tomllib

    from lstm_core.string_table import FOLDER

    STRINGS = tomllib.loads((FOLDER / "practical.toml").read_text(encoding="utf-8"))

    def fields(text):
        return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)

    for key, entry in STRINGS.items():
        assert key.startswith("practical.") and set(entry) == {"en", "zh"}, key
        assert entry["en"].strip() and entry["zh"].strip(), key
        assert fields(entry["en"]) == fields(entry["zh"]), key
    for name in ("practical_cost_intro", "practical_pruning", "practical_quantization", "practical_distributed"):
        for lang in ("en", "zh"):
            assert (Path(APP).parent / "assets" / "text" / f"{name}.{lang}.md").read_text(encoding="utf-8").strip()
