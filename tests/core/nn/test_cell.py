"""The NumPy LSTM against Keras 3, which it must equal to within 1e-5."""

import numpy as np
import pytest

import keras  # noqa: E402  (a missing install must fail, not skip)

from lstm_core.nn.cell import GateTrace, LSTMWeights, run_batch, sigmoid, trace  # noqa: E402
from lstm_core.nn.network import Network, NetworkSpec  # noqa: E402
from lstm_core.text.vocab import pad  # noqa: E402
from lstm_core.training.network_keras import build_keras, export_weights  # noqa: E402


def keras_lstm(units, dim, seed, go_backwards=False):
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((None, dim))
    layer = keras.layers.LSTM(units, return_sequences=True, return_state=True, go_backwards=go_backwards)
    model = keras.Model(inputs, layer(inputs))
    # Random, non-default biases so every gate's bias matters.
    kernel, recurrent, bias = layer.get_weights()
    layer.set_weights([kernel, recurrent, np.random.default_rng(seed).normal(0, 0.5, bias.shape)])
    return model, layer


def weights_of(layer) -> LSTMWeights:
    """The weights of a built `keras.layers.LSTM` (kernel, recurrent kernel, bias) for the NumPy cell."""
    return LSTMWeights(*(np.asarray(w, np.float32) for w in layer.get_weights()))


@pytest.mark.parametrize("steps,dim,units", [(1, 3, 1), (1, 5, 4), (7, 1, 1), (12, 6, 9), (200, 4, 16)])
def test_trace_equals_keras(steps, dim, units):
    model, layer = keras_lstm(units, dim, seed=steps + units)
    x = np.random.default_rng(0).normal(size=(1, steps, dim)).astype("float32")
    sequence, h, c = model.predict(x, verbose=0)
    result = trace(weights_of(layer), x[0])
    assert isinstance(result, GateTrace)
    assert result.hidden.shape == (steps, units)
    np.testing.assert_allclose(result.hidden, sequence[0], atol=1e-5)
    np.testing.assert_allclose(result.hidden[-1], h[0], atol=1e-5)
    np.testing.assert_allclose(result.cell[-1], c[0], atol=1e-5)


def test_gates_are_consistent_with_the_equations():
    weights = LSTMWeights(*(np.random.default_rng(1).normal(size=s).astype("float32") for s in [(3, 8), (2, 8), (8,)]))
    tr = trace(weights, np.random.default_rng(2).normal(size=(5, 3)))
    for name in ("input_gate", "forget_gate", "output_gate"):
        assert ((getattr(tr, name) > 0) & (getattr(tr, name) < 1)).all()
    c_prev = np.vstack([np.zeros(2), tr.cell[:-1]])
    np.testing.assert_allclose(tr.cell, tr.forget_gate * c_prev + tr.input_gate * tr.candidate, atol=1e-6)
    np.testing.assert_allclose(tr.hidden, tr.output_gate * np.tanh(tr.cell), atol=1e-6)


def test_initial_state_and_reverse_match_keras():
    model, layer = keras_lstm(5, 3, seed=3, go_backwards=True)
    x = np.random.default_rng(4).normal(size=(1, 9, 3)).astype("float32")
    sequence, h, c = model.predict(x, verbose=0)
    result = trace(weights_of(layer), x[0], reverse=True)
    # Keras returns the backward sequence in reading order (last input first).
    np.testing.assert_allclose(result.hidden[::-1], sequence[0], atol=1e-5)
    np.testing.assert_allclose(result.cell[0], c[0], atol=1e-5)
    # Starting from a given state continues where a split sequence left off.
    weights = weights_of(layer)
    whole = trace(weights, x[0])
    first = trace(weights, x[0][:4])
    rest = trace(weights, x[0][4:], initial_state=(first.hidden[-1], first.cell[-1]))
    np.testing.assert_allclose(rest.hidden, whole.hidden[4:], atol=1e-6)


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError):
        LSTMWeights(np.zeros((3, 8)), np.zeros((3, 8)), np.zeros(8))
    weights = LSTMWeights(np.zeros((3, 8)), np.zeros((2, 8)), np.zeros(8))
    with pytest.raises(ValueError):
        trace(weights, np.zeros((4, 2)))


