"""The Keras twins of the "Why an LSTM" page's three cells, and what leaves them as NumPy.

One-layer SimpleRNN, GRU and LSTM classifiers of the memory task, their arrays named as
`lstm_core.why.cells` reads them, and their held-out predictions. Keras is imported
inside the functions.
"""

from __future__ import annotations

import numpy as np


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
