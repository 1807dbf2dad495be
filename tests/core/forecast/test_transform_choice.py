"""The forecaster's automatic transform: season detection, candidates, the validation choice."""

import numpy as np
import pandas as pd
import pytest

from lstm_core.forecast import series
from lstm_core.forecast.forecast_models import SHIPPED_OPTIONS, split_of
from lstm_core.forecast.baselines import SeasonalNaive
from lstm_core.forecast.forecaster import fit_forecaster
from lstm_core.forecast.metrics import mase
from lstm_core.forecast.transform_choice import (
    candidates, choose_transform, detect_season, proxy_mase, season_from_frequency,
)
from lstm_core.forecast.windows import Transform


def growing_seasonal(seed: int = 0, years: int = 14) -> np.ndarray:
    """Monthly: exponential trend times a seasonal factor times log-normal noise (multiplicative)."""
    rng = np.random.default_rng(seed)
    t = np.arange(12 * years)
    return 100 * np.exp(0.01 * t) * (1 + 0.25 * np.sin(2 * np.pi * t / 12)) * np.exp(rng.normal(0, 0.03, len(t)))


def test_season_comes_from_the_autocorrelation_or_the_dates():
    values = growing_seasonal()
    assert detect_season(values) == 12
    assert detect_season(np.random.default_rng(1).normal(size=300)) == 1  # white noise has no season
    monthly = pd.Series(values, index=pd.date_range("2000-01-01", periods=len(values), freq="MS"))
    assert season_from_frequency(monthly) == 12
    assert season_from_frequency(values) is None  # a bare array has no dates
    choice = choose_transform(monthly, 24, 0.125)
    assert (choice.season, choice.season_source) == (12, "frequency")
    assert choose_transform(values, 24, 0.125).season_source == "autocorrelation"
    assert choose_transform(values, 24, 0.125, season=6).season_source == "given"


def test_candidates_respect_sign_and_season():
    assert list(candidates(np.array([1.0, 2.0]), 12)) == ["levels", "diff", "log", "log_diff", "seasonal", "log_seasonal"]
    assert list(candidates(np.array([-1.0, 2.0]), 12)) == ["levels", "diff", "seasonal"]  # no log of a negative value
    assert list(candidates(np.array([1.0, 2.0]), 1)) == ["levels", "diff", "log", "log_diff"]


def test_growing_seasonality_gets_log_seasonal_differences():
    choice = choose_transform(growing_seasonal()[:-24], 24, 0.125)
    assert choice.chosen.name == "log_seasonal"
    assert choice.chosen.transform == Transform(True, 12)
    scores = {c.name: c.validation_mase for c in choice.candidates}
    assert scores["log_seasonal"] < scores["levels"] and scores["log_seasonal"] < scores["seasonal"]
    assert set(choice.to_dict()["validation_mase"]) == set(scores)


def test_proxy_is_fitted_on_the_training_part_only():
    values = growing_seasonal()
    wild = values.copy()
    wild[150:] *= 10  # only the validation part changes: the proxy's fit must not
    a = proxy_mase(values, Transform(True, 12), 24, 150, 12)
    b = proxy_mase(wild, Transform(True, 12), 24, 150, 12)
    assert a < 1 < b  # same fit, same forecast, scored against a different truth
    assert proxy_mase(values[:30], Transform(False, 12), 24, 20, 12) == float("inf")  # too short to frame


@pytest.mark.parametrize("key", list(SHIPPED_OPTIONS))
def test_choice_is_no_worse_than_the_hand_picked_transform(key):
    data = series.load(key)
    split = split_of(len(data))
    options = SHIPPED_OPTIONS[key]
    values = data.values[: split.test_start]
    choice = choose_transform(values, options["window"], (split.test_start - split.val_start) / split.test_start, data.season)
    hand = proxy_mase(values, Transform(options.get("log", False), options.get("lag", 0)), options["window"],
                      split.val_start, data.season)
    assert choice.chosen.validation_mase <= hand
    assert np.isfinite(choice.chosen.validation_mase)


def test_default_fit_beats_seasonal_naive_on_growing_seasonality():
    values = growing_seasonal()
    train, test = values[:-24], values[-24:]
    fitted = fit_forecaster(train, 24)
    assert fitted.transform_choice.chosen.name == "log_seasonal"
    assert (fitted.config.log, fitted.config.lag) == (True, 12)
    lstm = mase(test, fitted.predict(24), train, 12)
    naive = mase(test, SeasonalNaive(12).fit(train).predict(24), train, 12)
    assert lstm < naive
    assert fit_forecaster(train[:80], 8, epochs=1, units=2, lag=0).transform_choice is None  # named: not chosen
