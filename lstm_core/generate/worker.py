"""The server's generation process: every session's requests for a shipped model, batched, off the page's GIL.

A Streamlit server runs every session's page in threads of one process, which share one
GIL. Stepping a class's generations in a thread of that process (tried first) made each
character wait for the GIL behind the pages' Python: with 30 students typing their own
prompts, a step took twice to three times its CPU time, and a generation of 200
characters 2 s. Here a second process, started by the server on its first generation,
holds the shipped character LSTMs and one `batched.Stepper` per model: requests from any
session join the running batch at the next character, and their steps flow back in chunks
of `FLUSH` (or when a request is done), so a page can show the text as it grows. On two
cores the pages keep one and the generations get the other.

It is the same arithmetic as generating in the page (`batched`: the same text for the same
seed and settings, alone or in a batch), checked by tests/core/generate/test_worker.py.

Messages are pickled frames over the child's stdin and stdout, between this module's two
halves only (`GenerationProcess` in the server, `serve` in the child):
    server -> child: ("load", model) | ("job", id, model, prompt_ids, length, config, inspect) | ("cancel", id)
    child -> server: ("steps", id, new steps, done, error message or None)
The child ends when its stdin closes (the server stopped); a child that dies fails the
requests in flight with `GenerationFailed`, and the next request starts a new one.
"""

from __future__ import annotations

import itertools
import os
import pickle
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import BinaryIO

from lstm_core.generate import batched, language_model
from lstm_core.nn import blas

ROOT = Path(__file__).resolve().parents[2]
FLUSH = 25  # steps of a request sent back together (an inspection chunk)


class GenerationFailed(RuntimeError):
    """The generation process could not finish a request (it ended, or the step raised)."""


def _write(stream: BinaryIO, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(4, "big") + data)
    stream.flush()


def _read(stream: BinaryIO):
    """The next message, or None at the end of the stream."""
    head = stream.read(4)
    if len(head) < 4:
        return None
    size = int.from_bytes(head, "big")
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)  # noqa: S301 - frames written by this module's other half over a private pipe


# ---- the server's side ------------------------------------------------------------------------
class GenerationProcess:
    """Starts the child on the first request and hands each request's steps back to its `Job`.

    Thread-safe: any session's script thread may `submit`. A `Job` fills as the child
    answers; `job.cancel()` (the page reran) tells the child to drop it.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._child: subprocess.Popen | None = None
        self._jobs: dict[int, tuple[subprocess.Popen, batched.Job]] = {}  # id -> (the child stepping it, job)
        self._ids = itertools.count()

    def preload(self, model: str) -> None:
        """Start the child and have it load `model` now, so the first request does not wait for it."""
        with self._lock:
            self._send(("load", model))

    def submit(self, model: str, job: batched.Job) -> batched.Job:
        """Queue `job` (`language_model.job_for`) for the shipped model `model` ("zh" or "en")."""
        with self._lock:
            job_id = next(self._ids)
            job._on_cancel = lambda: self._cancel(job_id)
            self._send(("job", job_id, model, job.prompt_ids, job.length, job.config, job.inspect))
            self._jobs[job_id] = (self._child, job)
        return job

    def close(self) -> None:
        with self._lock:
            child, self._child = self._child, None
        if child is not None:
            child.stdin.close()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()

    def _cancel(self, job_id: int) -> None:
        with self._lock:
            if self._jobs.pop(job_id, None) is not None:
                self._send(("cancel", job_id))

    def _send(self, message) -> None:
        """Write to the child (started if need be); called with the lock held."""
        for attempt in (1, 2):
            if self._child is None or self._child.poll() is not None:
                self._start()
            try:
                _write(self._child.stdin, message)
                return
            except (BrokenPipeError, OSError):
                if attempt == 2:
                    raise GenerationFailed("the generation process cannot be reached") from None
                self._child = None

    def _start(self) -> None:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
        child = subprocess.Popen([sys.executable, "-m", "lstm_core.generate.worker"], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, cwd=ROOT, env=env)
        self._child = child
        threading.Thread(target=self._receive, args=(child,), name="generation-results", daemon=True).start()

    def _receive(self, child: subprocess.Popen) -> None:
        """Hand the child's answers to their jobs; when it ends, fail the jobs it had."""
        while (message := _read(child.stdout)) is not None:
            _, job_id, steps, done, error = message
            with self._lock:
                _, job = self._jobs.get(job_id, (None, None))
                if job is not None and done:
                    del self._jobs[job_id]
            if job is not None:
                job.steps.extend(steps)
                if done:
                    job._finish(GenerationFailed(error) if error else None)
        child.wait()
        with self._lock:
            if self._child is child:
                self._child = None
            lost = [job_id for job_id, (owner, _) in self._jobs.items() if owner is child]
            jobs = [self._jobs.pop(job_id)[1] for job_id in lost]
        for job in jobs:
            job._finish(GenerationFailed(f"the generation process ended (exit code {child.returncode})"))


# ---- the child's side -----------------------------------------------------------------------
def serve(incoming: BinaryIO, outgoing: BinaryIO) -> None:
    """Step every request that arrives, one batch per model, until `incoming` closes."""
    inbox: queue.Queue = queue.Queue()

    def read_all() -> None:
        while (message := _read(incoming)) is not None:
            inbox.put(message)
        inbox.put(None)

    threading.Thread(target=read_all, name="requests", daemon=True).start()
    steppers: dict[str, batched.Stepper] = {}
    waiting: dict[str, list[batched.Job]] = {}
    running: dict[int, list] = {}  # id -> [job, steps sent so far]
    with blas.one_thread():
        while True:
            busy = any(s.active for s in steppers.values()) or any(waiting.values())
            messages = [] if busy else [inbox.get()]
            while not inbox.empty():
                messages.append(inbox.get_nowait())
            for message in messages:
                if message is None:
                    return
                _take(message, steppers, waiting, running, outgoing)
            for model, stepper in steppers.items():
                queued = waiting.get(model, [])
                while queued and stepper.room:
                    job = queued.pop(0)
                    if not job._cancelled:
                        stepper.add(job)
                try:
                    stepper.step()
                except Exception as error:  # noqa: BLE001 - every request in the batch is told why
                    stepper.fail(error)
            _send_steps(running, outgoing)


def _take(message, steppers: dict, waiting: dict, running: dict, outgoing: BinaryIO) -> None:
    kind = message[0]
    if kind == "cancel":
        entry = running.pop(message[1], None)
        if entry is not None:
            entry[0].cancel()
        return
    model = message[1] if kind == "load" else message[2]
    try:
        if model not in steppers:
            steppers[model] = batched.Stepper(language_model.load_language_model(model))
    except Exception as error:  # noqa: BLE001 - a model that cannot load fails its requests, not the process
        if kind == "job":
            _write(outgoing, ("steps", message[1], [], True, f"{type(error).__name__}: {error}"))
        return
    if kind == "job":
        _, job_id, _, prompt_ids, length, config, inspect = message
        job = batched.Job(tuple(prompt_ids), int(length), config, bool(inspect))
        running[job_id] = [job, 0]
        waiting.setdefault(model, []).append(job)


def _send_steps(running: dict, outgoing: BinaryIO) -> None:
    for job_id, entry in list(running.items()):
        job, sent = entry
        if job.done or len(job.steps) - sent >= FLUSH:
            error = f"{type(job.error).__name__}: {job.error}" if job.error is not None else None
            _write(outgoing, ("steps", job_id, job.steps[sent:], job.done, error))
            entry[1] = len(job.steps)
            if job.done:
                del running[job_id]


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
