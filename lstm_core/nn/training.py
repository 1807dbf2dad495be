"""Training a `NetworkSpec` with Keras 3, and copying its weights out for NumPy.

TensorFlow is imported here and only here (lazily, inside the functions), so the app
starts, predicts and traces without it. Progress leaves through callbacks, so a page
can draw a progress bar and live curves, and a stop button can end training early.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from lstm_core.nn.network import Network, NetworkSpec


@dataclass(frozen=True)
class TrainConfig:
    """How to fit; pages take their widget defaults from here."""

    epochs: int = 5
    batch_size: int = 64
    learning_rate: float = 3e-3  # Adam; a little above Keras' 1e-3 since the nets are small
    seed: int = 0
    patience: int = 0  # >0: stop when validation loss stalls this many epochs, keep the best
    clipnorm: float = 1.0  # gradient clipping keeps long sequences from blowing up

    def __post_init__(self) -> None:
        if self.epochs < 1:
            raise ValueError("train for at least one epoch")
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if not 0 < self.learning_rate < 1:
            raise ValueError("learning_rate must be between 0 and 1")


@dataclass(frozen=True)
class EpochReport:
    """What a page needs to draw after each epoch."""

    epoch: int  # 1-based
    epochs: int
    logs: dict[str, float]
    seconds: float
    # The weights reached after this epoch, copied only if called (e.g. to keep them when
    # a page's stop button interrupts the run).
    snapshot: Callable[[], Network] | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class TrainHistory:
    metrics: dict[str, list[float]]  # e.g. {"loss": [...], "val_loss": [...]}
    epochs_run: int
    seconds: float
    stopped_early: bool  # by the user's stop button or by early stopping
    best_epoch: int  # 1-based epoch whose weights were kept


@dataclass
class TrainResult:
    network: Network
    history: TrainHistory
    keras_model: object = field(default=None, repr=False)


def pad(sequences: list[np.ndarray], length: int | None = None, value: int = 0) -> np.ndarray:
    """Post-pad (and cut) integer sequences into an (N, length) array."""
    length = length or max((len(s) for s in sequences), default=1)
    out = np.full((len(sequences), length), value, dtype=np.int32)
    for row, seq in enumerate(sequences):
        seq = np.asarray(seq[:length])
        out[row, : len(seq)] = seq
    return out


def build_keras(spec: NetworkSpec, sequence_length: int | None = None, mask: bool = True, input_dropout: float = 0.0):
    """The Keras model for a spec; layer names match the NumPy weight names.

    mask=False drops the padding mask (for inputs that are never padded, such as a
    language model's training windows): Keras then runs the LSTM on cuDNN where a GPU
    is present. input_dropout drops embedding values during training.
    """
    import keras

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
                keras.layers.LSTM(units, return_sequences=return_sequences), name=f"lstm_{k}"
            )
        else:
            layer = keras.layers.LSTM(units, return_sequences=return_sequences, name=f"lstm_{k}")
        x = layer(x)
        if spec.dropout > 0:
            x = keras.layers.Dropout(spec.dropout, name=f"dropout_{k}")(x)
    activation = None if spec.output_activation == "linear" else spec.output_activation
    outputs = keras.layers.Dense(spec.output_dim, activation=activation, name="dense")(x)
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


def _loss_and_metrics(spec: NetworkSpec):
    if spec.output_activation == "softmax":
        return "sparse_categorical_crossentropy", ["accuracy"]
    if spec.output_activation == "sigmoid":
        return "binary_crossentropy", ["accuracy"]
    return "mse", ["mae"]


def train(
    spec: NetworkSpec,
    x_train: np.ndarray,
    y_train: np.ndarray,
    config: TrainConfig = TrainConfig(),
    validation: tuple[np.ndarray, np.ndarray] | None = None,
    on_epoch: Callable[[EpochReport], None] | None = None,
    on_batch: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainResult:
    """Fit a fresh model for `spec` and return it as a NumPy `Network`.

    on_batch(batch_done, batches_per_epoch) and on_epoch(report) report progress;
    should_stop() is polled after every batch, and a True ends training cleanly with
    the weights reached so far (or the best ones, when early stopping is on).
    """
    import keras

    keras.utils.set_random_seed(config.seed)
    model = build_keras(spec, x_train.shape[1] if x_train.ndim > 1 else None)
    loss, metrics = _loss_and_metrics(spec)
    model.compile(
        optimizer=keras.optimizers.Adam(config.learning_rate, clipnorm=config.clipnorm),
        loss=loss,
        metrics=metrics,
    )
    batches = int(np.ceil(len(x_train) / config.batch_size))
    started = time.perf_counter()
    state = {"user_stop": False, "best": None, "best_loss": np.inf, "best_epoch": 0, "stale": 0}

    class _Progress(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if on_batch:
                on_batch(batch + 1, batches)
            if should_stop and should_stop():
                state["user_stop"] = True
                self.model.stop_training = True

        def on_epoch_end(self, epoch, logs=None):
            logs = {k: float(v) for k, v in (logs or {}).items()}
            monitored = logs.get("val_loss", logs.get("loss", np.inf))
            if monitored < state["best_loss"]:
                state.update(best_loss=monitored, best=self.model.get_weights(), best_epoch=epoch + 1, stale=0)
            else:
                state["stale"] += 1
                if config.patience and state["stale"] >= config.patience:
                    self.model.stop_training = True
            if on_epoch:
                def snapshot(model=self.model) -> Network:
                    return Network(spec, export_weights(model, spec))

                on_epoch(EpochReport(epoch + 1, config.epochs, logs, time.perf_counter() - started, snapshot))

    fit = model.fit(
        x_train,
        y_train,
        batch_size=config.batch_size,
        epochs=config.epochs,
        validation_data=validation,
        callbacks=[_Progress()],
        shuffle=True,
        verbose=0,
    )
    metrics_seen = {k: [float(v) for v in vals] for k, vals in fit.history.items()}
    epochs_run = len(next(iter(metrics_seen.values()), []))
    keep_best = config.patience > 0 and validation is not None and state["best"] is not None
    if keep_best:
        model.set_weights(state["best"])
    history = TrainHistory(
        metrics=metrics_seen,
        epochs_run=epochs_run,
        seconds=time.perf_counter() - started,
        stopped_early=state["user_stop"] or epochs_run < config.epochs,
        best_epoch=state["best_epoch"] if keep_best else epochs_run,
    )
    return TrainResult(Network(spec, export_weights(model, spec)), history, model)
