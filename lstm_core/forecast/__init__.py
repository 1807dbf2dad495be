"""Forecasting a series with a small LSTM ensemble, and the yardsticks it must beat.

`series` offers generated, bundled and uploaded series; `windows` frames them (transforms,
scaling, sliding windows); `forecaster` fits and runs the LSTM ensemble and holds the
metrics (MAE, RMSE, MASE) and naive forecasts; `statistical_baselines` fits statsmodels;
`forecast_eval` scores every method on the same held-out tail; `forecast_models` loads the
shipped forecasters; `forecast_plots` draws the page's charts.
"""

from lstm_core.forecast.forecaster import ForecastConfig, Forecaster, fit_forecaster
from lstm_core.forecast.metrics import mase
from lstm_core.forecast.series import Series

__all__ = ["ForecastConfig", "Forecaster", "Series", "fit_forecaster", "mase"]
