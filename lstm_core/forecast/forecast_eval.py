"""Every method on the same held-out tail: the LSTM, naive, seasonal naive, statsmodels.

Each method is fitted on the values before the tail and asked the same two questions
(`lstm_core.forecast.baselines`), in one loop. Two ways to forecast the tail are compared:
- one step ahead: each test value is forecast from the true values before it;
- recursive: from the start of the tail, each method feeds on its own forecasts.
Metrics are MAE, RMSE and MASE, the last scaled by the seasonal-naive error on the
data before the tail (the season length is part of the result, so it can be stated).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

from lstm_core.forecast.baselines import FittedForecaster, SeasonalNaive
from lstm_core.forecast.forecaster import Forecaster
from lstm_core.forecast.metrics import mae, mase, rmse
from lstm_core.forecast.statistical_baselines import StatForecast

MODES = ("one_step", "recursive")


@dataclass(frozen=True)
class Comparison:
    """Forecasts of the test tail by every method, with the truth."""

    time: np.ndarray  # (P,) x labels of the test tail
    actual: np.ndarray  # (P,)
    training: np.ndarray  # (N,) values before the tail: MASE's scale comes from here
    season: int
    stat_name: str
    forecasts: dict[str, dict[str, np.ndarray]]  # mode -> method -> (P,)
    members: dict[str, np.ndarray]  # mode -> (members, P) LSTM member forecasts; empty without an LSTM

    def scores(self, predicted: np.ndarray) -> dict[str, float]:
        return {
            "mae": mae(self.actual, predicted),
            "rmse": rmse(self.actual, predicted),
            "mase": mase(self.actual, predicted, self.training, self.season),
        }

    def metrics(self, mode: str | None = None) -> list[dict]:
        """One row per (mode, method): mode, method, mae, rmse, mase; given a mode, its rows without the mode."""
        if mode is not None:
            return [{"method": method, **self.scores(predicted)} for method, predicted in self.forecasts[mode].items()]
        return [
            {"mode": mode, "method": method, **self.scores(predicted)}
            for mode in MODES
            for method, predicted in self.forecasts[mode].items()
        ]

    def member_metrics(self) -> list[dict]:
        """MASE of each LSTM member (seed) alone, both modes: the seed-to-seed spread."""
        if not self.members:
            return []
        count = len(self.members["one_step"])
        return [
            {"member": m, **{f"mase_{mode}": self.scores(self.members[mode][m])["mase"] for mode in MODES}}
            for m in range(count)
        ]

    def forecasts_csv(self) -> str:
        """Time, truth and every method's forecast in both modes, as CSV text."""
        import pandas as pd

        columns = {"time": self.time, "actual": self.actual}
        for mode in MODES:
            for method, predicted in self.forecasts[mode].items():
                columns[f"{method}_{mode}"] = predicted
        buffer = io.StringIO()
        pd.DataFrame(columns).to_csv(buffer, index=False)
        return buffer.getvalue()

    def metrics_csv(self) -> str:
        import pandas as pd

        buffer = io.StringIO()
        pd.DataFrame(self.metrics()).assign(season=self.season).to_csv(buffer, index=False)
        return buffer.getvalue()


@dataclass(frozen=True)
class _MemberForecasts:
    """An LSTM ensemble's member forecasts of the tail, made once (the band needs them), answering like a method."""

    one_step: np.ndarray  # (members, P)
    recursive: np.ndarray  # (members, steps)

    def predict(self, horizon: int) -> np.ndarray:
        return self.recursive.mean(axis=0)[:horizon]

    def predict_one_step(self, values: np.ndarray, positions: np.ndarray) -> np.ndarray:
        return self.one_step.mean(axis=0)


def compare(values: np.ndarray, time: np.ndarray, test_start: int, season: int,
            stat: StatForecast, forecaster: Forecaster | None = None) -> Comparison:
    """Forecast values[test_start:] with every method, fitted on the values before it; the LSTM is optional.

    `stat` is the statistical model's forecasts of this tail (fitted once, or stored on a card).
    """
    values = np.asarray(values, float)
    positions, history = np.arange(test_start, len(values)), values[:test_start]
    steps = len(positions)
    methods: dict[str, FittedForecaster] = {
        "naive": SeasonalNaive(1).fit(history), "seasonal_naive": SeasonalNaive(season).fit(history), "stat": stat,
    }
    members: dict[str, np.ndarray] = {}
    if forecaster is not None:
        members = {"one_step": forecaster.members_one_step(values, positions),
                   "recursive": forecaster.predict_band(steps, history).members}
        methods = {"lstm": _MemberForecasts(members["one_step"], members["recursive"]), **methods}
    forecasts = {"one_step": {name: method.predict_one_step(values, positions) for name, method in methods.items()},
                 "recursive": {name: method.predict(steps) for name, method in methods.items()}}
    return Comparison(np.asarray(time)[positions], values[positions], history, season, stat.name, forecasts, members)
