"""The Keras twin of a `NetworkSpec`, and its weights copied out for NumPy.

`build_keras` makes the Keras model of a spec (layer names match the NumPy weight
names), `export_weights` copies its weights into the dict `lstm_core.nn.network.Network`
reads, `load_into_keras` puts them back (for checks), and `loss_and_metrics` says what a
spec's output layer is trained with. `lstm_core.training.trainer` fits the model; Keras
is imported inside the functions, so the app starts, predicts and traces without
TensorFlow.
"""

from __future__ import annotations

import numpy as np

from lstm_core.nn.network import Network, NetworkSpec


def build_keras(spec: NetworkSpec, sequence_length: int | None = None, mask: bool = True, input_dropout: float = 0.0,
                recurrent_dropout: float = 0.0, l2: float = 0.0, embedding: np.ndarray | None = None):
    """The Keras model for a spec; layer names match the NumPy weight names.

    mask=False drops the padding mask (for inputs that are never padded, such as a
    language model's training windows): Keras then runs the LSTM on cuDNN where a GPU
    is present. input_dropout drops embedding values during training; recurrent_dropout
    drops h_{t-1} inputs to the gates (Gal & Ghahramani 2016); l2 adds l2 · Σw² of every
    LSTM and dense kernel to the loss. None of them changes the weights' names or shapes.
    embedding (vocab_size, embedding_dim) replaces the embedding's initial weights (word
    vectors to start from); the layer is initialised as usual first, so the other
    layers' initial weights do not depend on it.
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
        return_sequences = spec.per_step_output or not last or spec.pooling == "concat"
        if spec.bidirectional:
            layer = keras.layers.Bidirectional(
                keras.layers.LSTM(units, return_sequences=return_sequences, **lstm_options), name=f"lstm_{k}"
            )
        else:
            layer = keras.layers.LSTM(units, return_sequences=return_sequences, name=f"lstm_{k}", **lstm_options)
        x = layer(x)
        if last and spec.pooling == "concat":
            x = concat_pooling()(x)  # [last, mean, max] over the real steps, as `Network.pool` reads them
        if spec.dropout > 0:
            x = keras.layers.Dropout(spec.dropout, name=f"dropout_{k}")(x)
    activation = None if spec.output_activation == "linear" else spec.output_activation
    outputs = keras.layers.Dense(spec.output_dim, activation=activation, name="dense", kernel_regularizer=penalty)(x)
    model = keras.Model(inputs, outputs)
    if embedding is not None:
        model.get_layer("embedding").set_weights([np.asarray(embedding, np.float32)])
    return model


def concat_pooling():
    """A Keras layer: (B, T, H) states and their padding mask -> (B, 3H) [last real state, mean, max] (ULMFiT's
    concat pooling). Padding comes after the real steps; a row with no real step reads as one step of zeros."""
    import keras
    from keras import ops

    class ConcatPooling(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(name="concat_pooling", **kwargs)
            self.supports_masking = True

        def call(self, states, mask=None):
            if mask is None:
                real = ops.ones(ops.shape(states)[:2], dtype=states.dtype)
            else:
                real = ops.cast(mask, states.dtype)
            count = ops.maximum(ops.sum(real, axis=1, keepdims=True), 1.0)  # (B, 1)
            weights = ops.expand_dims(real, -1)  # (B, T, 1)
            mean = ops.sum(states * weights, axis=1) / count
            maximum = ops.max(states * weights - 1e9 * (1.0 - weights), axis=1)
            last_index = ops.cast(count[:, 0], "int32") - 1
            last = ops.sum(states * ops.expand_dims(ops.one_hot(last_index, ops.shape(states)[1], dtype=states.dtype), -1), axis=1)
            return ops.concatenate([last, mean, maximum], axis=-1)

        def compute_mask(self, inputs, mask=None):
            return None

        def compute_output_shape(self, input_shape):
            return (input_shape[0], 3 * input_shape[-1])

    return ConcatPooling()


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
