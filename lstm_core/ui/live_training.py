"""Live training on a page: the queue, the progress bar, the curves, the stop button.

Every page that trains uses this one helper. A training is a *job* kept in the
session (`<prefix>_job`) with `run_epoch(on_batch, should_stop)`, `finished`, `stop()`
and `progress`. Each script run trains one epoch and then asks for a rerun, so the stop
button (whose click ends the current run) is read at the start of the next one, and
the page keeps whatever the model had learned by then.

Trainings are a shared resource: one server process holds one `SlotPool`
(`lstm_core.serving.slots`), sized by LSTM_LAB_TRAINING_SLOTS (default: one slot per two
cores). A job takes a slot only while an epoch runs and keeps its place in the queue
between epochs; a job whose turn has not come shows how many trainings are ahead and
a Cancel button, and looks again every second without blocking the page.
"""

from __future__ import annotations

import gc
import uuid
from dataclasses import dataclass
from typing import Callable, Protocol

import streamlit as st

from lstm_core.serving.slots import SlotPool, default_slots
from lstm_core.training.backend import clear, one_thread_per_training
from lstm_core.ui.i18n import t

POLL_SECONDS = 1.0  # how often a queued job looks whether its turn has come


class Job(Protocol):
    """What a page trains: `EpochTrainer`, `ForecastTraining`, `TextTraining`, `LiveRun`."""

    finished: bool

    def progress(self, within_epoch: float = 0.0) -> float: ...  # fraction of the run done, 0..1

    def run_epoch(self, on_batch: Callable[[int, int], None] | None = None,
                  should_stop: Callable[[], bool] | None = None) -> object: ...

    def stop(self) -> None: ...


@st.cache_resource(show_spinner=False)
def slot_pool() -> SlotPool:
    """The one pool of this server process, shared by every session."""
    return SlotPool(default_slots())


@dataclass(frozen=True)
class LiveTraining:
    """One page's training: session keys start with `prefix` (e.g. "sentiment")."""

    prefix: str

    @property
    def job_key(self) -> str:
        return f"{self.prefix}_job"

    @property
    def stop_key(self) -> str:
        return f"{self.prefix}_stop_requested"

    @property
    def ticket_key(self) -> str:
        return f"{self.prefix}_ticket"

    @property
    def running(self) -> bool:
        return self.job_key in st.session_state

    def start(self, make_job: Callable[[], Job], message: str) -> None:
        """Build the job (under a spinner with `message`) and queue it; epochs run from `advance`."""
        one_thread_per_training()  # one core per training, set once before TensorFlow's first op
        st.session_state.pop(self.stop_key, None)
        with st.spinner(message):
            job = make_job()
        st.session_state[self.job_key] = job
        st.session_state[self.ticket_key] = uuid.uuid4().hex
        slot_pool().join(st.session_state[self.ticket_key])

    def request_stop(self) -> None:
        """on_click of the stop button: read by `advance` at the start of the next run."""
        st.session_state[self.stop_key] = True

    def stop_button(self, column=st, help: str | None = None) -> None:
        """The page's stop button (key `<prefix>_stop`), live only while a job runs."""
        column.button(t("common.stop"), key=f"{self.prefix}_stop", on_click=self.request_stop,
                      disabled=not self.running, help=help)

    def cancel(self) -> None:
        """on_click of Cancel while queued: the job leaves the queue untrained."""
        slot_pool().leave(st.session_state.pop(self.ticket_key, ""))
        st.session_state.pop(self.job_key, None)
        st.session_state[f"{self.prefix}_cancelled"] = True

    def advance(self, progress_slot, progress_text: Callable[[Job, int, int], str],
                draw: Callable[[Job], None], finish: Callable[[Job], None]) -> None:
        """Run the next epoch of the session's job when a slot is free, or finish it.

        progress_text(job, batch, batches) labels the bar; draw(job) redraws the curves;
        finish(job) stores the result in the session. Then the page reruns top to bottom.
        """
        if st.session_state.pop(f"{self.prefix}_cancelled", False):
            st.info(t("common.training_cancelled"))
        job: Job | None = st.session_state.get(self.job_key)
        if job is None:
            return
        if st.session_state.pop(self.stop_key, False):
            job.stop()
        pool, ticket = slot_pool(), self._ticket()
        if not job.finished:
            if not pool.acquire(ticket):
                self._wait(progress_slot, ticket)
                return
            try:
                self._epoch(job, progress_slot, progress_text)
            finally:
                pool.release(ticket)
            draw(job)
            if not job.finished:
                st.rerun()
        pool.leave(ticket)
        finish(job)
        del st.session_state[self.job_key]
        st.session_state.pop(self.ticket_key, None)
        self._free_memory(pool)
        st.rerun()  # redraw the page top to bottom with the result

    def _ticket(self) -> str:
        """This job's ticket, queued again at the end if it timed out (the tab slept)."""
        ticket = st.session_state.setdefault(self.ticket_key, uuid.uuid4().hex)
        if ticket not in slot_pool():
            slot_pool().join(ticket)
        return ticket

    @staticmethod
    def _epoch(job: Job, progress_slot, progress_text) -> None:
        def on_batch(done: int, total: int) -> None:
            if done % 10 == 0 or done == total:
                progress_slot.progress(min(1.0, job.progress(done / total)), text=progress_text(job, done, total))

        job.run_epoch(on_batch)

    def _wait(self, progress_slot, ticket: str) -> None:
        """Show the place in the queue and a Cancel button; look again every second."""

        @st.fragment(run_every=POLL_SECONDS)
        def queued() -> None:
            pool = slot_pool()
            if ticket not in pool or pool.ahead(ticket) < pool.slots:
                st.rerun(scope="app")  # our turn (or we timed out and rejoin): train
            st.info(t("common.training_queued", ahead=pool.ahead(ticket)))
            st.button(t("common.training_cancel"), key=f"{self.prefix}_cancel", on_click=self.cancel)

        with progress_slot.container():
            queued()

    @staticmethod
    def _free_memory(pool: SlotPool) -> None:
        """Give the finished model's memory back; Keras' global state only when no one else trains."""
        if len(pool) == 0:
            clear()
        gc.collect()

