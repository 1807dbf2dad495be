"""The cost tab names each model's held-out set in the reader's language, not the card's English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lstm_core.ui import practical_cost
from lstm_core.string_table import text

MODELS = json.loads((Path(__file__).resolve().parents[3] / "assets" / "compression.json").read_text(encoding="utf-8"))["models"]


@pytest.mark.parametrize("key", sorted(MODELS))
def test_every_shipped_model_s_heldout_set_reads_in_chinese(monkeypatch, key):
    monkeypatch.setattr(practical_cost, "t", lambda name, **values: text(name, "zh", **values))
    said = practical_cost.heldout_text(key, MODELS[key])
    assert str(MODELS[key]["heldout_size"]) in said.replace(",", "")
    assert not re.search(r"[A-Za-z]", said), said


def test_english_matches_the_card_for_a_sentiment_model(monkeypatch):
    monkeypatch.setattr(practical_cost, "t", lambda name, **values: text(name, "en", **values))
    assert practical_cost.heldout_text("sentiment_en", {"heldout_size": 1000}) == \
        "the first 1,000 tweets of the model card's test split"
