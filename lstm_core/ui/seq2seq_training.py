"""The Sequence to sequence page's "train your own": settings, live training through the one queue.

Widgets take their defaults and bounds from `Seq2SeqConfig`; the run's size is checked
against the server's work budget before it queues; each script run trains one epoch
(`lstm_core.ui.live_training`), draws the curves, and the stop button is read between
epochs. The finished model is offered on this page and, encoder and decoder, on Gates.
"""

from __future__ import annotations

from itertools import count

import streamlit as st

from lstm_core.message import Message, UserError
from lstm_core.serving.assets import AssetError, sha256_bytes
from lstm_core.serving.budget import OverBudget, check_training
from lstm_core.seq2seq import seq2seq_figures as figures
from lstm_core.seq2seq.gate_views import views
from lstm_core.seq2seq.model import ATTENTION_KINDS
from lstm_core.seq2seq.train import Seq2SeqConfig, Seq2SeqTraining, finish, uploaded_run
from lstm_core.seq2seq.translator import Translator
from lstm_core.ui.i18n import literal, reason_of, t
from lstm_core.ui.live_training import LiveTraining
from lstm_core.ui.seq2seq_page import OWN, TASK_NAMES, names, shipped
from lstm_core.ui.session_models import add
from lstm_core.string_table import both
from lstm_core.ui.style import chart

DEFAULTS = Seq2SeqConfig()
LIMITS = Seq2SeqConfig.LIMITS
TRAINING = LiveTraining("seq2seq")  # session keys seq2seq_job, seq2seq_stop_requested, ...
OWN_KEY = "seq2seq_own"  # the key of the session's model (and of its two views on Gates)
UPLOADED = "seq2seq_uploaded"  # (SHA-256 of the latest upload, its translator or the AssetError it raised)


def _settings() -> Seq2SeqConfig:
    """The run's settings from the widgets (UserError for values outside the bounds)."""
    c1, c2, c3 = st.columns(3)
    task = c1.radio(t("seq2seq.train_task"), TASK_NAMES, index=TASK_NAMES.index(DEFAULTS.task), key="seq2seq_train_task",
                    format_func=lambda name: t(f"seq2seq.task.{name}"), help=t("seq2seq.train_task_help"))
    attention = c2.selectbox(t("seq2seq.attention_kind"), ATTENTION_KINDS, index=ATTENTION_KINDS.index(DEFAULTS.attention),
                             key="seq2seq_attention_kind", format_func=lambda kind: t(f"seq2seq.attention.{kind}"),
                             help=t("seq2seq.attention_kind_help"))
    free = c3.radio(t("seq2seq.decoder_reads"), (False, True), index=int(DEFAULTS.free_running), key="seq2seq_free_running",
                    format_func=lambda f: t("seq2seq.reads_own" if f else "seq2seq.reads_truth"),
                    help=t("seq2seq.decoder_reads_help"))
    c1, c2, c3, c4 = st.columns(4)
    units = c1.slider(t("seq2seq.units"), *LIMITS["units"], DEFAULTS.units, step=4, key="seq2seq_units",
                      help=t("seq2seq.units_help"))
    examples = c2.number_input(t("seq2seq.examples"), *LIMITS["examples"], DEFAULTS.examples, step=1000,
                               key="seq2seq_examples", help=t("seq2seq.examples_help"))
    epochs = c3.number_input(t("seq2seq.epochs"), *LIMITS["epochs"], DEFAULTS.epochs, key="seq2seq_epochs",
                             help=t("seq2seq.epochs_help"))
    seed = c4.number_input(t("common.seed"), 0, 10_000, DEFAULTS.seed, key="seq2seq_seed", help=t("seq2seq.seed_help"))
    return Seq2SeqConfig(task=task, attention=attention, free_running=free, units=int(units), examples=int(examples),
                         epochs=int(epochs), seed=int(seed))


def _start(config: Seq2SeqConfig) -> None:
    """Check the run's size, then draw the data and build the model; `advance` trains it epoch by epoch."""
    settings = [t(f"seq2seq.{name}") for name in ("examples", "epochs", "units")]
    check_training(config.work(), settings)
    TRAINING.start(lambda: Seq2SeqTraining(config), t("seq2seq.preparing"))


