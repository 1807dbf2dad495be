"""A GAN's training: its two networks take turns, one GradientTape update each.

`fit` cannot train a GAN, so this is the one other loop in the app: `AdversarialTraining`
holds the Keras pair (`lstm_core.training.gan_keras`) and runs `adversarial_epoch`, and
hands the networks back as NumPy `Network`s. `generator_gradient_norms` is the gradient
experiment of the LSTM-GAN page: which ways of emitting characters pass a gradient to a
text generator. Keras and TensorFlow are imported inside the functions, so importing
this never loads them.
"""

from __future__ import annotations

import functools
from typing import Callable

import numpy as np

from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.training.gan_keras import AdversarialPair, adversarial_pair, character_emitters, gumbel_softmax, logits_model
from lstm_core.training.network_keras import export_weights

Draw = Callable[[], tuple[np.ndarray, np.ndarray, np.ndarray]]  # () -> (real batch, discriminator noise, generator noise)


@functools.cache
def _gan_steps():
    """The two GAN updates as TensorFlow functions, made on first use (so importing never loads TF).

    The generator raises log D(fake), the "non-saturating" loss of Goodfellow et al.
    (2014), whose gradient stays strong while the discriminator is winning.
    """
    import keras
    import tensorflow as tf

    bce = keras.losses.BinaryCrossentropy(from_logits=True)

    def fake(generator, noise, text):
        out = generator(noise, training=True)
        return gumbel_softmax(out) if text else out

    @tf.function(reduce_retracing=True)
    def discriminator_update(generator, discriminator, optimizer, real, noise, text=False):
        generated = fake(generator, noise, text)
        with tf.GradientTape() as tape:
            real_logits = discriminator(real, training=True)
            fake_logits = discriminator(generated, training=True)
            loss = bce(tf.ones_like(real_logits), real_logits) + bce(tf.zeros_like(fake_logits), fake_logits)
        variables = discriminator.trainable_variables
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        return loss

    @tf.function(reduce_retracing=True)
    def generator_update(generator, discriminator, optimizer, noise, text=False):
        with tf.GradientTape() as tape:
            fake_logits = discriminator(fake(generator, noise, text), training=True)
            loss = bce(tf.ones_like(fake_logits), fake_logits)
        variables = generator.trainable_variables
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        return loss

    return discriminator_update, generator_update


def discriminator_step(generator, discriminator, optimizer, real, noise, text=False):
    """One update of the discriminator on a real batch and a generated one; returns its loss."""
    return _gan_steps()[0](generator, discriminator, optimizer, real, noise, text)


def generator_step(generator, discriminator, optimizer, noise, text=False):
    """One update of the generator: make the discriminator call its output real; returns its loss."""
    return _gan_steps()[1](generator, discriminator, optimizer, noise, text)


def adversarial_epoch(pair: AdversarialPair, steps: int, draw: Draw, text: bool = False, on_step: Callable[[int, int], None] | None = None) -> dict[str, float]:
    """`steps` turns of one discriminator and one generator update of an `AdversarialPair`.

    draw() gives each turn's (real batch, discriminator noise, generator noise);
    on_step(done, steps) after each turn. Returns the epoch's mean losses.
    """
    d_losses, g_losses = [], []
    for step in range(steps):
        real, d_noise, g_noise = draw()
        d_losses.append(float(discriminator_step(pair.generator, pair.discriminator, pair.d_optimizer,
                                                 real, d_noise, text)))
        g_losses.append(float(generator_step(pair.generator, pair.discriminator, pair.g_optimizer, g_noise, text)))
        if on_step:
            on_step(step + 1, steps)
    return {"discriminator": float(np.mean(d_losses)), "generator": float(np.mean(g_losses))}


class AdversarialTraining:
    """A generator and a discriminator (NetworkSpecs) being trained; what leaves it is NumPy.

    Seeded at construction (same seed, same initial weights); `run_epoch` runs `steps`
    turns on the batches `draw()` gives; `networks()` copies both out as `Network`s with
    their real activations (the Keras twins have logit heads).
    """

    def __init__(self, generator: NetworkSpec, discriminator: NetworkSpec, window: int, generator_lr: float,
                 discriminator_lr: float, seed: int) -> None:
        self.generator_spec, self.discriminator_spec = generator, discriminator
        self._pair = adversarial_pair(generator, discriminator, window, generator_lr, discriminator_lr, seed)

    def run_epoch(self, steps: int, draw: Draw, text: bool = False,
                  on_step: Callable[[int, int], None] | None = None) -> dict[str, float]:
        """`steps` turns of `adversarial_epoch`; returns the mean losses."""
        return adversarial_epoch(self._pair, steps, draw, text, on_step)

    def networks(self) -> tuple[Network, Network]:
        """The generator and the discriminator as NumPy networks, weights as they are now."""
        return (Network(self.generator_spec, export_weights(self._pair.generator, self.generator_spec)),
                Network(self.discriminator_spec, export_weights(self._pair.discriminator, self.discriminator_spec)))


def generator_gradient_norms(generator: NetworkSpec, discriminator: NetworkSpec, window: int, seed: int = 0,
                             batch: int = 16) -> dict[str, float | None]:
    """Gradient norm reaching a text generator's weights through each way of emitting characters.

    generator and discriminator are `NetworkSpec`s (built here with logit heads). "argmax"
    and "sample" turn scores into token ids: no gradient exists (None). "gumbel" relaxes
    the choice and passes a real gradient.
    """
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    g_model, d_model = logits_model(generator, window), logits_model(discriminator, window)
    noise = tf.random.normal((batch, window, generator.input_dim), seed=seed)
    bce, norms = keras.losses.BinaryCrossentropy(from_logits=True), {}
    for name, to_chars in character_emitters(generator.output_dim).items():
        with tf.GradientTape() as tape:
            logits = d_model(to_chars(g_model(noise)))
            loss = bce(tf.ones_like(logits), logits)
        grads = [g for g in tape.gradient(loss, g_model.trainable_variables) if g is not None]
        norms[name] = float(tf.linalg.global_norm(grads)) if grads else None
    return norms
