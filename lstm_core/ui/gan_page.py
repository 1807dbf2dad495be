"""Session and cache plumbing for the LSTM-GAN page: shipped model, data, live training.

Live training goes through `lstm_core.ui.live_training`: one epoch
(`GanConfig.steps_per_epoch` updates of each network) per script run, queued behind other
sessions' trainings, redrawn after every epoch, stopped by the stop button between epochs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_core.gan import GanConfig, NumericGan, Scores, fit_ar, pca_map, score
from lstm_core.gan import families as data
from lstm_core.gan import shipped as shipped_gan
from lstm_core.gan import text_gan
from lstm_core.gan.adversarial import GanTrainer, gradient_check
from lstm_core.gan.text_gan import is_valid
from lstm_core.message import Message
from lstm_core.ui.i18n import t
from lstm_core.ui.live_training import LiveTraining
from lstm_core.ui.session_models import add

SCORE_SEED = 2  # generated windows are drawn with this seed, as lstm_core.build.gan_build drew the card's

TRAINING = LiveTraining("gan")  # session keys gan_job, gan_stop_requested, ...
JOB, RESULT = TRAINING.job_key, "gan_result"
GRID = 6  # windows per row in the sample grids
SCORED = 500  # generated windows scored against the held-out real ones


@st.cache_resource(show_spinner=False)
def shipped() -> tuple[NumericGan, shipped_gan.ShippedResults]:
    """The shipped sine GAN and what its card records (read-only)."""
    gan, card = shipped_gan.load()
    return gan, shipped_gan.ShippedResults.from_card(card)


@st.cache_data(show_spinner=False, max_entries=4)
def windows(family: str, seed: int = 0) -> data.Windows:
    return data.load(family, seed)


@st.cache_data(show_spinner=False, max_entries=4)
def baseline(family: str, seed: int = 0) -> tuple[np.ndarray, Scores]:
    """AR(4) windows (as many as the test windows) and their scores on the test windows."""
    real = windows(family, seed)
    fake = fit_ar(real.train).sample(len(real.test), seed=SCORE_SEED)
    return fake, score(real.train, real.test, fake)


@st.cache_data(show_spinner=False, max_entries=8)
def sample_rows(_gan: NumericGan, _real: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """GRID real windows, GRID from the shipped generator and GRID from the AR baseline, drawn with `seed`.

    Only the seed is hashed: the generator and the windows are the shipped ones.
    """
    real, rng = _real, np.random.default_rng(seed)
    return {"real": real[rng.choice(len(real), GRID, replace=False)], "gan": _gan.sample(GRID, seed),
            "baseline": baseline("sine")[0][rng.choice(len(real), GRID, replace=False)]}


@st.cache_data(show_spinner=False)
def shipped_map() -> dict:
    """PCA coordinates of real test windows, shipped-GAN windows and AR windows (once per server)."""
    real = windows("sine").test
    gan_windows = shipped()[0].sample(len(real), seed=SCORE_SEED)
    real_xy, gan_xy, variance = pca_map(real, gan_windows)
    _, base_xy, _ = pca_map(real, baseline("sine")[0])
    return {"points": {"real": real_xy, "gan": gan_xy, "baseline": base_xy}, "variance": variance}


@st.cache_data(show_spinner=False)
def gradient_norms() -> dict[str, float | None]:
    """The gradient reaching a text generator through argmax, sampling and Gumbel-softmax."""
    return gradient_check()


# ---- live training ------------------------------------------------------------------------------
@dataclass(frozen=True)
class LiveResult:
    gan: NumericGan
    family: str
    history: dict[str, list[float]]
    scores: Scores
    baseline: Scores
    epochs_run: int
    seconds: float
    stopped: bool


def start(config: GanConfig) -> None:
    """A fresh generator and discriminator on the chosen family, queued; `advance` trains them."""
    st.session_state.pop(RESULT, None)
    TRAINING.start(lambda: GanTrainer(windows(config.family, config.seed).train, config), t("gan.preparing"))


def advance(progress_slot, draw) -> None:
    """Run the next epoch of the session's job (when a slot is free) and draw it, or finish the job."""

    def progress_text(job, done: int, total: int) -> str:
        return t("gan.progress", epoch=job.epochs_run + 1, epochs=job.config.epochs, step=done, steps=total)

    def after_epoch(job) -> None:
        draw(job.config.family, job.history, job.gan().sample(GRID, seed=job.epochs_run))

    TRAINING.advance(progress_slot, progress_text, after_epoch, finish)


