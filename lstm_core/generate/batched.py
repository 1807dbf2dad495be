"""Many generations of one character LSTM stepped together: one forward pass per character.

Each character of a generation multiplies the LSTM's state by its recurrent and output
matrices and draws from the distribution that comes out. A class that types its own
prompts asks for many generations at once, so `Stepper` advances every request it holds
by one character per `step()`: one NumPy call per matrix for all of them
(`Network.step_rows`), then the next character of every request drawn in one go
(`sampling.reshape_rows`, `sampling.draw_rows`), each from its own seeded generator.
The Python around each character (a few dozen NumPy calls) is paid once per step for
the whole batch instead of once per request.

A request's text does not depend on its company: each row's products are its own
vector-matrix products (`Network.step_rows`: bit for bit what `Network.step` gives one
sequence), the row-wise sampling gives each row the numbers `sampling.reshape` and
`sampling.draw` give it alone, and the generator is the request's own.
`language_model.generate` runs a character model through a Stepper of one, so alone or
in a batch (the page's side-by-side temperatures, a model's reference texts) the same
seed and settings give the same text (tests/core/generate/test_batched.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

import numpy as np

from lstm_core.generate import sampling
from lstm_core.generate.steps import INSPECT_CHUNK, drawable_rows, inspected, plain
from lstm_core.nn import blas

MAX_ROWS = 64  # requests stepped together; more wait for a row (each holds two (H,) states)


@dataclass
class Job:
    """One request's progress: its steps so far (readable while it runs) and whether it is done.

    `steps` only grows (by whole inspection chunks when `inspect`).
    """

    prompt_ids: tuple[int, ...]
    length: int
    config: sampling.SamplingConfig
    inspect: bool = True
    steps: list = field(default_factory=list)
    done: bool = False


class _Row:
    """A job inside a Stepper: what it feeds next, its generator and its characters so far."""

    def __init__(self, job: Job, newline_id: int):
        self.job = job
        self.feed = [newline_id, *job.prompt_ids]  # read before the first draw
        self.read = 0
        self.rng = np.random.default_rng(job.config.seed)
        self.drawn = 0
        self.pending: list[tuple[int, np.ndarray, np.ndarray]] = []

    @property
    def next_id(self) -> int:
        return self.feed[self.read]

    @property
    def drawing(self) -> bool:
        """Its last fed id was the prompt's last: this step's output is a distribution to draw from."""
        return self.read == len(self.feed) - 1


class Stepper:
    """Requests of one character model, all advanced one character per `step()`."""

    def __init__(self, model, max_rows: int = MAX_ROWS):
        self.model = model
        self.max_rows = max_rows
        self.rows: list[_Row] = []
        self._state: list[tuple[np.ndarray, np.ndarray]] = model.network.initial_rows(0)
        self._newline = model.start_id

    @property
    def active(self) -> bool:
        return bool(self.rows)

    @property
    def room(self) -> int:
        return self.max_rows - len(self.rows)

    def add(self, job: Job) -> None:
        if job.length <= 0:
            job.done = True
            return
        self.rows.append(_Row(job, self._newline))
        fresh = self.model.network.initial_rows(1)
        self._state = [(np.concatenate([h, h1]), np.concatenate([c, c1])) for (h, c), (h1, c1) in zip(self._state, fresh)]

    def step(self) -> None:
        """Feed every row its next id; rows past their prompt draw their next character."""
        if not self.rows:
            return
        ids = np.array([row.next_id for row in self.rows])
        probs, self._state = self.model.network.step_rows(ids, self._state)
        drawing = [n for n, row in enumerate(self.rows) if row.drawing]
        for row in self.rows:
            row.read += 1
        if len(drawing) == len(self.rows):
            self._draw(drawing, probs)
        elif drawing:
            self._draw(drawing, probs[drawing])
        self._drop([n for n, row in enumerate(self.rows) if row.job.done])

    def _draw(self, rows: list[int], probs: np.ndarray) -> None:
        vocab = self.model.vocab
        from_rows = [self.rows[n] for n in rows]
        shaped = sampling.reshape_rows(drawable_rows(vocab, probs), [row.job.config for row in from_rows])
        uniforms = np.array([row.rng.random() for row in from_rows])
        drawn = sampling.draw_rows(shaped, uniforms)
        for k, row in enumerate(from_rows):
            token_id = int(drawn[k])
            row.drawn += 1
            finished = row.drawn == row.job.length
            if row.job.inspect:
                row.pending.append((token_id, probs[k], shaped[k]))
                if len(row.pending) == INSPECT_CHUNK or finished:
                    row.job.steps.extend(inspected(vocab, row.pending))
                    row.pending = []
            else:
                row.job.steps.append(plain(vocab, token_id))
            if finished:
                row.job.done = True
            else:
                row.feed.append(token_id)

    def _drop(self, rows: list[int]) -> None:
        if not rows:
            return
        dropped = set(rows)
        keep = [n for n in range(len(self.rows)) if n not in dropped]
        self.rows = [self.rows[n] for n in keep]
        self._state = [(h[keep], c[keep]) for h, c in self._state]


def run_together(model, jobs: list[Job], max_rows: int = MAX_ROWS) -> None:
    """Step these jobs together in this thread until all are done (more than `max_rows`: in turns)."""
    stepper = Stepper(model, max_rows)
    waiting = list(jobs)
    with blas.one_thread():
        while waiting or stepper.active:
            while waiting and stepper.room:
                stepper.add(waiting.pop(0))
            stepper.step()


def steps_of(model, job: Job) -> Iterator:
    """One job's steps as they come, stepping it alone in this thread."""
    stepper = Stepper(model)
    stepper.add(job)
    handed = 0
    with blas.one_thread():
        while stepper.active:
            stepper.step()
            yield from job.steps[handed:]
            handed = len(job.steps)
    yield from job.steps[handed:]
