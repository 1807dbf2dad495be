"""Cached loaders and per-session state of the text generation page (keys start `generate_`)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Callable

import streamlit as st

from lstm_core.generate import batched, charlm, charlm_train, language_model, sampling
from lstm_core.generate import generate_figures as figures
from lstm_core.generate.ngram import NGramConfig, NGramModel, fit_best
from lstm_core.serving.assets import AssetError
from lstm_core.serving.budget import OverBudget, check_training
from lstm_core.ui.i18n import reason_of, t
from lstm_core.ui.live_training import LiveTraining
from lstm_core.ui.style import chart

USER_KEY = "generate_user_model"  # the model trained in this session (a CharLanguageModel)
USER_NGRAM = "generate_user_ngram"  # (NGramLanguageModel, NGramBaseline) fitted on the same text
USER_SAMPLES = "generate_user_samples"  # EpochSample list of the last training run
TRAINING = LiveTraining("generate")  # session keys generate_job, generate_stop_requested, ...
SAMPLE_CHARS = 20_000  # characters of People's Daily offered as ready-made training text
TABS = ("generate", "temperature", "baseline", "train")  # the page's tabs, labels generate.tab_<name>
# Generated steps of the shipped models kept for every session, oldest dropped first: a
# step holds ten candidates and their probabilities, about 1.5 kB, so this is ~45 MB at most.
SHARED_STEPS = 30_000


class SharedResults:
    """A least-recently-used store of results, shared by every session (thread-safe).

    Generation is deterministic for a model, prompt, length and sampling settings
    (the seed is one of them), so thirty students on the default prompt need it once.
    A result weighs its length (steps or samples); the total stays under `size`.
    """

    def __init__(self, size: int):
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._size = size
        self._weight = 0

    def get(self, key):
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key, value) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self._weight += _weight(value)
            while self._weight > self._size and len(self._items) > 1:
                self._weight -= _weight(self._items.popitem(last=False)[1])


def _weight(value) -> int:
    return max(len(value), 1) if isinstance(value, (list, str)) else 1


@st.cache_resource(show_spinner=False)
def shared_results() -> SharedResults:
    """The server's one store of shipped-model generations (see SharedResults)."""
    return SharedResults(SHARED_STEPS)


@st.cache_resource(show_spinner=False)
def shipped_model(language: str) -> language_model.CharLanguageModel:
    """A shipped character LSTM, loaded once per server and never changed."""
    return language_model.load_language_model(language)


@st.cache_resource(show_spinner=False)
def shipped_ngram(language: str) -> language_model.NGramLanguageModel:
    """The card's best n-gram, refitted on the same training split (a few seconds, once)."""
    lstm = shipped_model(language)
    train_docs, _ = charlm.split(charlm.documents(language))
    best = lstm.ngram_baseline.order
    return language_model.NGramLanguageModel(NGramModel.fit(train_docs, lstm.vocab, NGramConfig(best)))


@st.cache_data(show_spinner=False)
def peoples_daily_sample(chars: int = SAMPLE_CHARS) -> str:
    """The first training sentences of People's Daily, one a line, about `chars` characters."""
    lines, total = [], 0
    for doc in charlm.split(charlm.documents("zh"))[0]:
        if total >= chars:
            break
        lines.append(doc)
        total += len(doc) + 1
    return "\n".join(lines)


def model_choices() -> list[str]:
    """Keys of the models one can pick: the shipped ones that load, then this session's own."""
    keys = []
    for language in ("zh", "en"):
        try:
            shipped_model(language)
            keys.append(f"charlm_{language}")
        except AssetError as error:  # missing or altered weights: say which, keep the other
            st.error(t("generate.model_failed", language=t(f"generate.language.{language}"), reason=reason_of(error)))
    return keys + (["generate_user"] if USER_KEY in st.session_state else [])


def get_model(key: str) -> language_model.CharLanguageModel:
    if key == "generate_user":
        return st.session_state[USER_KEY]
    return shipped_model(key.removeprefix("charlm_"))


def get_ngram(key: str) -> language_model.NGramLanguageModel | None:
    if key == "generate_user":
        held = st.session_state.get(USER_NGRAM)
        return held[0] if held else None
    return shipped_ngram(key.removeprefix("charlm_"))


def stream(model, prompt: str, length: int, config, show: Callable[[str], None], every_seconds: float = 0.15) -> list:
    """Generate step by step, showing the text so far at most every `every_seconds`; the steps.

    Time-based rather than every n characters: 200 characters take a few hundredths of a
    second and appear at once, while 2,000 visibly write themselves out.
    """
    steps: list[language_model.Step] = []
    shown_at = time.perf_counter()
    for step in batched.steps_of(model, language_model.job_for(model, prompt, length, config)):
        steps.append(step)
        if time.perf_counter() - shown_at >= every_seconds:
            show("".join(s.char for s in steps))
            shown_at = time.perf_counter()
    return steps


