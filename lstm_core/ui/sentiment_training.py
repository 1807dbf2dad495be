"""The sentiment page's "train your own" section: data, settings, live training, download, upload.

Widgets take their defaults from `SentimentConfig`; training runs one epoch per script run
through `lstm_core.ui.live_training` (see `lstm_core.ui.sentiment_page`).
"""

from itertools import count

import streamlit as st

from lstm_core.serving import assets
from lstm_core.serving.budget import OverBudget
from lstm_core.sentiment import classifier, sentiment_data, sentiment_figures as figures
from lstm_core.sentiment.imdb import MAX_REVIEWS, ImdbError
from lstm_core.sentiment.sentiment_train import SentimentConfig
from lstm_core.ui import sentiment_page as session
from lstm_core.ui.i18n import literal, reason_of, t
from lstm_core.ui.style import chart, limited_slider

DEFAULTS, LIMITS = SentimentConfig(), SentimentConfig.LIMITS
DATASETS = ("reviews", "tweets", "imdb")


def training_section(language: str, axis: dict[str, str]) -> None:
    """Everything below the page's "Train your own" header; `language` is the model picked above."""
    st.header(t("sentiment.train_title"))
    st.markdown(t("sentiment.train_intro"))
    dataset = _dataset_choice(language)
    settings = _settings()
    b1, b2 = st.columns(2)
    start = b1.button(t("sentiment.train"), key="sentiment_train", type="primary", disabled=session.JOB in st.session_state)
    session.TRAINING.stop_button(b2)
    progress_slot, curves_slot = st.empty(), st.empty()
    drawn = count()  # a fresh key for each redraw of the curves within one run

    def draw_curves(slot, history) -> None:
        names = {"train": t("sentiment.train_part"), "validation": t("sentiment.validation_part")}
        with slot.container():
            chart(figures.training_curves(history, axis, names), key=f"sentiment_curves_{next(drawn)}")

    if start:
        _start(dataset, settings)
    session.advance(progress_slot, curves_slot, draw_curves)
    trained = st.session_state.get(session.TRAINED)
    if trained is not None:
        draw_curves(curves_slot, trained.history)
        _show_trained(trained)
    _upload()


def _dataset_choice(language: str) -> str:
    """The data set picker and its own options (IMDB uploads, Chinese token unit)."""
    d1, d2 = st.columns([1, 2])
    dataset = d1.selectbox(
        t("sentiment.dataset"), DATASETS, index=0 if language == "zh" else 1, format_func=lambda d: t(f"sentiment.dataset.{d}"),
        key=f"sentiment_dataset_{language}", help=t("sentiment.dataset_help"),  # follows the model picked above
    )
    if dataset == "imdb":
        d2.file_uploader(t("sentiment.imdb_file"), type=["npz", "zip"], key="sentiment_imdb_file", help=t("sentiment.imdb_file_help", limit=MAX_REVIEWS))
        d2.file_uploader(t("sentiment.imdb_index"), type=["json"], key="sentiment_imdb_index", help=t("sentiment.imdb_index_help"))
    elif dataset == "reviews":
        d2.radio(
            t("sentiment.token_unit"), classifier.TOKEN_UNITS, index=classifier.TOKEN_UNITS.index(DEFAULTS.token_unit), horizontal=True,
            format_func=lambda u: t(f"sentiment.unit.{u}"), key="sentiment_token_unit", help=t("sentiment.token_unit_help"),
        )
    return dataset


def _slider(column, name: str):
    return limited_slider(column, t(f"sentiment.{name}"), LIMITS[name], getattr(DEFAULTS, name), f"sentiment_{name}",
                          t(f"sentiment.{name}_help"))


def _number(column, name: str, label: str, help_key: str) -> int:
    """A number box up to `SentimentConfig.LIMITS[name]`; it starts at 0, so a 0 typed there gets the core's refusal."""
    _, high, *step = LIMITS[name]
    return int(column.number_input(t(label), 0, high, getattr(DEFAULTS, name), *step, key=f"sentiment_{name}", help=t(help_key)))


def _settings() -> dict:
    """The network and training widgets, as `SentimentConfig` fields."""
    c1, c2, c3, c4 = st.columns(4)
    values = {name: _slider(column, name) for column, name in zip((c1, c2, c3, c4), ("embedding_dim", "units", "layers", "dropout"))}
    c1, c2, c3, c4 = st.columns(4)
    values["epochs"] = _number(c1, "epochs", "sentiment.epochs", "sentiment.epochs_help")
    values["max_length"] = _number(c2, "max_length", "sentiment.max_length", "sentiment.max_length_help")
    values["seed"] = _number(c3, "seed", "common.seed", "sentiment.seed_help")
    values["bidirectional"] = c4.toggle(t("sentiment.bidirectional"), DEFAULTS.bidirectional, key="sentiment_bidirectional", help=t("sentiment.bidirectional_help"))
    return values


def _start(dataset: str, settings: dict) -> None:
    """Check the settings and the work budget, load the data, queue the training."""
    try:
        unit = st.session_state.get("sentiment_token_unit", DEFAULTS.token_unit) if dataset == "reviews" else DEFAULTS.token_unit
        config = SentimentConfig(**settings, token_unit=unit)
        if dataset == "imdb":
            data = session.imdb(st.session_state.get("sentiment_imdb_file"), st.session_state.get("sentiment_imdb_index"), config.seed)
        else:
            with st.spinner(t("sentiment.preparing")):
                data = session.dataset(dataset, config.seed)
        session.start(data, config)
    except ImdbError as error:
        st.error(t("sentiment.imdb_error", reason=reason_of(error)))
    except OverBudget as error:
        st.error(t("common.over_budget", times=error.times, settings=", ".join(error.settings)))
    except ValueError as error:
        st.error(t("sentiment.bad_settings", reason=reason_of(error)))


def _show_trained(trained) -> None:
    """The finished (or stopped) run: its result, the shipped model's for comparison, a download."""
    if trained.stopped:
        st.warning(t("sentiment.stopped", epochs=trained.epochs_run))
    m = trained.metrics
    st.success(t("sentiment.finished", epochs=trained.epochs_run, seconds=trained.seconds, best=trained.best_epoch, accuracy=m.accuracy, f1=m.macro_f1))
    shipped_language = sentiment_data.LANGUAGE.get(trained.classifier.data_name)
    if shipped_language:
        reference = session.classifier(shipped_language).scores
        st.caption(t("sentiment.compare_shipped", accuracy=reference.accuracy, f1=reference.macro_f1))
    st.caption(t("sentiment.on_gates"))
    st.download_button(t("sentiment.download"), trained.classifier.save(), file_name="sentiment_model.zip", mime="application/zip", key="sentiment_download", help=t("sentiment.download_help"))


def _upload() -> None:
    """A model zip downloaded from this page earlier, checked all the way down (`SentimentClassifier.load`)."""
    uploaded = st.file_uploader(t("sentiment.upload"), type=["zip"], key="sentiment_upload", help=t("sentiment.upload_help"))
    if uploaded is not None:
        try:
            st.session_state["sentiment_own"] = session.upload(uploaded.getvalue())
            st.caption(t("sentiment.uploaded", name=literal(uploaded.name)))
        except assets.AssetError as error:
            st.error(t("sentiment.upload_error", reason=reason_of(error)))