def test_sigmoid_is_stable_for_large_inputs():
    with np.errstate(over="raise"):
        values = sigmoid(np.array([-1e4, 0.0, 1e4]))
    np.testing.assert_allclose(values, [0.0, 0.5, 1.0])


SPECS = [
    NetworkSpec(vocab_size=20, embedding_dim=6, units=(5,), output_dim=3),
    NetworkSpec(vocab_size=20, embedding_dim=6, units=(5, 4), output_dim=2, output_activation="sigmoid"),
    NetworkSpec(vocab_size=20, embedding_dim=6, units=(4,), bidirectional=True, output_dim=3),
    NetworkSpec(vocab_size=20, embedding_dim=6, units=(4, 3), bidirectional=True, output_dim=3),
    NetworkSpec(vocab_size=20, embedding_dim=6, units=(6,), output_dim=20, per_step_output=True),
    NetworkSpec(vocab_size=20, embedding_dim=6, units=(5,), bidirectional=True, output_dim=8, per_step_output=True),
    NetworkSpec(vocab_size=20, embedding_dim=6, units=(4, 3), bidirectional=True, output_dim=5, per_step_output=True),
    NetworkSpec(input_kind="values", input_dim=2, units=(8, 4), output_dim=1, output_activation="linear"),
    # concat pooling ([last, mean, max] of the real steps; the padding mask must keep padded steps out of all three)
    NetworkSpec(vocab_size=20, embedding_dim=6, units=(5,), output_dim=3, pooling="concat"),
    NetworkSpec(vocab_size=20, embedding_dim=6, units=(5, 4), output_dim=2, output_activation="sigmoid", pooling="concat"),
]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.input_kind}-{s.units}-bi{s.bidirectional}-step{s.per_step_output}-{s.pooling}")
def test_network_equals_keras_with_padding_masks(spec):
    keras.utils.set_random_seed(7)
    model = build_keras(spec)
    network = Network(spec, export_weights(model, spec))
    rng = np.random.default_rng(8)
    lengths = [1, 4, 11]
    if spec.input_kind == "tokens":
        sequences = [rng.integers(2, 20, n) for n in lengths]
        batch = pad(sequences)  # post-padded with 0, masked by the Embedding layer
    else:
        sequences = [rng.normal(size=(11, 2)).astype("float32")]
        batch = np.stack(sequences)
    expected = model.predict(batch, verbose=0)
    for row, seq in enumerate(sequences):
        traced = network.trace(seq).outputs
        want = expected[row][: len(seq)] if spec.per_step_output else expected[row]
        np.testing.assert_allclose(traced, want, atol=1e-5)
    if not spec.per_step_output:
        np.testing.assert_allclose(network.predict(sequences, batch_size=2), expected, atol=1e-5)
    else:  # the batched per-step pass (a tagger's): same numbers at real steps, zeros at padding
        embedded = network.weights["embedding"][batch]
        steps = network.predict_steps(embedded, np.array(lengths))
        for row, length in enumerate(lengths):
            np.testing.assert_allclose(steps[row, :length], expected[row][:length], atol=1e-5)
            assert not steps[row, length:].any()


def test_step_by_step_equals_trace():
    spec = NetworkSpec(vocab_size=12, embedding_dim=4, units=(6, 5), output_dim=12, per_step_output=True)
    keras.utils.set_random_seed(9)
    network = Network(spec, export_weights(build_keras(spec), spec))
    ids = np.array([3, 5, 7, 2, 9])
    state = network.initial_state()
    outputs = []
    for token in ids:
        out, state = network.step(token, state)
        outputs.append(out)
    np.testing.assert_allclose(np.array(outputs), network.trace(ids).outputs, atol=1e-6)


def test_run_batch_reverse_respects_lengths():
    weights = LSTMWeights(*(np.random.default_rng(3).normal(size=s).astype("float32") for s in [(2, 12), (3, 12), (12,)]))
    x = np.random.default_rng(4).normal(size=(2, 6, 2)).astype("float32")
    hidden, final = run_batch(weights, x, np.array([6, 3]), reverse=True)
    np.testing.assert_allclose(hidden[1, :3], trace(weights, x[1, :3], reverse=True).hidden, atol=1e-6)
    assert (hidden[1, 3:] == 0).all()
    np.testing.assert_allclose(final[1], trace(weights, x[1, :3], reverse=True).hidden[0], atol=1e-6)
