"""The one training loop: every Keras model in the app is fitted here, an epoch at a time.

nanoGPT's train.py is the example: one config dataclass, one loop. `Trainer` seeds,
builds and compiles a model, and `run_epoch()` fits one pass over the data and returns
an `EpochReport`. A page calls `run_epoch` once per script run, so its stop button is
read between epochs; `train()` loops it for the builds, the benchmarks and the tests.
Early stopping, the learning rate's halving, the best epoch's weights and the two ways to
fine-tune a pretrained network (a learning rate per layer, layers unfrozen one epoch after
another: Howard & Ruder 2018) live here and nowhere else; `should_stop()`, polled after
every batch, is the one way to end a run from outside. `Trainer(strategy=...)` builds and
fits inside a `tf.distribute` strategy (data-parallel training, see
`lstm_core.compress.distributed`). A GAN cannot use `fit` (its two networks take turns):
`lstm_core.training.gan_steps` runs its updates. Keras is imported inside the functions,
so importing this never loads it.
"""

from __future__ import annotations

import contextlib
import functools
import math
import time
from dataclasses import dataclass, field
from typing import Callable, Union

import numpy as np

Arrays = tuple[np.ndarray, np.ndarray]  # (inputs, targets)
# Fixed arrays, or a function giving each 1-based epoch its own (e.g. windows cut at a new offset).
# Instead of arrays, a Keras PyDataset of (inputs, targets) batches with None for the targets
# (the tagger's sentences, each batch padded to its own length).
TrainData = Union[Arrays, Callable[[int], Arrays]]


@dataclass(frozen=True)
class TrainConfig:
    """How to fit; the callers' own configs fill it in, pages take widget defaults from those."""

    epochs: int = 5
    batch_size: int = 64
    learning_rate: float = 3e-3  # Adam; a little above Keras' 1e-3 since the nets are small
    clipnorm: float | None = 1.0  # gradient clipping keeps long sequences from blowing up
    optimizer: str = "adam"  # or "sgd" (plain, as in the distributed demo)
    seed: int = 0  # seeds the initial weights and the shuffling
    loss: str = "sparse_categorical_crossentropy"
    metrics: tuple[str, ...] = ()
    patience: int = 0  # >0: stop after this many epochs without a better validation loss
    min_delta: float = 0.0  # a validation loss must beat the best by more than this to count
    halve_on_plateau: bool = False  # halve the learning rate after each epoch that did not improve
    restore_best: bool = True  # with validation data: end on the best epoch's weights, not the last
    shuffle: bool = True  # off when the data function already shuffles
    validation_batch_size: int | None = None  # None: batch_size (a larger one only runs faster)
    max_seconds: float | None = None  # do not start an epoch that would end past this
    # Fine-tuning a pretrained network (Howard & Ruder 2018), by Keras layer name:
    layer_rates: tuple[tuple[str, float], ...] = ()  # a layer's learning rate is learning_rate times its factor
    unfreeze: tuple[tuple[str, int], ...] = ()  # a layer is frozen before this 1-based epoch (gradual unfreezing)
    # With unfreeze and patience: a stall (patience epochs without a better validation loss) while layers
    # are still frozen does not end the run; every layer joins, from the best epoch's weights, at half the rate.
    unfreeze_on_stall: bool = False

    def __post_init__(self) -> None:
        if self.epochs < 1:
            raise ValueError("train for at least one epoch")
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if not 0 < self.learning_rate < 1:
            raise ValueError("learning_rate must be between 0 and 1")
        if self.patience < 0 or self.min_delta < 0:
            raise ValueError("patience and min_delta cannot be negative")
        if self.optimizer not in ("adam", "sgd"):
            raise ValueError("optimizer must be 'adam' or 'sgd'")
        if self.layer_rates and self.optimizer != "adam":
            raise ValueError("layer_rates need the 'adam' optimizer")
        if any(factor < 0 for _, factor in self.layer_rates) or any(epoch < 1 for _, epoch in self.unfreeze):
            raise ValueError("layer rate factors cannot be negative, and layers unfreeze from epoch 1 on")
        if self.unfreeze_on_stall and not (self.unfreeze and self.patience > 0):
            raise ValueError("unfreeze_on_stall needs an unfreeze schedule and a patience")


@dataclass(frozen=True)
class EpochReport:
    """What one epoch did: the one thing every progress callback receives."""

    epoch: int  # 1-based
    epochs: int  # the most this run will train
    train: dict[str, float]  # {"loss": ..., and each metric}
    validation: dict[str, float]  # the same keys on the validation data; empty without it
    learning_rate: float  # used in this epoch
    seconds: float  # since training began
    best_epoch: int  # the best so far (validation loss, else training loss)

    @property
    def logs(self) -> dict[str, float]:
        """Keras' flat naming: {"loss": ..., "val_loss": ...}."""
        return {**self.train, **{f"val_{k}": v for k, v in self.validation.items()}}


