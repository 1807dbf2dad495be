"""Forecasting: an LSTM against the held-out truth and against honest baselines."""

import pandas as pd
import streamlit as st

from lstm_core.forecast import series
from lstm_core.forecast.forecast_models import usable_split
from lstm_core.forecast.forecast_plots import COLORS, forecast_figure, framing_figure, history_before
from lstm_core.forecast.forecaster import ForecastConfig
from lstm_core.forecast.windows import Framing
from lstm_core.serving.assets import AssetError
from lstm_core.ui import forecast_page as page
from lstm_core.ui.i18n import colour, long_text, reason_of, say, t
from lstm_core.ui.style import chart, limited_slider, table as show_table
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

DEFAULTS, LIMITS = ForecastConfig(), ForecastConfig.LIMITS

st.title(t("forecast.title"))
st.markdown(long_text("forecast_intro"))

# ---- 1. the series ---------------------------------------------------------------------------
key = st.selectbox(t("forecast.series"), [*series.LOADERS, "upload"], index=3, format_func=page.series_name,
                   key="forecast_series", help=t("forecast.series_help"))
data = page.uploaded_series() if key == "upload" else page.bundled(key)
if data is None:
    st.stop()
try:
    split = usable_split(data)
except ValueError as error:
    st.error(t("forecast.too_short", error=reason_of(error)))
    st.stop()
st.caption(t("forecast.series_caption", n=len(data), season=data.season, source=say(data.source), unit=say(data.unit) or "-",
             train=split.val_start, val=split.test_start - split.val_start, test=len(data) - split.test_start))
if data.filled:
    st.caption(t("forecast.gaps_filled", count=data.filled))

# ---- 2. framing: what one training example is --------------------------------------------------
forecaster, comparison, origin = page.current(data)
model_cfg = forecaster.config if forecaster else DEFAULTS
st.header(t("forecast.framing"))
left, middle, right = st.columns(3)
framing = Framing(split.val_start)
max_window = framing.max_window()
window = left.slider(t("forecast.window"), 1, max_window, min(model_cfg.window, max_window),
                     key=f"forecast_window_{data.key}", help=t("forecast.window_help"))
max_horizon = framing.max_horizon(window)
horizon = middle.slider(t("forecast.horizon"), 1, max_horizon, min(model_cfg.horizon, max_horizon),
                        key=f"forecast_horizon_{data.key}", help=t("forecast.horizon_help"))
if not framing.fits(window, horizon):
    st.warning(t("forecast.window_too_long", needed=window + horizon, available=split.val_start))
    st.stop()
example = right.slider(t("forecast.example"), window, split.val_start - horizon, split.val_start - horizon,
                       key=f"forecast_example_{data.key}", help=t("forecast.example_help"))
chart(framing_figure(data, split, window, horizon, example, page.labels()), key="forecast_framing")
st.caption(t("forecast.framing_caption", window=window, horizon=horizon, input=colour(COLORS["input"]), target=colour(COLORS["target"]),
             examples=framing.examples(window, horizon)))

# ---- 3. train your own -------------------------------------------------------------------------
with st.expander(t("forecast.train_header"), expanded=origin == "none"):
    st.markdown(t("forecast.train_intro"))
    c1, c2, c3, c4 = st.columns(4)
    units = limited_slider(c1, t("forecast.units"), LIMITS["units"], DEFAULTS.units, "forecast_units", t("forecast.units_help"))
    layers = limited_slider(c2, t("forecast.layers"), LIMITS["layers"], DEFAULTS.layers, "forecast_layers",
                            t("forecast.layers_help"))
    epochs = limited_slider(c3, t("forecast.epochs"), LIMITS["epochs"], DEFAULTS.epochs, "forecast_epochs",
                            t("forecast.epochs_help", patience=DEFAULTS.patience))
    rate = c4.select_slider(t("forecast.learning_rate"), ForecastConfig.RATES, DEFAULTS.learning_rate,
                            key="forecast_lr", help=t("forecast.learning_rate_help"))
    c1, c2, c3 = st.columns(3)
    members = limited_slider(c2, t("forecast.members"), LIMITS["members"], DEFAULTS.members, "forecast_members",
                             t("forecast.members_help"))
    seed = c3.number_input(t("common.seed"), *LIMITS["seed"], DEFAULTS.seed, key="forecast_seed", help=t("common.seed_help"))
    scale = st.toggle(t("forecast.scale"), DEFAULTS.scale, key="forecast_scale", help=t("forecast.scale_help"))
    log, lag = page.chosen_transform(c1, data, split, window)
    go_col, stop_col = st.columns(2)
    start = go_col.button(t("forecast.train"), type="primary", key="forecast_train", help=t("forecast.train_help"),
                          disabled=page.TRAINING.running)
    page.TRAINING.stop_button(stop_col, help=t("forecast.stop_help"))
    if start:
        try:
            config = ForecastConfig(window=window, horizon=horizon, units=units, layers=layers, epochs=epochs,
                                    learning_rate=rate, seed=int(seed), members=members, log=log, lag=lag,
                                    scale=scale)
            if log and data.values.min() <= 0:
                raise ValueError(t("forecast.log_needs_positive"))
        except ValueError as error:
            st.error(t("forecast.bad_config", error=reason_of(error)))
        else:
            page.start_training(data, config)
    page.advance()

