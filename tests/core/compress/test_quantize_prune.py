"""Quantization and pruning as NumPy functions: bounds, exact counts, exact equivalences."""

import numpy as np
import pytest

from lstm_core.compress.prune import magnitude_prune, prune_units, remove_units, sparse_bytes, units_to_keep
from lstm_core.compress.quantize import quantize_rows, quantize_weights
from lstm_core.nn.network import Network, NetworkSpec


def random_network(spec: NetworkSpec, seed: int = 0) -> Network:
    """A network of `spec` with seeded random weights (shapes from a zero-weight template)."""
    rng = np.random.default_rng(seed)
    shapes = {}
    width = spec.embedding_dim if spec.input_kind == "tokens" else spec.input_dim
    if spec.input_kind == "tokens":
        shapes["embedding"] = (spec.vocab_size, spec.embedding_dim)
    directions = 2 if spec.bidirectional else 1
    for k, h in enumerate(spec.units):
        for name in spec.layer_names()[k * directions : (k + 1) * directions]:
            shapes |= {f"{name}/kernel": (width, 4 * h), f"{name}/recurrent_kernel": (h, 4 * h), f"{name}/bias": (4 * h,)}
        width = h * directions
    shapes |= {"dense/kernel": (width * spec.pooled, spec.output_dim), "dense/bias": (spec.output_dim,)}
    return Network(spec, {k: rng.normal(0, 0.4, s).astype(np.float32) for k, s in shapes.items()})


@pytest.mark.parametrize("bits", [8, 4])
def test_round_trip_error_is_at_most_half_a_scale_step(bits):
    matrix = np.random.default_rng(1).normal(0, 1, (50, 37)).astype(np.float32)
    matrix[3] = 0.0  # an all-zero row must survive
    q = quantize_rows(matrix, bits)
    assert q.ints.dtype == np.int8 and np.abs(q.ints).max() == 2 ** (bits - 1) - 1
    error = np.abs(q.dequantized() - matrix)
    assert np.all(error <= q.scales[:, None] / 2 + 1e-7)
    np.testing.assert_array_equal(q.dequantized()[3], 0.0)
    # scale = max|row| / 127 (or 7), rounded up to a float16: never below, at most one float16 step above.
    peak = np.abs(matrix).max(axis=1)
    wanted = peak[peak > 0] / (2 ** (bits - 1) - 1)
    stored = q.scales[peak > 0]
    assert np.all(stored >= wanted) and np.all(stored <= wanted * (1 + 2**-10))
    np.testing.assert_array_equal(stored, stored.astype(np.float16).astype(np.float32))


def test_known_int8_values_and_sizes():
    q = quantize_rows(np.array([[1.27, -0.5, 0.004]], np.float32), 8)
    np.testing.assert_array_equal(q.ints, [[127, -50, 0]])
    assert q.scales[0] == pytest.approx(0.01, rel=1e-3)
    assert q.stored_bytes == 3 + 2  # three int8 values and one float16 scale
    assert quantize_rows(np.ones((2, 5)), 4).stored_bytes == 5 + 4  # ten 4-bit values pack into 5 bytes
    weights = {"w": np.ones((10, 20), np.float32), "b": np.ones(20, np.float32)}
    assert quantize_weights(weights, 32).stored_bytes == 220 * 4
    assert quantize_weights(weights, 16).stored_bytes == 220 * 2
    assert quantize_weights(weights, 8).stored_bytes == (200 + 10 * 2) + (20 + 2)  # the bias is one row
    with pytest.raises(ValueError):
        quantize_weights(weights, 12)


@pytest.mark.parametrize("sparsity", [0.0, 0.1, 0.5, 0.73, 0.95])
def test_pruning_keeps_exactly_the_requested_fraction(sparsity):
    matrix = np.random.default_rng(2).normal(size=(40, 25)).astype(np.float32)
    out = magnitude_prune(matrix, sparsity)
    assert np.count_nonzero(out == 0) == round(sparsity * matrix.size)
    kept = out != 0
    np.testing.assert_array_equal(out[kept], matrix[kept])  # survivors unchanged
    if 0 < sparsity:
        assert np.abs(matrix[~kept]).max() <= np.abs(matrix[kept]).min()  # the smallest went


