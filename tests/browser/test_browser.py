"""A real browser: `streamlit run app.py`, then every page in headless Chromium.

Each page is opened, its main control is used, and the page must show no Streamlit
error box or exception. A full-page screenshot of each lands in
test-artifacts/screenshots/ for a person to look at.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true", f"--server.port={port}",
         "--server.address=127.0.0.1", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("streamlit did not start within 60 s:\n" + process.stdout.read().decode(errors="replace"))
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        # The first script run registers st.navigation's pages; until then a direct
        # visit to /<page> is served from pages/ alone. A user starts at the root anyway.
        first = chromium.new_page()
        first.goto(server, timeout=90_000)
        wait_idle(first)
        first.close()
        yield chromium
        chromium.close()


def wait_idle(page, timeout=90_000):
    """Wait until the script has run to the end (Streamlit marks the app root)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_timeout(400)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_timeout(300)


def assert_no_errors(page, name):
    for selector in ('[data-testid="stException"]', '[data-testid="stAlertContentError"]'):
        boxes = page.locator(selector)
        if boxes.count():
            pytest.fail(f"{name}: {selector} shown: {boxes.first.inner_text()[:500]}")


def type_into(page, label_index, text):
    area = page.locator("textarea").nth(label_index)
    area.fill(text)
    area.press("Control+Enter")


def fill_and_enter(field, text):
    field.fill(text)
    field.press("Enter")


# The main control of each page, used as a student would.
ACTIONS = {
    "home": lambda page: page.get_by_text("中文").first.click(),
    "why": lambda page: fill_and_enter(page.get_by_role("textbox", name="Input for the bracket counter"), "((((a)b"),
    "tokens": lambda page: type_into(page, 0, "小明在北京大学读书，他喜欢机器学习。"),
    "sentiment": lambda page: type_into(page, 0, "The flight was not good at all, really disappointed."),
    "forecast": lambda page: page.get_by_text("recursive, whole test part").click(),
    "generate": lambda page: fill_and_enter(page.get_by_role("textbox", name="Prompt (the text to continue)"), "今天的天气"),
    "gates": lambda page: type_into(page, 0, "((((a)(b))))"),
    "gan": lambda page: fill_and_enter(page.get_by_role("spinbutton", name="Noise seed"), "5"),
}


def page_paths() -> list[str]:
    """Every page registered in app.py, by its url_path."""
    return re.findall(r'url_path="([\w-]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))


def test_every_page_has_an_action():
    assert set(page_paths()) == set(ACTIONS)


@pytest.mark.parametrize("path", page_paths())
def test_page_renders_and_its_main_control_works(server, browser, path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    # A tall window: Streamlit scrolls inside its own container, so this is how a
    # screenshot shows the whole page.
    page = browser.new_page(viewport={"width": 1400, "height": 3200})
    try:
        # The default page (Home) lives at the root URL, not at its url_path.
        page.goto(f"{server}/{'' if path == 'home' else path}", timeout=90_000)
        wait_idle(page)
        assert page.locator("h1").count() >= 1, f"{path}: no title"
        assert_no_errors(page, path)
        ACTIONS[path](page)
        wait_idle(page)
        assert_no_errors(page, path)
        page.screenshot(path=str(SHOTS / f"{path}.png"), full_page=True)
        # Switching the language after using the page must keep it working: widget
        # labels change, and Streamlit matches choices by their labels.
        if path != "home":
            page.get_by_text("中文", exact=True).first.click()
            wait_idle(page)
            assert_no_errors(page, f"{path} in Chinese")
            page.screenshot(path=str(SHOTS / f"{path}-zh.png"), full_page=True)
    finally:
        page.close()
