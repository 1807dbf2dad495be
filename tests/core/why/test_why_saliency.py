"""Saliency through embedding, stacked and bidirectional layers, against GradientTape."""

import numpy as np
import pytest

import tensorflow as tf  # noqa: E402  (a missing install must fail, not skip)

from lstm_core.nn.network import Network, NetworkSpec  # noqa: E402
from lstm_core.training.network_keras import build_keras, export_weights, load_into_keras  # noqa: E402
from lstm_core.gates.saliency import saliency_of  # noqa: E402
from lstm_core.nn.network import network_of  # noqa: E402

SPECS = [
    NetworkSpec(input_kind="values", input_dim=3, units=(5,), output_dim=3, output_activation="softmax"),
    NetworkSpec(input_kind="values", input_dim=3, units=(4, 6), output_dim=2, output_activation="linear"),
    NetworkSpec(input_kind="values", input_dim=2, units=(4, 3), bidirectional=True, output_dim=3),
    NetworkSpec(input_kind="values", input_dim=3, units=(5, 4), output_dim=6, per_step_output=True),
    NetworkSpec(input_kind="values", input_dim=1, units=(4,), output_dim=1, output_activation="sigmoid"),
    # a tagger: both directions, an output at every step (it depends on inputs after its step too)
    NetworkSpec(input_kind="values", input_dim=3, units=(4,), bidirectional=True, output_dim=5, per_step_output=True),
    # concat pooling: the head reads the last state, the mean and the maximum of every step's state
    NetworkSpec(input_kind="values", input_dim=3, units=(5, 4), output_dim=3, pooling="concat"),
]


def random_network(spec: NetworkSpec, seed: int) -> tuple[Network, object]:
    """A Keras model with random weights (biases too) and the same weights in NumPy."""
    import keras

    keras.utils.set_random_seed(seed)
    model = build_keras(spec, mask=False)
    rng = np.random.default_rng(seed)
    model.set_weights([rng.normal(0, 0.7, w.shape).astype("float32") for w in model.get_weights()])
    return Network(spec, export_weights(model, spec)), model


def tape_saliency(model, x, step, target, linear_mean=False):
    xt = tf.constant(x[None].astype("float32"))
    with tf.GradientTape() as tape:
        tape.watch(xt)
        y = model(xt, training=False)[0]
        y = y[step] if len(y.shape) == 2 else y
        out = tf.reduce_mean(y) if linear_mean else y[target]
    return np.linalg.norm(np.asarray(tape.gradient(out, xt))[0], axis=1)


@pytest.mark.parametrize("index", range(len(SPECS)))
def test_saliency_equals_gradient_tape(index):
    spec = SPECS[index]
    network, model = random_network(spec, seed=index)
    x = np.random.default_rng(10 + index).normal(size=(9, spec.input_dim)).astype("float32")
    step = 4 if spec.per_step_output else None
    result = saliency_of(network, x, step=step)
    assert result.scores.shape == (9,)
    linear = spec.output_activation == "linear"
    probs = network.trace(x).outputs
    expected_target = None if linear else int(np.argmax(probs[4] if spec.per_step_output else probs))
    assert result.target == expected_target
    expected = tape_saliency(model, x, 4 if spec.per_step_output else None, expected_target, linear_mean=linear)
    np.testing.assert_allclose(result.scores, expected, rtol=2e-3, atol=1e-6)
    if spec.per_step_output and not spec.bidirectional:
        assert np.all(result.scores[5:] == 0) and np.all(result.scores[:5] > 0)
    if spec.bidirectional:
        assert result.scores[-1] > 0 and result.scores[0] > 0


def test_token_saliency_is_the_gradient_at_the_embedding_vector():
    tokens = NetworkSpec(vocab_size=11, embedding_dim=3, units=(4,), bidirectional=True, output_dim=2)
    values = NetworkSpec(input_kind="values", input_dim=3, units=(4,), bidirectional=True, output_dim=2)
    rng = np.random.default_rng(0)
    net, _ = random_network(values, seed=3)
    embedding = rng.normal(size=(11, 3)).astype("float32")
    token_net = Network(tokens, {**net.weights, "embedding": embedding})
    ids = np.array([3, 1, 7, 7, 10, 2])
    np.testing.assert_allclose(saliency_of(token_net, ids).scores, saliency_of(net, embedding[ids]).scores, rtol=1e-6)


def test_an_explicit_target_and_a_bad_step():
    spec = SPECS[3]
    network, model = random_network(spec, seed=1)
    x = np.random.default_rng(0).normal(size=(6, 3)).astype("float32")
    result = saliency_of(network, x, step=5, target=2)
    np.testing.assert_allclose(result.scores, tape_saliency(model, x, 5, 2), rtol=2e-3, atol=1e-6)
    with pytest.raises(ValueError, match="outside"):
        saliency_of(network, x, step=6)


def test_network_of_finds_the_network_inside_each_kind_of_model():
    network, _ = random_network(SPECS[0], seed=0)

    class Classifier:
        pass

    class Forecaster:
        pass

    classifier, forecaster, holder = Classifier(), Forecaster(), Forecaster()
    classifier.network = network
    holder.network = network
    forecaster.forecaster = holder
    assert network_of(classifier) is network and network_of(forecaster) is network
    with pytest.raises(ValueError):
        network_of(object())