class Trainer:
    """A model being fitted; `run_epoch` until `finished`, then `best_weights_restored()`.

    build() returns an uncompiled Keras model; it is called after seeding, so the same
    seed gives the same initial weights. train is (x, y) or a function epoch -> (x, y).
    With a `tf.distribute` strategy the model is built and compiled in its scope.
    """

    def __init__(self, build: Callable[[], object], train: TrainData, config: TrainConfig = TrainConfig(),
                 validation: Arrays | None = None, strategy=None) -> None:
        import keras

        keras.utils.set_random_seed(config.seed)
        with strategy.scope() if strategy is not None else contextlib.nullcontext():
            self.model = build()
            if config.optimizer == "sgd":
                self.optimizer = keras.optimizers.SGD(config.learning_rate, clipnorm=config.clipnorm)
            elif config.layer_rates:
                self.optimizer = _layerwise_adam()(dict(config.layer_rates), config.learning_rate, clipnorm=config.clipnorm)
            else:
                self.optimizer = keras.optimizers.Adam(config.learning_rate, clipnorm=config.clipnorm)
            self.model.compile(optimizer=self.optimizer, loss=config.loss, metrics=list(config.metrics))
            if config.unfreeze:  # built on every weight now, so a layer unfrozen later is one it knows
                self.optimizer.build(self.model.trainable_variables)
        self.config, self.validation, self._train = config, validation, train
        self.reports: list[EpochReport] = []
        self.learning_rate = config.learning_rate
        self.seconds = 0.0
        self.stopped = False  # by should_stop() or stop(), not by early stopping
        self.best_epoch, self._best_loss, self._best_weights, self._stale = 0, math.inf, None, 0
        self.released_at = 0  # with unfreeze_on_stall: the last epoch before every layer joined (0: not yet)

    @property
    def epochs_run(self) -> int:
        return len(self.reports)

    @property
    def finished(self) -> bool:
        """All epochs run, stopped from outside, no better validation for `patience` epochs, or out of time."""
        cfg, done = self.config, self.epochs_run
        stalled = cfg.patience > 0 and self._stale >= cfg.patience
        late = cfg.max_seconds is not None and done > 0 and self.seconds * (done + 1) / done > cfg.max_seconds
        return self.stopped or done >= cfg.epochs or stalled or late

    def stop(self) -> None:
        """End the run after the current batch (or before the next epoch)."""
        self.stopped = True

    def history(self) -> dict[str, list[float]]:
        """Every epoch's logs by Keras name: {"loss": [...], "val_loss": [...], ...}."""
        out: dict[str, list[float]] = {}
        for report in self.reports:
            for key, value in report.logs.items():
                out.setdefault(key, []).append(value)
        return out

    def run_epoch(self, on_batch: Callable[[int, int], None] | None = None,
                  should_stop: Callable[[], bool] | None = None) -> EpochReport:
        """Fit one epoch; on_batch(done, total) after each batch, should_stop() polled there too."""
        import keras

        if self.finished:
            raise RuntimeError("this training has finished; start a new Trainer")
        epoch = self.epochs_run + 1
        x, y = self._train(epoch) if callable(self._train) else self._train
        batches = len(x) if y is None else int(np.ceil(len(x) / self.config.batch_size))  # a PyDataset is batched
        total, trainer = batches, self

        class _Batches(keras.callbacks.Callback):
            def on_train_batch_end(self, batch, logs=None):
                if on_batch:
                    on_batch(batch + 1, total)
                if should_stop and should_stop():
                    trainer.stopped = True
                    self.model.stop_training = True

        self.optimizer.learning_rate.assign(self.learning_rate)
        self._unfreeze(epoch)
        started = time.perf_counter()
        fit = self.model.fit(
            x, y, batch_size=self.config.batch_size, epochs=1, validation_data=self.validation,
            validation_batch_size=self.config.validation_batch_size, shuffle=self.config.shuffle,
            callbacks=[_Batches()], verbose=0,
        )
        self.seconds += time.perf_counter() - started
        logs = {k: float(v[-1]) for k, v in fit.history.items()}
        report = EpochReport(
            epoch, self.config.epochs, {k: v for k, v in logs.items() if not k.startswith("val_")},
            {k[4:]: v for k, v in logs.items() if k.startswith("val_")}, self.learning_rate, self.seconds,
            self._track(logs.get("val_loss", logs.get("loss", math.inf)), epoch),
        )
        self.reports.append(report)
        return report

    def _unfreeze(self, epoch: int) -> None:
        """Gradual unfreezing: only the layers whose epoch has come train in this one."""
        changed = False
        for name, first_epoch in self.config.unfreeze:
            layer, trains = self.model.get_layer(name), epoch >= first_epoch or self.released_at > 0
            if layer.trainable != trains:
                layer.trainable, changed = trains, True
        if changed:
            self.model.train_function = None  # traced again, with the new set of trainable weights

    def _track(self, monitored: float, epoch: int) -> int:
        """Remember the best epoch (and its weights); count stale epochs; halve the rate on a plateau."""
        if monitored < self._best_loss - self.config.min_delta:
            self._best_loss, self.best_epoch, self._stale = monitored, epoch, 0
            if self.config.restore_best and self.validation is not None:
                self._best_weights = self.model.get_weights()
        else:
            self._stale += 1
            if self.config.halve_on_plateau:
                self.learning_rate /= 2
            if self._stale >= self.config.patience and self._frozen_next(epoch):
                self._release(epoch)
        return self.best_epoch

    def _frozen_next(self, epoch: int) -> bool:
        """True when unfreeze_on_stall may still fire: some layer would be frozen in the next epoch."""
        if not self.config.unfreeze_on_stall or self.released_at or epoch >= self.config.epochs:
            return False
        return any(epoch + 1 < first_epoch for _, first_epoch in self.config.unfreeze)

    def _release(self, epoch: int) -> None:
        """Every layer joins from the next epoch on, starting again from the best weights at half the rate."""
        self.released_at, self._stale = epoch, 0
        self.learning_rate /= 2
        if self._best_weights is not None:
            self.model.set_weights(self._best_weights)

    @property
    def kept_epoch(self) -> int:
        """The epoch whose weights `best_weights_restored` ends on."""
        return self.best_epoch if self._best_weights is not None else self.epochs_run

    def predict(self, x: np.ndarray, batch_size: int = 512) -> np.ndarray:
        """The model's outputs for x with the weights it holds now, as NumPy."""
        return np.asarray(self.model.predict(x, batch_size=batch_size, verbose=0))

    def best_weights_restored(self):
        """The model with the best epoch's weights (validation and restore_best), else the last ones."""
        if self._best_weights is not None:
            self.model.set_weights(self._best_weights)
        return self.model


