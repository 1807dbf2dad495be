"""A live run of the three cells at one distance, one epoch per call.

The page calls `run_epoch` once per script run and then reruns itself, so a stop
button (read at the start of the next run) can end the training between epochs,
the pattern of `lstm_core.ui.sentiment`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from lstm_core.why.cells import CELLS
from lstm_core.why.memory_task import MemoryTask, Splits, make_splits


@dataclass(frozen=True)
class LiveConfig:
    """A run small enough to finish in well under a minute on two cores."""

    distance: int = 40
    epochs: int = 8  # also the most the page offers: 8 epochs at distance 80 take ~50 s on two cores
    train: int = 2000  # at random distances 1..distance, as in the shipped build
    validation: int = 300  # at exactly the distance: the accuracy drawn
    units: int = 32
    learning_rate: float = 1e-2
    seed: int = 0

    def __post_init__(self) -> None:
        if self.epochs < 1 or self.train < 1 or self.validation < 1:
            raise ValueError("epochs, train and validation must be at least 1")


@dataclass
class LiveRun:
    """Three Keras models and what they have learned so far; lives in one session."""

    config: LiveConfig
    history: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in CELLS})
    seconds: float = 0.0
    stopped: bool = False

    def __post_init__(self) -> None:
        from lstm_core.why.cell_training import build_model

        self.task = MemoryTask(distance=self.config.distance)
        sizes = (self.config.train, self.config.validation, 1)
        self.splits: Splits = make_splits(self.task, sizes, self.config.seed)
        self.models = {
            kind: build_model(kind, self.config.units, self.task.vocab_size, self.task.classes,
                              self.config.seed, self.config.learning_rate)
            for kind in CELLS
        }

    @property
    def epochs_run(self) -> int:
        return min(len(values) for values in self.history.values())

    @property
    def finished(self) -> bool:
        return self.stopped or self.epochs_run >= self.config.epochs

    def run_epoch(self, on_epoch: Callable[[str, int, dict[str, float]], None] | None = None) -> None:
        """One more epoch for each cell; on_epoch(cell, epoch, logs) after each cell's epoch."""
        from lstm_core.why.cell_training import fit

        started = time.perf_counter()
        epoch = self.epochs_run + 1
        for kind, model in self.models.items():
            def report(_, logs, kind=kind):
                if on_epoch:
                    on_epoch(kind, epoch, logs)

            logs = fit(model, self.splits.train, self.splits.validation, 1, on_epoch=report)
            self.history[kind].append(logs["val_accuracy"][-1])
        self.seconds += time.perf_counter() - started
