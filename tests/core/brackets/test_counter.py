"""The shipped bracket counter: its card, its behaviour, its place in the catalogue."""

import numpy as np
import pytest

from lstm_core.brackets import counter as brackets
from lstm_core.serving import catalogue
from lstm_core.serving.assets import read_card
from lstm_core.string_table import both, render


def test_true_depth():
    assert brackets.true_depth("(a(b))))(").tolist() == [1, 1, 2, 2, 1, 0, 0, 0, 1]


@pytest.mark.slow
def test_card_accuracy_is_reproduced_and_beats_the_baseline():
    model = brackets.load_traceable()
    card = read_card("brackets")
    config = brackets.BracketConfig(**card.config)
    _, x, y = brackets.make_dataset(config, np.random.default_rng(config.seed))
    n_test = config.sequences // 10
    accuracy = brackets.evaluate(model.network, x[:n_test], y[:n_test])
    assert accuracy == pytest.approx(card.metrics["test_char_accuracy"], abs=1e-4)
    assert accuracy > card.baseline["test_char_accuracy"] + 0.5


def test_counts_nesting_and_reads_unknown_characters():
    model = brackets.load_traceable()
    assert model.predict_depth("((((a))))").tolist() == [1, 2, 3, 4, 4, 3, 2, 1, 0]
    traced = model.trace_text("(中😀")
    assert traced.unknown == (False, True, True)
    assert render(traced.summary, "en").startswith("depth at the end: the model says 1, counting gives 1.")


def test_long_input_is_cut_to_max_steps():
    model = brackets.load_traceable()
    traced = model.trace_text("(" * (model.max_steps + 5))
    assert traced.steps == model.max_steps and traced.steps_before_cut == model.max_steps + 5


@pytest.mark.slow
def test_every_registry_entry_loads_and_traces_its_default():
    for entry in catalogue.SHIPPED:
        model = catalogue.load(entry)
        assert model.key == entry.key
        traced = model.trace_text(model.default_text)
        assert traced.steps == len(traced.labels) == traced.layers[0].gates.steps
        assert all(both(traced.summary).values()) and all(both(model.title).values())
        assert model.reference_texts()


def test_one_unit_keeps_the_depth_in_its_cell_state():
    unit, r = brackets.load_traceable().depth_unit()
    assert abs(r) > 0.9, (unit, r)
