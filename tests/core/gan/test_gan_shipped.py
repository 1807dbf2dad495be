"""The shipped sine GAN: its card matches a re-evaluation, and it opens on the Gates page."""

import numpy as np
import pytest

from lstm_core.gan import families as data, fit_ar, score
from lstm_core.gan.shipped import load
from lstm_core.serving import catalogue


@pytest.fixture(scope="module")
def shipped():
    gan, card = load()
    return gan, card.to_dict()


def test_card_matches_a_reevaluation_of_the_shipped_weights(shipped):
    gan, card = shipped
    windows = data.load_sine(card["data"]["seed"])
    again = score(windows.train, windows.test, gan.sample(len(windows.test), seed=2))
    assert again.to_dict() == card["metrics"]["gan"]
    baseline = fit_ar(windows.train).sample(len(windows.test), seed=2)
    assert {k: v for k, v in card["baseline"].items() if k != "name"} == score(windows.train, windows.test, baseline).to_dict()


def test_card_states_the_targets(shipped):
    _, card = shipped
    gan_scores, base_scores = card["metrics"]["gan"], card["baseline"]
    assert abs(gan_scores["discriminative"] - 0.5) < abs(base_scores["discriminative"] - 0.5)
    assert not gan_scores["collapsed"]
    text = card["text_gan"]
    assert text["gan"]["valid_share"] > 2 * text["random"]["valid_share"]
    assert {"selection", "training_seconds", "weights_sha256", "data"} <= card.keys()


def test_generator_and_discriminator_open_on_the_gates_page(shipped):
    entries = {e.key: e for e in catalogue.SHIPPED}
    generator = catalogue.load(entries["gan_sine_generator"])
    traced = generator.trace_text("7")
    assert traced.steps == 24 and len(traced.layers) == 1
    assert np.allclose([float(v) for v in traced.labels], generator.gan.sample(1, seed=7)[0], atol=1e-3)
    for bad in ("1.5", "1, 2", "-3"):
        with pytest.raises(ValueError, match="seed"):
            generator.trace_text(bad)
    discriminator = catalogue.load(entries["gan_sine_discriminator"])
    assert discriminator.trace_text(discriminator.default_text).steps == 24
    real = discriminator.reference_windows(50)
    noise = np.random.default_rng(0).normal(0, 0.7, real.shape)
    assert discriminator.gan.judge(real).mean() > discriminator.gan.judge(noise).mean()
    assert len(discriminator.reference_texts()) == 40