def finish(job) -> None:
    """Score the trained generator against the held-out windows; offer it on the Gates page."""
    real = windows(job.config.family, job.config.seed)
    gan = job.gan()
    result = LiveResult(gan, job.config.family, dict(job.history),
                        score(real.train, real.test, gan.sample(len(real.test), seed=SCORE_SEED)),
                        baseline(job.config.family, job.config.seed)[1], job.epochs_run, job.seconds, job.stopped)
    st.session_state[RESULT] = result
    title = Message("gan.session_title", {"family": Message(f"gan.family.{job.config.family}")})
    add(shipped_gan.GeneratorTraceable(gan, key="gan_session_generator", title=title))


# ---- shared rendering -------------------------------------------------------------------------
SCORE_ROWS = ("discriminative", "predictive", "predictive_real", "spread_ratio")


def scored_on(test_windows: int) -> str:
    """What the card's scores were computed on, in the page's language (the card says it in English)."""
    return t("gan.scored_on", test=test_windows, generated=test_windows, seed=SCORE_SEED)


def text_language() -> str:
    """The text GAN's toy language in words, from the module that defines it."""
    return t("gan.text_language", length=text_gan.LENGTH, alphabet="".join(text_gan.ALPHABET))


def score_table(gan_scores: Scores, base_scores: Scores):
    """The GAN's and the baseline's scores side by side, rows named in the page's language."""
    import pandas as pd

    table = pd.DataFrame({t("gan.label.gan"): [getattr(gan_scores, k) for k in SCORE_ROWS],
                          t("gan.label.baseline"): [getattr(base_scores, k) for k in SCORE_ROWS]},
                         index=[t(f"gan.score.{k}") for k in SCORE_ROWS])
    return table.style.format("{:.3f}")


def verdicts(gan_scores: Scores, base_scores: Scores) -> None:
    """Which generator fools the classifier more, and whether either has collapsed."""
    gap, base_gap = abs(gan_scores.discriminative - 0.5), abs(base_scores.discriminative - 0.5)
    (st.success if gap < base_gap else st.warning)(
        t("gan.closer" if gap < base_gap else "gan.not_closer", gan=gan_scores.discriminative, base=base_scores.discriminative))
    for name, values in (("gan", gan_scores), ("baseline", base_scores)):
        if values.collapsed:
            st.error(t("gan.collapsed", name=t(f"gan.label.{name}"), ratio=values.spread_ratio))
    if not gan_scores.collapsed:
        st.caption(t("gan.no_collapse", ratio=gan_scores.spread_ratio))


def text_results(results: shipped_gan.ShippedResults) -> None:
    """Valid-string shares of the text GAN, the language model and random strings, with samples."""
    import pandas as pd

    names, text = ("gan", "language_model", "random"), results.text
    st.subheader(t("gan.text_scores_title"))
    st.table(pd.DataFrame({
        t("gan.col.generator"): [t(f"gan.text.{n}") for n in names],
        t("gan.col.valid"): [f"{text[n].valid_share:.1%}" for n in names],
        t("gan.col.distinct"): [text[n].distinct for n in names],
    }))
    st.markdown(t("gan.text_verdict", gan=text["gan"].valid_share, lm=text["language_model"].valid_share,
                  random=text["random"].valid_share, language=text_language()))

    for column, name in zip(st.columns(3), names):
        shown = "\n".join(f"{'✓' if is_valid(w) else '✗'} {w}" for w in text[name].samples[:12])
        column.markdown(f"**{t(f'gan.text.{name}')}**")
        column.code(shown, language=None)
