"""A GAN's two Keras networks and their optimisers, and the text GAN's Gumbel-softmax.

The generator and the discriminator are `NetworkSpec`s built with logit heads (the
losses read logits; NumPy adds the activation when the app runs them). Their updates
are in `lstm_core.training.gan_steps`. Keras and TensorFlow are imported inside the
functions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from lstm_core.nn.network import NetworkSpec
from lstm_core.training.network_keras import build_keras


def logits_model(spec: NetworkSpec, window: int):
    """The Keras model of a spec with a linear head: losses read logits, NumPy adds the activation."""
    return build_keras(replace(spec, output_activation="linear"), window, mask=False)


def gan_optimizer(learning_rate: float, model):
    """Adam with beta_1 = 0.5, as in DCGAN: less momentum keeps the two players from overshooting."""
    import keras

    optimizer = keras.optimizers.Adam(learning_rate, beta_1=0.5)
    optimizer.build(model.trainable_variables)
    return optimizer


@dataclass
class AdversarialPair:
    """A generator and a discriminator (logit heads), each with its own optimiser."""

    generator: object
    discriminator: object
    g_optimizer: object
    d_optimizer: object


def adversarial_pair(generator: NetworkSpec, discriminator: NetworkSpec, window: int, generator_lr: float,
                     discriminator_lr: float, seed: int) -> AdversarialPair:
    """Seed Keras, then build both networks and their optimisers (same seed, same initial weights)."""
    import keras

    keras.utils.set_random_seed(seed)
    g_model, d_model = logits_model(generator, window), logits_model(discriminator, window)
    g_optimizer, d_optimizer = gan_optimizer(generator_lr, g_model), gan_optimizer(discriminator_lr, d_model)
    return AdversarialPair(g_model, d_model, g_optimizer, d_optimizer)


def gumbel_softmax(logits, temperature: float = 1.0, hard: bool = True):
    """A differentiable stand-in for sampling a character from softmax(logits), (..., V).

    Jang et al. 2017; Kusner & Hernandez-Lobato 2016. hard=True (straight-through): the
    forward value is the one-hot sample, the gradient is that of the soft sample, so the
    discriminator never sees soft characters.
    """
    import tensorflow as tf

    uniform = tf.random.uniform(tf.shape(logits), 1e-6, 1 - 1e-6)
    soft = tf.nn.softmax((logits - tf.math.log(-tf.math.log(uniform))) / temperature)
    if not hard:
        return soft
    one_hot = tf.one_hot(tf.argmax(soft, axis=-1), tf.shape(logits)[-1], dtype=soft.dtype)
    return soft + tf.stop_gradient(one_hot - soft)


def character_emitters(vocab_size: int) -> dict[str, Callable]:
    """Three ways to turn (B, T, V) scores into characters: argmax ids, sampled ids, Gumbel-softmax."""
    import tensorflow as tf

    def sample(logits):
        ids = tf.random.categorical(tf.reshape(logits, (-1, vocab_size)), 1)
        return tf.one_hot(tf.reshape(ids, tf.shape(logits)[:-1]), vocab_size)

    return {
        "argmax": lambda logits: tf.one_hot(tf.argmax(logits, axis=-1), vocab_size),
        "sample": sample,
        "gumbel": gumbel_softmax,
    }
