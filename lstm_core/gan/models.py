"""The GAN's two networks as NumPy `Network`s: shapes, noise, sampling, scoring.

Generator: a noise sequence (T, D) -> LSTM -> dense, one value per step (RCGAN,
Esteban et al. 2017; C-RNN-GAN, Mogren 2016). The first `global_noise` channels hold
the same draw at every step (what the whole window should look like: its period,
its phase), the last `step_noise` channels a fresh draw per step (its wiggles).
Discriminator: a window (T, 1) -> LSTM -> dense -> sigmoid, the probability "real".
The text GAN uses the same shapes with one-hot characters instead of values.
Keras trains them (`lstm_core.gan.adversarial`); the app runs them here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.message import Message, UserError
from lstm_core.nn.cell import run_batch
from lstm_core.nn.network import Network, NetworkSpec


@dataclass(frozen=True)
class GanConfig:
    """One numeric GAN run; the page's widgets take their defaults from here."""

    family: str = "sine"
    units: int = 32  # per LSTM; tiny, so an epoch takes about a second on one core
    global_noise: int = 4  # noise channels constant over the window
    step_noise: int = 2  # noise channels drawn afresh at each step
    batch_size: int = 64
    steps_per_epoch: int = 30  # generator updates per epoch (one page rerun each epoch)
    epochs: int = 20
    generator_lr: float = 2e-3  # 2e-3 beat 1e-3 on validation windows in a 30/60-epoch trial
    discriminator_lr: float = 2e-3
    seed: int = 0

    def __post_init__(self) -> None:
        small = {k: getattr(self, k) for k in ("units", "batch_size", "steps_per_epoch", "epochs") if getattr(self, k) < 1}
        if small:
            first = next(iter(small))
            raise UserError(f"these settings must be at least 1: {', '.join(small)}",
                            Message("error.settings.at_least_one", {"setting": Message(f"error.setting.{first}"), "minimum": 1}))

        if self.global_noise < 0 or self.step_noise < 0 or self.noise_dim < 1:
            raise ValueError("the generator needs at least one noise channel")
        if not (0 < self.generator_lr < 1 and 0 < self.discriminator_lr < 1):
            raise ValueError("learning rates must be between 0 and 1")

    @property
    def noise_dim(self) -> int:
        return self.global_noise + self.step_noise


def generator_spec(noise_dim: int, units: int, outputs: int = 1, activation: str = "linear") -> NetworkSpec:
    """Noise (T, noise_dim) -> one output vector per step (values, or character probabilities)."""
    return NetworkSpec(input_kind="values", input_dim=noise_dim, units=(units,), output_dim=outputs,
                       output_activation=activation, per_step_output=True)


def discriminator_spec(input_dim: int, units: int) -> NetworkSpec:
    """A window (T, input_dim) -> P(real) after its last step."""
    return NetworkSpec(input_kind="values", input_dim=input_dim, units=(units,), output_dim=1, output_activation="sigmoid")


def draw_noise(count: int, window: int, global_noise: int, step_noise: int, rng: np.random.Generator) -> np.ndarray:
    """(count, window, global_noise + step_noise) standard normal noise, the global part repeated over time."""
    whole = np.repeat(rng.standard_normal((count, 1, global_noise)), window, axis=1)
    steps = rng.standard_normal((count, window, step_noise))
    return np.concatenate([whole, steps], axis=2).astype(np.float32)


def per_step_outputs(network: Network, inputs: np.ndarray) -> np.ndarray:
    """Run a one-layer per-step network on a batch (B, T, D) -> (B, T, K), without gates."""
    hidden, _ = run_batch(network.lstm["lstm_0"], inputs.astype(np.float32), np.full(len(inputs), inputs.shape[1]))
    return network.head(hidden)


@dataclass(frozen=True)
class NumericGan:
    """A trained numeric generator and discriminator, ready to sample and judge."""

    generator: Network
    discriminator: Network
    global_noise: int
    step_noise: int
    window: int

    def noise(self, count: int, seed: int) -> np.ndarray:
        return draw_noise(count, self.window, self.global_noise, self.step_noise, np.random.default_rng(seed))

    def sample(self, count: int, seed: int = 0) -> np.ndarray:
        """(count, window) generated windows; the same seed gives the same windows (as `ARGenerator.sample`)."""
        return per_step_outputs(self.generator, self.noise(count, seed))[:, :, 0]

    def judge(self, windows: np.ndarray) -> np.ndarray:
        """(N,) the discriminator's P(real) for (N, T) windows."""
        return self.discriminator.predict([w[:, None] for w in np.asarray(windows, np.float32)])[:, 0]
