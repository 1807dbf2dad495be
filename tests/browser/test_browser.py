"""A real browser: `streamlit run app.py`, then every page in headless Chromium.

Each page is opened and its main control used as a student would; then the test
looks for the result that control should produce (tokens, a verdict, generated text,
a chart), checks the page is not blank and shows no error box, switches to 中文 and
checks the page really turned Chinese. Every request the browser makes must go to
the app's own server: nothing calls home. A full-page screenshot of each page, in
both languages, lands in test-artifacts/screenshots/ for a person to look at.
"""

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest

from lstm_core.ui.lessons_page import LESSONS
from lstm_core.string_table import TABLE

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"  # Debian's package; tests/system_packages.sh installs it
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
LOCAL_SCHEMES = {"data", "blob", "about"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server():
    """`streamlit run app.py` exactly as the README says: no flags, no environment tweaks.

    Only the port and address are chosen, so tests can run beside another server.
    """
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", f"--server.port={port}", "--server.address=127.0.0.1",
         "--server.headless=true"],
        cwd=ROOT, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
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
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `bash tests/system_packages.sh` first (README, \"Test it\")"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
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


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def type_into(page, index, text):
    area = page.locator("textarea").nth(index)
    area.fill(text)
    area.press("Control+Enter")


def fill_and_enter(field, text):
    field.fill(text)
    field.press("Enter")


def charts(page) -> int:
    return page.locator(".js-plotly-plot").count()


# The main control of each page, used as a student would, and what must then appear.
ACTIONS = {
    "home": lambda page: page.get_by_text("中文").first.click(),
    "why": lambda page: fill_and_enter(page.get_by_role("textbox", name="Input for the bracket counter"), "((((a)b"),
    "tokens": lambda page: type_into(page, 0, "小明在北京大学读书，他喜欢机器学习。"),
    "sentiment": lambda page: type_into(page, 0, "The flight was not good at all, really disappointed."),
    "forecast": lambda page: page.get_by_text("recursive, whole test part").click(),
    "generate": lambda page: fill_and_enter(page.get_by_role("textbox", name="Prompt (the text to continue)"), "今天的天气"),
    "gates": lambda page: type_into(page, 0, "((((a)(b))))"),
    "practical": lambda page: nudge_slider(page, "Sparsity"),
    "gan": lambda page: fill_and_enter(page.get_by_role("spinbutton", name="Noise seed"), "5"),
    "tagging": lambda page: type_into(page, 0, "江泽民在北京会见了新华社记者。"),
    "seq2seq": lambda page: fill_and_enter(page.get_by_role("textbox", name="Input", exact=True), "二千万一千"),
    "lessons": lambda page: pick_option(page, "Lesson", "Temperature"),
    "glossary": lambda page: fill_and_enter(page.get_by_role("textbox", name="Find a term"), "forecast"),
}


def pick_option(page, label, option):
    """Open the select box whose label contains `label` and choose `option`."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()


def nudge_slider(page, label):
    """Move a slider one step to the right with the keyboard, as a student can."""
    thumb(page, label).focus()
    thumb(page, label).press("ArrowRight")


def thumb(page, label):
    """The range input behind the slider whose label contains `label`."""
    return page.locator('[data-testid="stSlider"]').filter(has_text=label).locator('input[type="range"]').first


def check_home(page):
    assert TABLE["home.title"]["zh"] in page.locator("h1").first.inner_text()


def check_why(page):
    assert charts(page) >= 4  # sigma/tanh, the article's cell, accuracy vs distance, the Transformer's answer attention
    assert TABLE["why.memory.transformer_header"]["en"] in main_text(page)


def check_tokens(page):
    chips = main_text(page)
    assert "北京大学" in chips and "机器" in chips  # precise mode keeps 北京大学 whole


def check_sentiment(page):
    verdicts = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert len(verdicts) >= 2 and all(re.search(r"(negative|positive|neutral) \d+%", v) for v in verdicts[:2]), verdicts


def check_forecast(page):
    assert charts(page) >= 2


def check_generate(page):
    texts = page.locator('[data-testid="stCode"]').all_inner_texts()
    assert any(t.strip().startswith("今天的天气") and len(t.strip()) > len("今天的天气") + 20 for t in texts), texts[:2]


def check_gates(page):
    verdict = page.locator('[data-testid="stAlertContentSuccess"]').first.inner_text()
    assert charts(page) >= 1 and "depth at the end: the model says 0" in verdict, verdict  # ((((a)(b)))) closes


PRACTICAL_TABS = ("practical.tab.cost", "explain.tab.explain", "explain.tab.order", "generalize.tab", "generalize.case.tab",
                  "after.tab", "pretrain.tab")


def check_practical(page):
    for key in PRACTICAL_TABS:  # every tab of chapter 7 opens and shows its content
        page.get_by_role("tab", name=TABLE[key]["en"]).click()
        page.wait_for_timeout(300)
        panel = page.locator('[role="tabpanel"]:visible').first
        assert len(panel.inner_text()) > 200, key
        assert_no_errors(page, f"practical, tab {key}")
    page.get_by_role("tab", name=TABLE["practical.tab.cost"]["en"]).click()
    shown = page.locator('[data-testid="stSlider"]').filter(has_text="Sparsity").locator('[data-testid="stSliderThumbValue"]')
    assert shown.first.inner_text().strip() == "55" and charts(page) >= 2  # the curve's point moved to 55%


def check_gan(page):
    assert charts(page) >= 2  # real beside generated sequences, and the scores


def check_tagging(page):
    body = main_text(page)
    assert charts(page) >= 2  # the B/I/E/S strips of both models
    found = body.split(TABLE["tagging.entities_found"]["en"].split("{")[0], 1)[-1].split("\n", 1)[0]
    assert "江泽民 (person)" in found and "北京 (place)" in found, found  # the names, read off the tags
    assert TABLE["tagging.method.crf"]["en"] in body and TABLE["tagging.target.word_f1_at_least_0.95"]["en"].split(":")[0] in body


def check_seq2seq(page):
    shown = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert shown[:1] == ["20001000 ✓"] and "20001000" in shown, shown  # with attention, and the rule's answer
    assert charts(page) >= 1  # the attention heatmap
    for key in ("seq2seq.tab.step", "seq2seq.tab.compare", "seq2seq.tab.forcing", "seq2seq.tab.beam"):
        page.get_by_role("tab", name=TABLE[key]["en"]).click()
        page.wait_for_timeout(300)
        assert len(page.locator('[role="tabpanel"]:visible').first.inner_text()) > 100, key
        assert_no_errors(page, f"seq2seq, tab {key}")
    page.get_by_role("tab", name=TABLE["seq2seq.tab.translate"]["en"]).click()


def check_lessons(page):
    assert "About 8 minutes" in main_text(page) and "temperature 0, 1 and 2" in main_text(page)  # the note


def check_glossary(page):
    body = main_text(page)
    assert "seasonal-naive forecast on the data before the test part" in body and "hyperbolic tangent" not in body


CHECKS = {
    "lessons": check_lessons, "glossary": check_glossary,
    "home": check_home, "why": check_why, "tokens": check_tokens, "sentiment": check_sentiment,
    "forecast": check_forecast, "generate": check_generate, "gates": check_gates,
    "practical": check_practical, "gan": check_gan, "tagging": check_tagging, "seq2seq": check_seq2seq,
}


def page_paths() -> list[str]:
    """Every page registered in app.py, by its url_path."""
    return re.findall(r'url_path="([\w-]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))


def test_every_page_has_an_action_and_a_check():
    assert set(page_paths()) == set(ACTIONS) == set(CHECKS)


def test_chinese_characters_render_with_a_real_font(browser):
    """Without a CJK font every ideograph is the same empty box; with one they differ in shape."""
    page = browser.new_page()
    try:
        page.set_content("<canvas id=c></canvas>")
        widths = page.evaluate(
            """() => { const c = document.getElementById('c').getContext('2d'); c.font = '40px sans-serif';
            return ['一', '中', '\\uffff'].map(s => c.measureText(s).width); }"""
        )
        assert widths[0] > 0 and (widths[0], widths[1]) != (widths[2], widths[2]), widths
        assert subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip(), "no CJK font"
    finally:
        page.close()


def requests_elsewhere(page, server: str) -> list[str]:
    """The list, filled as the page runs, of every request to a host other than the app's."""
    outside: list[str] = []
    own_host = urlparse(server).hostname
    page.on("request", lambda r: outside.append(r.url)
            if urlparse(r.url).scheme not in LOCAL_SCHEMES and urlparse(r.url).hostname != own_host else None)
    return outside


@pytest.mark.parametrize("path", page_paths())
def test_page_renders_and_its_main_control_works(server, browser, path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    # A tall window: Streamlit scrolls inside its own container, so this is how a
    # screenshot shows the whole page.
    page = browser.new_page(viewport={"width": 1400, "height": 3200})
    outside = requests_elsewhere(page, server)
    try:
        # The default page (Home) lives at the root URL, not at its url_path.
        page.goto(f"{server}/{'' if path == 'home' else path}", timeout=90_000)
        wait_idle(page)
        assert page.locator("h1").count() >= 1, f"{path}: no title"
        assert len(main_text(page)) > 200, f"{path}: the page is (nearly) blank"
        assert_no_errors(page, path)
        ACTIONS[path](page)
        wait_idle(page)
        assert_no_errors(page, path)
        CHECKS[path](page)
        page.screenshot(path=str(SHOTS / f"{path}.png"), full_page=True)
        # Switching the language after using the page must keep it working: widget
        # labels change, and Streamlit matches choices by their labels.
        if path != "home":
            page.get_by_text("中文", exact=True).first.click()
            wait_idle(page)
            assert_no_errors(page, f"{path} in Chinese")
            title = page.locator("h1").first.inner_text()
            assert title.strip() == TABLE[f"{path}.title"]["zh"], title
            body = main_text(page)
            assert len(re.findall(r"[\u4e00-\u9fff]", body)) > 100, f"{path}: little Chinese after switching"
            page.screenshot(path=str(SHOTS / f"{path}-zh.png"), full_page=True)
        assert not outside, f"{path}: requests left the machine: {outside[:5]}"
    finally:
        page.close()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_what_came_after_tab_reads_a_typed_text(server, browser, language):
    """Making LSTMs practical, tab What came after: type a text, its attention map and row redraw, in both languages."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 4200})
    try:
        page.goto(f"{server}/practical?lang={language}", timeout=90_000)
        wait_idle(page)
        page.get_by_role("tab", name=TABLE["after.tab"][language]).click()
        wait_idle(page)
        panel = page.locator('[role="tabpanel"]:visible').first
        box = panel.get_by_role("textbox", name=TABLE["after.read.text"][language])
        fill_and_enter(box, "the cat sat on the mat, the <b>cat</b> sat")
        wait_idle(page)
        assert_no_errors(page, f"what came after ({language})")
        body = panel.inner_text()
        assert TABLE["after.read.header"][language] in body and TABLE["after.cost.header"][language] in body
        assert panel.locator(".js-plotly-plot").count() >= 5  # bits, training, time, memory, attention
        assert panel.locator("b", has_text="cat").count() == 0  # the typed tag stays text
        row = "Where position 42" if language == "en" else "第 42 个位置"
        assert row in body, body[-800:]
        panel.screenshot(path=str(SHOTS / f"practical-after{'' if language == 'en' else '-zh'}.png"))
    finally:
        page.close()


def visible_piece(markdown: str) -> str:
    """A stretch of a string-table text as the browser shows it: its longest run without Markdown or {placeholders}."""
    stretches = re.split(r"\{[^{}]*\}|\*\*|\*|`", markdown)
    return max(stretches, key=len).strip()[:18]


def reveal(page, label: str, expected: str) -> None:
    """Press the step's "Show what happened" button and wait for its text.

    On a loaded machine the step's second run (the one that sets its widgets) can redraw
    the panel after the first click; then wait for the page and click once more.
    """
    for _attempt in range(2):
        button = page.get_by_role("button", name=label)
        if button.count():
            button.first.click()
        for _ in range(25):
            if expected in main_text(page):
                return
            page.wait_for_timeout(200)
        wait_idle(page)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("lesson", list(LESSONS))
def test_a_lesson_runs_end_to_end_in_classroom_mode(server, browser, lesson, language):
    """Open a lesson's deep link in classroom mode, then click Next through every step.

    Each step must land on its page with its widgets set and its answer hidden (it shows when
    revealed, no error box), after Next as on the first step; a screenshot of every step,
    answer revealed, lands beside the page screenshots.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    steps = LESSONS[lesson].steps
    try:
        page.goto(f"{server}/?lesson={lesson}&step=1&lang={language}&classroom=1", timeout=90_000)
        wait_idle(page)
        for number in range(1, len(steps) + 1):
            assert_no_errors(page, f"{lesson} step {number}")
            body = main_text(page)
            assert visible_piece(TABLE[f"lesson.step.{lesson}.{number}.ask"][language]) in body, (lesson, number)
            explain = visible_piece(TABLE[f"lesson.step.{lesson}.{number}.explain"][language])
            answer = TABLE["lessons.explained"][language]  # the label the revealed answer starts with
            assert answer not in body, f"{lesson} step {number} opened with its answer shown"  # predict first
            reveal(page, TABLE["lessons.reveal"][language], answer)
            assert answer in main_text(page) and explain in main_text(page), (lesson, number)
            page.screenshot(path=str(SHOTS / f"lesson-{lesson}-{number}-{language}.png"))
            if number < len(steps):
                page.get_by_role("button", name=TABLE["lessons.next"][language]).click()
                wait_idle(page)
        assert page.get_by_role("button", name=TABLE["lessons.finish"][language]).count() == 1
    finally:
        page.close()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_pretraining_tab_reads_a_review_and_switches_the_curve(server, browser, language):
    """Making LSTMs practical, tab Pretraining: a review typed in is read by the three models, with the
    pretrained model's running verdict; the label-count curve switches to the test split."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 4200})
    try:
        page.goto(f"{server}/practical?lang={language}", timeout=90_000)
        wait_idle(page)
        page.get_by_role("tab", name=TABLE["pretrain.tab"][language]).click()
        panel = page.locator('[role="tabpanel"]:visible').first
        panel.get_by_text(TABLE["pretrain.col.test"][language], exact=True).last.click()  # the split radio
        wait_idle(page)
        fill_and_enter(panel.get_by_role("textbox", name=TABLE["pretrain.text"][language]), "这部电影太无聊了，浪费时间。")
        wait_idle(page)
        assert_no_errors(page, f"pretraining tab ({language})")
        panel = page.locator('[role="tabpanel"]:visible').first
        verdicts = panel.locator('[data-testid="stMetricValue"]').all_inner_texts()
        negative = TABLE["model.label.negative"][language]
        assert len(verdicts) == 3 and verdicts[0].startswith(negative), verdicts  # the pretrained model reads it right
        assert panel.locator(".js-plotly-plot").count() >= 3  # the models' bars, the label curve, the running verdict
        if language == "zh":
            assert len(re.findall(r"[\u4e00-\u9fff]", panel.inner_text())) > 300
        page.screenshot(path=str(SHOTS / f"practical-pretrain-{language}.png"), full_page=True)
    finally:
        page.close()


@pytest.mark.parametrize("width, height", [(1280, 720), (1400, 900)])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_home_says_where_to_start_on_the_first_screen_of_a_projector(server, browser, language, width, height):
    """Classroom mode at projector sizes: the "where to start" box and its three links fit the first screen."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(f"{server}/?lang={language}&classroom=1", timeout=90_000)
        wait_idle(page)
        main = page.locator('[data-testid="stMain"]')
        start = main.get_by_text(visible_piece(TABLE["home.start"][language])).first
        links = [main.get_by_role("link", name=TABLE[f"common.page.{name}"][language]).first for name in ("lessons", "why", "gates")]
        for element in [start, *links]:
            box = element.bounding_box()
            assert box and box["y"] + box["height"] <= height, (language, width, height, box)
        page.screenshot(path=str(SHOTS / f"home-start-{width}x{height}-{language}.png"))
    finally:
        page.close()


def test_a_glossary_link_opens_its_entry_in_the_reader_s_language(server, browser):
    """Home in Chinese: the first use of 隐藏状态 is a link; it opens the Glossary in a new tab,
    still in Chinese, with that entry shown first (and the Home tab keeps its session)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    try:
        page.goto(f"{server}/?lang=zh", timeout=90_000)
        wait_idle(page)
        links = page.locator('[data-testid="stMain"] a[href*="glossary?term=hidden_state"]')
        assert links.count() == 1, links.count()
        assert links.first.inner_text().strip() == TABLE["glossary.term.hidden_state"]["zh"].split("（")[0]
        assert "**" not in main_text(page)  # a linked bold term must still render bold, not as asterisks
        with page.context.expect_page() as opened:
            links.first.click()
        glossary = opened.value
        try:
            wait_idle(glossary)
            assert urlparse(glossary.url).path.endswith("/glossary"), glossary.url
            assert_no_errors(glossary, "glossary from a link")
            assert glossary.locator("h1").first.inner_text().strip() == TABLE["glossary.title"]["zh"]
            sidebar = glossary.locator('[data-testid="stSidebar"]').inner_text()
            assert TABLE["common.page.glossary"]["zh"] in sidebar, sidebar  # the pages' names too

            first = glossary.locator('[data-testid="stAlertContentInfo"]').first.inner_text()
            assert TABLE["glossary.term.hidden_state"]["zh"] + "\n" in first and "细胞交给下一层" in first, first
            glossary.screenshot(path=str(SHOTS / "glossary-from-link-zh.png"))
        finally:
            glossary.close()
    finally:
        page.close()


def test_a_page_address_as_a_fresh_server_s_first_request_runs_through_the_app(browser):
    """Streamlit serves a fresh server's pages/ on their own until app.py has run once.

    A bookmark of /sentiment?lang=zh opened right after a restart must still get the
    app's navigation (page names in Chinese, no bare file names) and the page itself.
    """
    with streamlit_server() as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1200})
        try:
            page.goto(f"{url}/sentiment?lang=zh", timeout=90_000)
            wait_idle(page)
            assert_no_errors(page, "sentiment as the first request")
            nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
            assert TABLE["common.page.sentiment"]["zh"] in nav and TABLE["common.page.home"]["zh"] in nav, nav
            assert "\napp\n" not in f"\n{nav}\n", nav
            assert urlparse(page.url).path.endswith("/sentiment"), page.url
            assert TABLE["sentiment.title"]["zh"].split("：")[0] in main_text(page)
        finally:
            page.close()


@pytest.mark.parametrize("lesson", ["![x](http://elsewhere.invalid/x.png)", "[text](http://elsewhere.invalid/)",
                                    "www.elsewhere.invalid", "<img src=http://elsewhere.invalid/y.png>"])
def test_a_hostile_lesson_link_shows_its_text_and_fetches_nothing(server, browser, lesson):
    """?lesson= used to be written into the warning as Markdown: an image of another host was
    fetched by the classmate's browser and a foreign link shown in the box (issue 22)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    outside = requests_elsewhere(page, server)
    try:
        page.goto(f"{server}/?{urlencode({'lesson': lesson, 'step': '²', 'lang': 'zh'})}", timeout=90_000)
        wait_idle(page)
        box = page.locator('[data-testid="stAlertContentWarning"]').first
        assert lesson in box.inner_text().replace("\u2060", ""), box.inner_text()  # as typed (escapes undone)
        assert box.locator("a, img").count() == 0
        assert not outside, outside
        assert_no_errors(page, "a hostile lesson link")
    finally:
        page.close()


# ---- classroom mode on a projector ----------------------------------------------------------------------
PROJECTORS = {"1280x720": (1280, 720), "1400x900": (1400, 900)}
SMALLEST_CHART_TEXT = 14  # px: the smallest type a class can read from a projector

# What counts as clipped: a visible element whose content is wider than its box, so part of
# it is cut off, hidden behind "…", or reachable only by scrolling sideways. Three kinds of
# element are meant to hold more than they show, and are left out:
# - form fields (input, textarea): a typed text longer than its field scrolls inside it, as
#   in any form; the field's label is checked like any other text;
# - Streamlit's visually-hidden labels and the scroll container of the whole app (its height
#   scrolls, and a 1 px rounding there is no clipped text);
# - a text a student pastes into a code block (st.code of generated or user text) wraps,
#   so none is left out for that; tables and formulas are checked like everything else.
# Up to 2 px over is rounding (and a formula's italic overhang), not a character cut off.
CLIPPED_JS = r"""() => {
  const scroller = (el) => el.matches('[data-testid="stAppViewContainer"], [data-testid="stMain"], section.stMain, '
      + '[data-testid="stSidebarContent"], [data-testid="stSidebarUserContent"], [data-testid="stSidebar"]');
  const hidden = (el) => {
    if (!el.getClientRects().length) return true;
    const closed = el.closest('details:not([open])');  // inside a closed expander, but not its title
    if (closed && !el.closest('summary')) return true;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.opacity === '0') return true;
    const r = el.getBoundingClientRect();
    return r.width < 2 || r.height < 2 || (style.position === 'absolute' && style.clip && style.clip !== 'auto');
  };
  const found = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *, [data-testid="stSidebar"] *')) {
    if (el.matches('input, textarea, svg, svg *, canvas, script, style') || scroller(el)) continue;
    if (el.scrollWidth <= el.clientWidth + 2 || el.clientWidth === 0 || hidden(el)) continue;
    const style = getComputedStyle(el);
    if (style.overflowX === 'visible' && style.textOverflow !== 'ellipsis') continue;  // spills, not cut
    const where = el.closest('[data-testid]');
    found.push(`${where ? where.dataset.testid : el.tagName}: ${el.tagName.toLowerCase()}.${(el.className || '').toString().slice(0, 40)} `
               + `${el.scrollWidth}>${el.clientWidth} "${(el.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 60)}"`);
  }
  return found;
}"""

# Every text Plotly draws (ticks, axis titles, legends, annotations, titles): its size, and
# whether it lies inside its chart (a title or label cut at the chart's edge is lost).
CHART_TEXT_JS = """(smallest) => {
  const found = [];
  document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot').forEach((plot, index) => {
    if (!plot.getClientRects().length) return;
    const box = plot.getBoundingClientRect();
    plot.querySelectorAll('text').forEach((text) => {
      const content = (text.textContent || '').trim();
      if (!content || !text.getClientRects().length) return;
      // Plotly shrinks a bar's inside label with a transform, not its font size: count both.
      const m = text.getScreenCTM();  // a rotated axis title scales by the length of (a, b)
      const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
      const r = text.getBoundingClientRect();
      if (size < smallest - 0.5) found.push(`chart ${index}: "${content.slice(0, 30)}" is ${size.toFixed(1)}px`);
      if (r.left < box.left - 2 || r.right > box.right + 2 || r.top < box.top - 2 || r.bottom > box.bottom + 2)
        found.push(`chart ${index}: "${content.slice(0, 30)}" cut at the chart's edge`);
    });
  });
  return found;
}"""


# The live cell diagram (and Home's): Graphviz draws it as SVG scaled to the page's width,
# so a number's size on screen is its font size times that scale.
DIAGRAM_TEXT_JS = """(smallest) => {
  const found = [];
  document.querySelectorAll('[data-testid="stMain"] [data-testid="stGraphVizChart"] svg').forEach((svg, index) => {
    if (!svg.getClientRects().length) return;
    svg.querySelectorAll('text').forEach((text) => {
      const size = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;  // CSS wins over the attribute
      if (size < smallest - 0.5) found.push(`diagram ${index}: "${text.textContent.slice(0, 30)}" is ${size.toFixed(1)}px`);
    });
  });
  return found;
}"""

# Views inside a page that are not tabs: a control whose options each draw a different
# part of the page (Tokens' four steps); the test opens every option like a tab.
SECTIONS = {"tokens": ("tokens.section", ("segment", "numbers", "vectors", "train"))}


def full_screenshot(page, path: Path) -> None:
    """A screenshot of the whole page at the projector's width.

    Streamlit scrolls inside its own container, so the window is made as tall as the page
    for the picture, then set back (the width, which is what can clip, never changes).
    """
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    tall = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
        '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stSidebarContent"]')].map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": width, "height": min(max(height, tall + 40), 16_000)})
    page.wait_for_timeout(800)
    wait_idle(page)  # charts and tables redraw for the new window; a picture taken mid-way shows empty boxes
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30_000)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(300)


