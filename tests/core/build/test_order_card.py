"""assets/order_<language>.json: the counterfactual-augmented LSTM's card records the search, the
fair baseline and the scores, and no text its generators can make is a contrast-set text."""

import itertools

import numpy as np
import pytest

from lstm_core.build import order_search as search
from lstm_core.build.order_build import CHOSEN, NAMES
from lstm_core.explain import contrast
from lstm_core.generalize import counterfactual as cf
from lstm_core.serving.assets import load_model, read_card


@pytest.fixture(scope="module", params=["zh", "en"])
def card(request) -> dict:
    return read_card(NAMES[request.param]).to_dict()


def test_the_card_records_the_search_chosen_on_validation(card):
    language, tried = card["language"], card["search"]["tried"]
    assert [row["name"] for row in tried] == list(search.CANDIDATES)
    for row in tried:
        for model in ("lstm_validation", "tfidf_validation"):
            assert {"accuracy", "macro_f1", "counterfactual_accuracy"} <= set(row[model])
        assert "test" not in str(sorted(row)) and "contrast" not in row
    assert card["search"]["chosen"] == CHOSEN[language] == search.choose(tried, language)
    assert card["data"]["generated"]["mix"] == vars(search.CANDIDATES[CHOSEN[language]])
    assert card["data"]["generated"]["seed"] == search.GENERATOR_SEED


def test_the_baseline_got_the_same_data_and_every_score_is_there(card):
    assert "same augmented training data" in card["baseline"]["name"]
    for model in ("lstm", "tfidf"):
        scores = card["contrast"][model]
        assert 0 <= scores["pair_accuracy"] <= scores["accuracy"] <= 1
        assert sum(c["texts"] for c in scores["by_change"].values()) == 2 * card["contrast"]["pairs"]
        assert 0 <= card["shipped"][model]["contrast"]["accuracy"] <= 1
    assert 0.5 < card["baseline"]["metrics"]["accuracy"] < 1 and 0.5 < card["metrics"]["accuracy"] < 1
    added = card["data"]["generated"]["training_texts_added"]
    mix = card["data"]["generated"]["mix"]
    assert added == 2 * mix["contrast_pairs"] + mix["negations"]


def test_the_weights_load_as_float16_and_match_the_card(card):
    network, loaded = load_model(card["name"])
    assert loaded.weights_dtype == "float16" and loaded.to_dict()["vocabulary"] == card["vocabulary"]
    assert network.parameter_count() == card["parameters"]


def test_no_negation_text_the_generators_can_make_is_a_contrast_text(card):
    language = card["language"]
    words = card["data"]["generated"]["sentiment_words"]
    possible = {template.format(w=word) for (template, _), word in
                itertools.product(cf.NEGATION_TEMPLATES[language], words["negative"] + words["positive"])}
    assert len(possible) > 100
    assert not possible & set(contrast.load(language).texts)


def test_no_contrast_example_is_a_contrast_text():
    """The contrast-clause generator on the real training split, as the build runs it (same seed)."""
    from lstm_core.build.sentiment_build import DATASET, SEED
    from lstm_core.sentiment import sentiment_data

    for language in ("zh", "en"):
        data = sentiment_data.load(DATASET[language], seed=SEED)
        polar = search.polar_labels(data.train, data.classes)
        pairs = search.CANDIDATES[CHOSEN[language]].contrast_pairs
        made = cf.contrast_examples(data.train.texts, polar, language, pairs, np.random.default_rng(search.GENERATOR_SEED))
        assert len(made) == 2 * pairs
        assert not set(made.texts) & set(contrast.load(language).texts)
