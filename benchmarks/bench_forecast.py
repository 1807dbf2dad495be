"""Benchmark the forecasting page: nice -n 10 python benchmarks/bench_forecast.py

Prints
1. the time to fit the page's default forecaster (the shipped window, every other
   setting from `ForecastConfig`, one seed) on each bundled series (target: under 15 s);
2. a 24-step recursive forecast of each shipped forecaster on the NumPy path
   (target: under 20 ms);
3. the forecasting page's rerun time after a widget change, server side (target:
   median under 150 ms);
4. the shipped cards' one-step MASE of every method on the held-out tail;
5. the statistical baseline's fit time against the season length on 2,400 daily-like
   values: the state-space ETS (seasons 4 and 12; add --slow-ets for 24, about a minute)
   and the Holt-Winters fit the page uses when the state-space one is over its budget
   (`statistical_baselines.affordable`, issue 22).
Pass --quick to skip the fitting (part 1).
"""

import os
import sys
import time

from timing import open_page, rerun_times, timed  # first: puts the repository on sys.path

from lstm_core.forecast import series
from lstm_core.forecast.forecast_models import SHIPPED_OPTIONS, load_forecaster, split_of
from lstm_core.forecast.forecaster import fit_forecaster


def verdict(value: float, target: float, unit: str) -> str:
    """"ok" when a timing is under its target, else which target it missed."""
    return "ok" if value < target else f"over the {target:g} {unit} target"


def fitting() -> None:
    print("1. fitting the default forecaster (one seed, up to 40 epochs with early stopping)")
    started = time.perf_counter()
    import keras  # noqa: F401  (TensorFlow's import is paid once per server, reported apart)

    print(f"   importing Keras/TensorFlow: {time.perf_counter() - started:.1f} s")
    for key in SHIPPED_OPTIONS:
        data = series.load(key)
        split = split_of(len(data))
        started, cpu = time.perf_counter(), time.process_time()
        fitted = fit_forecaster(data.values[: split.test_start], SHIPPED_OPTIONS[key]["window"],
                                validation=(split.test_start - split.val_start) / split.test_start)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        epochs = len(fitted.fit_report.losses[0]["loss"])
        print(f"   {key:11s} {seconds:5.1f} s wall, {cpu:5.1f} s CPU  ({epochs} epochs, {seconds / epochs:.2f} s/epoch)"
              f"  {verdict(seconds, 15, 's')}")


def recursive() -> None:
    print("2. 24-step recursive forecast, NumPy, shipped ensembles (median of 30)")
    for key in SHIPPED_OPTIONS:
        forecaster = load_forecaster(key).forecaster
        times = timed(lambda: forecaster.predict(24), 30, warm_up=True)
        ms, cpu_ms = times.median_ms(), times.cpu_mean_ms()
        print(f"   {key:11s} {ms:6.1f} ms wall, {cpu_ms:5.1f} ms CPU  ({forecaster.config.members} members x {forecaster.config.units} units,"
              f" window {forecaster.config.window})  {verdict(ms, 20, 'ms')}")


def rerun() -> None:
    print("3. page rerun after a widget change (AppTest, server side, median of 15)")
    at, first = open_page("pages/forecast.py")
    print(f"   first open (cold caches): {1000 * first:.0f} ms")
    times = rerun_times(at, lambda i: at.slider(key="forecast_example_co2").set_value(30 + i), 15)
    ms = times.median_ms()
    print(f"   rerun median {ms:.0f} ms wall ({times.cpu_median_ms():.0f} ms CPU), max {times.max_ms():.0f} ms"
          f"  {verdict(ms, 150, 'ms')}")


def cards() -> None:
    print("4. shipped cards: one-step MASE on the held-out tail (recursive in brackets)")
    for key in SHIPPED_OPTIONS:
        shipped = load_forecaster(key)
        card, data = shipped.forecaster.card.to_dict(), shipped.data
        one, rec = card["metrics"]["one_step"], card["metrics"]["recursive"]
        members = ", ".join(f"{m['mase_one_step']:.2f}" for m in card["metrics"]["members"])
        print(f"   {key:11s} season {data.season:2d}: LSTM {one['lstm']['mase']:.3f} ({rec['lstm']['mase']:.2f}),"
              f" seeds [{members}], naive {one['naive']['mase']:.3f}, seasonal naive {one['seasonal_naive']['mase']:.3f}"
              f" ({rec['seasonal_naive']['mase']:.2f}), {card['stat_forecast']['name']} {one['stat']['mase']:.3f}"
              f" ({rec['stat']['mase']:.2f})")


def stat_fits(values: int = 2_400) -> None:
    import numpy as np

    from lstm_core.forecast.statistical_baselines import STAT_WORK_LIMIT, stat_forecast, stat_work

    print(f"5. statistical baseline fit against the season, {values:,} values (budget: values x state^2 <= {STAT_WORK_LIMIT:,})")
    rng = np.random.default_rng(0)
    t = np.arange(values + 240)
    stat_forecast(np.sin(t[:300] / 5), 240, ("holt_winters", True, 12))  # statsmodels loaded before timing
    slow = (4, 12, 24) if "--slow-ets" in sys.argv else (4, 12)
    for kind, seasons in (("ets", slow), ("holt_winters", (12, 52, 365))):
        for season in seasons:
            series_values = 10 + 0.01 * t + np.sin(2 * np.pi * t / season) + rng.normal(0, 0.2, len(t))
            spec = (kind, True, season)
            seconds = timed(lambda: stat_forecast(series_values, values, spec)).best()
            print(f"   {kind:12s} season {season:3d}: {seconds:6.2f} s  (values x state^2 = {stat_work(spec, values):,})")


if __name__ == "__main__":
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other jobs slow every number)")
    # Fitting goes last: once TensorFlow has run in this process, AppTest round trips
    # and small NumPy loops measure several times slower than on a fresh server.
    recursive()
    rerun()
    cards()
    stat_fits()
    if "--quick" not in sys.argv:
        fitting()
