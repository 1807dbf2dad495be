"""Forecasting core: windows, transforms, scaling, metrics, baselines, the LSTM forecaster."""

import numpy as np
import pytest

from lstm_core.forecast.statistical_baselines import stat_forecast
from lstm_core.forecast.baselines import SeasonalNaive
from lstm_core.forecast.forecaster import ForecastConfig, Forecaster, fit_forecaster
from lstm_core.forecast.metrics import mae, mase, rmse
from lstm_core.forecast.forecast_eval import compare
from lstm_core.forecast.windows import Scaler, Split, Transform, check_window, make_windows
from lstm_core.nn.ensemble import merge_members, split_members
from lstm_core.nn.network import Network, NetworkSpec


def random_network(rng, units=(5,), horizon=1) -> Network:
    spec = NetworkSpec(input_kind="values", units=units, output_dim=horizon, output_activation="linear")
    weights, d = {}, 1
    for k, u in enumerate(units):
        weights[f"lstm_{k}/kernel"] = rng.normal(0, 0.5, (d, 4 * u))
        weights[f"lstm_{k}/recurrent_kernel"] = rng.normal(0, 0.5, (u, 4 * u))
        weights[f"lstm_{k}/bias"] = rng.normal(0, 0.5, 4 * u)
        d = u
    weights["dense/kernel"] = rng.normal(0, 0.5, (d, horizon))
    weights["dense/bias"] = rng.normal(0, 0.5, horizon)
    return Network(spec, weights)


# ---- windows ---------------------------------------------------------------------------------
def test_windows_have_no_look_ahead():
    z = np.arange(30.0)  # value == its index, so positions can be read off the values
    w = make_windows(z, window=5, horizon=3, last_target=20)
    assert len(w.inputs) == 20 - 3 - 5 + 1
    for inputs, targets, start in zip(w.inputs, w.targets, w.target_start):
        assert inputs.max() < targets.min()  # every target lies after its whole input
        assert inputs[-1] == start - 1 and targets[0] == start  # input ends where the target begins
        assert targets.max() < 20  # nothing reaches past the last allowed target


def test_window_errors_are_readable():
    for window, horizon in ((0, 1), (3, 0), (8, 5)):
        with pytest.raises(ValueError):
            check_window(12, window, horizon)
    with pytest.raises(ValueError, match="needs at least 13 values"):
        make_windows(np.arange(12.0), 8, 5)


def test_split_fractions_and_short_series():
    split = Split.by_fraction(100)
    assert (split.val_start, split.test_start) == (70, 80)
    with pytest.raises(ValueError):
        Split.by_fraction(2)


@pytest.mark.parametrize("transform", [Transform(), Transform(log=True), Transform(lag=1), Transform(True, 12)])
def test_transforms_invert_exactly(transform):
    rng = np.random.default_rng(0)
    values = 10 + rng.random(60).cumsum()
    z = transform.apply(values)
    assert len(z) == len(values) - transform.lag
    cut = 40  # undo the transformed values after position `cut`, leaning on the true past only
    back = transform.invert(z[cut - transform.lag :], values[:cut])
    np.testing.assert_allclose(back, values[cut:], rtol=1e-10)
    positions = np.arange(cut, 60)
    np.testing.assert_allclose(transform.invert_each(z[positions - transform.lag], values, positions), values[cut:])


def test_log_refuses_non_positive_values():
    with pytest.raises(ValueError, match="above 0"):
        Transform(log=True).apply(np.array([1.0, 0.0, 2.0]))


def test_scaler_uses_training_part_only():
    train = np.array([1.0, 2.0, 3.0])
    scaler = Scaler.fit(train)
    assert scaler.mean == 2.0 and scaler.std == pytest.approx(np.std(train))
    assert Scaler.fit(np.ones(5)).std == 1.0  # a flat part does not divide by zero


# ---- metrics and baselines against hand-computed values ----------------------------------------
def test_metrics_by_hand():
    actual, predicted = np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, 5.0])
    assert mae(actual, predicted) == pytest.approx(1.0)
    assert rmse(actual, predicted) == pytest.approx(np.sqrt(5 / 3))
    # in-sample naive errors of [1, 3, 2, 4] are 2, 1, 2: scale 5/3
    assert mase(actual, predicted, np.array([1.0, 3.0, 2.0, 4.0])) == pytest.approx(0.6)
    # seasonal (lag 2) errors of [1, 2, 3, 4, 5] are all 2
    assert mase(actual, predicted, np.arange(1.0, 6.0), season=2) == pytest.approx(0.5)
    with pytest.raises(ValueError):
        mase(actual, predicted, np.ones(5))  # a flat training part has no scale


def test_naive_baselines_on_toy_series():
    np.testing.assert_array_equal(SeasonalNaive().fit(np.array([1.0, 2.0, 3.0])).predict(2), [3.0, 3.0])
    np.testing.assert_array_equal(SeasonalNaive(3).fit(np.arange(1.0, 7.0)).predict(5), [4, 5, 6, 4, 5])
    periodic = np.tile([1.0, 5.0, 2.0, 8.0], 10)
    positions = np.arange(20, 40)
    np.testing.assert_array_equal(SeasonalNaive(4).fit(periodic[:20]).predict_one_step(periodic, positions),
                                  periodic[positions])  # exact
    np.testing.assert_array_equal(SeasonalNaive().fit(periodic[:20]).predict_one_step(periodic, positions),
                                  periodic[positions - 1])
    with pytest.raises(ValueError, match="one season"):
        SeasonalNaive(4).fit(periodic[:4]).predict_one_step(periodic, np.array([2, 3]))  # no wrapping round to the end
    with pytest.raises(ValueError, match="one season"):
        SeasonalNaive(12).fit(np.arange(3.0))


