"""An uploaded model card is bounded field by field before its weights are unpacked (issue 22)."""

import json

import numpy as np
import pytest

from lstm_core.serving import assets, limits
from lstm_core.serving.assets import read_card
from lstm_core.serving.cards import CardError, ModelCard
from tests.helpers import zip_bytes

SMALL = limits.ModelLimits(units=8, layers=2, vocab_size=10, embedding_dim=4, input_dim=2, output_dim=3, parameters=2_000,
                          max_steps=20, reference_texts=3, reference_chars=5, token_chars=4, labels=2, title_chars=6)


def card(**fields) -> dict:
    architecture = {"input_kind": "tokens", "vocab_size": 10, "embedding_dim": 4, "units": [8], "output_dim": 3}
    architecture.update(fields.pop("architecture", {}))
    return {"architecture": architecture, "max_steps": 20, **fields}


def refused(value: dict) -> limits.CardOverLimit:
    with pytest.raises(limits.CardOverLimit) as error:
        limits.check_card(value, SMALL)
    return error.value


def test_every_size_is_accepted_at_its_limit():
    limits.check_card(card(reference_texts=["abcde"] * 3, vocabulary=["abcd"] * 10, labels=["ab", "cd"],
                           display_title={"en": "abcdef"}), SMALL)


@pytest.mark.parametrize("edit, field", [
    ({"architecture": {"units": [9]}}, "architecture.units"),
    ({"architecture": {"units": [8, 8, 8]}}, "architecture.units"),
    ({"architecture": {"vocab_size": 11}}, "architecture.vocab_size"),
    ({"architecture": {"embedding_dim": 5}}, "architecture.embedding_dim"),
    ({"architecture": {"output_dim": 4}}, "architecture.output_dim"),
    ({"max_steps": 21}, "max_steps"),
    ({"reference_texts": ["a"] * 4}, "reference_texts"),
    ({"reference_texts": ["abcdef"]}, "reference_texts"),
    ({"vocabulary": ["abcde"]}, "vocabulary"),
    ({"labels": ["a", "b", "c"]}, "labels"),
    ({"display_title": {"en": "abcdefg"}}, "display_title"),
])
def test_one_more_than_a_limit_is_refused_naming_the_field(edit, field):
    assert refused(card(**edit)).field == field


def test_parameters_are_counted_from_the_sizes():
    architecture = card()["architecture"]
    count = 10 * 4 + 4 * 8 * (4 + 8 + 1) + (8 + 1) * 3  # embedding, LSTM (kernel, recurrent, bias), head
    assert limits.parameters(architecture) == count
    limits.check_card(card(), limits.ModelLimits(**{**SMALL.__dict__, "parameters": count}))
    with pytest.raises(limits.CardOverLimit):
        limits.check_card(card(), limits.ModelLimits(**{**SMALL.__dict__, "parameters": count - 1}))


