"""The statistical baseline's work budget (issue 22): a long season is fitted by Holt-Winters.

Season 365 on daily data used to start a state-space ETS fit that grew with the square
of the season (44 s at 24, minutes at 60) and kept running after the tab closed.
"""

import numpy as np
import pytest

from lstm_core.forecast import statistical_baselines as stats


def test_work_is_values_times_the_state_size_squared():
    assert stats.stat_work(("ets", True, 12), 100) == 100 * 14**2
    assert stats.stat_work(("ets", False, 0), 100) == 100
    assert stats.stat_work(("arima", (1, 1, 0)), 100) == 100 * 2**2
    assert stats.stat_work(("holt_winters", True, 365), 3_000) == 0


def test_the_state_space_fit_is_kept_at_the_limit_and_replaced_one_over_it():
    spec, values = ("ets", True, 12), 100
    limit = stats.stat_work(spec, values)
    assert stats.affordable(spec, values, limit) == spec
    assert stats.affordable(spec, values, limit - 1) == ("holt_winters", True, 12)
    assert stats.affordable(("arima", (9, 0, 0)), 10**6, 1) == ("arima", (9, 0, 0))  # only ETS has a cheaper twin


def test_daily_data_with_a_yearly_season_is_fitted_by_holt_winters():
    rng = np.random.default_rng(0)
    t = np.arange(1_000)
    values = 10 + 0.002 * t + np.sin(2 * np.pi * t / 365) + rng.normal(0, 0.05, len(t))
    spec = stats.affordable(("ets", True, 365), 800)
    assert spec == ("holt_winters", True, 365)
    result = stats.stat_forecast(values, 800, spec)
    assert result.name == "Holt-Winters, heuristic start (trend, season 365)"
    assert result.one_step.shape == (200,) and result.recursive.shape == (200,)
    assert np.abs(result.one_step - values[800:]).mean() < 0.2  # it follows the season, not just the level


def test_holt_winters_needs_two_full_seasons_before_the_test_part():
    values = np.sin(np.arange(100.0))
    stats.stat_forecast(values, 24, ("holt_winters", False, 12))
    with pytest.raises(ValueError) as error:
        stats.stat_forecast(values, 23, ("holt_winters", False, 12))
    assert error.value.message.key == "error.forecast.two_seasons"


def test_holt_winters_one_step_forecasts_continue_the_fit():
    """The fitted parameters and start values applied to the whole series: on the training part
    they reproduce the fit's own one-step forecasts."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    rng = np.random.default_rng(1)
    t = np.arange(120)
    values = 5 + np.sin(2 * np.pi * t / 12) + rng.normal(0, 0.1, len(t))
    result = stats.stat_forecast(values, 96, ("holt_winters", False, 12))
    fitted = ExponentialSmoothing(values[:96], seasonal="add", seasonal_periods=12, initialization_method="heuristic").fit(
        use_brute=False, minimize_kwargs={"options": {"maxfun": stats.HW_EVALUATIONS, "maxiter": stats.HW_EVALUATIONS}})
    np.testing.assert_allclose(result.recursive, fitted.forecast(24), rtol=1e-6)
    assert np.abs(result.one_step - values[96:]).mean() < 0.3


def test_a_constant_series_is_fitted_or_refused_with_a_message():
    try:
        stats.stat_forecast(np.ones(40), 30, ("holt_winters", True, 12))
    except ValueError as error:
        assert error.message.key == "error.forecast.stat_failed"
