"""The cost tab names each model's held-out set in the reader's language (the curves card
stores it as a Message, so no English from the card reaches the Chinese page)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lstm_core.message import Message
from lstm_core.ui import practical_cost
from lstm_core.string_table import render

MODELS = json.loads((Path(__file__).resolve().parents[3] / "assets" / "compression.json").read_text(encoding="utf-8"))["models"]


@pytest.mark.parametrize("key", sorted(MODELS))
def test_every_shipped_model_s_heldout_set_reads_in_chinese(monkeypatch, key):
    monkeypatch.setattr(practical_cost, "say", lambda message: render(message, "zh"))
    said = practical_cost.heldout_text(MODELS[key])
    assert str(MODELS[key]["heldout_size"]) in said.replace(",", "")
    assert not re.search(r"[A-Za-z]", said), said


def test_a_sentiment_set_is_the_whole_test_split_with_its_classes_counted(monkeypatch):
    monkeypatch.setattr(practical_cost, "say", lambda message: render(message, "en"))
    said = practical_cost.heldout_text(MODELS["sentiment_zh"])
    assert said == "the model card's whole test split, 1,737 reviews (903 negative, 834 positive)"
    assert Message.from_dict(MODELS["sentiment_en"]["heldout"]).key == "practical.heldout.tweets"
