"""A server-wide limit on trainings: a few slots and a first-come, first-served queue.

Every Streamlit session of one server process shares one `SlotPool` (the UI creates it
once with `st.cache_resource`). A training joins the queue with a ticket and keeps its
place until it ends; the first `slots` tickets may train, the others see how many
trainings are ahead of them. A slot is held only while an epoch runs.

Each ticket names its owner (the UI passes the browser, so every tab of one browser is
one owner) and the page it came from: an owner may have one training running or queued
at a time, and the queue holds at most `slots + max_waiting` tickets. When a session
ends (its tab is closed or its connection lost) the UI takes its tickets out at once
(`leave`). As a fallback for a session whose end is never seen, a ticket not touched for
`idle_seconds` between epochs is dropped, and a holder whose epoch never ends (its
thread died) loses the slot after `hold_seconds`. Plain Python, so the tests drive it
with a fake clock.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Callable

from lstm_core.message import Message, UserError

SLOTS_ENV = "LSTM_LAB_TRAINING_SLOTS"
MAX_WAITING = 40  # queued trainings behind the running ones: a class of 30, with room to spare


def default_slots(environ: dict[str, str] | None = None, cores: int | None = None) -> int:
    """LSTM_LAB_TRAINING_SLOTS if set, else one slot per two cores (at least one)."""
    environ = os.environ if environ is None else environ
    value = environ.get(SLOTS_ENV, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"{SLOTS_ENV} must be a whole number of at least 1, not {value!r}")
        return int(value)
    return max(1, (cores if cores is not None else os.cpu_count() or 1) // 2)


class QueueRefused(UserError):
    """A training that may not join the queue: its owner has one already, or the queue is full."""


@dataclass
class _Ticket:
    seen: float  # last time its session showed it was alive
    owner: str = ""  # who asked for it (the UI: a browser); "" for nobody in particular
    page: str = ""  # where it was started, to tell its owner where it is
    held_since: float | None = None  # while an epoch runs


class SlotPool:
    """`slots` trainings at a time, in the order they asked; thread-safe."""

    def __init__(self, slots: int, idle_seconds: float = 90.0, hold_seconds: float = 900.0,
                 clock: Callable[[], float] = time.monotonic, max_waiting: int = MAX_WAITING) -> None:
        if slots < 1:
            raise ValueError("a pool needs at least one slot")
        self.slots, self.idle_seconds, self.hold_seconds, self._clock = slots, idle_seconds, hold_seconds, clock
        self.max_waiting = max_waiting
        self._queue: dict[str, _Ticket] = {}  # insertion order is the queue's order
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """Trainings running or queued."""
        with self._lock:
            self._drop_stale()
            return len(self._queue)

    def __contains__(self, ticket: str) -> bool:
        with self._lock:
            self._drop_stale()
            return ticket in self._queue

    def join(self, ticket: str, owner: str = "", page: str = "") -> None:
        """Take a place at the end of the queue (a ticket already in it keeps its place).

        Raises `QueueRefused` when `owner` has another ticket in the queue (running or
        waiting, from any page) or the queue already holds `slots + max_waiting` tickets.
        """
        with self._lock:
            self._drop_stale()
            if ticket in self._queue:
                self._queue[ticket].seen = self._clock()
                return
            mine = next((state for state in self._queue.values() if owner and state.owner == owner), None)
            if mine is not None:
                where = Message("common.training_one_each", {"page": Message(f"common.page.{mine.page}")})
                raise QueueRefused(f"this browser already has a training running or waiting ({mine.page or 'a page'})",
                                   where if mine.page else Message("common.training_one_each_somewhere"))
            if len(self._queue) >= self.slots + self.max_waiting:
                raise QueueRefused(f"{len(self._queue)} trainings are running or waiting; the queue is full",
                                   Message("common.training_queue_full", {"count": len(self._queue)}))
            self._queue[ticket] = _Ticket(self._clock(), owner, page)

    def ahead(self, ticket: str) -> int:
        """How many trainings are before this one: below `slots` means it may train now."""
        with self._lock:
            self._drop_stale()
            self._touch(ticket)
            return list(self._queue).index(ticket)

    def position(self, ticket: str) -> int:
        """Place in the waiting line: 0 may train now, 1 is next, 2 after that, ..."""
        return max(0, self.ahead(ticket) - self.slots + 1)

    def acquire(self, ticket: str) -> bool:
        """Hold a slot for one epoch if this ticket's turn has come; False means wait."""
        with self._lock:
            self._drop_stale()
            self._touch(ticket)
            if list(self._queue).index(ticket) >= self.slots:
                return False
            self._queue[ticket].held_since = self._clock()
            return True

    def release(self, ticket: str) -> None:
        """The epoch ended: give the slot back, keep the place in the queue."""
        with self._lock:
            if ticket in self._queue:
                self._queue[ticket].held_since = None
                self._queue[ticket].seen = self._clock()

    def leave(self, ticket: str) -> None:
        """The training finished or was cancelled: the next in line moves up."""
        with self._lock:
            self._queue.pop(ticket, None)

    def waiting(self) -> int:
        """Trainings queued behind the running ones."""
        with self._lock:
            self._drop_stale()
            return max(0, len(self._queue) - self.slots)

    def _touch(self, ticket: str) -> None:
        if ticket not in self._queue:
            raise KeyError(f"ticket {ticket!r} is not in the queue (it timed out, or never joined)")
        self._queue[ticket].seen = self._clock()

    def _drop_stale(self) -> None:
        now = self._clock()
        for ticket, state in list(self._queue.items()):
            idle = state.held_since is None and now - state.seen > self.idle_seconds
            hung = state.held_since is not None and now - state.held_since > self.hold_seconds
            if idle or hung:
                del self._queue[ticket]
