"""Streamlit helpers of the forecasting page: cached loaders, the CSV upload, live training.

Live training goes through `lstm_core.ui.live_training` (queued, an epoch per script run).

Shipped forecasters and their comparisons are cached per server (read-only); a model
a student trains lives in `st.session_state["forecast_models"]`, keyed by series, so
it never reaches another student's tab.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import numpy as np
import streamlit as st

from lstm_core.forecast import series
from lstm_core.forecast.forecast_eval import Comparison, compare
from lstm_core.forecast.forecast_models import ForecastTraceable, HeldOut, load_forecaster, session_card, split_of
from lstm_core.forecast.forecast_models import shipped_comparison as shipped_comparison_of
from lstm_core.forecast.forecast_plots import loss_figure
from lstm_core.forecast.baselines import SeasonalNaive
from lstm_core.forecast.forecaster import Forecaster, ForecastConfig, ForecastTraining
from lstm_core.forecast.statistical_baselines import StatForecast, affordable, describe, stat_forecast
from lstm_core.forecast.transform_choice import TransformChoice, choose_transform
from lstm_core.message import Message
from lstm_core.serving.assets import AssetError, read_card
from lstm_core.serving.budget import OverBudget, check_training
from lstm_core.ui import session_models as models
from lstm_core.ui.i18n import reason_of, say, t
from lstm_core.ui.live_training import LiveTraining
from lstm_core.ui.style import chart

# Widget choice -> (log, lag); a lag of -1 stands for the series' season.
TRANSFORMS = {"levels": (False, 0), "log": (True, 0), "diff": (False, 1), "log_diff": (True, 1),
              "seasonal": (False, -1), "log_seasonal": (True, -1)}
AUTO = "auto"  # the widget's default: `choose_transform` picks one of TRANSFORMS on the validation part
MODELS = "forecast_models"  # series id -> (Forecaster, Comparison) trained in this session
TRAINING = LiveTraining("forecast")  # session keys forecast_job, forecast_stop_requested, ...
TRAINING_SERIES = "forecast_training_series"  # the series the session's training job fits


def labels(data: series.Series | None = None, comparison: Comparison | None = None) -> dict[str, str]:
    """Translated names for the figures and tables; "stat" names the series' statistical model."""
    names = ("time", "value", "series", "validation", "test", "input", "target", "before", "actual", "band",
             "lstm", "naive", "seasonal_naive", "stat", "epoch", "loss", "val_loss", "loss_axis", "member")
    out = {name: t(f"forecast.label.{name}") for name in names}
    if data is not None and comparison is not None:
        cheaper = ("holt_winters", *data.baseline[1:]) if data.baseline[0] == "ets" else data.baseline
        names = {describe(spec): spec for spec in (data.baseline, cheaper)}
        out["stat"] = stat_label(names[comparison.stat_name]) if comparison.stat_name in names else comparison.stat_name
    return out


def stat_label(spec: tuple) -> str:
    """The statistical model's name in the page's language."""
    kind, *args = spec
    if kind == "arima":
        return f"ARIMA{tuple(args[0])}"
    trend, season = args
    parts = ([t("forecast.stat.trend")] if trend else []) + ([t("forecast.stat.season", season=season)] if season else [])
    return t(f"forecast.stat.{kind}", parts=", ".join(parts) or t("forecast.stat.level_only"))


@st.cache_data(show_spinner=False)
def bundled(key: str) -> series.Series:
    return series.load(key)


@st.cache_resource(show_spinner=False)
def shipped(key: str) -> Forecaster:
    """The shipped forecaster of a bundled series, with its card (read-only, shared)."""
    return load_forecaster(key).forecaster


@st.cache_data(show_spinner=False)
def test_values(key: str) -> int:
    """How many values the test tail of a bundled series holds (from its forecaster's card)."""
    data = read_card(f"forecast_{key}").data  # the card alone: the try-next text needs no weights
    return int(data["length"]) - int(data["test_start"])


@st.cache_data(show_spinner=False)
def shipped_comparison(key: str) -> Comparison:
    return shipped_comparison_of(shipped(key), bundled(key))


@st.cache_data(show_spinner=False, max_entries=8)
def _parse(data: bytes, value_column: str | None, date_column: str | None) -> series.ParsedCSV:
    return series.parse_csv(data, value_column, date_column)


@st.cache_data(show_spinner=False, max_entries=8)
def _columns(data: bytes) -> tuple[list[str], list[str], list[str]]:
    """All columns, the numeric ones, and the ones that hold dates."""
    table = series.read_table(data)
    return [str(c) for c in table.columns], series.numeric_columns(table), series.date_columns(table)


