"""Choosing a forecaster's target transform on the validation part, cheaply.

A series with a trend and a season that grows with its level defeats an LSTM that reads
raw levels: the test part lies outside anything it saw. The log turns growth into a
shift, differences at the season remove the season and the trend. Which of these a
series needs is a question for data it was not fitted on, so every candidate is scored
on the validation part (the last values before the test part, the part early stopping
uses) and the best one is kept.

Fitting an LSTM per candidate would multiply a fit's time by six, so each candidate is
scored with a proxy: a ridge regression on the same standardised windows the LSTM
reads (a linear autoregression in the transformed values), forecasting the whole
validation part recursively from the end of the training part, undone to levels and
scored by MASE. Its predictions are clipped to the range of the transformed training
values, because an LSTM's tanh units saturate there too: a linear model happily
extrapolates a trend in levels, the network does not, and without the clip the proxy
would favour levels on exactly the series where the LSTM fails on them. The proxy
takes milliseconds.

The season comes from the data's frequency when it has dates (monthly -> 12), else
from the autocorrelation of its changes (`detect_season`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.forecast.metrics import mase
from lstm_core.forecast.windows import Scaler, Transform, make_windows
from lstm_core.message import Message

RIDGE_ALPHA = 1.0  # on standardised windows: enough to keep 24 correlated lags stable
MIN_SEASON_ACF = 0.3  # an autocorrelation peak weaker than this is not called a season
FREQUENCY_SEASONS = {"M": 12, "MS": 12, "ME": 12, "Q": 4, "QS": 4, "QE": 4, "W": 52, "D": 7, "B": 5, "h": 24, "H": 24}


@dataclass(frozen=True)
class CandidateScore:
    """One transform and how its proxy forecast did on the validation part."""

    name: str  # "levels", "log", "diff", "log_diff", "seasonal", "log_seasonal" (the page's names)
    transform: Transform
    validation_mase: float  # inf when the candidate could not be fitted or its forecast blew up


@dataclass(frozen=True)
class TransformChoice:
    """The chosen transform, every candidate's score, and how the season was found."""

    chosen: CandidateScore
    candidates: tuple[CandidateScore, ...]
    season: int
    season_source: str  # "given", "frequency", "autocorrelation" or "none"
    proxy: str = "ridge"  # what scored the candidates (see the module docstring)

    def message(self) -> Message:
        """Why this transform, for `lstm_core.ui` to translate."""
        return Message("forecast.auto.why", {"chosen": Message(f"forecast.transform.{self.chosen.name}"),
                                             "mase": self.chosen.validation_mase, "season": self.season,
                                             "source": Message(f"forecast.auto.source.{self.season_source}")})

    def to_dict(self) -> dict:
        """For a model card: the candidates' validation MASE by name."""
        return {"chosen": self.chosen.name, "season": self.season, "season_source": self.season_source,
                "proxy": "ridge regression on the same windows, recursive over the validation part",
                "validation_mase": {c.name: round(c.validation_mase, 6) for c in self.candidates}}


def season_from_frequency(series) -> int | None:
    """12 for a monthly pandas series with a DatetimeIndex, 4 quarterly, ...; None if unknown."""
    import pandas as pd

    index = getattr(series, "index", None)
    if not isinstance(index, pd.DatetimeIndex) or len(index) < 3:
        return None
    frequency = index.freqstr or pd.infer_freq(index)
    if frequency is None:
        return None
    base = frequency.split("-")[0].lstrip("0123456789")
    return FREQUENCY_SEASONS.get(base)


