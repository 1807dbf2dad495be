"""Forecasting a series with a small LSTM ensemble, and the yardsticks it must beat.

`series` offers generated, bundled and uploaded series; `windows` frames them (transforms,
scaling, sliding windows, the framing sliders' bounds); `forecaster` fits and runs the
LSTM ensemble; `baselines` (naive, seasonal naive) and `statistical_baselines`
(statsmodels) are the yardsticks, called with the same verbs (`fit`, `predict(horizon)`,
`predict_one_step`); `metrics` scores them (MAE, RMSE, MASE); `transform_choice` picks a
target transform on validation; `forecast_eval` compares every method on the same
held-out tail; `forecast_models` loads the shipped forecasters; `forecast_plots` draws
the page's charts.
"""

from lstm_core.forecast.forecaster import ForecastConfig, Forecaster, fit_forecaster
from lstm_core.forecast.metrics import mase
from lstm_core.forecast.series import Series

__all__ = ["ForecastConfig", "Forecaster", "Series", "fit_forecaster", "mase"]