notice = st.session_state.pop("forecast_notice", None)
if notice:
    st.success(t(f"forecast.notice.{notice[0]}", members=notice[1]))

# ---- 4. forecasts against the truth -----------------------------------------------------------
st.header(t("forecast.results"))
if forecaster is None:
    st.info(t("forecast.no_model"))
else:
    cfg = forecaster.config
    st.markdown(t(f"forecast.model_{origin}", window=cfg.window, horizon=cfg.horizon, units=cfg.units,
                  layers=cfg.layers, members=cfg.members, transform=page.transform_label(cfg, data.season)))
    if origin == "shipped":
        with st.expander(t("forecast.model_card")):
            st.json(page.card_summary(data.key), expanded=1)
    if (cfg.window, cfg.horizon) != (window, horizon):
        st.info(t("forecast.settings_differ", window=cfg.window, horizon=cfg.horizon))
mode = st.radio(t("forecast.mode"), ["one_step", "recursive"], format_func=lambda m: t(f"forecast.mode.{m}"),
                horizontal=True, key="forecast_mode", help=t("forecast.mode_help"))
fig = forecast_figure(comparison, mode, history_before(data, split.test_start, window), page.labels(data, comparison))
chart(fig, key="forecast_results")

names = page.labels(data, comparison)
table = pd.DataFrame(comparison.metrics(mode))
table["method"] = table["method"].map(names)
st.subheader(t("forecast.metrics"))
table = table.rename(columns=lambda c: t("forecast.method") if c == "method" else t(f"forecast.col.{c}"))
show_table(table.round(4), key="forecast_metrics")
st.caption(t("forecast.mase_note", season=data.season))
if comparison.members:
    st.markdown(page.verdict(comparison, mode, names))
if comparison.members:
    st.subheader(t("forecast.seeds"))
    seeds = pd.DataFrame(comparison.member_metrics())
    seeds["member"] = [t("forecast.member_name", n=m + 1, seed=cfg.seed + m) for m in seeds["member"]]
    show_table(seeds.rename(columns=lambda c: t(f"forecast.col.{c}")).round(4), key="forecast_seed_table")
    st.caption(t("forecast.seeds_note"))

d1, d2, d3 = st.columns(3)
d1.download_button(t("forecast.download_forecasts"), comparison.forecasts_csv(), f"{data.key}_forecasts.csv",
                   "text/csv", key="forecast_dl_forecasts", help=t("forecast.download_help"))
d2.download_button(t("forecast.download_metrics"), comparison.metrics_csv(), f"{data.key}_metrics.csv",
                   "text/csv", key="forecast_dl_metrics", help=t("forecast.download_help"))
if origin == "session":
    d3.download_button(t("forecast.download_model"), forecaster.save(), f"{data.key}_forecaster.zip",
                       "application/zip", key="forecast_dl_model", help=t("forecast.download_model_help"))

try:
    nile_test_years = page.test_values("nile")
except AssetError:  # the Nile's card is damaged: the error above already says so, and the next steps quote it
    nile_test_years = None
if nile_test_years is not None:
    st.subheader(t("common.try_next"))
    st.markdown(long_text("forecast_next", test_years=nile_test_years))
