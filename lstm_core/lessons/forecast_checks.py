"""Checks of what the lessons say about the shipped forecasters: MASE against the baselines."""

from __future__ import annotations

from functools import lru_cache

from lstm_core.forecast.forecast_eval import Comparison
from lstm_core.forecast.forecast_models import load_forecaster, shipped_comparison
from lstm_core.lessons import shipped

CHECKS = ("mase", "transform")


@lru_cache(maxsize=4)
def _comparison(series: str) -> Comparison:
    traceable = load_forecaster(series)
    return shipped_comparison(traceable.forecaster, traceable.data)


def mase(series: str, mode: str) -> dict:
    """Every method's MASE in `mode` and in the other mode, as the Forecasting page's table shows them.

    Facts: lstm, naive, seasonal_naive, stat (this mode); the same with a `one_step_` or
    `recursive_` prefix for both modes; best (the method with the lowest MASE in this mode);
    lstm_gain_over_naive (1 - lstm / naive); test_values (how many values the test tail holds).
    """
    comparison = _comparison(series)
    rows = comparison.metrics()
    facts = {f"{row['mode']}_{row['method']}": row["mase"] for row in rows}
    here = {row["method"]: row["mase"] for row in rows if row["mode"] == mode}
    return facts | here | {
        "best": min(here, key=here.get), "lstm_gain_over_naive": 1 - here["lstm"] / here["naive"],
        "test_values": len(comparison.actual), "season": comparison.season,
    }


def transform(series: str) -> dict:
    """What the shipped forecaster of `series` reads (its card's config): log or not, the lag differenced, the season."""
    config = shipped.card(f"forecast_{series}")["config"]
    return {"log": config["log"], "lag": config["lag"], "window": config["window"], "season": _comparison(series).season}
