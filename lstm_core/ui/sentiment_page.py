"""Session and cache plumbing for the sentiment page: loaders, training in epochs, upload.

Training goes through `lstm_core.ui.live_training`: one epoch per script run, queued
behind other sessions' trainings, stopped by the stop button between epochs with
whatever the model had learned by then.
"""

from __future__ import annotations

import re

import streamlit as st

from lstm_core.explain import contrast
from lstm_core.message import Message
from lstm_core.pretrain import PRETRAINED_NAME
from lstm_core.pretrain.results import PretrainResults
from lstm_core.sentiment import classifier as sentiment, sentiment_data
from lstm_core.sentiment.imdb import load
from lstm_core.sentiment.sentiment_train import EpochTrainer, finish, prepare
from lstm_core.serving import assets
from lstm_core.serving.budget import check_training
from lstm_core.string_table import both
from lstm_core.ui import loaders
from lstm_core.ui.i18n import say, t
from lstm_core.ui.live_training import LiveTraining
from lstm_core.ui.session_models import add

TRAINING = LiveTraining("sentiment")  # session keys sentiment_job, sentiment_stop_requested, ...
JOB, TRAINED = TRAINING.job_key, "sentiment_trained"
SESSION_KEY = sentiment.SESSION_KEY
UPLOADS = "sentiment_uploads"  # SHA-256 of the latest uploaded zip -> its model or its AssetError


@st.cache_resource(show_spinner=False)
def baseline(language: str):
    """The shipped TF-IDF baseline (read-only)."""
    return sentiment.load_baseline(language)


def classifier(language: str) -> sentiment.SentimentClassifier:
    """The page's classifier (`PAGE_DEFAULTS`), shared with the Gates page's cache."""
    return loaders.traceable(sentiment.PAGE_DEFAULTS[language])


@st.cache_resource(show_spinner=False)
def pretrained_scores():
    """The pretrained classifier's scores from its card, read once per server (not at every rerun)."""
    return PretrainResults.from_card(assets.read_card(PRETRAINED_NAME)).scores


def pretraining_note(language: str) -> None:
    """Chinese: what the classifier fine-tuned from a language model measured beside the LSTM from scratch."""
    if language != "zh":
        return
    try:
        scores = pretrained_scores()
    except assets.AssetError:
        return  # the Pretraining tab says why; this page keeps working
    key = "sentiment.pretrain_default" if sentiment.PAGE_DEFAULTS[language] == PRETRAINED_NAME else "sentiment.pretrain_kept"
    st.info(t(key, ours=100 * scores["pretrained"].validation, theirs=100 * scores["scratch"].validation),
            icon="🎓")
    st.page_link("pages/practical.py", label=t("sentiment.pretrain_link"), icon=":material/arrow_forward:")


@st.cache_data(show_spinner=False, max_entries=256)
def shipped_reading(language: str, text: str) -> sentiment.Reading:
    """A shipped model's reading of a text; cached, since occlusion costs one run per token."""
    return classifier(language).read(text)


@st.cache_resource(show_spinner=False)
def order_model(language: str) -> sentiment.SentimentClassifier | None:
    """The order-aware LSTM (trained with counterfactual text, `lstm_core.build.order_build`),
    read-only and shared with the "Where order matters" tab; None when its asset is missing."""
    try:
        network, card = assets.load_model(f"order_{language}")
    except (assets.AssetError, FileNotFoundError):
        return None
    return sentiment.classifier_from(network, card, f"order_{language}", Message(f"model.title.order_{language}"))


@st.cache_data(show_spinner=False, max_entries=256)
def order_reading(language: str, text: str) -> sentiment.Reading:
    """The order-aware model's reading of a text (cached like `shipped_reading`)."""
    return order_model(language).read(text)


@st.cache_resource(show_spinner=False)
def page_contrast(language: str) -> dict | None:
    """The page's classifier on the hand-written contrast set, per kind of change (scored once per server);
    None when the set is missing or damaged."""
    try:
        return contrast.model_by_change(classifier(language), language)
    except (FileNotFoundError, contrast.ContrastError):
        return None