def uploaded_series() -> series.Series | None:
    """The upload widgets; a usable series, or None after saying what is wrong."""
    file = st.file_uploader(t("forecast.upload"), type=["csv", "txt"], key="forecast_upload", help=t("forecast.upload_help"))
    if file is None:
        st.info(t("forecast.upload_hint"))
        return None
    data = file.getvalue()
    try:
        columns, numeric, dates = _columns(data)
        if not numeric:
            raise ValueError(t("forecast.no_numeric"))
        left, middle, right = st.columns(3)
        value_column = left.selectbox(t("forecast.value_column"), numeric, index=len(numeric) - 1,
                                      key="forecast_value_column", help=t("forecast.value_column_help"))
        choices = [None, *[c for c in columns if c != value_column]]
        date_column = middle.selectbox(t("forecast.date_column"), choices, index=choices.index(dates[0]) if dates else 0,
                                       format_func=lambda c: t("forecast.no_date") if c is None else c,
                                       key="forecast_date_column", help=t("forecast.date_column_help"))
        season = right.number_input(t("forecast.season"), 1, 366, 1, key="forecast_season", help=t("forecast.season_help"))
        parsed = _parse(data, value_column, date_column)
    except ValueError as error:
        st.error(t("forecast.bad_csv", error=reason_of(error)))
        return None
    for note, values in parsed.notes:
        st.info(t(f"forecast.note.{note}", **values))
    digest = hashlib.sha256(data).hexdigest()[:12]
    baseline = ("ets", True, int(season)) if season > 1 else ("arima", (1, 1, 0))
    return series.Series(f"upload_{digest}", parsed.series.title, parsed.series.values, parsed.series.time,
                         int(season), "", "uploaded CSV", baseline)


@st.cache_data(show_spinner=False, max_entries=16)
def _stat(values: np.ndarray, test_start: int, spec: tuple):
    return stat_forecast(values, test_start, spec)


def current(data: series.Series) -> tuple[Forecaster | None, Comparison, str]:
    """The model shown for a series: this session's, else the shipped one, else none.

    Returns (forecaster, comparison, origin) with origin "session", "shipped" or "none".
    """
    if data.key in st.session_state.get(MODELS, {}):
        forecaster, comparison = st.session_state[MODELS][data.key]
        return forecaster, comparison, "session"
    if data.key in series.LOADERS:
        try:
            return shipped(data.key), shipped_comparison(data.key), "shipped"
        except AssetError as error:  # the page goes on without it: baselines and live training
            st.error(t("forecast.model_missing", reason=reason_of(error)))
    split = split_of(len(data))
    stat = _stat_for(data, split.test_start)
    return None, compare(data.values, data.time, split.test_start, data.season, stat), "none"


def _stat_for(data: series.Series, test_start: int):
    try:
        if data.key in series.LOADERS:
            return HeldOut.from_card(shipped(data.key).card).stat
    except AssetError:
        pass  # said once by `current`; fit the baseline here instead
    spec = affordable(data.baseline, test_start)  # a long season is too slow for the state-space fit
    if spec != data.baseline:
        st.caption(t("forecast.stat_cheaper", season=data.season))
    try:
        with st.spinner(t("forecast.fitting_stat")):
            return _stat(data.values, test_start, spec)
    except ValueError as error:
        st.warning(t("forecast.stat_failed", error=reason_of(error)))
        naive = SeasonalNaive(1).fit(data.values[:test_start])
        return StatForecast("naive (stand-in)", naive.predict_one_step(data.values, np.arange(test_start, len(data))),
                            naive.predict(len(data) - test_start))


def _finish(data: series.Series, forecaster: Forecaster, stopped: bool) -> None:
    """Keep the members finished so far as this session's model for the series."""
    split = split_of(len(data))
    comparison = compare(data.values, data.time, split.test_start, data.season, _stat_for(data, split.test_start), forecaster)
    forecaster = replace(forecaster, card=session_card(data))
    st.session_state.setdefault(MODELS, {})[data.key] = (forecaster, comparison)
    models.add(ForecastTraceable(forecaster, data, key=f"forecast_session_{data.key}",
                                 title=Message("forecast.own_title", {"series": data.title})))
    st.session_state["forecast_notice"] = ("stopped" if stopped else "trained", forecaster.config.members)


def start_training(data: series.Series, config: ForecastConfig) -> None:
    """Check the run's size, then queue it; `advance` fits member after member, an epoch per script run."""
    split = split_of(len(data))
    fit_on = data.values[: split.test_start]
    settings = [t(f"forecast.{name}") for name in ("window", "units", "layers", "epochs", "members")]
    try:
        check_training(config.work(len(fit_on)), settings)
        # Early stopping on the page's validation part, which ends where the test part starts.
        fit_config = replace(config, validation=(split.test_start - split.val_start) / split.test_start)
        if TRAINING.start(lambda: ForecastTraining(fit_on, fit_config), t("forecast.training_start")):
            st.session_state[TRAINING_SERIES] = data
    except OverBudget as error:
        st.error(t("common.over_budget", times=error.times, settings=", ".join(error.settings)))
    except ValueError as error:
        st.error(t("forecast.bad_config", error=reason_of(error)))


