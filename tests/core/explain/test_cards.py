"""The attention cards' numbers are reproduced from the shipped float16 weights and data."""

import numpy as np
import pytest

from lstm_core.explain import contrast
from lstm_core.explain.attention import load_attention
from lstm_core.explain.rules import RuleTree, agreement
from lstm_core.sentiment import sentiment_data
from lstm_core.sentiment.classifier import SHIPPED_NAMES, evaluate, load_baseline, load_named

pytestmark = pytest.mark.slow  # trains models or re-evaluates model cards: not in the fast lane
DATASET = {"zh": "reviews", "en": "tweets"}


@pytest.fixture(scope="module", params=["zh", "en"])
def shipped(request):
    language = request.param
    model = load_attention(language)
    return language, model, sentiment_data.load(DATASET[language], seed=model.card.to_dict()["data"]["split"]["seed"])


def test_test_metrics_and_baseline(shipped):
    language, model, data = shipped
    card = model.card.to_dict()
    metrics = evaluate(model.predict_proba(list(data.test.texts)), data.test.labels, len(data.classes))
    assert metrics.to_dict() == card["metrics"]
    base = evaluate(load_baseline(language).predict_proba(list(data.test.texts)), data.test.labels, len(data.classes))
    assert base.to_dict() == card["baseline"]["metrics"]
    assert card["data"]["split"]["sizes"]["test"] == len(data.test)
    best = max(card["tried"], key=lambda run: (run["validation_accuracy"], -run["validation_loss"]))
    assert {k: card["config"][k] for k in best["candidate"]} == best["candidate"]  # chosen on validation


def test_contrast_scores(shipped):
    language, model, _ = shipped
    pairs = contrast.load(language)
    lstm, baseline = load_named(SHIPPED_NAMES[language]), load_baseline(language)
    for name, predict in (("attention", model.predict_proba), ("lstm", lstm.predict_proba), ("tfidf", baseline.predict_proba)):
        assert contrast.score(predict, model.labels, pairs).to_dict() == model.card.to_dict()["contrast"][name], name


def test_rule_fidelity_and_accuracy(shipped):
    language, model, data = shipped
    rules = model.card.to_dict()["rules"]
    tree = RuleTree.from_dict(rules["tree"])
    lstm = load_named(SHIPPED_NAMES[language]).predict_proba(list(data.test.texts)).argmax(axis=1)
    predicted = tree.predict(list(data.test.texts))
    assert agreement(predicted, lstm) == rules["test_fidelity"]
    assert agreement(predicted, data.test.labels) == rules["test_accuracy"]
    fidelity = {int(d): f for d, f in rules["validation_fidelity"].items()}
    assert rules["depth"] == min(d for d, f in fidelity.items() if f == max(fidelity.values()))  # chosen on validation
    assert np.isclose(agreement(lstm, data.test.labels), rules["lstm_test_accuracy"])