def test_statistical_baseline_follows_a_straight_line():
    line = 3.0 + 0.5 * np.arange(60.0)
    result = stat_forecast(line, 48, ("ets", True, 0))
    np.testing.assert_allclose(result.recursive, line[48:], atol=1e-2)
    np.testing.assert_allclose(result.one_step, line[48:], atol=1e-2)


# ---- the forecaster ----------------------------------------------------------------------------
def test_merged_members_equal_each_member_and_split_back():
    rng = np.random.default_rng(1)
    nets = [random_network(rng, (4, 3), horizon=2) for _ in range(3)]
    merged = merge_members(nets)
    x = rng.normal(size=(9, 1))
    np.testing.assert_allclose(merged.trace(x).outputs, np.concatenate([n.trace(x).outputs for n in nets]), atol=1e-6)
    for net, back in zip(nets, split_members(merged, 3)):
        for name in net.weights:
            np.testing.assert_array_equal(net.weights[name], back.weights[name])


@pytest.mark.parametrize("units,members", [((6,), 1), ((4, 3), 2)])
def test_numpy_forecaster_network_equals_keras(units, members):
    from lstm_core.training.network_keras import build_keras, load_into_keras

    rng = np.random.default_rng(2)
    network = merge_members([random_network(rng, units, horizon=3) for _ in range(members)])
    model = build_keras(network.spec, 12)
    load_into_keras(model, network)
    x = rng.normal(size=(5, 12, 1)).astype(np.float32)
    np.testing.assert_allclose(network.predict(list(x)), model.predict(x, verbose=0), atol=1e-5)


def make_forecaster(rng, values, members=2, **options) -> Forecaster:
    config = ForecastConfig(window=6, horizon=2, members=members, **options)
    net = merge_members([random_network(rng, (5,), horizon=2) for _ in range(members)])
    z = config.transform.apply(values)
    return Forecaster(net, config, Scaler.fit(z), values)


@pytest.mark.parametrize("options", [{}, {"log": True, "lag": 4}])
def test_one_step_uses_only_the_past(options):
    rng = np.random.default_rng(3)
    values = 5 + rng.random(40)
    forecaster = make_forecaster(rng, values[:30], **options)
    p = 30
    before = forecaster.members_one_step(values, np.array([p]))
    changed = values.copy()
    changed[p:] += 100.0  # the value being forecast, and everything after it
    np.testing.assert_array_equal(forecaster.members_one_step(changed, np.array([p])), before)
    # The first recursive step from the same past is the same forecast.
    np.testing.assert_allclose(forecaster.predict_band(1, values[:p]).members[:, 0], before[:, 0])


def test_recursive_forecast_shapes():
    rng = np.random.default_rng(4)
    forecaster = make_forecaster(rng, 5 + rng.random(30), members=3)
    band = forecaster.predict_band(7)
    assert band.members.shape == (3, 7) and band.mean.shape == (7,)
    np.testing.assert_allclose(forecaster.predict(7), band.members.mean(axis=0))
    with pytest.raises(ValueError):
        forecaster.predict(0)


@pytest.mark.slow
def test_fit_forecaster_is_seeded_and_scales_on_training_part():
    rng = np.random.default_rng(5)
    values = np.sin(np.arange(80) / 3) + rng.normal(0, 0.05, 80)
    values[-10:] += 50  # a wild validation part must not move the scaler
    tiny = dict(units=3, epochs=2, batch_size=16, validation=0.125, lag=0)  # levels: the scaler sees raw values
    first = fit_forecaster(values, 8, horizon=2, seed=7, **tiny)
    second = fit_forecaster(values, 8, horizon=2, seed=7, **tiny)
    assert first.scaler == Scaler.fit(values[:70])
    seen = []
    raw = fit_forecaster(values, 8, horizon=2, seed=7, scale=False, on_epoch=lambda *args: seen.append(args),
                         **{**tiny, "epochs": 1})
    assert raw.scaler == Scaler(0.0, 1.0)
    member, report, current = seen[0]
    assert (member, report.epoch) == (0, 1)
    np.testing.assert_allclose(current().predict(3), raw.predict(3), rtol=1e-5)  # one epoch: the same weights
    np.testing.assert_array_equal(first.predict(5), second.predict(5))
    assert first.predict(5).shape == (5,)
    assert len(first.fit_report.losses[0]["loss"]) <= 2 and "val_loss" in first.fit_report.losses[0]


def test_fit_forecaster_refuses_bad_input():
    with pytest.raises(ValueError, match="window"):
        fit_forecaster(np.arange(20.0), 0)
    with pytest.raises(ValueError, match="needs at least"):
        fit_forecaster(np.arange(20.0), 30)
    with pytest.raises(ValueError, match="horizon"):
        fit_forecaster(np.arange(20.0), 3, horizon=0)
    with pytest.raises(ValueError, match="missing"):
        fit_forecaster(np.array([1.0, np.nan] * 20), 3)


def test_compare_scores_every_method():
    rng = np.random.default_rng(6)
    values = 5 + rng.random(60)
    forecaster = make_forecaster(rng, values[:48])
    stat = stat_forecast(values, 48, ("arima", (1, 0, 0)))
    result = compare(values, np.arange(60), 48, 4, stat, forecaster)
    rows = {(r["mode"], r["method"]): r for r in result.metrics()}
    assert set(rows) == {(m, k) for m in ("one_step", "recursive") for k in ("lstm", "naive", "seasonal_naive", "stat")}
    naive_mase = mase(values[48:], values[47:-1], values[:48], 4)
    assert rows["one_step", "naive"]["mase"] == pytest.approx(naive_mase)
    assert len(result.member_metrics()) == 2
    assert result.forecasts_csv().splitlines()[0].startswith("time,actual,lstm_one_step")
