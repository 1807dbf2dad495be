"""A browserless Streamlit client and a server to point it at, for the load benchmark.

Streamlit's frontend talks to the server over one websocket, `/_stcore/stream`: it sends
`BackMsg` protobufs (a `rerun_script` carries the page, the widget values and, for a
widget inside an `st.fragment`, that fragment's id) and receives `ForwardMsg`s
(`navigation` lists the pages, `delta`s draw elements, `script_finished` ends a run).
`StudentClient` speaks exactly that, so a benchmark can drive dozens of sessions
without a browser. It also uploads files as the frontend does (a `file_urls_request`,
an HTTP PUT to the URL the server names, with the XSRF cookie and header, then the
uploader's widget state), can carry a browser's cookie (so several clients are tabs of
one browser) and a query string, and keeps the alerts each run drew. `Server` starts
`streamlit run app.py` on a free loopback port and samples its resident memory and CPU.
"""

from __future__ import annotations

import asyncio
import binascii
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import FileURLs, FileUploaderState, UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
FINISHED = ForwardMsg.FINISHED_SUCCESSFULLY
FRAGMENT_FINISHED = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY


XSRF_COOKIE = "_streamlit_xsrf"


def browser_cookie() -> str:
    """A new browser's XSRF cookie value, in Streamlit's "2|mask|masked token|time" form.

    Streamlit checks an upload by comparing this cookie with the X-Xsrftoken header
    (double submit), so a client that sends both may choose it; tabs of one browser share it.
    """
    token, mask = os.urandom(16), os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(token))
    return f"2|{binascii.b2a_hex(mask).decode()}|{binascii.b2a_hex(masked).decode()}|{int(time.time())}"


class RunFailed(Exception):
    """A run that raised on the server (an exception element) or never finished."""


@dataclass(frozen=True)
class Widget:
    """A widget the server drew: its id and the fragment it lives in ('' for none)."""

    id: str
    fragment_id: str


class StudentClient:
    """One browser tab's worth of protocol: open pages, set widgets, wait for the run."""

    def __init__(self, url: str, timeout: float = 120.0, cookie: str | None = None):
        self.url = url
        self.timeout = timeout
        self.cookie = cookie  # the browser's XSRF cookie (`browser_cookie`), shared by its tabs
        self.session_id = ""
        self.alerts: list[tuple[str, str]] = []  # (kind, body) of each st.error/warning/info/success of the last run
        self.texts: list[str] = []  # every Markdown body (captions, st.markdown) of the last run
        self._run_alerts: list[tuple[str, str]] = []
        self._run_texts: list[str] = []
        self._file_urls: dict[str, FileURLs] = {}
        self.pages: dict[str, str] = {}  # url_pathname -> page_script_hash
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}  # user key -> widget drawn in the last run
        self.exceptions = 0
        self.runs_seen = 0
        self.last_run_keys: set[str] = set()  # widget keys the last finished (fragment) run drew
        self._run_keys: set[str] = set()
        self._ws = None

    async def connect(self) -> None:
        headers = {"Cookie": f"{XSRF_COOKIE}={self.cookie}"} if self.cookie else None
        self._ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**26,
                                            open_timeout=self.timeout, ping_interval=None, additional_headers=headers)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def open_page(self, url_path: str = "", query: str = "") -> float:
        """Run a page (Home when empty) as a click in the sidebar (or a link with `query`) would; seconds it took."""
        self.page_hash = self.pages.get(url_path, "") if url_path else ""
        self.widgets = {}
        return await self._rerun([], fragment_id="", page_name=url_path, query=query)

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

    async def upload(self, key: str, name: str, data: bytes, http_url: str) -> float:
        """Upload `data` as the file uploader `key` does in a browser; seconds until the run it starts ends.

        http_url: the server's address (http://host:port), for the PUT. Needs a `cookie`.
        """
        if key not in self.widgets:
            raise RunFailed(f"no widget with key {key!r} on this page")
        request = BackMsg()
        request.file_urls_request.request_id = uuid.uuid4().hex
        request.file_urls_request.file_names.append(name)
        request.file_urls_request.session_id = self.session_id
        started = time.perf_counter()
        await self._ws.send(request.SerializeToString())
        urls = await self._file_urls_for(request.file_urls_request.request_id)
        await asyncio.to_thread(_put_file, http_url + urls.upload_url, name, data, self.cookie or browser_cookie())
        info = UploadedFileInfo(name=name, size=len(data), file_id=urls.file_id, file_urls=urls)
        await self.set_widget(key, file_uploader_state_value=FileUploaderState(uploaded_file_info=[info]))
        return time.perf_counter() - started

    async def _file_urls_for(self, request_id: str) -> FileURLs:
        deadline = time.monotonic() + self.timeout
        while request_id not in self._file_urls:
            data = await asyncio.wait_for(self._ws.recv(), max(deadline - time.monotonic(), 0.01))
            self._read(data)
        return self._file_urls.pop(request_id)

    async def _rerun(self, states: list[WidgetState], fragment_id: str, page_name: str, query: str = "") -> float:
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = query
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
            msg = self._read(data)
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished in (FINISHED, FRAGMENT_FINISHED):
                self.runs_seen += 1
                self.last_run_keys, self._run_keys = self._run_keys, set()
                self.alerts, self._run_alerts = self._run_alerts, []
                self.texts, self._run_texts = self._run_texts, []
                if self.exceptions > exceptions_before:
                    raise RunFailed("the page raised an exception")
                if expect_fragment or msg.script_finished == FINISHED:
                    return

    ALERT_KINDS = {1: "error", 2: "warning", 3: "info", 4: "success"}

    def _read(self, data: bytes) -> ForwardMsg:
        """One ForwardMsg: remember the pages, the session, upload URLs and what the run draws."""
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            self.page_hash = msg.navigation.page_script_hash  # the page this run shows
        elif kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id
        elif kind == "file_urls_response" and msg.file_urls_response.file_urls:
            self._file_urls[msg.file_urls_response.response_id] = msg.file_urls_response.file_urls[0]
        elif kind == "delta":
            self._read_delta(msg.delta)
        return msg

    def _read_delta(self, delta) -> None:
        if not delta.HasField("new_element"):
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.exceptions += 1
            return
        if kind == "alert":
            self._run_alerts.append((self.ALERT_KINDS.get(element.alert.format, "alert"), element.alert.body))
        elif kind == "markdown":
            self._run_texts.append(element.markdown.body)
        widget_id = getattr(getattr(element, kind, None), "id", "") if kind else ""
        if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
            user_key = widget_id.split("-", 2)[2] if widget_id.count("-") >= 2 else ""
            if user_key and user_key != "None":
                self.widgets[user_key] = Widget(widget_id, delta.fragment_id)
                self._run_keys.add(user_key)


def _put_file(url: str, name: str, data: bytes, cookie: str) -> None:
    """The browser's upload: one multipart/form-data PUT, XSRF cookie and header alike."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, data=body, method="PUT", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "X-Xsrftoken": cookie,
        "Cookie": f"{XSRF_COOKIE}={cookie}", "Origin": f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"})
    with urllib.request.urlopen(request, timeout=120) as response:
        if response.status not in (200, 204):
            raise RunFailed(f"upload refused: HTTP {response.status}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (psutil if installed, else /proc)."""
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss
    except ImportError:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    return 0


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

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

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
        """CPU time (user + system) the server process has used so far, from /proc."""
        return cpu_seconds(self.process.pid)

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._log.close()
