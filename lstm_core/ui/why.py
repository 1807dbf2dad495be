"""Session and cache plumbing for the "Why an LSTM" page: shipped results, gradients, the live run.

The live run trains one epoch of each cell per script run and then reruns, so the stop
button (whose click ends the current run) is read at the start of the next one.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from lstm_core.nn import assets
from lstm_core.build.why_build import NAME
from lstm_core.why.cells import unpack
from lstm_core.why.gradients import norms_by_distance
from lstm_core.why.live import LiveConfig, LiveRun
from lstm_core.why.memory_task import MemoryTask, make_splits

JOB, DONE, STOP = "why_job", "why_done", "why_stop_requested"
GRADIENT_SEQUENCES = 16  # test sequences averaged on the page (the card used more)


@st.cache_resource(show_spinner=False)
def shipped() -> tuple[dict, dict]:
    """The card and the float16 weights of why_memory, checked against the card's SHA-256."""
    card = assets.read_card(NAME)
    data = assets.read_verified(card["weights_file"], card["weights_sha256"])
    return card, assets.weights_from_bytes(data)


@st.cache_data(show_spinner=False, max_entries=64)
def gradient_curves(stage: str, scale: float, clip: bool) -> dict[str, list[float]]:
    """Mean |dLoss/dx_t| by distance back, per cell, for the shipped weights of one stage."""
    card, weights = shipped()
    task = MemoryTask(distance=card["gradients"]["distance"])
    probe = make_splits(task, (1, 1, GRADIENT_SEQUENCES), card["config"]["seed"] + 1).test
    return {
        kind: norms_by_distance(net, probe.x, probe.y, scale, 1.0 if clip else None).tolist()
        for kind, net in unpack(weights, stage).items()
    }


def request_stop() -> None:
    """on_click of the stop button: read by `advance` at the start of the next run."""
    st.session_state[STOP] = True


def start(config: LiveConfig, message: str) -> None:
    st.session_state.pop(STOP, None)
    st.session_state.pop(DONE, None)
    with st.spinner(message):
        st.session_state[JOB] = LiveRun(config)


def advance(progress_slot, draw, progress_text) -> None:
    """Run the next epoch of the session's live run, or finish it and keep only its numbers."""
    job: LiveRun | None = st.session_state.get(JOB)
    if job is None:
        return
    if st.session_state.pop(STOP, False):
        job.stopped = True
    if not job.finished:
        epochs = job.config.epochs
        done = []

        def on_epoch(kind: str, epoch: int, logs: dict[str, float]) -> None:
            done.append(kind)
            fraction = (epoch - 1 + len(done) / len(job.models)) / epochs
            progress_slot.progress(fraction, text=progress_text(kind, epoch, epochs, logs.get("val_accuracy", np.nan)))

        job.run_epoch(on_epoch)
        draw(job.history)
        if not job.finished:
            st.rerun()
    st.session_state[DONE] = {
        "distance": job.config.distance, "history": job.history, "seconds": job.seconds,
        "epochs": job.epochs_run, "stopped": job.stopped,
    }
    del st.session_state[JOB]  # the Keras models go with it
    st.rerun()
