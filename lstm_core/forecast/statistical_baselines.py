"""The statistical yardstick: exponential smoothing or ARIMA from statsmodels.

An LSTM forecast only means something next to what a classical model does with the
same data. `Statistical` fits one statsmodels model on the part before the test tail
and, with the verbs of every forecaster (`lstm_core.forecast.baselines`), forecasts the
tail recursively (`predict`) and one step ahead from the true past (`predict_one_step`:
the fitted parameters applied to the whole series, no refitting). `stat_forecast` keeps
both as a `StatForecast`, which a shipped forecaster's card stores. statsmodels is
imported lazily: it takes seconds to load.

A fit on a page has a work budget (`affordable`): the state-space ETS filters a state of
1 + trend + season numbers, and each step costs that size squared, so its fit grew from
2.4 s at season 4 to 44 s at season 24 on 2,400 values (and 200 s, 2.2 GB at 60 on
3,000), with nothing able to stop it once started. Over the budget the same trend and
season are fitted by Holt-Winters' recursions instead ("holt_winters":
statsmodels.tsa.holtwinters, heuristic start values, a bounded number of evaluations):
0.04-0.08 s at any season up to 365 (measured in issue 22 on this app's 2-core machine;
`benchmarks/bench_forecast.py` prints both against the season).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from lstm_core.message import Message, UserError

STAT_WORK_LIMIT = 40_000  # values x state size^2 of a state-space fit on a page: about 1 s here
HW_EVALUATIONS = 400  # likelihood evaluations of one Holt-Winters fit (each O(values))


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
    if kind == "holt_winters":
        trend, season = args
        return _holt_winters(values, bool(trend), int(season or 0))
    if kind == "arima":
        from statsmodels.tsa.arima.model import ARIMA

        order = tuple(args[0])
        # A constant for a stationary model, a drift for a differenced one.
        return ARIMA(values, order=order, trend="c" if order[1] == 0 else ("t" if order[1] == 1 else "n"))
    raise ValueError(f"unknown statistical model {kind!r}")


def _holt_winters(values: np.ndarray, trend: bool, season: int, known: dict | None = None):
    """statsmodels' Holt-Winters model; `known` fixes its start values (from an earlier fit)."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    form = dict(trend="add" if trend else None, seasonal="add" if season else None, seasonal_periods=season or None)
    if known is not None:
        return ExponentialSmoothing(values, initialization_method="known", **form, **known)
    if len(values) < max(10, 2 * season):  # the start values are read off the first two seasons
        needed = max(10, 2 * season)
        raise UserError(f"Holt-Winters needs {needed} values before the test part, not {len(values)}",
                        Message("error.forecast.two_seasons", {"needed": needed, "have": len(values)}))
    return ExponentialSmoothing(values, initialization_method="heuristic", **form)


def _fit(model, kind: str):
    """statsmodels' fit, its work bounded: Holt-Winters by its evaluations, with no brute-force start."""
    if kind == "holt_winters":
        return model.fit(use_brute=False, minimize_kwargs={"options": {"maxfun": HW_EVALUATIONS, "maxiter": HW_EVALUATIONS}})
    return model.fit(disp=False) if kind == "ets" else model.fit()


def _holt_winters_applied(fitted, values: np.ndarray, trend: bool, season: int):
    """A Holt-Winters fit's start values and smoothing parameters run over `values`, not refitted."""
    params = fitted.params
    known = {"initial_level": params["initial_level"]}
    if trend:
        known["initial_trend"] = params["initial_trend"]
    if season:
        known["initial_seasonal"] = params["initial_seasons"]
    smoothing = {name: params[name] for name in ("smoothing_level", "smoothing_trend", "smoothing_seasonal")
                 if params.get(name) is not None and not np.isnan(params[name])}
    return _holt_winters(values, trend, season, known).fit(optimized=False, **smoothing)


@dataclass(frozen=True)
class Statistical:
    """An ETS, Holt-Winters or ARIMA model, fitted by statsmodels.

    spec: ("ets", trend, season), ("holt_winters", trend, season) or ("arima", (p, d, q)).
    """

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
                fitted = _fit(_model(history, self.spec), self.spec[0])
        except UserError:
            raise
        except (ValueError, IndexError, KeyError, np.linalg.LinAlgError) as error:  # too short, or a degenerate series
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
        values = np.asarray(values, float)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self.spec[0] == "holt_winters":
                applied = _holt_winters_applied(self.fitted, values, bool(self.spec[1]), int(self.spec[2] or 0))
                return np.asarray(applied.fittedvalues, float)[positions]
            applied = self.fitted.apply(values)
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
    except (ValueError, IndexError, KeyError, np.linalg.LinAlgError) as error:
        raise UserError(f"{fitted.name} failed: {error}",
                        Message("error.forecast.stat_failed", {"model": str(spec[0]).upper()})) from error