def projector_problems(page, where: str) -> list[str]:
    found = (page.evaluate(CLIPPED_JS) + page.evaluate(CHART_TEXT_JS, SMALLEST_CHART_TEXT)
             + page.evaluate(DIAGRAM_TEXT_JS, SMALLEST_CHART_TEXT))
    return [f"{where}: {p}" for p in found]


def open_expanders(page) -> None:
    """Open every closed expander of the main area, so what it holds is checked and photographed too."""
    titles = page.locator('[data-testid="stMain"] details:not([open]) > summary:visible')
    for _ in range(titles.count()):
        if not titles.count():
            break
        titles.first.click()
        page.wait_for_timeout(150)
    wait_idle(page)


def views(page, path: str, language: str):
    """Open each view of the page in turn (its tabs, or its sections); yield a name for each."""
    if path in SECTIONS:
        key, options = SECTIONS[path]
        for index, option in enumerate(options):
            if index:
                page.locator('[data-testid="stMain"] [data-testid="stButtonGroup"]').first.get_by_text(
                    TABLE[f"{key}.{option}"][language], exact=True).click()
                wait_idle(page)
            yield f"{path}-{index + 1}" if index else path
        return
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    for index in range(max(1, tabs.count())):
        if tabs.count():
            tabs.nth(index).click()
            wait_idle(page)
            page.wait_for_timeout(700)  # Plotly draws a chart when its tab shows
        yield f"{path}-{index + 1}" if index else path


@pytest.mark.parametrize("size", list(PROJECTORS))
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("path", page_paths())
def test_classroom_mode_fits_a_projector(server, browser, path, language, size):
    """Every page (every tab) in classroom mode at a projector's size: nothing clipped, no
    sideways scrolling, no chart text under 14 px; a screenshot of each for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    width, height = PROJECTORS[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    problems: list[str] = []
    try:
        page.goto(f"{server}/{'' if path == 'home' else path}?lang={language}&classroom=1", timeout=90_000)
        wait_idle(page)
        assert_no_errors(page, path)
        for name in views(page, path, language):
            open_expanders(page)
            problems += projector_problems(page, name)
            full_screenshot(page, SHOTS / f"classroom-{size}-{language}-{name}.png")
        assert not problems, "\n".join(problems)
    finally:
        page.close()
