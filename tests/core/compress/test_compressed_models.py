"""`quantized` and `pruned` on the shipped models: same kind back, still predicts and traces."""

import numpy as np
import pytest

from lstm_core import compress
from lstm_core.compress.cost import layer_costs, network_cost, recurrent_parameters
from lstm_core.compress.heldout import load_shipped
from lstm_core.forecast.forecast_models import ForecastTraceable, load_forecaster
from lstm_core.forecast.forecaster import Forecaster
from lstm_core.brackets.counter import BracketCounter
from lstm_core.generate import language_model
from lstm_core.generate.language_model import CharLanguageModel
from lstm_core.sentiment import classifier
from lstm_core.sentiment.classifier import SentimentClassifier

VARIANTS = [
    ("int8", lambda m: compress.quantized(m, 8)),
    ("int4", lambda m: compress.quantized(m, 4)),
    ("pruned 50%", lambda m: compress.pruned(m, 0.5)),
    ("25% of units", lambda m: compress.pruned(m, 0.25, structured=True)),
]


@pytest.fixture(scope="module")
def shipped():
    return {"sentiment": classifier.load_classifier("en"), "charlm": language_model.load_language_model("en"),
            "forecast": load_shipped("forecast_sine"), "brackets": load_shipped("brackets")}


@pytest.mark.parametrize("name,change", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_compressed_models_are_the_same_kind_and_still_work(shipped, name, change):
    clf = change(shipped["sentiment"])
    assert isinstance(clf, SentimentClassifier) and clf.vocab is shipped["sentiment"].vocab
    probs = clf.predict_proba(["great flight", "lost my bag again"])
    assert probs.shape == (2, 3) and np.allclose(probs.sum(axis=1), 1, atol=1e-5)
    assert clf.read("the crew was great").probabilities.shape == (3,)
    lm = change(shipped["charlm"])
    assert isinstance(lm, CharLanguageModel)
    assert 0 < lm.bits_per_char("I love this") < 20
    assert len(language_model.sample(lm, "I love ", 20, seed=1)) == 20
    view = change(shipped["forecast"])
    assert isinstance(view, ForecastTraceable) and isinstance(view.forecaster, Forecaster)
    assert np.all(np.isfinite(view.forecaster.predict(5)))
    counter = change(shipped["brackets"])
    assert isinstance(counter, BracketCounter)
    for model in (clf, lm, view, counter):  # the Gates page's interface
        traced = model.trace_text(model.default_text)
        assert traced.steps > 0 and traced.layers[0].gates.hidden.shape[1] == compress.network_of(model).spec.units[0]


def test_the_originals_are_untouched(shipped):
    before = shipped["sentiment"].network.weights["lstm_0/kernel"].copy()
    compress.pruned(shipped["sentiment"], 0.9)
    compress.quantized(shipped["sentiment"], 4)
    np.testing.assert_array_equal(shipped["sentiment"].network.weights["lstm_0/kernel"], before)


def test_a_bare_forecaster_and_a_network_work_too():
    forecaster = load_forecaster("nile").forecaster
    assert isinstance(compress.quantized(forecaster, 8), Forecaster)
    small = compress.pruned(forecaster.network, 0.5, structured=True)
    assert small.spec.units == (36,)


def test_int8_gates_barely_move_and_the_change_is_located(shipped):
    lm = shipped["charlm"]
    change = compress.largest_gate_change(lm, compress.quantized(lm, 8), "I love this")
    coarse = compress.largest_gate_change(lm, compress.quantized(lm, 4), "I love this")
    assert 0 < change.largest < 0.2 and change.largest < coarse.largest  # gates lie in [-1, 1]
    assert change.field in compress.compressed.GATES and change.layer == "lstm_0"
    assert change.label in list("⏎I love this")
    same = compress.largest_gate_change(lm, compress.quantized(lm, 32), "I love this")
    assert same.largest == 0.0


def test_parameter_formulas_match_the_weights(shipped):
    net = shipped["sentiment"].network  # Embedding(8000, 100) -> LSTM(64) -> Dense(3)
    (layer,) = layer_costs(net.spec)
    assert layer.formula() == "4·64·(100+64+1) = 42,240" and layer.parameters == 42_240
    assert layer.multiply_adds == 4 * 64 * 164
    cost = network_cost(net)
    assert cost.parameters == net.parameter_count() == 8000 * 100 + 42_240 + 64 * 3 + 3
    assert recurrent_parameters(net.spec, "GRU") == 3 * 64 * 165
    assert recurrent_parameters(net.spec, "SimpleRNN") == 64 * 165
