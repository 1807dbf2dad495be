"""Classroom mode lists every control's explanation on the page (a projector shows no tooltips)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lstm_core.ui import control_help
from lstm_core.string_table import TABLE

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TITLE = {lang: TABLE["common.controls_explained"][lang] for lang in ("en", "zh")}


def _sentiment_page(**params):
    """The sentiment page run through app.py, as a deep link opens it (AppTest runs a page
    reached by `switch_page` without app.py, so the part drawn after the page would be missing)."""
    at = AppTest.from_file(APP, default_timeout=180)
    for name, value in {"lesson": "sentiment", "step": "1", **params}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_classroom_mode_shows_the_help_texts_of_the_page(lang):
    assert TITLE[lang] not in [e.label for e in _sentiment_page(lang=lang, classroom="0").expander]
    at = _sentiment_page(lang=lang, classroom="1")
    shown = next(e for e in at.expander if e.label == TITLE[lang])
    text = " ".join(m.value for m in shown.markdown)
    assert TABLE["sentiment.units_help"][lang] in text and TABLE["sentiment.units"][lang] in text


def test_pairs_are_label_and_help_without_placeholders():
    for page in ("why", "tokens", "sentiment", "forecast", "generate", "gates", "practical", "gan", "tagging", "seq2seq"):
        found = control_help.pairs(page)
        assert found, page
        assert all("{" not in label + text for label, text in found)
    labels = [label for label, _ in control_help.pairs("gates")]
    assert TABLE["gates.model"]["en"] in labels  # gates.model_help exists, so the picker is listed