def test_pruning_counts_only_weights_that_were_not_zero_already():
    matrix = np.zeros((4, 10), np.float32)
    matrix[0] = np.arange(1, 11)  # 10 live weights among 40
    out = magnitude_prune(matrix, 0.3)
    np.testing.assert_array_equal(out[0], [0, 0, 0, 4, 5, 6, 7, 8, 9, 10])


def test_sparse_bytes():
    matrix = np.zeros((3, 8), np.float32)
    matrix[0, :4] = 1.0
    assert sparse_bytes({"m": matrix, "b": np.ones(8)}) == 4 * (4 + 2) + 4 * 4 + 8 * 4


SPECS = [
    NetworkSpec(vocab_size=30, embedding_dim=6, units=(10, 8), output_dim=3),
    NetworkSpec(vocab_size=30, embedding_dim=6, units=(9, 7), bidirectional=True, output_dim=2),
    NetworkSpec(input_kind="values", input_dim=2, units=(12,), output_dim=1, output_activation="linear"),
    NetworkSpec(vocab_size=20, embedding_dim=5, units=(8,), output_dim=20, per_step_output=True),
    NetworkSpec(vocab_size=20, embedding_dim=5, units=(8, 6), output_dim=2, pooling="concat"),  # head reads [last, mean, max]
]


def silenced(network: Network, keep: dict[str, np.ndarray]) -> Network:
    """The full-size network in which every removed unit's output h_j is read by nothing:
    its row in the recurrent kernel and in the reader (next layer / dense head) is zero."""
    w = {k: v.copy() for k, v in network.weights.items()}
    spec = network.spec
    for k, units in enumerate(spec.units):
        groups = [f"lstm_{k}_forward", f"lstm_{k}_backward"] if spec.bidirectional else [f"lstm_{k}"]
        last = k + 1 == len(spec.units)
        readers = ["dense/kernel"] if last else [f"{g.replace(f'lstm_{k}', f'lstm_{k + 1}')}/kernel" for g in groups]
        for half, group in enumerate(groups):
            gone = np.setdiff1d(np.arange(units), keep[group])
            w[f"{group}/recurrent_kernel"][gone] = 0.0
            for reader in readers:
                for part in range(spec.pooled if reader == "dense/kernel" else 1):  # each pooled summary of the unit
                    w[reader][part * units + half * units + gone] = 0.0
    return Network(spec, w)


@pytest.mark.parametrize("spec", SPECS, ids=["stacked", "bidirectional", "values", "per-step", "concat-pooling"])
@pytest.mark.parametrize("fraction", [0.25, 0.5])
def test_structured_pruning_equals_the_full_network_with_those_units_unread(spec, fraction):
    network = random_network(spec)
    keep = units_to_keep(network, fraction)
    small = remove_units(network, keep)
    assert small.spec.units == tuple(u - round(fraction * u) for u in spec.units)
    assert small.parameter_count() < network.parameter_count()
    rng = np.random.default_rng(3)
    if spec.input_kind == "tokens":
        x = rng.integers(1, spec.vocab_size, size=9)
    else:
        x = rng.normal(size=(9, spec.input_dim))
    full = silenced(network, keep).trace(x)
    cut = small.trace(x)
    np.testing.assert_allclose(cut.outputs, full.outputs, atol=1e-6)
    for layer_cut, layer_full in zip(cut.layers, full.layers):  # kept units' gates are the same numbers
        kept = keep[layer_cut.name]
        np.testing.assert_allclose(layer_cut.gates.cell, layer_full.gates.cell[:, kept], atol=1e-6)


def test_units_with_the_weakest_outgoing_weights_go_first():
    network = random_network(SPECS[2])
    w = dict(network.weights)
    w["lstm_0/recurrent_kernel"] = w["lstm_0/recurrent_kernel"].copy()
    w["dense/kernel"] = w["dense/kernel"].copy()
    for unit in (2, 7, 11):
        w["lstm_0/recurrent_kernel"][unit] *= 1e-3
        w["dense/kernel"][unit] *= 1e-3
    keep = units_to_keep(Network(network.spec, w), 0.25)  # 3 of 12 units removed
    np.testing.assert_array_equal(keep["lstm_0"], [0, 1, 3, 4, 5, 6, 8, 9, 10])
    assert prune_units(network, 0.9).spec.units == (1,)  # round(10.8) = 11 removed, one stays
