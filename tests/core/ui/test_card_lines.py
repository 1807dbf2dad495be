"""Lines a page used to copy from a model card in English are now said through the string
table, in the reader's language, with the card's numbers: in English they must say exactly
what the card says (nothing lost), and in Chinese hold no English words."""

from __future__ import annotations

import json
import re

import pytest

from lstm_core.gan import families, text_gan
from lstm_core.serving.assets import ASSETS
from lstm_core.ui import gan_page, generate_tabs, sentiment_page
from lstm_core.string_table import text

ENGLISH_WORD = re.compile(r"\b(?!LSTM|NVIDIA|HBM3|Keras|CPU|GB|GAN|jax)[A-Za-z]{3,}\b")


def card(name: str) -> dict:
    return json.loads((ASSETS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def speak(monkeypatch):
    """Point the ui modules' `t` and `say` at one language."""
    from lstm_core.string_table import render

    def use(language: str) -> None:
        for module in (gan_page, generate_tabs, sentiment_page):
            monkeypatch.setattr(module, "t", lambda key, **values: text(key, language, **values), raising=False)
            monkeypatch.setattr(module, "say", lambda message: render(message, language), raising=False)
    return use


def test_the_gan_lines_say_what_the_card_says(speak):
    gan = card("gan_sine")
    test_windows = len(families.load("sine", 0).test)
    speak("en")
    assert gan_page.scored_on(test_windows) == gan["metrics"]["on"]
    assert gan_page.text_language() == gan["text_gan"]["language"]
    speak("zh")
    for said in (gan_page.scored_on(test_windows), gan_page.text_language()):
        assert not ENGLISH_WORD.search(said), said
    assert "".join(text_gan.ALPHABET) in gan_page.text_language()


@pytest.mark.parametrize("name", ["charlm_zh", "charlm_en"])
def test_the_hardware_line_is_read_not_copied(speak, name):
    hardware = card(name)["training_hardware"]
    speak("en")
    assert generate_tabs.hardware_text(hardware) == hardware
    speak("zh")
    assert not ENGLISH_WORD.search(generate_tabs.hardware_text(hardware)), generate_tabs.hardware_text(hardware)
    assert "`" in generate_tabs.hardware_text("a form nobody wrote")  # unknown: shown as data


@pytest.mark.parametrize("name", ["sentiment_zh", "sentiment_en"])
def test_the_disagreement_table_names_classes_in_the_reader_s_language(speak, name):
    rows = card(name)["disagreements"]
    speak("zh")
    shown = sentiment_page.disagreement_rows(rows)
    assert [r["text"] for r in shown] == [r["text"] for r in rows]
    for row in shown:
        for column in ("true", "lstm", "baseline"):
            assert not ENGLISH_WORD.search(row[column]), row
    speak("en")
    assert sentiment_page.disagreement_rows(rows) == rows  # in English, the card's own words
