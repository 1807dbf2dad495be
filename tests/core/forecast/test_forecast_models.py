"""The shipped forecasters: cards reproduced, baselines honest, the Gates view works."""

import numpy as np
import pytest

from lstm_core.forecast import series
from lstm_core.forecast.forecast_eval import compare
from lstm_core.forecast.statistical_baselines import stat_forecast
from lstm_core.serving import catalogue
from lstm_core.serving import assets
from lstm_core.forecast.forecast_models import (
    SHIPPED_OPTIONS, HeldOut, asset_name, card_metrics, load_forecaster, parse_numbers,
)
from lstm_core.string_table import render

KEYS = list(SHIPPED_OPTIONS)


@pytest.mark.slow
@pytest.mark.parametrize("key", KEYS)
def test_card_metrics_reproduced_from_the_shipped_weights(key):
    shipped = load_forecaster(key)
    forecaster, data, held = shipped.forecaster, shipped.data, HeldOut.from_card(shipped.forecaster.card)
    comparison = compare(data.values, data.time, held.test_start, data.season, held.stat, forecaster)
    recomputed, card = card_metrics(comparison), forecaster.card.to_dict()
    for mode in ("one_step", "recursive"):
        for method, scores in card["metrics"][mode].items():
            for name, value in scores.items():
                assert recomputed[mode][method][name] == pytest.approx(value, rel=1e-4, abs=1e-6), (mode, method, name)
    assert recomputed["members"] == [pytest.approx(row, rel=1e-4) for row in card["metrics"]["members"]]
    assert card["baseline"]["lstm_mase"] == card["metrics"]["one_step"]["lstm"]["mase"]


def test_stored_statistical_forecast_is_what_statsmodels_gives():
    shipped = load_forecaster("elec_equip")  # the quickest one to refit
    card, data = shipped.forecaster.card.to_dict(), shipped.data
    refit = stat_forecast(data.values, card["data"]["test_start"], data.baseline)
    np.testing.assert_allclose(refit.one_step, card["stat_forecast"]["one_step"], rtol=1e-4)
    np.testing.assert_allclose(refit.recursive, card["stat_forecast"]["recursive"], rtol=1e-4)


@pytest.mark.parametrize("key", series.REAL)
def test_shipped_lstm_beats_seasonal_naive_on_real_series(key):
    card = assets.read_card(asset_name(key))
    assert card.baseline["seasonal_naive_mase"] > card.baseline["lstm_mase"]


def test_shipped_assets_are_small():
    total = sum((assets.ASSETS / f"{asset_name(k)}.{ext}").stat().st_size for k in KEYS for ext in ("npz", "json"))
    assert total < 3 * 2**20


def test_every_shipped_forecaster_is_in_the_gates_registry():
    entries = {e.key: e for e in catalogue.SHIPPED}
    for key in series.REAL:
        model = catalogue.load(entries[asset_name(key)])
        result = model.trace_text(model.default_text)
        assert model.input_kind == "numbers"
        assert result.steps == model.forecaster.config.window
        assert result.layers[0].gates.hidden.shape == (result.steps, model.forecaster.network.spec.units[0])


def test_trace_text_agrees_with_the_forecast():
    model = load_forecaster("co2")
    forecaster, data = model.forecaster, model.data
    window = forecaster.config.window + forecaster.config.lag
    text = ", ".join(f"{v:.6g}" for v in forecaster.history[-window:])  # the end of the fitted part
    summary = render(model.trace_text(text).summary, "en")
    assert f"next value: {forecaster.predict(1)[0]:.6g}" in summary
    assert model.default_text.endswith(f"{data.values[-1]:.6g}")  # the default is the series' last window


def test_parse_numbers_and_its_errors():
    np.testing.assert_array_equal(parse_numbers(" 1.5, 2\n3e2;4 "), [1.5, 2.0, 300.0, 4.0])
    for bad, message in (("", "type some numbers"), ("1, two, 3", "'two' is not a number"), ("1 inf", "finite")):
        with pytest.raises(ValueError, match=message):
            parse_numbers(bad)
    model = load_forecaster("co2")  # log transform with seasonal differences
    with pytest.raises(ValueError, match="at least 13 numbers"):
        model.trace_text("1, 2, 3")
    with pytest.raises(ValueError, match="above 0"):
        model.trace_text(", ".join(["-1"] * 20))
    long = model.trace_text(", ".join(["300"] * 500))
    assert long.steps == model.max_steps and long.steps_before_cut == 500 - 12
