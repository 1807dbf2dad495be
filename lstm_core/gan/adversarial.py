"""Training GANs with Keras 3: the GradientTape steps, one function per kind of step.

A GAN cannot use `model.fit`: two networks take turns, each with its own optimiser.
- `discriminator_step`: raise log D(real) + log(1 - D(fake)) (binary cross-entropy).
- `generator_step`: raise log D(fake), the "non-saturating" loss of Goodfellow et al.
  (2014), whose gradient stays strong while the discriminator is winning.
- For text the generator's characters must stay differentiable: `gumbel_softmax`
  (Jang et al. 2017; Kusner & Hernandez-Lobato 2016) replaces "pick the argmax id".
  `gradient_check` shows what the argmax (or sampled) id passes back: nothing.
This is the only GAN module that imports TensorFlow; everything else runs in NumPy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import keras
import numpy as np
import tensorflow as tf

from lstm_core.gan.models import GanConfig, NumericGan, discriminator_spec, draw_noise, generator_spec
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.nn.keras_models import build_keras, export_weights

_bce = keras.losses.BinaryCrossentropy(from_logits=True)


def one_thread() -> None:
    """TensorFlow on one core per op (a classroom server shares two cores); once per process."""
    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:  # already initialised: the setting cannot change any more
        pass


def logits_model(spec: NetworkSpec, window: int) -> keras.Model:
    """The Keras model of a spec with a linear head: losses read logits, NumPy adds the activation."""
    return build_keras(replace(spec, output_activation="linear"), window, mask=False)


def make_optimizer(learning_rate: float, model: keras.Model) -> keras.optimizers.Optimizer:
    """Adam with beta_1 = 0.5, as in DCGAN: less momentum keeps the two players from overshooting."""
    optimizer = keras.optimizers.Adam(learning_rate, beta_1=0.5)
    optimizer.build(model.trainable_variables)
    return optimizer


def gumbel_softmax(logits: tf.Tensor, temperature: float = 1.0, hard: bool = True) -> tf.Tensor:
    """A differentiable stand-in for sampling a character from softmax(logits), (..., V).

    hard=True (straight-through): the forward value is the one-hot sample, the gradient
    is that of the soft sample, so the discriminator never sees soft characters.
    """
    uniform = tf.random.uniform(tf.shape(logits), 1e-6, 1 - 1e-6)
    soft = tf.nn.softmax((logits - tf.math.log(-tf.math.log(uniform))) / temperature)
    if not hard:
        return soft
    one_hot = tf.one_hot(tf.argmax(soft, axis=-1), tf.shape(logits)[-1], dtype=soft.dtype)
    return soft + tf.stop_gradient(one_hot - soft)


def _fake(generator, noise, text: bool):
    out = generator(noise, training=True)
    return gumbel_softmax(out) if text else out


@tf.function(reduce_retracing=True)
def discriminator_step(generator, discriminator, optimizer, real, noise, text=False):
    """One update of the discriminator on a real batch and a generated one; returns its loss."""
    fake = _fake(generator, noise, text)
    with tf.GradientTape() as tape:
        real_logits = discriminator(real, training=True)
        fake_logits = discriminator(fake, training=True)
        loss = _bce(tf.ones_like(real_logits), real_logits) + _bce(tf.zeros_like(fake_logits), fake_logits)
    optimizer.apply_gradients(zip(tape.gradient(loss, discriminator.trainable_variables), discriminator.trainable_variables))
    return loss


@tf.function(reduce_retracing=True)
def generator_step(generator, discriminator, optimizer, noise, text=False):
    """One update of the generator: make the discriminator call its output real; returns its loss."""
    with tf.GradientTape() as tape:
        fake_logits = discriminator(_fake(generator, noise, text), training=True)
        loss = _bce(tf.ones_like(fake_logits), fake_logits)
    optimizer.apply_gradients(zip(tape.gradient(loss, generator.trainable_variables), generator.trainable_variables))
    return loss


def gradient_check(vocab_size: int = 3, window: int = 8, units: int = 8, seed: int = 0) -> dict[str, float | None]:
    """Gradient norm reaching a text generator's weights through each way of emitting characters.

    "argmax" and "sample" turn scores into token ids, as the article's generator does:
    no gradient exists (None). "gumbel" relaxes the choice and passes a real gradient.
    """
    keras.utils.set_random_seed(seed)
    generator = logits_model(generator_spec(4, units, vocab_size, "softmax"), window)
    discriminator = logits_model(discriminator_spec(vocab_size, units), window)
    noise = tf.random.normal((16, window, 4), seed=seed)
    emit = {
        "argmax": lambda logits: tf.one_hot(tf.argmax(logits, axis=-1), vocab_size),
        "sample": lambda logits: tf.one_hot(tf.reshape(tf.random.categorical(tf.reshape(logits, (-1, vocab_size)), 1),
                                                       (16, window)), vocab_size),
        "gumbel": gumbel_softmax,
    }
    norms: dict[str, float | None] = {}
    for name, to_chars in emit.items():
        with tf.GradientTape() as tape:
            logits = discriminator(to_chars(generator(noise)))
            loss = _bce(tf.ones_like(logits), logits)
        grads = [g for g in tape.gradient(loss, generator.trainable_variables) if g is not None]
        norms[name] = float(tf.linalg.global_norm(grads)) if grads else None
    return norms


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
        one_thread()
        keras.utils.set_random_seed(self.config.seed)
        self.rng = np.random.default_rng(self.config.seed)
        self.real = np.asarray(self.real, np.float32)
        if self.real.ndim == 2:
            self.real = self.real[:, :, None]  # (N, T, 1)
        window, channels = self.real.shape[1], self.real.shape[2]
        activation = "softmax" if self.text else "linear"
        self.generator_spec = generator_spec(self.config.noise_dim, self.config.units, channels, activation)
        self.discriminator_spec = discriminator_spec(channels, self.config.units)
        self.generator = logits_model(self.generator_spec, window)
        self.discriminator = logits_model(self.discriminator_spec, window)
        self.g_optimizer = make_optimizer(self.config.generator_lr, self.generator)
        self.d_optimizer = make_optimizer(self.config.discriminator_lr, self.discriminator)

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

    def run_epoch(self, on_step=None) -> dict[str, float]:
        """`steps_per_epoch` alternating updates; on_step(done, total) after each. Returns mean losses."""
        started, d_losses, g_losses = time.perf_counter(), [], []
        total = self.config.steps_per_epoch
        for step in range(total):
            batch = self.real[self.rng.integers(len(self.real), size=self.config.batch_size)]
            d_losses.append(float(discriminator_step(self.generator, self.discriminator, self.d_optimizer,
                                                     batch, self._noise(), self.text)))
            g_losses.append(float(generator_step(self.generator, self.discriminator, self.g_optimizer,
                                                 self._noise(), self.text)))
            if on_step:
                on_step(step + 1, total)
        self.seconds += time.perf_counter() - started
        logs = {"discriminator": float(np.mean(d_losses)), "generator": float(np.mean(g_losses))}
        for key, value in logs.items():
            self.history[key].append(value)
        return logs

    def networks(self) -> tuple[Network, Network]:
        """The generator and discriminator as NumPy networks (with their real activations)."""
        return (Network(self.generator_spec, export_weights(self.generator, self.generator_spec)),
                Network(self.discriminator_spec, export_weights(self.discriminator, self.discriminator_spec)))

    def gan(self) -> NumericGan:
        generator, discriminator = self.networks()
        return NumericGan(generator, discriminator, self.config.global_noise, self.config.step_noise, self.real.shape[1])
