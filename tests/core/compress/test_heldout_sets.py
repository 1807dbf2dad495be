"""The held-out sets of "Making LSTMs practical" are the model cards' own: a sentiment model
is scored on its card's whole test split (not the first 1,000 texts, which are 90-100% one
class), so the page's uncompressed scores are the card's."""

import json

import pytest

from lstm_core.compress.curves import read
from lstm_core.compress.heldout import heldout_for, load_shipped
from lstm_core.message import Message
from lstm_core.serving import assets

SENTIMENT = ("sentiment_zh", "sentiment_en")
POINTS = 0.02  # the bound: within 2 points of the card


@pytest.fixture(scope="module")
def curves():
    return read()


@pytest.mark.parametrize("key", SENTIMENT)
def test_the_page_s_float32_scores_agree_with_the_card(curves, key):
    card, model = assets.read_card(key), curves["models"][key]
    assert abs(model["float32_metric"] - card.metrics["accuracy"]) <= POINTS
    assert abs(model["float32_macro_f1"] - card.metrics["macro_f1"]) <= POINTS
    for kind in ("unstructured", "structured", "quantized"):  # macro-F1 beside accuracy at every point
        assert all(0 <= p["macro_f1"] <= 1 for p in model[kind])


@pytest.mark.parametrize("key", SENTIMENT)
def test_the_set_is_the_card_s_whole_test_split(curves, key):
    split = assets.read_card(key).data["split"]
    model = curves["models"][key]
    described = Message.from_dict(model["heldout"])
    assert model["heldout_size"] == split["sizes"]["test"] == described.values["size"]
    assert {k: described.values[k] for k in split["class_counts_test"]} == split["class_counts_test"]


@pytest.mark.slow
def test_the_float32_score_is_recomputed_from_the_shipped_weights(curves):
    model = load_shipped("sentiment_en")
    score = heldout_for("sentiment_en", model).score(model)
    stored = curves["models"]["sentiment_en"]
    assert (score.metric, score.macro_f1) == (stored["float32_metric"], stored["float32_macro_f1"])
    card = json.loads((assets.ASSETS / "sentiment_en.json").read_text(encoding="utf-8"))["metrics"]
    assert (score.metric, score.macro_f1) == (card["accuracy"], card["macro_f1"])  # the same sums as the card's
