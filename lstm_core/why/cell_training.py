"""Fitting the three memory-task cells with the app's one loop, and scoring them.

The Keras models (Input(T, V) -> SimpleRNN | GRU | LSTM(units) -> Dense(classes,
softmax)) are built in `lstm_core.training.keras_models`; they are fitted by
`lstm_core.training.trainer`, and their weights are copied out for the NumPy cells.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from lstm_core.training.keras_models import CELL_KINDS as CELLS
from lstm_core.why.memory_task import MemoryData, MemoryTask


def trainer(kind: str, task: MemoryTask, units: int, train: MemoryData, validation: MemoryData, epochs: int,
            seed: int, learning_rate: float = 1e-2, patience: int = 0, batch_size: int = 64):
    """A `lstm_core.training.trainer.Trainer` for one cell kind; same units for every kind.

    Adam with clipnorm 1.0: the RNN's gradient can explode on long sequences; all three
    get the same. With patience, the epoch with the best validation loss is kept.
    """
    from lstm_core.training.keras_models import build_cell_model
    from lstm_core.training.trainer import TrainConfig, Trainer

    if kind not in CELLS:
        raise ValueError(f"cell must be one of {CELLS}, not {kind!r}")
    config = TrainConfig(epochs=epochs, batch_size=batch_size, learning_rate=learning_rate, seed=seed,
                         metrics=("accuracy",), patience=patience, restore_best=patience > 0)
    return Trainer(lambda: build_cell_model(kind, units, task.vocab_size, task.classes), (train.x, train.y), config,
                   (validation.x, validation.y))


def fit(trainer, on_epoch: Callable[[object], None] | None = None) -> dict[str, list[float]]:
    """Run every epoch (on_epoch(report) after each); returns the Keras-style history."""
    from lstm_core.training.trainer import run_to_end

    return run_to_end(trainer, on_epoch).history


def export(model) -> dict[str, np.ndarray]:
    """The recurrent layer's and the dense head's arrays, named as `lstm_core.why.cells` reads them."""
    from lstm_core.training.keras_models import export_cell_weights

    return export_cell_weights(model)


def accuracy(model, data: MemoryData) -> float:
    """Held-out accuracy of a Keras model."""
    predicted = model.predict(data.x, batch_size=512, verbose=0).argmax(axis=1)
    return float((predicted == data.y).mean())
