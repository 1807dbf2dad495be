"""Model cards are typed and checked; every model a student handles is saved and loaded with the same verbs."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from lstm_core.embeddings.word2vec import TrainedVectors, Word2VecConfig, train_word2vec
from lstm_core.forecast.forecast_models import load_forecaster
from lstm_core.forecast.forecaster import Forecaster
from lstm_core.generate.language_model import CharLanguageModel, load_language_model
from lstm_core.nn.network import NetworkSpec
from lstm_core.sentiment.classifier import SentimentClassifier, load_classifier
from lstm_core.serving import assets
from lstm_core.serving.cards import CardError, CardLimits, ModelCard

ROOT = Path(__file__).resolve().parents[3]
RECORDS = {"compression", "generalize", "pretrain_curve"}  # results files, read with `assets.read_record`


@pytest.mark.parametrize("path", sorted(p for p in assets.ASSETS.glob("*.json") if p.stem not in RECORDS),
                         ids=lambda p: p.stem)
def test_every_shipped_card_loads_unchanged_and_writes_back_the_same_json(path):
    text = path.read_text(encoding="utf-8")
    card = ModelCard.from_json(text)
    assert card.to_dict() == json.loads(text)
    assert card.name == path.stem and card.weights_sha256
    assert isinstance(card.architecture, (NetworkSpec, type(None)))


def test_common_fields_are_typed_and_family_fields_stay_as_details():
    card = assets.read_card("sentiment_zh")
    assert isinstance(card.architecture, NetworkSpec) and card.architecture.vocab_size == len(card.details["vocabulary"])
    assert isinstance(card.parameters, int) and isinstance(card.training_seconds, float)
    assert card.display_title["zh"] and card.details["language"] == "zh"
    with pytest.raises(TypeError):
        card.metrics["accuracy"] = 1.0  # a card shared by every session cannot be changed through a field
    with pytest.raises(AttributeError):
        card.name = "other"  # frozen


@pytest.mark.parametrize("entry,key", [
    ({"parameters": "many"}, "bad_type"),
    ({"parameters": True}, "bad_type"),
    ({"metrics": [1, 2]}, "bad_type"),
    ({"training_seconds": -1}, "bad_number"),
    ({"metrics": {"accuracy": 1e300}}, "bad_number"),
    ({"display_title": "hello"}, "display_title"),
    ({"display_title": {"zh": 1}}, "display_title"),
    ({"architecture": {"units": "x"}}, "bad_architecture"),
    ({"vocabulary": ["w"] * 200_001}, "too_many"),
    ({"title": "x" * 20_001}, "too_long"),
])
def test_a_hostile_card_is_refused_field_by_field(entry, key):
    with pytest.raises(CardError) as error:
        ModelCard.from_dict({"title": "t", **entry})
    assert error.value.message.key == f"error.card.{key}"


def test_a_card_too_large_or_too_deep_is_refused_before_it_is_built():
    deep = {"a": {}}
    inner = deep["a"]
    for _ in range(20):
        inner["a"] = {}
        inner = inner["a"]
    with pytest.raises(CardError, match="nests deeper"):
        ModelCard.from_dict(deep)
    with pytest.raises(CardError, match="larger than"):
        ModelCard.from_json("{}", CardLimits(bytes=1))
    with pytest.raises(CardError, match="not valid JSON"):
        ModelCard.from_json(b"{not json")


def test_the_four_models_a_student_handles_share_save_and_load():
    forecaster = load_forecaster("nile").forecaster
    classifier, language_model = load_classifier("en"), load_language_model("en")
    vectors = train_word2vec([["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]] * 30, Word2VecConfig(vector_size=4, epochs=1))
    for model, kind in ((forecaster, Forecaster), (classifier, SentimentClassifier), (language_model, CharLanguageModel),
                        (vectors, TrainedVectors)):
        data = model.save()
        assert isinstance(data, bytes) and data[:2] == b"PK"  # the one format: a zip
        again = kind.load(data)
        assert isinstance(again, kind)
    again = Forecaster.load(forecaster.save())
    np.testing.assert_allclose(again.predict(12), forecaster.predict(12), rtol=1e-5)
    text = "The flight was late but the crew was great"
    np.testing.assert_allclose(SentimentClassifier.load(classifier.save()).predict_proba([text]),
                               classifier.predict_proba([text]), atol=1e-6)
    assert CharLanguageModel.load(language_model.save()).bits_per_char(text) == pytest.approx(
        language_model.bits_per_char(text), abs=1e-5)
    assert TrainedVectors.load(vectors.save()).vectors.index_to_key == vectors.vectors.index_to_key


def test_a_model_file_of_one_family_is_refused_by_another():
    with pytest.raises(assets.AssetError):
        SentimentClassifier.load(load_forecaster("nile").forecaster.save())
    with pytest.raises(assets.AssetError):
        Forecaster.load(load_classifier("en").save())


def test_saving_happens_in_the_core_not_in_the_ui():
    writers = re.compile(r"\b(write_model_file|network_file|weights_to_bytes|savez|to_json\(\))")
    ui = [*(ROOT / "lstm_core" / "ui").glob("*.py"), *(ROOT / "pages").glob("*.py")]
    assert [p.name for p in ui if writers.search(p.read_text(encoding="utf-8"))] == []
