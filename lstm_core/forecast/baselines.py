"""The naive yardsticks, called the way every forecaster of the comparison is called.

A forecast only means something next to what the simplest rule does with the same
data. Naive: tomorrow looks like today. Seasonal naive: this month looks like the same
month last year (season 1 is the naive rule). Every method the page compares (these,
the statistical model of `lstm_core.forecast.statistical_baselines` and the LSTM
`lstm_core.forecast.forecaster.Forecaster`) has the verbs of sktime's and darts'
forecasters, the horizon an explicit argument:

- `fit(history)`: learn from the values before the forecast origin;
- `predict(horizon)`: the next `horizon` values after them, each built on the ones before;
- `predict_one_step(values, positions)`: each values[p] forecast from the true values before p.

`lstm_core.forecast.forecast_eval.compare` loops over them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np


class FittedForecaster(Protocol):
    """What the comparison asks of a fitted method."""

    def predict(self, horizon: int) -> np.ndarray:
        """(horizon,) forecasts after the fitted history, recursively."""

    def predict_one_step(self, values: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """(P,) forecasts of values[positions], each from the true values before it."""


@dataclass(frozen=True)
class SeasonalNaive:
    """Repeat the last full season; season 1 is the naive forecast (repeat the last value)."""

    season: int = 1
    history: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)

    def fit(self, history: np.ndarray) -> "SeasonalNaive":
        history = np.asarray(history, float)
        if len(history) < self.season:
            raise ValueError(f"seasonal naive needs at least one season ({self.season} values) of history")
        return SeasonalNaive(self.season, history)

    def predict(self, horizon: int) -> np.ndarray:
        return np.resize(self.history[-self.season :], horizon)

    def predict_one_step(self, values: np.ndarray, positions: np.ndarray) -> np.ndarray:
        positions = np.asarray(positions)
        if len(positions) and positions.min() < self.season:
            raise ValueError(f"position {positions.min()} has less than one season ({self.season} values) before it")
        return np.asarray(values, float)[positions - self.season]
