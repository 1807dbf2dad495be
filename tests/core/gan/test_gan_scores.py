"""The GAN scores: known answers on distributions we control."""

import numpy as np
import pytest

from lstm_core.gan import collapsed, discriminative_score, fit_ar, predictive_score, spread_ratio
from lstm_core.gan.families import SineConfig, load_co2, load_sine, sine_windows
from lstm_core.gan.scores import lagged, mean_pairwise_distance, score, window_features


def sines(count: int, seed: int) -> np.ndarray:
    return sine_windows(count, SineConfig(), np.random.default_rng(seed))


def test_identical_distributions_score_one_half_within_noise():
    # 500 windows each: 300 held out, so the accuracy's standard error is about 0.029;
    # 0.1 is over three standard errors.
    for seed in range(3):
        value = discriminative_score(sines(500, 10 + seed), sines(500, 20 + seed), seed=seed)
        assert abs(value - 0.5) < 0.1, value


def test_clearly_different_distributions_score_near_one():
    noise = np.random.default_rng(0).normal(0, 0.7, (500, 24))
    assert discriminative_score(sines(500, 1), noise) > 0.95
    slow = sine_windows(500, SineConfig(min_period=40, max_period=60), np.random.default_rng(2))
    assert discriminative_score(sines(500, 1), slow) > 0.9


def test_discriminative_score_refuses_bad_shapes():
    with pytest.raises(ValueError, match="same T"):
        discriminative_score(np.zeros((20, 24)), np.zeros((20, 12)))
    with pytest.raises(ValueError, match="at least 10"):
        discriminative_score(np.zeros((5, 24)), np.zeros((5, 24)))


def test_collapse_detection_flags_a_collapsed_generator():
    real = sines(300, 0)
    rng = np.random.default_rng(1)
    one_mode = np.repeat(real[:1], 300, axis=0) + rng.normal(0, 0.05, (300, 24))
    two_modes = np.vstack([one_mode[:150], np.repeat(real[1:2], 150, axis=0)])
    assert collapsed(real, one_mode) and spread_ratio(real, one_mode) < 0.3
    assert spread_ratio(real, two_modes) < 1.0
    assert not collapsed(real, sines(300, 5))
    assert abs(spread_ratio(real, sines(300, 5)) - 1.0) < 0.05


def test_mean_pairwise_distance_known_answer():
    # three points on a line at 0, 3, 4: distances 3, 4, 1 -> mean 8/3
    assert mean_pairwise_distance(np.array([[0.0], [3.0], [4.0]])) == pytest.approx(8 / 3)


def test_lagged_pairs_and_predictive_score():
    x, y = lagged(np.arange(10.0)[None, :], 3)
    assert x.shape == (7, 3) and x[0].tolist() == [0, 1, 2] and y[0] == 3 and y[-1] == 9
    real = sines(400, 0)
    trained_on_real = predictive_score(real, sines(200, 1))
    trained_on_noise = predictive_score(np.random.default_rng(0).normal(size=(400, 24)), sines(200, 1))
    assert trained_on_real < 0.15 and trained_on_noise > 0.5  # noise teaches "predict 0": MAE ~ mean |sin|


def test_ar_baseline_recovers_its_coefficient():
    rng = np.random.default_rng(0)
    windows = np.zeros((2000, 24))
    windows[:, 0] = rng.normal(size=2000)
    for t in range(1, 24):
        windows[:, t] = 0.8 * windows[:, t - 1] + rng.normal(0, 0.5, 2000)
    ar = fit_ar(windows, order=1)
    assert ar.coefficients[0] == pytest.approx(0.8, abs=0.01)
    assert ar.sigma == pytest.approx(0.5, abs=0.01)
    assert ar.sample(7, seed=3).shape == (7, 24) and np.array_equal(ar.sample(7, seed=3), ar.sample(7, seed=3))


def test_data_families_and_features():
    sine = load_sine(0)
    assert sine.train.shape == (2000, 24) and sine.test.shape == (500, 24)
    assert np.abs(sine.train).max() < 1.3
    co2 = load_co2()
    assert co2.window == 12
    assert np.allclose(co2.train.mean(axis=1), 0, atol=1e-5) and co2.train.std() == pytest.approx(1.0, abs=1e-5)
    assert window_features(sine.test).shape == (500, 24 + 12 + 7)
    result = score(sine.train, sine.test, sines(500, 9))
    assert not result.collapsed and abs(result.discriminative - 0.5) < 0.1
