"""Session and cache plumbing for the "Why an LSTM" page: shipped results, gradients, the live run.

The live run goes through `lstm_core.ui.live_training`: one epoch of each cell per script
run, queued behind other sessions' trainings, stopped by the stop button between epochs.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from lstm_core.ui.live_training import LiveTraining
from lstm_core.why.cells import CELLS, ForgetBias, MemoryResults, forget_biases, load_shipped
from lstm_core.why import memory_transformer
from lstm_core.why.gradients import shipped_curves
from lstm_core.why.live import LiveConfig, LiveRun

TRAINING = LiveTraining("why")  # session keys why_job, why_stop_requested, ...
JOB, DONE = TRAINING.job_key, "why_done"
GRADIENT_SEQUENCES = 16  # test sequences averaged on the page (the card used more)


@st.cache_resource(show_spinner=False)
def shipped() -> tuple[MemoryResults, dict]:
    """The results on the card and the float16 weights of why_memory, checked against the card's SHA-256."""
    return load_shipped()


@st.cache_data(show_spinner=False, max_entries=64)
def gradient_curves(stage: str, scale: float, clip: bool) -> dict[str, list[float]]:
    """Mean |dLoss/dx_t| by distance back, per cell, for the shipped weights of one stage."""
    results, weights = shipped()
    return shipped_curves(weights, results.gradient_distance, results.seed, stage, scale, clip, GRADIENT_SEQUENCES)


@st.cache_data(show_spinner=False)
def forget_bias() -> ForgetBias:
    """The shipped LSTM's forget-gate biases at initialisation and after training."""
    return forget_biases(shipped()[1])


@st.cache_resource(show_spinner=False)
def transformer() -> memory_transformer.TransformerResults | None:
    """The Transformer's row of the why_memory card (None on a card built without it)."""
    return memory_transformer.load_results()


@st.cache_data(show_spinner=False, max_entries=16)
def answer_attention(distance: int) -> memory_transformer.AnswerLook:
    """Where the shipped Transformer of one distance looks from its answer, on a new test sequence."""
    _, weights = shipped()
    return memory_transformer.look(transformer(), weights, distance)


def start(config: LiveConfig, message: str) -> None:
    st.session_state.pop(DONE, None)
    TRAINING.start(lambda: LiveRun(config), message)


def advance(progress_slot, draw, progress_text) -> None:
    """Run the next epoch of the session's live run (when a slot is free), or finish it and keep only its numbers."""

    def text(job: LiveRun, batch: int, batches: int) -> str:
        kind = CELLS[min(len(CELLS) - 1, (batch - 1) * len(CELLS) // batches)]  # the three cells train in turn
        last = [values[-1] for values in job.history.values() if values]
        return progress_text(kind, job.epochs_run + 1, job.config.epochs, last[-1] if last else np.nan)

    def keep(job: LiveRun) -> None:
        st.session_state[DONE] = {
            "distance": job.config.distance, "history": job.history, "seconds": job.seconds,
            "epochs": job.epochs_run, "stopped": job.stopped,
        }  # the Keras models go with the job

    TRAINING.advance(progress_slot, text, lambda job: draw(job.history), keep)
