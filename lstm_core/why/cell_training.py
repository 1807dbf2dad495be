"""Keras models for the three cells, and the one `fit` that trains them.

TensorFlow is imported inside the functions, so the page loads without it until a
live run starts. Each model is Input(T, V) -> SimpleRNN | GRU | LSTM(units) ->
Dense(classes, softmax); their weights are copied out for the NumPy cells.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from lstm_core.why.memory_task import MemoryData

CELLS = ("rnn", "gru", "lstm")


def build_model(kind: str, units: int, input_dim: int, classes: int, seed: int, learning_rate: float = 1e-2):
    """A compiled Keras model for one cell kind; same units for every kind."""
    import keras

    layers = {"rnn": keras.layers.SimpleRNN, "gru": keras.layers.GRU, "lstm": keras.layers.LSTM}
    if kind not in layers:
        raise ValueError(f"cell must be one of {CELLS}, not {kind!r}")
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((None, input_dim))
    hidden = layers[kind](units, name="recurrent")(inputs)
    model = keras.Model(inputs, keras.layers.Dense(classes, activation="softmax", name="dense")(hidden))
    # clipnorm: the RNN's gradient can explode on long sequences; all three get the same.
    model.compile(optimizer=keras.optimizers.Adam(learning_rate, clipnorm=1.0), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def fit(
    model,
    train: MemoryData,
    validation: MemoryData,
    epochs: int,
    on_epoch: Callable[[int, dict[str, float]], None] | None = None,
    patience: int = 0,
    batch_size: int = 64,
) -> dict[str, list[float]]:
    """Train for `epochs` (on_epoch(epoch, logs) after each); with patience, keep the best on validation."""
    import keras

    class _Report(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if on_epoch:
                on_epoch(epoch + 1, {k: float(v) for k, v in (logs or {}).items()})

    callbacks = [_Report()]
    if patience:
        callbacks.append(keras.callbacks.EarlyStopping("val_loss", patience=patience, restore_best_weights=True))
    history = model.fit(
        train.x, train.y, batch_size=batch_size, epochs=epochs, validation_data=(validation.x, validation.y),
        callbacks=callbacks, shuffle=True, verbose=0,
    )
    return {k: [float(v) for v in values] for k, values in history.history.items()}


def export(model) -> dict[str, np.ndarray]:
    """The recurrent layer's and the dense head's arrays, named as `lstm_core.why.cells` reads them."""
    kernel, recurrent, bias = model.get_layer("recurrent").get_weights()
    dense_kernel, dense_bias = model.get_layer("dense").get_weights()
    arrays = {"kernel": kernel, "recurrent_kernel": recurrent, "bias": bias, "dense/kernel": dense_kernel, "dense/bias": dense_bias}
    return {k: np.asarray(v, np.float32) for k, v in arrays.items()}


def accuracy(model, data: MemoryData) -> float:
    """Held-out accuracy of a Keras model."""
    predicted = model.predict(data.x, batch_size=512, verbose=0).argmax(axis=1)
    return float((predicted == data.y).mean())
