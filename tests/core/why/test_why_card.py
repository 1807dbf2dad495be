"""The shipped memory-task results: card complete, weights verified, accuracy re-evaluated in NumPy."""

import numpy as np
import pytest

from lstm_core.serving import assets
from lstm_core.why.cells import NAME
from lstm_core.why.cells import CELLS, unpack
from lstm_core.why.memory_task import DISTANCES, MemoryTask, make_splits

pytestmark = pytest.mark.slow  # trains models or re-evaluates model cards: not in the fast lane


@pytest.fixture(scope="module")
def shipped():
    card = assets.read_card(NAME)
    return card.to_dict(), assets.weights_from_bytes(assets.read_weights(card))


def test_card_has_every_cell_at_every_distance_and_the_baseline(shipped):
    card, _ = shipped
    assert card["distances"] == list(DISTANCES)
    for kind in CELLS:
        for d in DISTANCES:
            assert 0.0 <= card["results"][kind][str(d)]["test_accuracy"] <= 1.0
    assert card["baseline"]["test_accuracy"] == 0.25
    for stage in ("init", "trained"):
        assert all(len(card["gradients"][stage][k]) == card["gradients"]["distance"] + 1 for k in CELLS)


def test_shipped_weights_reproduce_the_card_in_numpy(shipped):
    card, weights = shipped
    config = card["config"]
    task = MemoryTask(distance=config["gradient_distance"])
    test = make_splits(task, (config["train"], config["validation"], config["test"]), config["seed"]).test
    nets = unpack(weights, "trained")
    for kind in CELLS:
        expected = card["results"][kind][str(task.distance)]["test_accuracy"]
        # float16 weights: a few borderline sequences may flip
        assert nets[kind].accuracy(test.x[:300], test.y[:300]) == pytest.approx(expected, abs=0.03)


def test_trained_gated_cells_keep_the_gradient_that_the_plain_rnn_loses(shipped):
    card, _ = shipped
    far = card["gradients"]["distance"]
    trained = {k: np.asarray(v) for k, v in card["gradients"]["trained"].items()}
    for kind in ("gru", "lstm"):
        assert trained[kind][far] / trained[kind][0] > trained["rnn"][far] / trained["rnn"][0]


def test_the_transformer_row_was_chosen_on_validation_and_reproduces_in_numpy(shipped):
    from lstm_core.transformer.encoder import TransformerSpec
    from lstm_core.why import memory_transformer

    card, weights = shipped
    config = card["config"]
    spec = TransformerSpec.from_dict(card["transformer"]["architecture"])
    nets = memory_transformer.unpack(weights, {d: spec for d in DISTANCES})
    assert sorted(nets) == list(DISTANCES)
    assert card["parameter_counts"]["transformer"] == nets[DISTANCES[0]].parameter_count()
    tried_rates = [option["learning_rate"] for option in card["transformer"]["tried"]]
    for d in DISTANCES:
        result = card["results"][memory_transformer.KIND][str(d)]
        assert [run["learning_rate"] for run in result["tried"]] == tried_rates
        best = min(result["tried"], key=lambda run: run["validation_loss"])
        assert result["learning_rate"] == best["learning_rate"]
        assert result["validation_accuracy"] == best["validation_accuracy"]
        test = make_splits(MemoryTask(distance=d), (config["train"], config["validation"], config["test"]),
                           config["seed"]).test
        measured = memory_transformer.accuracy(nets[d], test.x[:300], test.y[:300])
        assert measured == pytest.approx(result["test_accuracy"], abs=0.03), d  # float16 weights, 300 of the 1,000