def detect_season(values: np.ndarray, max_season: int | None = None) -> int:
    """The lag of the strongest autocorrelation peak of the series' changes; 1 if none is clear.

    Changes (log changes for a positive series) remove the trend, which would otherwise
    make every lag look alike. A peak must beat both neighbours and MIN_SEASON_ACF.
    """
    values = np.asarray(values, float)
    u = np.log(values) if np.all(values > 0) else values
    d = np.diff(u)
    d = d - d.mean()
    top = min(max_season or len(d) // 3, len(d) // 3)
    if top < 3 or not np.any(d):
        return 1
    acf = np.array([1.0] + [float(np.dot(d[:-k], d[k:]) / np.dot(d, d)) for k in range(1, top + 2)])
    peaks = [k for k in range(2, top + 1) if acf[k] > acf[k - 1] and acf[k] >= acf[k + 1] and acf[k] > MIN_SEASON_ACF]
    return max(peaks, key=lambda k: acf[k]) if peaks else 1


def candidates(values: np.ndarray, season: int) -> dict[str, Transform]:
    """The transforms worth trying: log ones only for a positive series, seasonal ones only with a season."""
    positive = bool(np.all(np.asarray(values) > 0))
    out = {"levels": Transform(False, 0), "diff": Transform(False, 1)}
    if positive:
        out.update({"log": Transform(True, 0), "log_diff": Transform(True, 1)})
    if season > 1:
        out["seasonal"] = Transform(False, season)
        if positive:
            out["log_seasonal"] = Transform(True, season)
    return out


def _ridge(inputs: np.ndarray, targets: np.ndarray, alpha: float = RIDGE_ALPHA) -> tuple[np.ndarray, float]:
    """Closed-form ridge regression with an unpenalised intercept: (weights (W,), intercept)."""
    x_mean, y_mean = inputs.mean(axis=0), targets.mean()
    x, y = inputs - x_mean, targets - y_mean
    weights = np.linalg.solve(x.T @ x + alpha * np.eye(x.shape[1]), x.T @ y)
    return weights, float(y_mean - x_mean @ weights)


def proxy_mase(values: np.ndarray, transform: Transform, window: int, val_start: int, season: int) -> float:
    """Validation MASE of a ridge autoregression on `transform`ed windows, forecast recursively.

    Fitted on values[:val_start] only (scaling statistics included); forecasts
    values[val_start:] from the end of the training part, undone to levels.
    """
    values = np.asarray(values, float)
    train = values[:val_start]
    z = transform.apply(train)
    if len(z) < window + 2:
        return float("inf")
    scaler = Scaler.fit(z)
    framed = make_windows(scaler.scale(z), window)
    weights, intercept = _ridge(framed.inputs, framed.targets[:, 0])
    low, high = z.min(), z.max()  # the network has seen nothing outside these
    path = list(train)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(len(values) - val_start):
            tail = scaler.scale(transform.apply(np.array(path[-(window + transform.lost):])))
            next_z = np.clip(scaler.unscale(np.array([tail @ weights + intercept])), low, high)
            path += list(transform.invert(next_z, np.array(path)))
        forecast = np.array(path[val_start:])
    if not np.all(np.isfinite(forecast)):
        return float("inf")
    return mase(values[val_start:], forecast, train, season if season < val_start else 1)


def choose_transform(values: np.ndarray, window: int, validation: float, season: int | None = None) -> TransformChoice:
    """Score every candidate transform on the last `validation` fraction of `values`; keep the best.

    season: the series' season if known; None finds it from the frequency of a pandas
    series with dates, else from the autocorrelation (`detect_season`). Ties keep the
    simpler transform (the order of `candidates`).
    """
    if not np.all(np.isfinite(np.asarray(values, float))):
        raise ValueError("the series has missing or infinite values; fill or drop them first")
    source = "given"
    if season is None:
        season, source = season_from_frequency(values), "frequency"
        if season is None:
            season = detect_season(np.asarray(values, float))
            source = "autocorrelation" if season > 1 else "none"
    array = np.asarray(values, float).ravel()
    val_start = len(array) - max(1, int(round(len(array) * validation)))
    scored = tuple(CandidateScore(name, transform, proxy_mase(array, transform, window, val_start, season))
                   for name, transform in candidates(array, season).items())
    best = min(scored, key=lambda c: c.validation_mase)
    if not np.isfinite(best.validation_mase):
        best = scored[0]  # nothing could be scored (too short): fit on levels
    return TransformChoice(best, scored, int(season), source)
