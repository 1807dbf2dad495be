"""The GAN's training steps (Keras): the discriminator learns, gradients reach the generator or not."""

import numpy as np
import pytest


from lstm_core.gan import GanConfig  # noqa: E402
from lstm_core.gan.families import SineConfig, sine_windows  # noqa: E402
from lstm_core.gan.models import draw_noise, per_step_outputs  # noqa: E402
from lstm_core.gan.adversarial import GanTrainer, gradient_check  # noqa: E402
from lstm_core.training.gan_steps import discriminator_step  # noqa: E402

pytestmark = pytest.mark.slow  # trains models or re-evaluates model cards: not in the fast lane

TINY = GanConfig(units=8, batch_size=32, steps_per_epoch=3, epochs=1, discriminator_lr=1e-2)


def test_discriminator_loss_falls_on_real_versus_noise():
    real = sine_windows(256, SineConfig(), np.random.default_rng(0))[:, :, None]
    trainer = GanTrainer(real, TINY)
    rng = np.random.default_rng(1)
    losses = []
    for _ in range(60):  # the generator is never updated: a fixed real-vs-noise task
        batch = real[rng.integers(len(real), size=32)]
        noise = draw_noise(32, 24, TINY.global_noise, TINY.step_noise, rng)
        pair = trainer.adversarial._pair  # the Keras twins: this checks the update itself
        losses.append(float(discriminator_step(pair.generator, pair.discriminator, pair.d_optimizer, batch, noise)))
    assert losses[0] > 1.2  # about 2 ln 2 = 1.386 for an untrained discriminator
    assert np.mean(losses[-10:]) < 0.5 * np.mean(losses[:10])


def test_argmax_passes_no_gradient_gumbel_softmax_does():
    norms = gradient_check()
    assert norms["argmax"] is None
    assert norms["sample"] is None
    assert norms["gumbel"] is not None and norms["gumbel"] > 1e-6


def test_an_epoch_runs_and_numpy_generator_matches_keras():
    real = sine_windows(100, SineConfig(), np.random.default_rng(0))
    trainer = GanTrainer(real, TINY)
    logs = trainer.run_epoch()
    assert set(logs) == {"discriminator", "generator"} and trainer.epochs_run == 1
    gan = trainer.gan()
    noise = gan.noise(5, seed=3)
    pair = trainer.adversarial._pair  # the Keras twins, against which the NumPy networks are checked
    keras_out = np.asarray(pair.generator(noise))  # (5, 24, 1)
    assert np.allclose(per_step_outputs(gan.generator, noise), keras_out, atol=1e-5)
    keras_p = 1 / (1 + np.exp(-np.asarray(pair.discriminator(real[:5, :, None]))[:, 0]))
    assert np.allclose(gan.judge(real[:5]), keras_p, atol=1e-5)
    assert gan.sample(4, seed=0).shape == (4, 24)


def test_config_refuses_bad_settings():
    with pytest.raises(ValueError, match="at least 1"):
        GanConfig(epochs=0)
    with pytest.raises(ValueError, match="noise"):
        GanConfig(global_noise=0, step_noise=0)
