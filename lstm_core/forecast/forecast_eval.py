"""Every method on the same held-out tail: the LSTM, naive, seasonal naive, statsmodels.

Two ways to forecast the test tail are compared:
- one step ahead: each test value is forecast from the true values before it;
- recursive: from the start of the tail, each method feeds on its own forecasts.
Metrics are MAE, RMSE and MASE, the last scaled by the seasonal-naive error on the
data before the tail (the season length is part of the result, so it can be stated).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

from lstm_core.forecast.forecaster import Forecaster, naive, naive_one_step, seasonal_naive
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

    def metrics(self) -> list[dict]:
        """One row per (mode, method): mode, method, mae, rmse, mase."""
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


def compare(values: np.ndarray, time: np.ndarray, test_start: int, season: int,
            stat: StatForecast, forecaster: Forecaster | None = None) -> Comparison:
    """Forecast values[test_start:] with every method; the LSTM is optional."""
    values = np.asarray(values, float)
    positions = np.arange(test_start, len(values))
    history = values[:test_start]
    steps = len(positions)
    one_step = {
        "naive": naive_one_step(values, positions, 1),
        "seasonal_naive": naive_one_step(values, positions, season),
        "stat": stat.one_step,
    }
    recursive = {
        "naive": naive(history, steps),
        "seasonal_naive": seasonal_naive(history, steps, season),
        "stat": stat.recursive[:steps],
    }
    members: dict[str, np.ndarray] = {}
    if forecaster is not None:
        members["one_step"] = forecaster.one_step(values, positions)
        members["recursive"] = forecaster.forecast_band(steps, history).members
        one_step = {"lstm": members["one_step"].mean(axis=0), **one_step}
        recursive = {"lstm": members["recursive"].mean(axis=0), **recursive}
    return Comparison(np.asarray(time)[positions], values[positions], history, season, stat.name,
                      {"one_step": one_step, "recursive": recursive}, members)
