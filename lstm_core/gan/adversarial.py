"""A GAN being trained: the state between epochs, and what it hands to the app.

`GanTrainer` holds the real windows, the numeric or text setting, the loss history and
the random draws (real batches, noise); the networks and their updates live in
`lstm_core.training.gan_steps` (`AdversarialTraining`), which imports Keras only when
called and hands the networks back as NumPy. `gradient_check` asks it what gradient
reaches a text generator through argmax, sampling and Gumbel-softmax.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from lstm_core.gan.models import GanConfig, NumericGan, discriminator_spec, draw_noise, generator_spec
from lstm_core.nn.network import Network
from lstm_core.training import backend
from lstm_core.training.gan_steps import AdversarialTraining, generator_gradient_norms


def gradient_check(vocab_size: int = 3, window: int = 8, units: int = 8, seed: int = 0) -> dict[str, float | None]:
    """Gradient norm reaching a text generator's weights through each way of emitting characters.

    "argmax" and "sample" turn scores into token ids, as the article's generator does:
    no gradient exists (None). "gumbel" relaxes the choice and passes a real gradient.
    """
    return generator_gradient_norms(generator_spec(4, units, vocab_size, "softmax"), discriminator_spec(vocab_size, units),
                                    window, seed)


@dataclass
class GanTrainer:
    """A generator and a discriminator trained one epoch per `run_epoch` call.

    real: (N, T) windows, or (N, T, V) one-hot strings when text=True. Each step updates
    the discriminator once and the generator once, on fresh noise and a random real batch.
    """

    real: np.ndarray = field(repr=False)
    config: GanConfig
    text: bool = False
    history: dict[str, list[float]] = field(default_factory=lambda: {"discriminator": [], "generator": []})
    seconds: float = 0.0
    stopped: bool = False  # by the page's stop button

    def __post_init__(self) -> None:
        backend.one_thread_per_training()
        cfg = self.config
        self.real = np.asarray(self.real, np.float32)
        if self.real.ndim == 2:
            self.real = self.real[:, :, None]  # (N, T, 1)
        window, channels = self.real.shape[1], self.real.shape[2]
        self.generator_spec = generator_spec(cfg.noise_dim, cfg.units, channels, "softmax" if self.text else "linear")
        self.discriminator_spec = discriminator_spec(channels, cfg.units)
        self.adversarial = AdversarialTraining(self.generator_spec, self.discriminator_spec, window, cfg.generator_lr,
                                               cfg.discriminator_lr, cfg.seed)
        self.rng = np.random.default_rng(cfg.seed)

    @property
    def epochs_run(self) -> int:
        return len(self.history["generator"])

    @property
    def finished(self) -> bool:
        return self.stopped or self.epochs_run >= self.config.epochs

    def stop(self) -> None:
        self.stopped = True

    def progress(self, within_epoch: float = 0.0) -> float:
        """Fraction of the epochs run (for `lstm_core.ui.live_training`)."""
        return (self.epochs_run + within_epoch) / self.config.epochs

    def _noise(self) -> np.ndarray:
        cfg = self.config
        return draw_noise(cfg.batch_size, self.real.shape[1], cfg.global_noise, cfg.step_noise, self.rng)

    def _draw(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One turn's real batch, the discriminator's noise and the generator's noise (in that order)."""
        batch = self.real[self.rng.integers(len(self.real), size=self.config.batch_size)]
        return batch, self._noise(), self._noise()

    def run_epoch(self, on_step=None) -> dict[str, float]:
        """`steps_per_epoch` alternating updates; on_step(done, total) after each. Returns mean losses."""
        started = time.perf_counter()
        logs = self.adversarial.run_epoch(self.config.steps_per_epoch, self._draw, self.text, on_step)
        self.seconds += time.perf_counter() - started
        for key, value in logs.items():
            self.history[key].append(value)
        return logs

    def networks(self) -> tuple[Network, Network]:
        """The generator and discriminator as NumPy networks (with their real activations)."""
        return self.adversarial.networks()

    def gan(self) -> NumericGan:
        generator, discriminator = self.networks()
        return NumericGan(generator, discriminator, self.config.global_noise, self.config.step_noise, self.real.shape[1])