@dataclass(frozen=True)
class TrainResult:
    """What `train` returns: the fitted model (best weights restored) and its epochs."""

    model: object = field(repr=False)
    reports: tuple[EpochReport, ...]
    history: dict[str, list[float]]
    seconds: float
    kept_epoch: int  # whose weights the model holds
    stopped: bool  # by should_stop()

    @property
    def epochs_run(self) -> int:
        return len(self.reports)


def train(build: Callable[[], object], data: TrainData, config: TrainConfig = TrainConfig(),
          validation: Arrays | None = None, on_epoch: Callable[[EpochReport], None] | None = None,
          on_batch: Callable[[int, int], None] | None = None,
          should_stop: Callable[[], bool] | None = None, strategy=None) -> TrainResult:
    """Run every epoch (until early stopping or should_stop()) without a page in between."""
    trainer = Trainer(build, data, config, validation, strategy)
    return run_to_end(trainer, on_epoch, on_batch, should_stop)


def run_to_end(trainer: Trainer, on_epoch: Callable[[EpochReport], None] | None = None,
               on_batch: Callable[[int, int], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> TrainResult:
    """Loop `run_epoch` on an existing trainer until it finishes."""
    while not trainer.finished:
        report = trainer.run_epoch(on_batch, should_stop)
        if on_epoch:
            on_epoch(report)
    model = trainer.best_weights_restored()
    return TrainResult(model, tuple(trainer.reports), trainer.history(), trainer.seconds, trainer.kept_epoch,
                       trainer.stopped)


@functools.cache
def _layerwise_adam():
    """Adam with a learning-rate factor per layer (discriminative fine-tuning), made on first use."""
    import keras

    class LayerwiseAdam(keras.optimizers.Adam):
        """Adam whose step for a weight of layer L is scaled by factors[L] (1 for a layer not named)."""

        def __init__(self, factors: dict[str, float], *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.factors = factors

        def update_step(self, gradient, variable, learning_rate):
            # TensorFlow hands over its own variable; the Keras one holds the path "layer/weight".
            layer = self._trainable_variables[self._get_variable_index(variable)].path.split("/")[0]
            return super().update_step(gradient, variable, learning_rate * self.factors.get(layer, 1.0))

    return LayerwiseAdam