def advance() -> None:
    """Run the session's training an epoch further, drawing progress and loss curves; keep it when done."""
    bar, curves, names = st.empty(), st.empty(), labels()

    def draw(job: ForecastTraining) -> None:
        losses = [*job.losses, job.trainer.history()] if job.trainer else job.losses
        with curves.container():
            chart(loss_figure(losses, names))

    def progress_text(job: ForecastTraining, batch: int, batches: int) -> str:
        reports = job.trainer.reports if job.trainer else []
        return t("forecast.training_progress", member=job.member + 1, members=job.config.members,
                 epoch=len(reports) + 1, loss=reports[-1].train["loss"] if reports else 0)

    def keep(job: ForecastTraining) -> None:
        data = st.session_state.pop(TRAINING_SERIES)
        if job.networks:
            _finish(data, job.result(), stopped=job.stopped)
        else:
            st.session_state["forecast_notice"] = ("stopped_empty", 0)

    job = st.session_state.get(TRAINING.job_key)
    if job is not None and (job.losses or job.trainer):
        draw(job)
    TRAINING.advance(bar, progress_text, draw, keep)


def verdict(comparison: Comparison, mode: str, names: dict[str, str]) -> str:
    """One sentence: how the LSTM's MASE compares with each baseline's, wins and losses alike."""
    scores = {row["method"]: row["mase"] for row in comparison.metrics() if row["mode"] == mode}
    lstm = scores.pop("lstm")
    parts = [t("forecast.verdict.better" if lstm < score else "forecast.verdict.worse", method=names[method], mase=score)
             for method, score in scores.items()]
    return t("forecast.verdict", mase=lstm, parts="; ".join(parts))


def transform_key(config: ForecastConfig, season: int) -> str | None:
    """The `TRANSFORMS` entry matching a forecaster's transform, if one does."""
    for name, (log, lag) in TRANSFORMS.items():
        if log == config.log and (season if lag < 0 else lag) == config.lag:
            return name
    return None


def transform_label(config: ForecastConfig, season: int) -> str:
    """The translated name of a forecaster's target transform."""
    name = transform_key(config, season)
    return t(f"forecast.transform.{name}") if name else say(config.transform.message())


def card_summary(key: str) -> dict:
    """The shipped card without its long lists of stored forecasts."""
    card = shipped(key).card.to_dict()
    card["stat_forecast"] = {k: v for k, v in card["stat_forecast"].items() if k in ("name", "spec")}
    return card


def series_name(key: str) -> str:
    if key == "upload":
        return t("forecast.upload_option")
    return say(series.title_of(key))


@st.cache_data(show_spinner=False, max_entries=32)
def auto_choice(values: np.ndarray, window: int, validation: float, season: int | None) -> TransformChoice:
    """The transform `fit_forecaster` would choose (milliseconds: a ridge proxy, see transform_choice)."""
    return choose_transform(values, window, validation, season)


def show_choice(choice: TransformChoice) -> None:
    """Which transform was chosen and why: every candidate's validation MASE, the winner marked."""
    import pandas as pd

    st.markdown(say(choice.message()))
    rows = [{t("forecast.auto.candidate"): t(f"forecast.transform.{c.name}"),
             t("forecast.auto.val_mase"): f"{c.validation_mase:.3f}",
             t("forecast.auto.chosen"): "✓" if c == choice.chosen else ""} for c in choice.candidates]
    st.table(pd.DataFrame(rows).set_index(t("forecast.auto.candidate")))
    st.caption(t("forecast.auto.proxy_note"))


def chosen_transform(column, data: series.Series, split, window: int) -> tuple[bool, int]:
    """The transform picker: "automatic" (the default) scores every candidate on the validation
    part the training run will use for early stopping and shows why one won; returns (log, lag)."""
    transform = column.selectbox(t("forecast.transform"), [AUTO, *TRANSFORMS], 0,
                                 format_func=lambda k: t(f"forecast.transform.{k}"),
                                 key=f"forecast_transform_{data.key}", help=t("forecast.transform_help"))
    if transform != AUTO:
        log, lag = TRANSFORMS[transform]
        return log, data.season if lag < 0 else lag
    choice = auto_choice(data.values[: split.test_start], window, (split.test_start - split.val_start) / split.test_start,
                         data.season if data.season > 1 else None)
    show_choice(choice)
    return choice.chosen.transform.log, choice.chosen.transform.lag
