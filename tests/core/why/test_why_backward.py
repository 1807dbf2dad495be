"""BPTT in NumPy against TensorFlow's GradientTape, in float64, and by finite differences."""

import numpy as np
import pytest

import tensorflow as tf  # noqa: E402  (a missing install must fail, not skip)
import keras  # noqa: E402  (a missing install must fail, not skip)

from lstm_core.nn.cell import LSTMWeights, backward, trace  # noqa: E402
from lstm_core.why.recurrent import RecurrentWeights, backward as rnn_backward, run  # noqa: E402

LAYERS = {"lstm": keras.layers.LSTM, "rnn": keras.layers.SimpleRNN, "gru": keras.layers.GRU}


def keras_layer(kind, units, dim, seed):
    """A float64 Keras layer with random weights, biases included."""
    keras.utils.set_random_seed(seed)
    layer = LAYERS[kind](units, return_sequences=True, dtype="float64")
    layer.build((1, None, dim))
    rng = np.random.default_rng(seed)
    layer.set_weights([rng.normal(0, 0.6, w.shape) for w in layer.get_weights()])
    return layer


def tape_gradients(layer, x, d_hidden, state=None):
    """GradientTape's gradients of sum(hidden * d_hidden) w.r.t. inputs, weights, state."""
    x = tf.constant(x[None])
    state = [tf.constant(s[None]) for s in state] if state is not None else None
    with tf.GradientTape() as tape:
        tape.watch(x)
        if state is not None:
            for s in state:
                tape.watch(s)
        hidden = layer(x, initial_state=state) if state is not None else layer(x)
        loss = tf.reduce_sum(hidden[0] * d_hidden)
    grads = tape.gradient(loss, [x, *layer.trainable_weights, *(state or [])])
    return [np.asarray(g) for g in grads], np.asarray(hidden[0])


def assert_close(ours, theirs):
    scale = max(np.abs(theirs).max(), 1e-12)
    assert np.abs(ours - theirs).max() / scale < 1e-4


@pytest.mark.parametrize("steps,dim,units", [(1, 2, 1), (5, 3, 4), (17, 1, 6), (40, 7, 3)])
def test_lstm_backward_equals_gradient_tape(steps, dim, units):
    rng = np.random.default_rng(steps)
    layer = keras_layer("lstm", units, dim, seed=steps + dim)
    x, d_hidden = rng.normal(size=(steps, dim)), rng.normal(size=(steps, units))
    state = (rng.normal(size=units), rng.normal(size=units))
    (dx, dk, dr, db, dh0, dc0), hidden = tape_gradients(layer, x, d_hidden, state)
    weights = LSTMWeights(*(np.asarray(w, np.float64) for w in layer.get_weights()))
    np.testing.assert_allclose(trace(weights, x, state).hidden, hidden, atol=1e-10)
    grads = backward(weights, x, d_hidden, initial_state=state)
    for ours, theirs in [(grads.inputs, dx[0]), (grads.kernel, dk), (grads.recurrent_kernel, dr),
                         (grads.bias, db), (grads.h0, dh0[0]), (grads.c0, dc0[0])]:
        assert ours.shape == theirs.shape
        assert_close(ours, theirs)


def test_lstm_backward_passes_finite_differences():
    rng = np.random.default_rng(7)
    weights = LSTMWeights(rng.normal(0, 0.5, (3, 16)), rng.normal(0, 0.5, (4, 16)), rng.normal(0, 0.5, 16))
    x, d_hidden = rng.normal(size=(6, 3)), rng.normal(size=(6, 4))

    def loss(w: LSTMWeights, inputs) -> float:
        return float((trace(w, inputs).hidden * d_hidden).sum())

    grads = backward(weights, x, d_hidden)
    eps = 1e-6
    for name in ("kernel", "recurrent_kernel", "bias"):
        array = getattr(weights, name)
        for index in [tuple(rng.integers(s) for s in array.shape) for _ in range(5)]:
            bumped = [array.copy(), array.copy()]
            bumped[0][index] += eps
            bumped[1][index] -= eps
            plus, minus = (LSTMWeights(**{**vars(weights), name: b}) for b in bumped)
            numeric = (loss(plus, x) - loss(minus, x)) / (2 * eps)
            assert getattr(grads, name)[index] == pytest.approx(numeric, rel=1e-5, abs=1e-8)
    for t, d in [(0, 0), (3, 2), (5, 1)]:
        bumped = [x.copy(), x.copy()]
        bumped[0][t, d] += eps
        bumped[1][t, d] -= eps
        numeric = (loss(weights, bumped[0]) - loss(weights, bumped[1])) / (2 * eps)
        assert grads.inputs[t, d] == pytest.approx(numeric, rel=1e-5, abs=1e-8)


def test_a_step_the_loss_never_sees_gets_no_gradient_from_later():
    """dL/dx_t is zero for steps after the last one the loss looks at (causality)."""
    rng = np.random.default_rng(3)
    weights = LSTMWeights(rng.normal(size=(2, 8)), rng.normal(size=(2, 8)), rng.normal(size=8))
    d_hidden = np.zeros((5, 2))
    d_hidden[2] = 1.0
    grads = backward(weights, rng.normal(size=(5, 2)), d_hidden)
    assert np.all(grads.inputs[3:] == 0.0) and np.all(np.abs(grads.inputs[:3]).sum(axis=1) > 0)


def test_backward_rejects_a_wrong_gradient_shape():
    weights = LSTMWeights(np.zeros((2, 8)), np.zeros((2, 8)), np.zeros(8))
    with pytest.raises(ValueError, match="d_hidden"):
        backward(weights, np.zeros((4, 2)), np.zeros((4, 3)))


@pytest.mark.parametrize("kind", ["rnn", "gru"])
@pytest.mark.parametrize("steps,dim,units", [(1, 2, 1), (9, 3, 5), (30, 4, 2)])
def test_rnn_and_gru_equal_keras_forward_and_backward(kind, steps, dim, units):
    rng = np.random.default_rng(steps * 3 + units)
    layer = keras_layer(kind, units, dim, seed=steps)
    x, d_hidden = rng.normal(size=(steps, dim)), rng.normal(size=(steps, units))
    h0 = rng.normal(size=units)
    (dx, dk, dr, db, dh0), hidden = tape_gradients(layer, x, d_hidden, [h0])
    weights = RecurrentWeights(kind, *(np.asarray(w, np.float64) for w in layer.get_weights()))
    np.testing.assert_allclose(run(weights, x, h0), hidden, atol=1e-10)
    grads = rnn_backward(weights, x, d_hidden, h0)
    for ours, theirs in [(grads.inputs, dx[0]), (grads.kernel, dk), (grads.recurrent_kernel, dr),
                         (grads.bias, db), (grads.h0, dh0[0])]:
        assert ours.shape == theirs.shape
        assert_close(ours, theirs)


def test_gru_float32_matches_keras_predict_default_settings():
    """The default Keras GRU (reset_after=True) in float32, as the app runs it."""
    keras.utils.set_random_seed(0)
    inputs = keras.Input((None, 3))
    layer = keras.layers.GRU(6, return_sequences=True)
    model = keras.Model(inputs, layer(inputs))
    x = np.random.default_rng(0).normal(size=(1, 25, 3)).astype("float32")
    expected = model.predict(x, verbose=0)[0]
    np.testing.assert_allclose(run(RecurrentWeights("gru", *layer.get_weights()), x[0]), expected, atol=1e-5)
