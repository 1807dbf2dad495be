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

Who owns a training: the *browser*. Streamlit gives every browser one XSRF cookie, sent
by all of its tabs, so one browser may have one training running or queued at a time,
whichever page or tab started it (`owner`); without that cookie (XSRF protection off, a
script without cookies) each tab counts as its own owner, and the queue's length is
bounded all the same. A session's tickets live in a session-scoped resource whose
release hands them back to the pool: when a tab is closed or its connection lost,
Streamlit ends the session, the running epoch is stopped at its next progress update,
and the slot and the place in the queue are free at once.
"""

from __future__ import annotations

import gc
import hashlib
import sys
import uuid
from dataclasses import dataclass, field
from typing import Callable, Protocol

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lstm_core.serving.slots import QueueRefused, SlotPool, default_slots
from lstm_core.training.backend import clear, one_thread_per_training
from lstm_core.ui.i18n import reason_of, t

XSRF_COOKIE = "_streamlit_xsrf"  # Streamlit's own cookie: one token per browser, in every tab's requests

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


def browser_token(cookie: str) -> bytes | None:
    """The token inside Streamlit's XSRF cookie value "2|mask|masked token|time", or None.

    Streamlit sets the cookie again on each response with a fresh mask, so the token is
    unmasked (XOR) to be the same for every tab of the browser.
    """
    parts = cookie.strip("\"'").split("|")
    if len(parts) != 4 or parts[0] != "2":
        return None
    try:
        mask, masked = bytes.fromhex(parts[1]), bytes.fromhex(parts[2])
    except ValueError:
        return None
    if not mask or not masked:
        return None
    return bytes(byte ^ mask[i % len(mask)] for i, byte in enumerate(masked))


def owner() -> str:
    """Who this session's trainings belong to: its browser, else the session itself."""
    try:
        token = browser_token(st.context.cookies.get(XSRF_COOKIE, ""))
    except Exception:  # noqa: BLE001 - no client context (AppTest, a bare script run)
        token = None
    if token:
        return "browser:" + hashlib.sha256(token).hexdigest()[:16]
    context = get_script_run_ctx()
    return "session:" + (context.session_id if context is not None else "")


@dataclass
class SessionTickets:
    """One session's tickets, taken out of the pool when the session ends."""

    pool: SlotPool
    tickets: set[str] = field(default_factory=set)

    def release(self) -> None:
        for ticket in list(self.tickets):
            self.pool.leave(ticket)
        self.tickets.clear()


def _release(tickets: SessionTickets) -> None:
    tickets.release()


@st.cache_resource(show_spinner=False, scope="session", on_release=_release)
def session_tickets() -> SessionTickets:
    """This session's tickets; Streamlit calls `_release` when the session disconnects."""
    return SessionTickets(slot_pool())


@dataclass(frozen=True)
class LiveTraining:
    """One page's training: session keys start with `prefix` (e.g. "sentiment")."""

    prefix: str  # also the page's name in the string table ("common.page.<prefix>")
    keras: bool = True  # the job trains with Keras: one TensorFlow thread, Keras cleared at the end

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

    def start(self, make_job: Callable[[], Job], message: str) -> bool:
        """Queue a training and build its job (under a spinner with `message`); epochs run from `advance`.

        The place in the queue is taken first, so a browser that already has a training
        (or a full queue) is told so before any data is prepared; returns False then.
        """
        pool, ticket = slot_pool(), uuid.uuid4().hex
        try:
            pool.join(ticket, owner(), self.prefix)
        except QueueRefused as error:
            st.error(reason_of(error))
            return False
        session_tickets().tickets.add(ticket)
        if self.keras:
            one_thread_per_training()  # one core per training, set once before TensorFlow's first op
        st.session_state.pop(self.stop_key, None)
        try:
            with st.spinner(message):
                job = make_job()
        except BaseException:
            pool.leave(ticket)
            raise
        st.session_state[self.job_key] = job
        st.session_state[self.ticket_key] = ticket
        return True

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
        pool = slot_pool()
        try:
            ticket = self._ticket()
        except QueueRefused as error:  # it timed out, and meanwhile another tab of this browser queued one
            del st.session_state[self.job_key]
            st.session_state.pop(self.ticket_key, None)
            st.error(reason_of(error))
            return
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
        """This job's ticket, queued again at the end if it was dropped (the tab slept or reconnected)."""
        ticket = st.session_state.setdefault(self.ticket_key, uuid.uuid4().hex)
        if ticket not in slot_pool():
            slot_pool().join(ticket, owner(), self.prefix)
        session_tickets().tickets.add(ticket)
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
            try:
                ahead = pool.ahead(ticket)
            except KeyError:  # dropped (timed out) since the page last looked: rejoin at the end
                ahead = None
            if ahead is None or ahead < pool.slots:
                st.rerun(scope="app")  # our turn (or we rejoin): train
            st.info(t("common.training_queued", ahead=ahead))
            st.button(t("common.training_cancel"), key=f"{self.prefix}_cancel", on_click=self.cancel)

        with progress_slot.container():
            queued()

    @staticmethod
    def _free_memory(pool: SlotPool) -> None:
        """Give the finished model's memory back; Keras' global state only when no one else trains."""
        if len(pool) == 0 and "keras" in sys.modules:  # a word2vec run never loaded Keras
            clear()
        gc.collect()

