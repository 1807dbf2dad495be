"""A live run of the three cells at one distance, one epoch per call.

The page calls `run_epoch` once per script run (through `lstm_core.ui.live_training`)
and then reruns itself, so a stop button (read at the start of the next run) can end
the training between epochs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from lstm_core.why.cell_training import trainer
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
    """Three cells being fitted by `lstm_core.training.trainer` and their accuracy so far; lives in one session."""

    config: LiveConfig
    history: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in CELLS})
    seconds: float = 0.0
    stopped: bool = False

    def __post_init__(self) -> None:
        cfg = self.config
        self.task = MemoryTask(distance=cfg.distance)
        self.splits: Splits = make_splits(self.task, (cfg.train, cfg.validation, 1), cfg.seed)
        self.trainers = {
            kind: trainer(kind, self.task, cfg.units, self.splits.train, self.splits.validation, cfg.epochs,
                          cfg.seed, cfg.learning_rate)
            for kind in CELLS
        }

    @property
    def epochs_run(self) -> int:
        return min(len(values) for values in self.history.values())

    @property
    def finished(self) -> bool:
        return self.stopped or self.epochs_run >= self.config.epochs

    def progress(self, within_epoch: float = 0.0) -> float:
        """Fraction of the epochs run."""
        return (self.epochs_run + within_epoch) / self.config.epochs

    def stop(self) -> None:
        self.stopped = True

    def run_epoch(self, on_batch: Callable[[int, int], None] | None = None,
                  should_stop: Callable[[], bool] | None = None) -> None:
        """One more epoch for each cell; on_batch(done, total) counts the three cells' batches together."""
        started = time.perf_counter()
        for index, (kind, run) in enumerate(self.trainers.items()):
            def batch(done: int, total: int, index=index) -> None:
                if on_batch:
                    on_batch(index * total + done, len(self.trainers) * total)

            report = run.run_epoch(batch, should_stop)
            self.history[kind].append(report.validation["accuracy"])
            if run.stopped:
                self.stopped = True
                break
        self.seconds += time.perf_counter() - started
