"""The forecasting page through Streamlit's AppTest: it opens, reacts, and trains."""

import json

import pytest
from streamlit.testing.v1 import AppTest

@pytest.fixture
def page(open_page) -> AppTest:
    return open_page("pages/forecast.py")


def charts(at: AppTest) -> list[dict]:
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def test_opens_with_the_shipped_model(page):
    assert not page.error
    assert page.selectbox(key="forecast_series").value == "co2"
    metrics = page.dataframe[0].value
    assert len(metrics) == 4  # the LSTM and three baselines
    assert len(charts(page)) == 2  # framing and forecasts


def test_series_window_and_horizon_change_the_charts(page):
    framing, results = charts(page)
    page.slider(key="forecast_window_co2").set_value(12).run()
    assert not page.exception
    assert charts(page)[0] != framing
    page.slider(key="forecast_horizon_co2").set_value(5).run()
    assert not page.exception
    after_horizon = charts(page)
    assert after_horizon[0] != framing
    assert page.info  # the shipped model's window differs from the sliders: the page says so
    page.radio(key="forecast_mode").set_value("recursive").run()
    assert charts(page)[1] != results
    for key in ("sunspots", "nile", "line"):
        page.selectbox(key="forecast_series").set_value(key).run()
        assert not page.exception and not page.error
        assert charts(page)[1] != results
    page.session_state["lang"] = "zh"
    page.run()
    assert not page.exception and page.title[0].value == "时间序列预测"


def test_a_short_training_run_completes(page):
    page.selectbox(key="forecast_series").set_value("stock").run()
    before = page.dataframe[0].value
    page.slider(key="forecast_units").set_value(4).run()
    page.slider(key="forecast_epochs").set_value(2).run()
    page.button(key="forecast_train").click().run()
    assert not page.exception and not page.error
    assert page.success  # the "your forecaster is ready" notice
    after = page.dataframe[0].value
    assert not after.equals(before)
    assert "forecast_session_stock" in page.session_state["gates_session_models"]
    assert len(page.dataframe[1].value) == 1


def test_a_stopped_run_keeps_the_seeds_it_finished(page):
    from lstm_core.forecast import series
    from lstm_core.forecast.forecast_models import split_of
    from lstm_core.forecast.forecaster import ForecastConfig, ForecastTraining

    def stopped_job(key, epochs_run):
        """A job as the stop button leaves it: some epochs run, the stop requested."""
        data = series.load(key)
        job = ForecastTraining(data.values[: split_of(len(data)).test_start],
                               ForecastConfig(window=8, units=4, epochs=2, members=3))
        for _ in range(epochs_run):
            job.run_epoch()
        page.session_state["forecast_job"], page.session_state["forecast_training_series"] = job, data
        page.session_state["forecast_stop_requested"] = True

    stopped_job("stock", 5)  # seeds 1 and 2 finished, seed 3 had run one epoch of two
    page.selectbox(key="forecast_series").set_value("stock").run()
    assert not page.exception
    assert "stopped" in page.success[0].value and "3 seed" in page.success[0].value
    assert len(page.dataframe[1].value) == 3  # the kept members
    assert "forecast_session_stock" in page.session_state["gates_session_models"]
    stopped_job("nile", 0)  # stopped before any seed had run an epoch
    page.run()
    assert "nothing was kept" in page.success[0].value


def test_the_verdict_states_wins_and_losses(page):
    from lstm_core.serving import assets

    one_step = assets.read_card("forecast_co2").metrics["one_step"]
    verdict = next(m.value for m in page.markdown if m.value.startswith("**LSTM MASE"))
    for method, name in (("seasonal_naive", "seasonal naive"), ("stat", "ETS")):
        word = "better than" if one_step["lstm"]["mase"] < one_step[method]["mase"] else "**worse** than"
        assert f"{word} {name}" in verdict


def test_the_transform_is_chosen_automatically_by_default(page):
    assert page.selectbox(key="forecast_transform_co2").value == "auto"
    candidates = page.table[0].value
    assert len(candidates) == 6  # co2 is positive and seasonal: every candidate is scored
    assert (candidates.iloc[:, -1] == "✓").sum() == 1
    assert any("Chosen automatically" in m.value for m in page.markdown)
    page.selectbox(key="forecast_transform_co2").set_value("log_seasonal").run()
    assert not page.exception and len(page.table) == 0  # a hand-picked transform needs no scores
