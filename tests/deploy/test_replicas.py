"""Two replicas behind nginx (deploy/replicas.sh): a browser session stays on one.

Starts `deploy/replicas.sh` with two `streamlit run app.py` replicas and Debian's nginx
on free 127.0.0.1 ports, then drives headless Chromium through the proxy: Home, then
Sentiment by the link on Home, a typed text, and the button that carries that text to the
Gates page in session state. The text arriving on Gates shows the session survived
across pages; nginx's access log shows every request of this browser went to the same
replica, over an upgraded WebSocket.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
NGINX = "/usr/sbin/nginx"  # Debian's package; tests/system_packages.sh installs it
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
TEXT = "What a slow, boring and terrible evening"

pytestmark = pytest.mark.slow


def free_port_pair(start: int) -> int:
    """The first port p >= start with p and p + 1 both free on 127.0.0.1."""
    for port in range(start, 65000):
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("127.0.0.1", port))
                b.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
    raise RuntimeError("no two free neighbouring ports")


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    assert Path(NGINX).exists() or shutil.which("nginx"), \
        "Debian's nginx is missing: run `bash tests/system_packages.sh` first (README, \"Test it\")"
    run_dir = tmp_path_factory.mktemp("replicas")
    proxy_port = free_port_pair(21000 + os.getpid() % 20000)
    first = free_port_pair(proxy_port + 2)  # replicas on first and first + 1
    env = {**os.environ, "LSTM_LAB_RUN_DIR": str(run_dir), "PYTHON": sys.executable}
    script = subprocess.Popen(["bash", "deploy/replicas.sh", "2", str(proxy_port), str(first)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{proxy_port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                assert script.poll() is None, script.stdout.read().decode()
                time.sleep(0.5)
        yield url, run_dir, (first, first + 1)
    finally:
        os.killpg(script.pid, signal.SIGTERM)
        script.wait(30)


def wait_idle(page) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000)
    page.wait_for_timeout(300)


def test_a_session_stays_on_one_replica_across_pages(proxy):
    from playwright.sync_api import sync_playwright

    url, run_dir, ports = proxy
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 3200})  # wide: the sidebar does not cover the page
        page.goto(url + "/")
        wait_idle(page)
        page.locator('[data-testid="stMain"] a[href$="sentiment"]').first.click(timeout=60_000)  # Home's map of the pages
        wait_idle(page)
        area = page.get_by_role("textbox", name="Text")
        area.fill(TEXT)
        area.press("Control+Enter")
        wait_idle(page)
        page.get_by_role("button", name="Open this text on the Gates page").click(timeout=60_000)
        wait_idle(page)
        page.wait_for_url("**/gates", timeout=60_000)
        wait_idle(page)
        gates_input = page.get_by_role("textbox", name="Input")
        gates_input.wait_for(timeout=60_000)
        assert gates_input.input_value() == TEXT  # session state crossed pages
        cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "lstm_lab_replica")
        browser.close()
    lines = [line for line in (run_dir / "logs" / "access.log").read_text().splitlines() if f"key={cookie} " in line]
    upstreams = {re.search(r"upstream=(\S+)", line)[1] for line in lines}
    assert len(lines) >= 5 and len(upstreams) == 1, lines
    assert upstreams <= {f"127.0.0.1:{port}" for port in ports}
    assert any('"GET /_stcore/stream HTTP/1.1" 101' in line for line in lines)  # the WebSocket went through
