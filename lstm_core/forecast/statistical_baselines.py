"""The statistical yardstick: exponential smoothing or ARIMA from statsmodels.

An LSTM forecast only means something next to what a classical model does with the
same data. This module fits one statsmodels model on the part before the test tail
and returns, like the LSTM, one-step-ahead forecasts of every test value (the fitted
parameters applied to the true past, no refitting) and a recursive forecast from the
start of the test tail. statsmodels is imported lazily: it takes seconds to load.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from lstm_core.message import Message, UserError


@dataclass(frozen=True)
class StatForecast:
    name: str  # e.g. "ETS(additive trend, season 12)" or "ARIMA(9, 0, 0)"
    one_step: np.ndarray  # (P,) forecasts of values[test_start:] from the true past
    recursive: np.ndarray  # (steps,) forecast from test_start on, using only values before it


def describe(spec: tuple) -> str:
    kind, *args = spec
    if kind == "ets":
        trend, season = args
        parts = (["trend"] if trend else []) + ([f"season {season}"] if season else [])
        return f"ETS / Holt-Winters ({', '.join(parts) or 'level only'})"
    return f"ARIMA{tuple(args[0])}"


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
    except (ValueError, IndexError, np.linalg.LinAlgError) as error:  # too short, or a degenerate series
        raise UserError(f"{describe(spec)} failed: {error}",
                        Message("error.forecast.stat_failed", {"model": str(spec[0]).upper()})) from error



def _fit(values: np.ndarray, test_start: int, spec: tuple, steps: int) -> StatForecast:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter on short series; the metrics tell the story
        fitted = _model(values[:test_start], spec).fit(disp=False) if spec[0] == "ets" else _model(values[:test_start], spec).fit()
        recursive = np.asarray(fitted.forecast(steps), float)
        applied = fitted.apply(values)  # the same parameters, filtered over the whole series
        one_step = np.asarray(applied.predict(start=test_start, end=len(values) - 1), float)
    return StatForecast(describe(spec), one_step, recursive)
