"""Fitting the three memory-task cells and the Transformer with the app's one loop, and scoring them.

The Keras models (Input(T, V) -> SimpleRNN | GRU | LSTM(units) -> Dense(classes,
softmax)) are built in `lstm_core.training.cells_keras`, the Transformer's in
`lstm_core.training.transformer_keras`; they are fitted by `lstm_core.training.trainer`,
and what comes back is NumPy: the weights for the NumPy cells (`lstm_core.why.cells`) and
Transformer (`lstm_core.why.memory_transformer`), and the predictions that the accuracy is
counted from.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from lstm_core.training.cells_keras import CELL_KINDS as CELLS, build_cell_model, export_cell_weights
from lstm_core.training.trainer import TrainConfig, Trainer, run_to_end
from lstm_core.training.transformer_keras import build_transformer, export_transformer as export_arrays
from lstm_core.why.memory_task import MemoryData, MemoryTask
from lstm_core.why.memory_transformer import MemoryTransformerConfig, spec_for


def trainer(kind: str, task: MemoryTask, units: int, train: MemoryData, validation: MemoryData, epochs: int,
            seed: int, learning_rate: float = 1e-2, patience: int = 0, batch_size: int = 64):
    """A `lstm_core.training.trainer.Trainer` for one cell kind; same units for every kind.

    Adam with clipnorm 1.0: the RNN's gradient can explode on long sequences; all three
    get the same. With patience, the epoch with the best validation loss is kept.
    """
    if kind not in CELLS:
        raise ValueError(f"cell must be one of {CELLS}, not {kind!r}")
    config = TrainConfig(epochs=epochs, batch_size=batch_size, learning_rate=learning_rate, seed=seed,
                         metrics=("accuracy",), patience=patience, restore_best=patience > 0)
    return Trainer(lambda: build_cell_model(kind, units, task.vocab_size, task.classes), (train.x, train.y), config,
                   (validation.x, validation.y))


def transformer_trainer(task: MemoryTask, config: MemoryTransformerConfig, train: MemoryData, validation: MemoryData,
                        epochs: int, seed: int, patience: int = 0, batch_size: int = 64) -> Trainer:
    """A `Trainer` for the Transformer (`lstm_core.why.memory_transformer`), with the cells' rules.

    The same data, epochs, batch size, early stopping and Adam with clipnorm 1.0 as
    `trainer`; config sets the size and the learning rate.
    """
    fit_config = TrainConfig(epochs=epochs, batch_size=batch_size, learning_rate=config.learning_rate, seed=seed,
                             metrics=("accuracy",), patience=patience, restore_best=patience > 0)
    spec = spec_for(task, config)
    return Trainer(lambda: build_transformer(spec, task.steps), (train.x, train.y), fit_config,
                   (validation.x, validation.y))


def export_transformer(trainer: Trainer, task: MemoryTask, config: MemoryTransformerConfig) -> dict[str, np.ndarray]:
    """The Transformer's arrays as they are now, named as `lstm_core.transformer.encoder.Transformer` reads them."""
    return export_arrays(trainer.model, spec_for(task, config))


def fit(trainer: Trainer, on_epoch: Callable[[object], None] | None = None) -> dict[str, list[float]]:
    """Run every epoch (on_epoch(report) after each); returns the Keras-style history."""
    return run_to_end(trainer, on_epoch).history


def export(trainer: Trainer) -> dict[str, np.ndarray]:
    """The recurrent layer's and the dense head's arrays as they are now, named as `lstm_core.why.cells` reads them."""
    return export_cell_weights(trainer.model)


def accuracy(trainer: Trainer, data: MemoryData) -> float:
    """Held-out accuracy of the model being trained, with its weights as they are now."""
    predicted = trainer.predict(data.x).argmax(axis=1)
    return float((predicted == data.y).mean())
