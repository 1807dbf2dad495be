"""Data-parallel training with an existing engine: Keras 3 on TensorFlow, MirroredStrategy.

Why this engine: the app already trains with Keras 3 on the TensorFlow backend
(`lstm_core.training.trainer`), and `tf.distribute.MirroredStrategy` runs the same trainer
(`Trainer(..., strategy=...)`) on several devices: each batch is split between the replicas, each replica computes
the gradient of its share, the gradients are summed across replicas (an all-reduce)
with the loss scaled by the global batch size, so the update is the average over the
whole batch, exactly as on one device. Keras 3's own distribution API needs the JAX
backend, which the app does not use.

This machine has no GPUs, so TensorFlow is told to split its one CPU into logical
devices (`lstm_core.training.backend.logical_cpus`). That must happen before TensorFlow
starts, so `run_comparison` is meant to run in a fresh process: `python -m lstm_core.compress.distributed` prints its JSON.
The same code runs on several GPUs (MirroredStrategy finds them) or on several
machines (MultiWorkerMirroredStrategy with a TF_CONFIG naming the workers); the
speed-up is limited by the per-replica batch (small batches leave devices idle) and by
the all-reduce, which moves every gradient once per step.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass

import numpy as np

from lstm_core.nn.network import NetworkSpec
from lstm_core.training import backend
from lstm_core.training.network_keras import build_keras, export_weights
from lstm_core.training.trainer import TrainConfig, train

REPLICAS = 2
TOLERANCE = 1e-4  # largest relative gap allowed between the two loss curves (float32 sums in another order)


@dataclass(frozen=True)
class TinyTask:
    """A fixed forecasting task: windows of a noisy sine, an 8-unit LSTM, plain SGD."""

    samples: int = 256
    window: int = 12
    units: int = 8
    batch_size: int = 32  # global: each of the 2 replicas gets 16
    epochs: int = 6
    learning_rate: float = 0.05
    seed: int = 0

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        t = np.arange(self.samples + self.window)
        series = np.sin(2 * np.pi * t / 24) + rng.normal(0, 0.1, len(t))
        x = np.stack([series[i : i + self.window] for i in range(self.samples)])[..., None].astype(np.float32)
        y = series[self.window : self.window + self.samples, None].astype(np.float32)
        return x, y

    def spec(self) -> NetworkSpec:
        return NetworkSpec(input_kind="values", units=(self.units,), output_dim=1, output_activation="linear")


@dataclass(frozen=True)
class Comparison:
    """One device against REPLICAS devices on the same task, seed and batch order."""

    devices: list[str]
    per_replica_batch: list[int]  # how the first batch was split
    single_losses: list[float]  # per epoch
    mirrored_losses: list[float]
    largest_relative_gap: float
    largest_weight_gap: float  # max |w_single - w_mirrored| after training
    single_seconds: float
    mirrored_seconds: float
    tolerance: float = TOLERANCE


def _fit(task: TinyTask, strategy) -> tuple[list[float], list[np.ndarray], float]:
    """Train the app's Keras model for the task inside `strategy`; (losses, weights, seconds)."""
    config = TrainConfig(epochs=task.epochs, batch_size=task.batch_size, learning_rate=task.learning_rate,
                         clipnorm=None, optimizer="sgd", seed=task.seed, loss="mse", shuffle=False)
    result = train(lambda: build_keras(task.spec(), task.window), task.data(), config, strategy=strategy)
    return result.history["loss"], list(export_weights(result.model, task.spec()).values()), result.seconds


def run_comparison(task: TinyTask = TinyTask()) -> Comparison:
    """Train the task on one device, then mirrored on REPLICAS logical CPUs, and compare."""
    devices = backend.logical_cpus(REPLICAS)
    single, mirrored = backend.strategies(devices)
    one_losses, one_weights, one_seconds = _fit(task, single)
    many_losses, many_weights, many_seconds = _fit(task, mirrored)
    gap = max(abs(a - b) / max(abs(a), 1e-12) for a, b in zip(one_losses, many_losses))
    weight_gap = max(float(np.abs(a - b).max()) for a, b in zip(one_weights, many_weights))
    split = backend.rows_per_replica(mirrored, *task.data(), task.batch_size)
    return Comparison(devices, split, one_losses, many_losses, float(gap), weight_gap, round(one_seconds, 2),
                      round(many_seconds, 2))


def in_fresh_process(task: TinyTask = TinyTask(), timeout: float = 600) -> dict:
    """`run_comparison` in a new Python process (TensorFlow must start there unconfigured)."""
    import os
    import subprocess
    from pathlib import Path

    code = ("import json, sys; from lstm_core.compress.distributed import TinyTask, run_comparison; "
            "from dataclasses import asdict; "
            f"json.dump(asdict(run_comparison(TinyTask(**{asdict(task)!r}))), sys.stdout)")
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": root, "TF_CPP_MIN_LOG_LEVEL": "3", "KERAS_BACKEND": "tensorflow"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                          cwd=root, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the distributed run failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


if __name__ == "__main__":
    json.dump(asdict(run_comparison()), sys.stdout)
