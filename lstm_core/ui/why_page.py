"""Session and cache plumbing for the "Why an LSTM" page: shipped results, gradients, the live run.

The live run goes through `lstm_core.ui.live_training`: one epoch of each cell per script
run, queued behind other sessions' trainings, stopped by the stop button between epochs.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from lstm_core.serving import assets
from lstm_core.ui.live_training import LiveTraining
from lstm_core.why.cells import CELLS, NAME, MemoryResults, unpack
from lstm_core.why.gradients import norms_by_distance
from lstm_core.why.live import LiveConfig, LiveRun
from lstm_core.why.memory_task import MemoryTask, make_splits

TRAINING = LiveTraining("why")  # session keys why_job, why_stop_requested, ...
JOB, DONE = TRAINING.job_key, "why_done"
GRADIENT_SEQUENCES = 16  # test sequences averaged on the page (the card used more)


@st.cache_resource(show_spinner=False)
def shipped() -> tuple[MemoryResults, dict]:
    """The results on the card and the float16 weights of why_memory, checked against the card's SHA-256."""
    card = assets.read_card(NAME)
    return MemoryResults.from_card(card), assets.weights_from_bytes(assets.read_weights(card))


@st.cache_data(show_spinner=False, max_entries=64)
def gradient_curves(stage: str, scale: float, clip: bool) -> dict[str, list[float]]:
    """Mean |dLoss/dx_t| by distance back, per cell, for the shipped weights of one stage."""
    results, weights = shipped()
    task = MemoryTask(distance=results.gradient_distance)
    probe = make_splits(task, (1, 1, GRADIENT_SEQUENCES), results.seed + 1).test
    return {
        kind: norms_by_distance(net, probe.x, probe.y, scale, 1.0 if clip else None).tolist()
        for kind, net in unpack(weights, stage).items()
    }


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
