"""The statistical yardstick: exponential smoothing or ARIMA from statsmodels.

An LSTM forecast only means something next to what a classical model does with the
same data. This module fits one statsmodels model on the part before the test tail
and returns, like the LSTM, one-step-ahead forecasts of every test value (the fitted
parameters applied to the true past, no refitting) and a recursive forecast from the
start of the test tail. statsmodels is imported lazily: it takes seconds to load.

A fit on a page has a work budget (`affordable`): the state-space ETS filters a state of
1 + trend + season numbers, and each step costs that size squared, so its fit grew from
2.4 s at season 4 to 44 s at season 24 on 2,400 values (and 200 s, 2.2 GB at 60 on
3,000), with nothing able to stop it once started. Over the budget the same trend and
season are fitted by Holt-Winters' recursions instead (statsmodels.tsa.holtwinters,
heuristic start values, a bounded number of evaluations): 0.04-0.08 s at any season up
to 365 (measured in issue 22 on this app's 2-core machine).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from lstm_core.message import Message, UserError

STAT_WORK_LIMIT = 40_000  # values x state size^2 of a state-space fit on a page: about 1 s here
HW_EVALUATIONS = 400  # likelihood evaluations of one Holt-Winters fit (each O(values))


@dataclass(frozen=True)
class StatForecast:
    name: str  # e.g. "ETS(additive trend, season 12)" or "ARIMA(9, 0, 0)"
    one_step: np.ndarray  # (P,) forecasts of values[test_start:] from the true past
    recursive: np.ndarray  # (steps,) forecast from test_start on, using only values before it


def describe(spec: tuple) -> str:
    kind, *args = spec
    if kind in ("ets", "holt_winters"):
        trend, season = args
        parts = (["trend"] if trend else []) + ([f"season {season}"] if season else [])
        name = "ETS / Holt-Winters" if kind == "ets" else "Holt-Winters, heuristic start"
        return f"{name} ({', '.join(parts) or 'level only'})"
    return f"ARIMA{tuple(args[0])}"


def stat_work(spec: tuple, values: int) -> int:
    """values x state size^2: what a state-space fit of `spec` costs (Holt-Winters: 0, it is bounded)."""
    kind, *args = spec
    if kind == "ets":
        trend, season = args
        state = 1 + bool(trend) + (season or 0)
    elif kind == "arima":
        p, d, q = args[0]
        state = max(p, q + 1) + d
    else:
        return 0
    return values * state * state


def affordable(spec: tuple, values: int, limit: int = STAT_WORK_LIMIT) -> tuple:
    """`spec`, or Holt-Winters with the same trend and season when its state-space fit is over `limit`."""
    if spec[0] == "ets" and stat_work(spec, values) > limit:
        return ("holt_winters", *spec[1:])
    return spec


def _model(values: np.ndarray, spec: tuple):
    kind, *args = spec
    if kind == "ets":
        from statsmodels.tsa.statespace.exponential_smoothing import ExponentialSmoothing

        trend, season = args
        return ExponentialSmoothing(values, trend=bool(trend), seasonal=season or None)
    if kind == "arima":
        from statsmodels.tsa.arima.model import ARIMA

        order = tuple(args[0])
        # A constant for a stationary model, a drift for a differenced one.
        return ARIMA(values, order=order, trend="c" if order[1] == 0 else ("t" if order[1] == 1 else "n"))
    raise ValueError(f"unknown statistical model {kind!r}")


def stat_forecast(values: np.ndarray, test_start: int, spec: tuple, steps: int | None = None) -> StatForecast:
    """Fit `spec` on values[:test_start]; forecast the rest one step ahead and recursively."""
    values = np.asarray(values, float)
    steps = len(values) - test_start if steps is None else steps
    try:
        return _fit(values, test_start, spec, steps)
    except UserError:
        raise
    except (ValueError, IndexError, KeyError, np.linalg.LinAlgError) as error:  # too short, or a degenerate series
        raise UserError(f"{describe(spec)} failed: {error}",
                        Message("error.forecast.stat_failed", {"model": str(spec[0]).upper()})) from error



def _holt_winters(values: np.ndarray, trend: bool, season: int, known: dict | None = None):
    """statsmodels' Holt-Winters model; `known` fixes its start values (from an earlier fit)."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    form = dict(trend="add" if trend else None, seasonal="add" if season else None, seasonal_periods=season or None)
    if known is not None:
        return ExponentialSmoothing(values, initialization_method="known", **form, **known)
    if len(values) < max(10, 2 * (season or 0)):  # the start values are read off the first two seasons
        needed = max(10, 2 * (season or 0))
        raise UserError(f"Holt-Winters needs {needed} values before the test part, not {len(values)}",
                        Message("error.forecast.two_seasons", {"needed": needed, "have": len(values)}))
    return ExponentialSmoothing(values, initialization_method="heuristic", **form)


def _fit_holt_winters(values: np.ndarray, test_start: int, trend: bool, season: int, steps: int) -> StatForecast:
    """Fit on the training part; one-step forecasts by the same parameters and start over the whole series."""
    fitted = _holt_winters(values[:test_start], trend, season).fit(
        use_brute=False, minimize_kwargs={"options": {"maxfun": HW_EVALUATIONS, "maxiter": HW_EVALUATIONS}})
    params = fitted.params
    known = {"initial_level": params["initial_level"]}
    if trend:
        known["initial_trend"] = params["initial_trend"]
    if season:
        known["initial_seasonal"] = params["initial_seasons"]
    smoothing = {name: params[name] for name in ("smoothing_level", "smoothing_trend", "smoothing_seasonal")
                 if params.get(name) is not None and not np.isnan(params[name])}
    applied = _holt_winters(values, trend, season, known).fit(optimized=False, **smoothing)
    one_step = np.asarray(applied.fittedvalues, float)[test_start:]
    return StatForecast(describe(("holt_winters", trend, season)), one_step, np.asarray(fitted.forecast(steps), float))


def _fit(values: np.ndarray, test_start: int, spec: tuple, steps: int) -> StatForecast:
    if spec[0] == "holt_winters":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # convergence chatter when the evaluations run out
            return _fit_holt_winters(values, test_start, bool(spec[1]), int(spec[2] or 0), steps)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter on short series; the metrics tell the story
        fitted = _model(values[:test_start], spec).fit(disp=False) if spec[0] == "ets" else _model(values[:test_start], spec).fit()
        recursive = np.asarray(fitted.forecast(steps), float)
        applied = fitted.apply(values)  # the same parameters, filtered over the whole series
        one_step = np.asarray(applied.predict(start=test_start, end=len(values) - 1), float)
    return StatForecast(describe(spec), one_step, recursive)