def test_a_trace_over_the_work_limit_is_refused():
    architecture = card()["architecture"]
    per_step = limits.step_work(architecture)
    assert per_step == 4 * 8 * (4 + 8)
    steps = int(limits.TRACE_WORK_LIMIT // per_step)
    wide = limits.ModelLimits(max_steps=10**9)
    limits.check_card(card(max_steps=steps), wide)
    with pytest.raises(limits.CardOverLimit) as error:
        limits.check_card(card(max_steps=steps + 1), wide)
    assert error.value.kind == "work"


@pytest.mark.parametrize("value", [{"architecture": "units"}, {"architecture": {"units": "many"}}, card(max_steps="300"),
                                   card(max_steps=True), card(reference_texts="one text"), card(vocabulary=[1, 2])])
def test_fields_of_the_wrong_form_are_refused(value):
    with pytest.raises(limits.CardFieldError):
        limits.check_card(value)


def test_every_shipped_card_fits():
    """ModelCard checks every card it reads against these limits: the shipped ones load."""
    from lstm_core.serving.assets import ASSETS

    for path in sorted(ASSETS.glob("*.json")):
        ModelCard.from_json(path.read_text(encoding="utf-8"))


def test_a_card_over_a_limit_is_refused_when_it_is_read():
    """The typed card calls the limits (cards._check): the page gets a CardError naming the field."""
    card = read_card("sentiment_en").to_dict()
    with pytest.raises(CardError) as error:
        ModelCard.from_dict({**card, "architecture": {**card["architecture"], "units": [2048]}})
    assert error.value.message.key == "error.card.value" and error.value.message.values["field"] == "architecture.units"


def test_the_shipped_chinese_model_still_reads_with_occlusion_at_150_tokens():
    assert limits.read_fits(read_card("sentiment_zh").architecture.to_dict(), 150)


def test_a_2048_unit_lstm_is_refused_from_its_card_before_its_weights_are_read():
    """The issue's 38 kB zip: weights that compress to nothing, +1.4 GB per rerun once loaded."""
    shipped = read_card("sentiment_en").to_dict()
    architecture = {**shipped["architecture"], "units": [2048]}
    weights = b"never read"  # the card alone is enough to refuse it
    upload = zip_bytes({"weights.npz": weights, "card.json": json.dumps({**shipped, "architecture": architecture}).encode()})
    with pytest.raises(assets.AssetError) as error:
        assets.network_of_file(upload)
    assert error.value.message.key == "error.asset.card_limit"
    assert error.value.message.values["reason"].key == "error.card.value"


def _reason(network, card: dict):
    weights = assets.weights_to_bytes(network.weights)
    card = {**card, "weights_sha256": assets.sha256_bytes(weights)}
    with pytest.raises(assets.AssetError) as error:
        assets.network_of_file(zip_bytes({"weights.npz": weights, "card.json": json.dumps(card).encode()}))
    return error.value.message


def test_a_card_with_thousands_of_long_reference_texts_is_refused():
    """The issue's card (2,000 reference texts of 3,000 words, a large max_steps): 2.6 GB before."""
    network, card = assets.load_model("sentiment_en")
    shipped = card.to_dict()
    message = _reason(network, {**shipped, "reference_texts": [" ".join(["word"] * 3_000)] * 2_000, "max_steps": 100_000})
    assert message.key == "error.asset.member_too_large" and message.values["file"] == "card.json"  # 30 MB of JSON
    assert _reason(network, {**shipped, "max_steps": 100_000}).values["reason"].values["field"] == "max_steps"
    many = _reason(network, {**shipped, "reference_texts": ["a short text"] * 101}).values["reason"]
    assert many.key == "error.card.count" and many.values["field"] == "reference_texts"


def test_reference_steps_bound_what_a_session_keeps():
    architecture = card()["architecture"]
    per_step = 6 * 8 + 4
    assert limits.reference_steps(architecture, limit=per_step * 10) == 10
    assert limits.reference_steps(architecture, limit=per_step * 10 + per_step - 1) == 10


def test_occlusion_is_skipped_when_it_would_not_fit(monkeypatch):
    from lstm_core.sentiment import classifier

    model = classifier.load_classifier("en")
    text = "the flight was late but the crew was great"
    assert model.read(text).attribution is not None
    monkeypatch.setattr(classifier, "read_fits", lambda architecture, steps: False)
    reading = model.read(text)
    assert reading.attribution is None and np.isclose(reading.probabilities.sum(), 1)


@pytest.mark.parametrize("edit", [
    lambda card: card["vocabulary"].extend(f"extra{i}" for i in range(5)),  # ids past the embedding
    lambda card: card.update(labels=["negative"]),  # fewer classes than the head has
    lambda card: card.update(language="fr"),
    lambda card: card.update(token_unit="bytes"),
    lambda card: card.update(max_steps=0),
])
def test_a_sentiment_card_that_does_not_fit_its_network_is_refused(edit):
    from lstm_core.sentiment.classifier import classifier_from

    network, card = assets.load_model("sentiment_en")
    card = card.to_dict()
    classifier_from(network, card, "k", "t")  # as shipped: fits
    edit(card)
    with pytest.raises(assets.AssetError) as error:
        classifier_from(network, card, "k", "t")
    assert error.value.message.key == "error.asset.card_mismatch"
