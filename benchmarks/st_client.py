"""A browserless Streamlit client and a server to point it at, for the load benchmark.

Streamlit's frontend talks to the server over one websocket, `/_stcore/stream`: it sends
`BackMsg` protobufs (a `rerun_script` carries the page, the widget values and, for a
widget inside an `st.fragment`, that fragment's id) and receives `ForwardMsg`s
(`navigation` lists the pages, `delta`s draw elements, `script_finished` ends a run).
`StudentClient` speaks exactly that, so a benchmark can drive dozens of sessions
without a browser. `Server` starts `streamlit run app.py` on a free loopback port and
samples its resident memory and CPU time, counting the processes it starts (the
generation process, lstm_core/generate/worker.py) with it.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
FINISHED = ForwardMsg.FINISHED_SUCCESSFULLY
FRAGMENT_FINISHED = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY


class RunFailed(Exception):
    """A run that raised on the server (an exception element) or never finished."""


@dataclass(frozen=True)
class Widget:
    """A widget the server drew: its id and the fragment it lives in ('' for none)."""

    id: str
    fragment_id: str


class StudentClient:
    """One browser tab's worth of protocol: open pages, set widgets, wait for the run."""

    def __init__(self, url: str, timeout: float = 120.0):
        self.url = url
        self.timeout = timeout
        self.pages: dict[str, str] = {}  # url_pathname -> page_script_hash
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}  # user key -> widget drawn in the last run
        self.exceptions = 0
        self.runs_seen = 0
        self.last_run_keys: set[str] = set()  # widget keys the last finished (fragment) run drew
        self._run_keys: set[str] = set()
        self._ws = None

    async def connect(self) -> None:
        self._ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**26,
                                            open_timeout=self.timeout, ping_interval=None)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def open_page(self, url_path: str = "") -> float:
        """Run a page (Home when empty) as a click in the sidebar would; seconds it took."""
        self.page_hash = self.pages.get(url_path, "") if url_path else ""
        self.widgets = {}
        return await self._rerun([], fragment_id="", page_name=url_path)

    async def set_widget(self, key: str, **value) -> float:
        """Give the widget with this key a value (string_value=..., trigger_value=True, ...)."""
        widget = self.widgets.get(key)
        if widget is None:
            raise RunFailed(f"no widget with key {key!r} on this page")
        state = WidgetState(id=widget.id, **value)
        return await self._rerun([state], fragment_id=widget.fragment_id, page_name="")

    async def rerun_fragment(self, fragment_id: str) -> float:
        """Rerun one fragment with no widget change, as a browser does for `run_every`."""
        return await self._rerun([], fragment_id=fragment_id, page_name="")

    async def _rerun(self, states: list[WidgetState], fragment_id: str, page_name: str) -> float:
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = ""
        rerun.page_script_hash = self.page_hash
        rerun.page_name = page_name
        rerun.fragment_id = fragment_id
        rerun.widget_states.widgets.extend(states)
        started = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        await self._until_finished(expect_fragment=bool(fragment_id))
        return time.perf_counter() - started

    async def _until_finished(self, expect_fragment: bool) -> None:
        """Read messages until this run (or fragment run) finishes; count exceptions."""
        exceptions_before = self.exceptions
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RunFailed("the run did not finish in time")
            data = await asyncio.wait_for(self._ws.recv(), left)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash  # the page this run shows
            elif kind == "delta":
                self._read_delta(msg.delta)
            elif kind == "script_finished" and msg.script_finished in (FINISHED, FRAGMENT_FINISHED):
                self.runs_seen += 1
                self.last_run_keys, self._run_keys = self._run_keys, set()
                if self.exceptions > exceptions_before:
                    raise RunFailed("the page raised an exception")
                if expect_fragment or msg.script_finished == FINISHED:
                    return

    def _read_delta(self, delta) -> None:
        if not delta.HasField("new_element"):
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.exceptions += 1
            return
        widget_id = getattr(getattr(element, kind, None), "id", "") if kind else ""
        if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
            user_key = widget_id.split("-", 2)[2] if widget_id.count("-") >= 2 else ""
            if user_key and user_key != "None":
                self.widgets[user_key] = Widget(widget_id, delta.fragment_id)
                self._run_keys.add(user_key)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and every process it started (the generation process), from /proc."""
    return sum(_own_rss(p) for p in (pid, *_descendants(pid)))


def _own_rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:  # it ended meanwhile
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = [], [pid]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and every process it started have used so far, from /proc."""
    total = 0.0
    for p in (pid, *_descendants(pid)):
        try:
            with open(f"/proc/{p}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            continue
    return total


class Server:
    """`streamlit run app.py` on a free 127.0.0.1 port, stopped on exit; tracks peak RSS."""

    def __init__(self, port: int | None = None, env: dict | None = None, log: Path | None = None):
        self.port = port or free_port()
        self.env = env or {}
        self.log_path = log or Path(os.environ.get("TMPDIR", "/tmp")) / f"lstm_lab_bench_{self.port}.log"
        self.process: subprocess.Popen | None = None
        self.peak_rss = 0

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def __enter__(self) -> "Server":
        command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                   "--server.address", "127.0.0.1", "--server.port", str(self.port)]
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT,
                                        env={**os.environ, **self.env})
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__(None, None, None)
        raise RuntimeError(f"streamlit did not start; see {self.log_path}")

    def sample_rss(self) -> int:
        now = rss_bytes(self.process.pid)
        self.peak_rss = max(self.peak_rss, now)
        return now

    def cpu_seconds(self) -> float:
        """CPU time the server (and the processes it started) has used so far."""
        return cpu_seconds(self.process.pid)

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._log.close()
