"""AppTest of "Making LSTMs practical", tab What came after: both languages, the typed text redraws the attention."""

import base64
import json

import numpy as np
import pytest

from lstm_core.transformer import shipped


def chart_with(at, marker: str) -> dict:
    """The first Plotly spec whose JSON contains `marker`."""
    for element in at.get("plotly_chart"):
        if marker in element.proto.spec:
            return json.loads(element.proto.spec)
    raise AssertionError(f"no chart containing {marker!r}")


def attention_chart(at) -> dict:
    """The attention map: the one heatmap whose rows are the positions reading."""
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        if spec["layout"].get("meta") == "attention_map":
            return spec
    raise AssertionError("no attention map")


def heatmap(at) -> np.ndarray:
    z = attention_chart(at)["data"][0]["z"]
    if isinstance(z, dict):  # Plotly's typed array
        return np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape([int(n) for n in str(z["shape"]).split(",")])
    return np.array(z, dtype=float)


@pytest.fixture(scope="module")
def card():
    return shipped.load().card.to_dict()


@pytest.mark.parametrize("lang, tab, header", [("en", "What came after", "Where the Transformer looks"),
                                               ("zh", "LSTM 之后", "Transformer 在看哪里")])
def test_tab_renders_in_both_languages_with_the_card_numbers(open_page, card, lang, tab, header):
    at = open_page("pages/practical.py", lang, timeout=180)
    assert tab in [t.label for t in at.tabs]
    assert header in [s.value for s in at.subheader]
    text = " ".join(m.value for m in at.markdown)
    bits = card["models"]["transformer"]["metrics"]["heldout_bits_per_char"]
    assert f"{bits:.3f}" in text  # the card's number, not a typed one
    assert f"{card['cost']['cache_bytes_per_position']:,}" in text
    assert not at.error and not at.exception


def test_typing_a_text_redraws_the_attention_and_cuts_long_pastes(open_page):
    at = open_page("pages/practical.py", "en", timeout=180)
    before = heatmap(at)
    rows = before.sum(axis=1)
    np.testing.assert_allclose(rows, 1.0, atol=1e-4)  # every row is a distribution
    assert np.abs(np.triu(before, 1)).max() == 0.0  # nothing above the diagonal: the causal mask
    at.text_input(key="practical_after_text").set_value("the the the <b>bold</b>").run()
    assert not at.exception
    after = heatmap(at)
    assert after.shape == (24, 24)  # "⏎" and the 23 characters typed
    labels = attention_chart(at)["layout"]["xaxis"]["ticktext"]
    assert "&lt;" in labels and "<" not in "".join(labels)  # the typed tag is escaped, never markup
    at.radio(key="practical_after_head").set_value(1).run()
    assert not at.exception and not np.allclose(heatmap(at), after)
    at.text_input(key="practical_after_text").set_value("x" * 5_000).run()
    assert not at.exception and any("Only the first" in i.value for i in at.info)
    at.text_input(key="practical_after_text").set_value("   ").run()
    assert not at.exception and at.warning


def test_chinese_text_is_read_as_unknown_characters(open_page):
    at = open_page("pages/practical.py", "zh", timeout=180)
    at.text_input(key="practical_after_text").set_value("我爱北京天安门").run()
    assert not at.exception
    assert any("不在模型的词表中" in c.value for c in at.caption)


def test_gates_page_says_why_the_transformer_is_not_there(open_page):
    at = open_page("pages/gates.py", "en", timeout=180)
    assert any("has no gates" in c.value for c in at.caption)