def reads_but(language: str) -> contrast.OneChange | None:
    """How each LSTM reads the contrast set's "but" pairs (clauses swapped): the order model's
    scores from its card, the page's own model scored here; None without either."""
    order, page = order_model(language), page_contrast(language)
    if order is None or page is None or "contrast" not in page:
        return None
    return contrast.one_change(order.card.details, "contrast", page)


@st.cache_data(show_spinner=False, max_entries=4)
def dataset(name: str, seed: int) -> sentiment_data.SentimentData:
    return sentiment_data.load(name, seed)


def imdb(file, index_file, seed: int) -> sentiment_data.SentimentData:
    """IMDB from the page's two uploaders (the word index is optional)."""
    data = file.getvalue() if file is not None else b""
    return load(data, index_file.getvalue() if index_file is not None else None, seed=seed)


def start(data: sentiment_data.SentimentData, config) -> None:
    """Check the run's size, then prepare the data and a fresh model; `advance` trains it epoch by epoch."""
    settings = [t(f"sentiment.{name}") for name in ("epochs", "max_length", "units", "layers", "bidirectional")]
    check_training(config.work(len(data.train)), settings)
    TRAINING.start(lambda: EpochTrainer(prepare(data, config), config), t("sentiment.preparing"))


def advance(progress_slot, curves_slot, draw_curves) -> None:
    """Run the next epoch of the session's training job (when a slot is free), or finish it."""
    job = st.session_state.get(JOB)
    if job is not None and job.history:
        draw_curves(curves_slot, job.history)

    def progress_text(job, batch: int, batches: int) -> str:
        return t("sentiment.progress", epoch=job.epochs_run + 1, epochs=job.config.epochs, batch=batch, batches=batches)

    TRAINING.advance(progress_slot, progress_text, lambda job: draw_curves(curves_slot, job.history), keep)


def keep(job) -> None:
    """Score the finished job on the test split and offer its classifier here and on the Gates page."""
    data_name = Message(f"sentiment.dataset.{job.prepared.data.name}")
    title = both(Message("sentiment.session_title", {"data": data_name}))
    trained = finish(job, SESSION_KEY, title)
    st.session_state[TRAINED] = trained
    st.session_state["sentiment_own"] = trained.classifier
    add(trained.classifier)


def upload(data: bytes) -> sentiment.SentimentClassifier:
    """A classifier from a zip this page wrote; raises AssetError with a readable reason.

    The file is parsed once: the model (or the reason it was refused) is kept in the
    session under the upload's SHA-256, so later reruns do not unpack it again.
    """
    digest = assets.sha256_bytes(data)
    seen = st.session_state.get(UPLOADS, {})
    if digest not in seen:
        seen = st.session_state[UPLOADS] = {}  # only the latest upload is kept, not every one
        try:
            seen[digest] = sentiment.SentimentClassifier.load(data)
        except assets.AssetError as error:
            seen[digest] = error
    if isinstance(seen[digest], assets.AssetError):
        raise seen[digest]
    add(seen[digest])
    return seen[digest]


# A verdict as the model card stores it in its disagreement table: "positive (0.70)".
VERDICT = re.compile(r"(?P<label>\S+) \((?P<probability>[\d.]+)\)")


def said_label(label: str) -> str:
    """A class name from a card, in the page's language."""
    return say(sentiment.label_name(label))


def disagreement_rows(rows: list[dict]) -> list[dict]:
    """The card's disagreement table with its class names in the page's language (the card says them in English)."""

    def verdict(text: str) -> str:
        match = VERDICT.fullmatch(text)
        return f"{said_label(match['label'])} ({match['probability']})" if match else said_label(text)

    return [{"text": row["text"], "true": said_label(row["true"]), "lstm": verdict(row["lstm"]),
             "baseline": verdict(row["baseline"])} for row in rows]
