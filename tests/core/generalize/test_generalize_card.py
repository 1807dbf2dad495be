"""assets/generalize.json: every number the tabs read is there, consistent, and chosen on validation."""

import pytest

from lstm_core.build.generalize_build import REGULARIZERS, VARIANTS
from lstm_core.generalize.experiments import read
from lstm_core.ui.practical_generalize import STEPS, VARIANTS as SHOWN


@pytest.fixture(scope="module")
def card() -> dict:
    return read()


def test_every_variant_has_curves_and_scores(card):
    assert list(card["variants"]) == [v.name for v in VARIANTS] == list(SHOWN)
    epochs = card["setup"]["epochs"]
    for name, variant in card["variants"].items():
        history = variant["history"]
        assert set(history) == {"loss", "val_loss", "accuracy", "val_accuracy"}
        length = len(history["loss"])
        assert all(len(v) == length for v in history.values())
        assert length == epochs or name == "early_stopping" and length <= epochs
        assert 1 <= variant["kept_epoch"] <= length and 1 <= variant["best_validation_epoch"] <= length
        assert 0.5 <= variant["test_accuracy"] <= 1 and 0.5 <= variant["validation_accuracy"] <= 1
    assert card["variants"]["early_stopping"]["kept_epoch"] == card["variants"]["early_stopping"]["best_validation_epoch"]
    assert card["variants"]["none"]["kept_epoch"] == len(card["variants"]["none"]["history"]["loss"])


def test_the_regularizer_was_chosen_on_validation(card):
    chosen = card["chosen_regularizer"]["name"]
    best = max(REGULARIZERS, key=lambda n: card["variants"][n]["validation_accuracy"])
    assert chosen == best


def test_worked_case_rows(card):
    steps = card["worked_case"]
    assert [s["step"] for s in steps] == list(STEPS)
    assert all(s["available"] for s in steps)  # the attention row included
    for step in steps:
        assert step["bytes"] > 0 and step["ms_per_prediction"] > 0 and 0.5 <= step["test_accuracy"] <= 1
        assert 0 <= step["contrast_pair_accuracy"] <= step["contrast_accuracy"] <= 1
    by_name = {s["step"]: s for s in steps}
    assert by_name["ensemble"]["bytes"] == 3 * by_name["regularization"]["bytes"]  # three members, same size
    assert by_name["compressed"]["bytes"] < by_name["ensemble"]["bytes"] / 3.5  # int8 (about 1/3.8), fewer units
    assert by_name["plain"]["test_accuracy"] == card["variants"]["none"]["test_accuracy"]
    assert by_name["ensemble"]["test_accuracy"] == card["ensembles"]["seeds"]["test_accuracy"]
    assert by_name["attention"]["settings"] == by_name["regularization"]["settings"]  # only the pooling differs
    assert by_name["attention"]["bytes"] > by_name["regularization"]["bytes"]  # plus W, b and v


def test_card_states_data_subset_and_baseline(card):
    subset = card["data"]["subset"]
    assert subset["train"] < subset["of"] == card["data"]["split"]["sizes"]["train"]
    assert card["data"]["split"]["seed"] == card["setup"]["seed"] == 0
    assert 0.5 <= card["baseline"]["test_accuracy"] <= 1 and card["baseline"]["C"] > 0
    assert card["augmentation"]["words_with_neighbours"] > 0
    assert 0 <= card["baseline"]["contrast_accuracy"] <= 1
    assert card["contrast_set"]["pairs"] >= 100