def _keep(job: Seq2SeqTraining) -> None:
    """Score the finished job on its held-out draw; offer it here and, encoder and decoder, on Gates."""
    title = both(Message("model.title.seq2seq", {"task": Message(f"seq2seq.task.{job.config.task}"),
                                                 "variant": Message("seq2seq.variant.own")}))
    trained = finish(job, OWN_KEY, title)
    st.session_state[OWN] = trained
    for view in views(trained.translator):
        add(view)


def training_section() -> None:
    """Everything under the "Train your own" tab."""
    st.markdown(t("seq2seq.train_intro", seconds=60))
    try:
        measured = shipped("dates")["attention"].results.train_your_own
    except AssetError:
        measured = None  # a missing model is said above the tabs
    if measured is not None:
        st.caption(t("seq2seq.train_measured", seconds=measured.seconds, exact=measured.test_exact,
                     test=measured.test_size, load=measured.load, cores=measured.cores))
    try:
        config = _settings()
    except UserError as error:
        st.error(t("seq2seq.bad_settings", reason=reason_of(error)))
        return
    b1, b2 = st.columns(2)
    start = b1.button(t("seq2seq.train"), key="seq2seq_train", type="primary", disabled=TRAINING.running,
                      help=t("seq2seq.train_help"))
    TRAINING.stop_button(b2, help=t("seq2seq.stop_help"))
    progress_slot, curves_slot = st.empty(), st.empty()
    drawn = count()  # a fresh chart key for each redraw within one run

    def draw(history: dict) -> None:
        if history.get("loss"):
            with curves_slot.container():
                chart(figures.training_curves({"own": history}, names()), key=f"seq2seq_live_curves_{next(drawn)}")

    if start:
        try:
            _start(config)
        except OverBudget as error:
            st.error(t("common.over_budget", times=error.times, settings=", ".join(error.settings)))
        except UserError as error:
            st.error(t("seq2seq.bad_settings", reason=reason_of(error)))
    job = st.session_state.get(TRAINING.job_key)
    if job is not None:
        draw(job.history)

    def progress_text(job, batch: int, batches: int) -> str:
        return t("seq2seq.progress", epoch=job.epochs_run + 1, epochs=job.config.epochs, batch=batch, batches=batches)

    TRAINING.advance(progress_slot, progress_text, lambda job: draw(job.history), _keep)
    trained = st.session_state.get(OWN)
    if trained is not None:
        draw(trained.history)
        if trained.stopped:
            st.warning(t("seq2seq.stopped", epochs=trained.epochs_run))
        st.success(t("seq2seq.finished", epochs=trained.epochs_run, seconds=trained.seconds, exact=trained.test_exact,
                     test=trained.test_size, task=t(f"seq2seq.task.{trained.translator.task.name}")))
        st.caption(t("seq2seq.on_gates"))
        st.download_button(t("seq2seq.download"), trained.translator.save(), file_name="seq2seq_model.zip",
                           mime="application/zip", key="seq2seq_download", help=t("seq2seq.download_help"))
    _upload()


def _upload() -> None:
    """A model zip downloaded from this page before, checked all the way down (`Translator.load`); read once."""
    uploaded = st.file_uploader(t("seq2seq.upload"), type=["zip"], key="seq2seq_upload", help=t("seq2seq.upload_help"))
    if uploaded is None:
        return
    data = uploaded.getvalue()
    digest = sha256_bytes(data)
    seen = st.session_state.get(UPLOADED)
    if seen is None or seen[0] != digest:  # a new file: read it, and it becomes the session's model
        try:
            seen = (digest, Translator.load(data, OWN_KEY))
            st.session_state[OWN] = uploaded_run(seen[1])
            for view in views(seen[1]):
                add(view)
        except AssetError as error:
            seen = (digest, error)
        st.session_state[UPLOADED] = seen  # only the latest upload is kept
    if isinstance(seen[1], AssetError):
        st.error(t("seq2seq.upload_error", reason=reason_of(seen[1])))
    else:
        st.caption(t("seq2seq.uploaded", name=literal(uploaded.name), task=t(f"seq2seq.task.{seen[1].task.name}")))