def side_by_side(model, prompt: str, length: int, temperatures, config) -> list[str]:
    """The same prompt, seed and filters at several temperatures, stepped together (one batch)."""
    jobs = [language_model.job_for(model, prompt, length, sampling.SamplingConfig(temp, config.top_k, config.top_p, config.seed),
                                   inspect=False) for temp in temperatures]
    batched.run_together(model, jobs)
    return ["".join(step.char for step in job.steps) for job in jobs]


def first_distribution(key: str, model, prompt: str):
    """The model's distribution for the first character after `prompt` (kept for the session's last prompt)."""
    settings = (key, model.fingerprint, prompt)
    held = st.session_state.get("generate_first")
    if held and held[0] == settings:
        return held[1]
    _, probs, _ = language_model.read_prompt(model, prompt)
    st.session_state["generate_first"] = (settings, probs)
    return probs


def _shared(settings: tuple) -> bool:
    """Only a shipped model's results are shared: a session's own model is its own."""
    return str(settings[0]).startswith("charlm_")


def remembered(name: str, settings: tuple):
    """A result for exactly these settings: this session's, else the server's, else None."""
    held = st.session_state.get(f"generate_{name}")
    if held and held[0] == settings:
        return held[1]
    value = shared_results().get((name, settings)) if _shared(settings) else None
    if value is not None:
        st.session_state[f"generate_{name}"] = (settings, value)
    return value


def remember(name: str, settings: tuple, value) -> None:
    st.session_state[f"generate_{name}"] = (settings, value)
    if _shared(settings):
        shared_results().put((name, settings), value)


def _user_baseline(model: language_model.CharLanguageModel, train_docs, heldout_docs) -> None:
    """Fit n-grams of orders 2-5 on the user's text; keep the best on its held-out part."""
    fitted, baseline = fit_best(list(train_docs), list(heldout_docs), model.vocab)
    st.session_state[USER_NGRAM] = (language_model.NGramLanguageModel(fitted), baseline)


def _training_figure(samples):
    return figures.training_figure(
        [s.epoch for s in samples], [s.train_bits for s in samples], [s.heldout_bits for s in samples],
        {"title": t("generate.curve_title"), "train": t("generate.curve_train"), "heldout": t("generate.curve_heldout", held_out=charlm.HELDOUT_FRACTION),
         "x": t("generate.axis_epoch"), "y": t("generate.axis_bits")},
    )


def start_training(text: str, config: charlm_train.UserTrainConfig) -> None:
    """Check the text and the run's size, then queue the training; `advance` runs its epochs."""
    try:
        charlm_train.split_text(text)
    except ValueError:
        st.error(t("generate.too_short", n=charlm_train.MIN_CHARS, got=len(text.strip())))
        return
    try:
        check_training(config.work(len(text)), [t("generate.units"), t("generate.epochs")])
    except OverBudget as error:
        st.error(t("common.over_budget", times=error.times, settings=", ".join(error.settings)))
        return
    TRAINING.start(lambda: charlm_train.TextTraining(text, config), t("generate.progress", epoch=1, epochs=config.epochs))


def advance() -> None:
    """Train live: progress bar, curve and a sample after every epoch; each epoch's model is kept."""
    bar, curve, latest = st.empty(), st.empty(), st.empty()

    def show(job: charlm_train.TextTraining) -> None:
        with curve.container():
            chart(_training_figure(job.samples))
        sample = job.samples[-1]
        latest.code(t("generate.epoch_sample", epoch=sample.epoch, text=sample.sample), language=None, wrap_lines=True)

    def after_epoch(job: charlm_train.TextTraining) -> None:
        if not job.samples:  # stopped before the first batch
            return
        if len(job.samples) == 1:  # the baseline on the same split, ready even if training is stopped
            _user_baseline(job.model(), job.train_docs, job.heldout_docs)
        st.session_state[USER_KEY] = job.model()
        st.session_state[USER_SAMPLES] = list(job.samples)
        show(job)

    def progress_text(job, batch: int, batches: int) -> str:
        return t("generate.progress", epoch=len(job.samples) + 1, epochs=job.config.epochs)

    def keep(job: charlm_train.TextTraining) -> None:
        if job.samples:
            st.session_state["generate_trained_note"] = True

    running = st.session_state.get(TRAINING.job_key)
    if running is not None and running.samples:
        show(running)
    TRAINING.advance(bar, progress_text, after_epoch, keep)


def show_training() -> None:
    """The last training run of this session: its curve and what it wrote after each epoch."""
    samples = st.session_state.get(USER_SAMPLES)
    if not samples or TRAINING.running:  # a running job draws its own
        return
    if st.session_state.pop("generate_trained_note", False):
        st.success(t("generate.trained", epochs=len(samples)))
    chart(_training_figure(samples), key="generate_training_curve")
    latest, *earlier = reversed(samples)
    st.code(t("generate.epoch_sample", epoch=latest.epoch, text=latest.sample), language=None, wrap_lines=True)
    if earlier:
        with st.expander(t("generate.earlier_samples")):
            for sample in earlier:
                st.code(t("generate.epoch_sample", epoch=sample.epoch, text=sample.sample), language=None, wrap_lines=True)
