"""Keras models for the app's networks, and their weights copied out for NumPy.

`build_keras` makes the Keras twin of a `NetworkSpec` (layer names match the NumPy
weight names), `build_attention_model` the same with attention pooling over the hidden
states (Yang et al. 2016; run in NumPy by `lstm_core.explain.attention`),
`build_cell_model` the one-layer SimpleRNN / GRU / LSTM classifiers of the "Why an
LSTM" page, `adversarial_pair` a GAN's two networks and their optimisers, and
`gumbel_softmax` the text GAN's differentiable characters. They are fitted by
`lstm_core.training.trainer`; Keras is imported inside the functions, so the app starts,
predicts and traces without TensorFlow.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from lstm_core.nn.network import Network, NetworkSpec


def build_keras(spec: NetworkSpec, sequence_length: int | None = None, mask: bool = True, input_dropout: float = 0.0,
                recurrent_dropout: float = 0.0, l2: float = 0.0):
    """The Keras model for a spec; layer names match the NumPy weight names.

    mask=False drops the padding mask (for inputs that are never padded, such as a
    language model's training windows): Keras then runs the LSTM on cuDNN where a GPU
    is present. input_dropout drops embedding values during training; recurrent_dropout
    drops h_{t-1} inputs to the gates (Gal & Ghahramani 2016); l2 adds l2 · Σw² of every
    LSTM and dense kernel to the loss. None of them changes the weights' names or shapes.
    """
    import keras

    penalty = keras.regularizers.L2(l2) if l2 > 0 else None
    lstm_options = {"recurrent_dropout": recurrent_dropout, "kernel_regularizer": penalty,
                    "recurrent_regularizer": penalty}

    if spec.input_kind == "tokens":
        inputs = keras.Input(shape=(sequence_length,), dtype="int32", name="tokens")
        x = keras.layers.Embedding(spec.vocab_size, spec.embedding_dim, mask_zero=mask, name="embedding")(inputs)
        if input_dropout > 0:
            x = keras.layers.Dropout(input_dropout, name="embedding_dropout")(x)
    else:
        inputs = keras.Input(shape=(sequence_length, spec.input_dim), name="values")
        x = inputs
    for k, units in enumerate(spec.units):
        last = k == len(spec.units) - 1
        return_sequences = spec.per_step_output or not last
        if spec.bidirectional:
            layer = keras.layers.Bidirectional(
                keras.layers.LSTM(units, return_sequences=return_sequences, **lstm_options), name=f"lstm_{k}"
            )
        else:
            layer = keras.layers.LSTM(units, return_sequences=return_sequences, name=f"lstm_{k}", **lstm_options)
        x = layer(x)
        if spec.dropout > 0:
            x = keras.layers.Dropout(spec.dropout, name=f"dropout_{k}")(x)
    activation = None if spec.output_activation == "linear" else spec.output_activation
    outputs = keras.layers.Dense(spec.output_dim, activation=activation, name="dense", kernel_regularizer=penalty)(x)
    return keras.Model(inputs, outputs)


def export_weights(model, spec: NetworkSpec) -> dict[str, np.ndarray]:
    """Copy a Keras model's weights into the flat dict that `Network` reads."""
    weights: dict[str, np.ndarray] = {}
    if spec.input_kind == "tokens":
        weights["embedding"] = np.asarray(model.get_layer("embedding").get_weights()[0])
    for k in range(len(spec.units)):
        arrays = model.get_layer(f"lstm_{k}").get_weights()
        groups = [f"lstm_{k}_forward", f"lstm_{k}_backward"] if spec.bidirectional else [f"lstm_{k}"]
        for g, name in enumerate(groups):
            kernel, recurrent, bias = arrays[3 * g : 3 * g + 3]
            weights.update({f"{name}/kernel": kernel, f"{name}/recurrent_kernel": recurrent, f"{name}/bias": bias})
    kernel, bias = model.get_layer("dense").get_weights()
    weights.update({"dense/kernel": kernel, "dense/bias": bias})
    return {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}


def load_into_keras(model, network: Network) -> None:
    """Put NumPy weights back into a Keras model built by `build_keras` (for checks)."""
    spec, w = network.spec, network.weights
    if spec.input_kind == "tokens":
        model.get_layer("embedding").set_weights([w["embedding"]])
    for k in range(len(spec.units)):
        groups = [f"lstm_{k}_forward", f"lstm_{k}_backward"] if spec.bidirectional else [f"lstm_{k}"]
        arrays = []
        for name in groups:
            arrays += [w[f"{name}/kernel"], w[f"{name}/recurrent_kernel"], w[f"{name}/bias"]]
        model.get_layer(f"lstm_{k}").set_weights(arrays)
    model.get_layer("dense").set_weights([w["dense/kernel"], w["dense/bias"]])


def loss_and_metrics(spec: NetworkSpec) -> tuple[str, tuple[str, ...]]:
    """The loss and the metrics a spec's output layer calls for (for `TrainConfig`)."""
    if spec.output_activation == "softmax":
        return "sparse_categorical_crossentropy", ("accuracy",)
    if spec.output_activation == "sigmoid":
        return "binary_crossentropy", ("accuracy",)
    return "mse", ("mae",)


def build_attention_model(spec: NetworkSpec, attention_dim: int, sequence_length: int | None = None,
                          recurrent_dropout: float = 0.0, l2: float = 0.0):
    """Embedding -> LSTM (every step) -> Dropout -> attention pooling -> Dense(softmax), uncompiled.

    recurrent_dropout and l2 act as in `build_keras`.

    Attention pooling (Yang et al. 2016): u_t = tanh(W h_t + b), a_t = softmax_t(u_t · v),
    s = sum_t a_t h_t; padded steps (id 0) get no weight. Layer and weight names match
    `lstm_core.explain.attention`: "embedding", "lstm_0", "attention" (W, b, v), "dense".
    """
    import keras

    class AttentionPooling(keras.layers.Layer):
        def build(self, input_shape):
            units = input_shape[-1]
            self.W = self.add_weight(shape=(units, attention_dim), initializer="glorot_uniform", name="W")
            self.b = self.add_weight(shape=(attention_dim,), initializer="zeros", name="b")
            self.v = self.add_weight(shape=(attention_dim,), initializer="glorot_uniform", name="v")

        def call(self, hidden, mask=None):  # hidden (B, T, H), mask (B, T)
            ops = keras.ops
            scores = ops.tensordot(ops.tanh(ops.tensordot(hidden, self.W, 1) + self.b), self.v, 1)  # (B, T)
            if mask is not None:
                scores = ops.where(mask, scores, -1e9)
            weights = ops.softmax(scores, axis=-1)
            return ops.sum(hidden * weights[..., None], axis=1)  # (B, H)

        def compute_mask(self, inputs, mask=None):
            return None  # the pooled vector has no time axis left to mask

    if spec.bidirectional or len(spec.units) != 1 or spec.input_kind != "tokens":
        raise ValueError("the attention model has token inputs and one one-way LSTM layer")
    inputs = keras.Input(shape=(sequence_length,), dtype="int32", name="tokens")
    x = keras.layers.Embedding(spec.vocab_size, spec.embedding_dim, mask_zero=True, name="embedding")(inputs)
    penalty = keras.regularizers.L2(l2) if l2 > 0 else None
    x = keras.layers.LSTM(spec.units[0], return_sequences=True, name="lstm_0", recurrent_dropout=recurrent_dropout,
                          kernel_regularizer=penalty, recurrent_regularizer=penalty)(x)
    if spec.dropout > 0:
        x = keras.layers.Dropout(spec.dropout, name="dropout_0")(x)
    pooled = AttentionPooling(name="attention")(x)
    outputs = keras.layers.Dense(spec.output_dim, activation="softmax", name="dense", kernel_regularizer=penalty)(pooled)
    return keras.Model(inputs, outputs)


def export_attention_weights(model, spec: NetworkSpec) -> dict[str, np.ndarray]:
    """`export_weights` plus the attention pooling's attention/W, attention/b, attention/v."""
    W, b, v = model.get_layer("attention").get_weights()
    return {**export_weights(model, spec), **{k: np.asarray(a, np.float32) for k, a in
                                               (("attention/W", W), ("attention/b", b), ("attention/v", v))}}


CELL_KINDS = ("rnn", "gru", "lstm")


def build_cell_model(kind: str, units: int, input_dim: int, classes: int):
    """Input(T, V) -> SimpleRNN | GRU | LSTM(units) -> Dense(classes, softmax), uncompiled."""
    import keras

    layers = {"rnn": keras.layers.SimpleRNN, "gru": keras.layers.GRU, "lstm": keras.layers.LSTM}
    if kind not in layers:
        raise ValueError(f"cell must be one of {CELL_KINDS}, not {kind!r}")
    inputs = keras.Input((None, input_dim))
    hidden = layers[kind](units, name="recurrent")(inputs)
    return keras.Model(inputs, keras.layers.Dense(classes, activation="softmax", name="dense")(hidden))


def export_cell_weights(model) -> dict[str, np.ndarray]:
    """The recurrent layer's and the dense head's arrays, named as `lstm_core.why.cells` reads them."""
    kernel, recurrent, bias = model.get_layer("recurrent").get_weights()
    dense_kernel, dense_bias = model.get_layer("dense").get_weights()
    arrays = {"kernel": kernel, "recurrent_kernel": recurrent, "bias": bias, "dense/kernel": dense_kernel, "dense/bias": dense_bias}
    return {k: np.asarray(v, np.float32) for k, v in arrays.items()}


# ---- a GAN's two networks (trained by `lstm_core.training.trainer.adversarial_epoch`) ------------------
def logits_model(spec: NetworkSpec, window: int):
    """The Keras model of a spec with a linear head: losses read logits, NumPy adds the activation."""
    return build_keras(replace(spec, output_activation="linear"), window, mask=False)


def gan_optimizer(learning_rate: float, model):
    """Adam with beta_1 = 0.5, as in DCGAN: less momentum keeps the two players from overshooting."""
    import keras

    optimizer = keras.optimizers.Adam(learning_rate, beta_1=0.5)
    optimizer.build(model.trainable_variables)
    return optimizer


@dataclass
class AdversarialPair:
    """A generator and a discriminator (logit heads), each with its own optimiser."""

    generator: object
    discriminator: object
    g_optimizer: object
    d_optimizer: object


def adversarial_pair(generator: NetworkSpec, discriminator: NetworkSpec, window: int, generator_lr: float,
                     discriminator_lr: float, seed: int) -> AdversarialPair:
    """Seed Keras, then build both networks and their optimisers (same seed, same initial weights)."""
    import keras

    keras.utils.set_random_seed(seed)
    g_model, d_model = logits_model(generator, window), logits_model(discriminator, window)
    g_optimizer, d_optimizer = gan_optimizer(generator_lr, g_model), gan_optimizer(discriminator_lr, d_model)
    return AdversarialPair(g_model, d_model, g_optimizer, d_optimizer)


def gumbel_softmax(logits, temperature: float = 1.0, hard: bool = True):
    """A differentiable stand-in for sampling a character from softmax(logits), (..., V).

    Jang et al. 2017; Kusner & Hernandez-Lobato 2016. hard=True (straight-through): the
    forward value is the one-hot sample, the gradient is that of the soft sample, so the
    discriminator never sees soft characters.
    """
    import tensorflow as tf

    uniform = tf.random.uniform(tf.shape(logits), 1e-6, 1 - 1e-6)
    soft = tf.nn.softmax((logits - tf.math.log(-tf.math.log(uniform))) / temperature)
    if not hard:
        return soft
    one_hot = tf.one_hot(tf.argmax(soft, axis=-1), tf.shape(logits)[-1], dtype=soft.dtype)
    return soft + tf.stop_gradient(one_hot - soft)


def character_emitters(vocab_size: int) -> dict[str, Callable]:
    """Three ways to turn (B, T, V) scores into characters: argmax ids, sampled ids, Gumbel-softmax."""
    import tensorflow as tf

    def sample(logits):
        ids = tf.random.categorical(tf.reshape(logits, (-1, vocab_size)), 1)
        return tf.one_hot(tf.reshape(ids, tf.shape(logits)[:-1]), vocab_size)

    return {
        "argmax": lambda logits: tf.one_hot(tf.argmax(logits, axis=-1), vocab_size),
        "sample": sample,
        "gumbel": gumbel_softmax,
    }
