"""assets/compression.json: complete, and its points reproduced from the shipped weights."""

import pytest

from lstm_core.compress import network_of, pruned, quantized
from lstm_core.compress.curves import SPARSITIES, read
from lstm_core.compress.heldout import SHIPPED_KEYS, heldout_for, load_shipped
from lstm_core.compress.prune import sparse_bytes
from lstm_core.compress.quantize import BITS, quantize_weights


@pytest.fixture(scope="module")
def card():
    return read()


def test_every_shipped_model_has_every_curve(card):
    assert set(card["models"]) == set(SHIPPED_KEYS)
    for model in card["models"].values():
        assert [p["sparsity"] for p in model["unstructured"]] == list(SPARSITIES)
        assert [p["sparsity"] for p in model["structured"]] == list(SPARSITIES)
        assert [p["bits"] for p in model["quantized"]] == list(BITS)
        assert model["quantized"][0]["metric"] == model["unstructured"][0]["metric"] == model["float32_metric"]
        sizes = [p["bytes"] for p in model["quantized"]]
        assert sizes == sorted(sizes, reverse=True) and sizes[0] == model["float32_bytes"]
    assert card["distributed"]["largest_relative_gap"] <= card["distributed"]["tolerance"]


@pytest.mark.slow
@pytest.mark.parametrize("key", ["forecast_nile", "brackets"])
def test_points_are_reproduced(card, key):
    model = load_shipped(key)
    heldout = heldout_for(key, model)
    stored = card["models"][key]
    assert heldout.score(quantized(model, 8)).metric == stored["quantized"][2]["metric"]
    assert quantize_weights(network_of(model).weights, 8).stored_bytes == stored["quantized"][2]["bytes"]
    half = pruned(model, 0.5)
    assert heldout.score(half).metric == stored["unstructured"][10]["metric"]
    assert sparse_bytes(network_of(half).weights) == stored["unstructured"][10]["bytes"]
    assert heldout.score(pruned(model, 0.25, structured=True)).metric == stored["structured"][5]["metric"]
