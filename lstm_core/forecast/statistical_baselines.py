"""The statistical yardstick: exponential smoothing or ARIMA from statsmodels.

An LSTM forecast only means something next to what a classical model does with the
same data. `Statistical` fits one statsmodels model on the part before the test tail
and, with the verbs of every forecaster (`lstm_core.forecast.baselines`), forecasts the
tail recursively (`predict`) and one step ahead from the true past (`predict_one_step`:
the fitted parameters applied to the whole series, no refitting). `stat_forecast` keeps
both as a `StatForecast`, which a shipped forecaster's card stores. statsmodels is
imported lazily: it takes seconds to load.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from lstm_core.message import Message, UserError


@dataclass(frozen=True)
class StatForecast:
    """A statistical model's forecasts of a test tail, made once: what the page draws and a card stores.

    It answers `predict` and `predict_one_step` like a fitted method
    (`lstm_core.forecast.baselines`), for the tail it was made for.
    """

    name: str  # e.g. "ETS(additive trend, season 12)" or "ARIMA(9, 0, 0)"
    one_step: np.ndarray  # (P,) forecasts of values[test_start:] from the true past
    recursive: np.ndarray  # (steps,) forecast from test_start on, using only values before it

    def predict(self, horizon: int) -> np.ndarray:
        if horizon > len(self.recursive):
            raise ValueError(f"the stored forecast has {len(self.recursive)} steps, not {horizon}")
        return self.recursive[:horizon]

    def predict_one_step(self, values: np.ndarray, positions: np.ndarray) -> np.ndarray:
        if len(positions) != len(self.one_step):
            raise ValueError(f"the stored one-step forecasts are of {len(self.one_step)} values, not {len(positions)}")
        return self.one_step


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


@dataclass(frozen=True)
class Statistical:
    """An ETS or ARIMA model (`spec`: ("ets", trend, season) or ("arima", (p, d, q))), fitted by statsmodels."""

    spec: tuple
    fitted: object = field(default=None, repr=False)  # statsmodels' results, after `fit`

    @property
    def name(self) -> str:
        return describe(self.spec)

    def fit(self, history: np.ndarray) -> "Statistical":
        history = np.asarray(history, float)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # convergence chatter on short series; the metrics tell the story
                model = _model(history, self.spec)
                fitted = model.fit(disp=False) if self.spec[0] == "ets" else model.fit()
        except (ValueError, IndexError, np.linalg.LinAlgError) as error:  # too short, or a degenerate series
            raise UserError(f"{self.name} failed: {error}",
                            Message("error.forecast.stat_failed", {"model": str(self.spec[0]).upper()})) from error
        return Statistical(self.spec, fitted)

    def predict(self, horizon: int) -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return np.asarray(self.fitted.forecast(horizon), float)

    def predict_one_step(self, values: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """The fitted parameters applied to the whole of `values` (no refitting), read at `positions`."""
        positions = np.asarray(positions)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            applied = self.fitted.apply(np.asarray(values, float))
            return np.asarray(applied.predict(start=int(positions.min()), end=int(positions.max())), float)[
                positions - positions.min()]


def stat_forecast(values: np.ndarray, test_start: int, spec: tuple, steps: int | None = None) -> StatForecast:
    """Fit `spec` on values[:test_start]; forecast the rest one step ahead and recursively."""
    values = np.asarray(values, float)
    steps = len(values) - test_start if steps is None else steps
    fitted = Statistical(spec).fit(values[:test_start])
    try:
        one_step = fitted.predict_one_step(values, np.arange(test_start, len(values)))
        return StatForecast(fitted.name, one_step, fitted.predict(steps))
    except (ValueError, IndexError, np.linalg.LinAlgError) as error:
        raise UserError(f"{fitted.name} failed: {error}",
                        Message("error.forecast.stat_failed", {"model": str(spec[0]).upper()})) from error
