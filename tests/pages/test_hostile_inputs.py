"""AppTest: the attacks of issue 22 end in a clear message on the page, never a traceback.

Each test plays one probe through the page a student would use (uploads, links, the
training queue) and checks what the page says. Links are opened in both languages; a
probe that needs a widget change runs in English, since AppTest formats a select box's
value outside the session, in English, and a Chinese page then refuses the rerun
(tests/core/ui/test_error_messages.py checks each of these refusals reads in Chinese).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_core.serving import assets
from lstm_core.ui import live_training
from tests.helpers import imdb_npz, zip_bytes

APP = str(Path(__file__).resolve().parents[2] / "app.py")
# A Markdown image, a link to another host, or an address GFM would turn into a link, left unescaped.
# (The app's own Markdown links only to its own pages, "glossary?term=...", never to http.)
LINK = re.compile(r"(?<!\\)!\[|(?<!\\)\]\(\s*https?|https?:(?!\\)|(?<!\\)www\.(?!\\)")


def open_app(lang: str, page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["lang"] = lang
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def everything_shown(at: AppTest) -> list[str]:
    return [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success") for e in at.get(kind)]


# ---- links ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("lesson", ["![x](http://elsewhere.invalid/x.png)", "[text](http://elsewhere.invalid/)",
                                    "<img src=http://elsewhere.invalid/x>", "www.elsewhere.invalid"])
def test_a_lesson_link_is_shown_literally(lang, lesson):
    at = open_app(lang, lesson=lesson)
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1
    assert not LINK.search(warnings[0]) and "elsewhere\\.invalid" in warnings[0].replace("\u2060", "")
    assert not any(LINK.search(text) for text in everything_shown(at))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("step", ["²", "١", "1e3", "-1", "99999", ""])
def test_a_step_that_is_not_an_ascii_number_is_refused_with_a_message(lang, step):
    at = open_app(lang, lesson="temperature", step=step)
    assert [w.value for w in at.warning], step
    if lang == "zh":
        assert all("链接" in w.value or "课" in w.value for w in at.warning)


def test_a_gates_link_with_markdown_in_its_text_shows_it_literally():
    """?model=&text= preselects a classmate's Gates page; what it reads is named, never rendered."""
    at = open_app("en", "pages/gates.py", model="brackets", text="![x](http://elsewhere.invalid/x.png)")
    assert at.text_area(key="gates_text").value.startswith("![x]")
    shown = everything_shown(at)
    assert any("\\!" in text for text in shown)  # the characters it does not know are named, escaped
    assert not any(LINK.search(text) for text in shown)


# ---- uploads ------------------------------------------------------------------------------------
def _big_lstm_zip() -> bytes:
    """The issue's 38 kB zip: a 2,048-unit LSTM whose weights compress to nothing."""
    card = assets.read_card("sentiment_en").to_dict()
    architecture = {**card["architecture"], "units": [2048]}
    return zip_bytes({"weights.npz": b"never read", "card.json": json.dumps({**card, "architecture": architecture}).encode()})


def test_an_uploaded_model_too_large_to_serve_is_refused_by_its_card():
    at = open_app("en", "pages/sentiment.py")
    at.file_uploader(key="sentiment_upload").set_value(("big.zip", _big_lstm_zip(), "application/zip")).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "2,048" in errors[0] and "640" in errors[0]
    assert "sentiment_own" not in at.session_state


@pytest.mark.parametrize("attack", ["one_huge_word", "shared_pickled_list"])
def test_an_imdb_upload_that_would_expand_is_refused_before_training(attack):
    at = open_app("en", "pages/sentiment.py")
    at.radio(key="sentiment_language").set_value("en").run()
    at.selectbox(key="sentiment_dataset_en").set_value("imdb").run()
    if attack == "one_huge_word":
        data, index = imdb_npz([[1] * 200] * 50), json.dumps({"x" * 3_900_000: 1}).encode()
        at.file_uploader(key="sentiment_imdb_index").set_value(("imdb_word_index.json", index, "application/json"))
    else:
        data = imdb_npz([[1] * 300_000] * 5_000)
    at.file_uploader(key="sentiment_imdb_file").set_value(("imdb.npz", data, "application/octet-stream")).run()
    at.button(key="sentiment_train").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and ("3,900,000" in errors[0] or "300,000" in errors[0]), errors
    assert "sentiment_job" not in at.session_state


def _choose_upload(at: AppTest, csv: bytes) -> AppTest:
    at.selectbox(key="forecast_series").set_value("upload").run()
    return at.file_uploader(key="forecast_upload").set_value(("series.csv", csv, "text/csv")).run()


def test_a_csv_of_a_hundred_thousand_columns_is_refused_unparsed():
    csv = (",".join(f"c{j}" for j in range(100_000)) + "\n" + ",".join("1" * 100_000) + "\n").encode()
    at = _choose_upload(open_app("en", "pages/forecast.py"), csv)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "100,000" in errors[0]


def test_carriage_return_line_ends_count_as_rows(monkeypatch):
    from lstm_core.forecast import series

    monkeypatch.setattr(series, "MAX_ROWS", 50)
    csv = ("value\r" + "\r".join(str(i % 7) for i in range(60)) + "\r").encode()
    at = _choose_upload(open_app("en", "pages/forecast.py"), csv)
    assert not at.exception and any("50" in e.value for e in at.error)


def test_daily_data_with_a_season_of_365_gets_a_cheaper_baseline_at_once():
    days = np.arange(1_500)
    values = 10 + np.sin(2 * np.pi * days / 365) + 0.01 * (days % 7)
    csv = "date,value\n" + "\n".join(f"{d},{v:.4f}" for d, v in zip(np.datetime64("2020-01-01") + days, values))
    at = _choose_upload(open_app("en", "pages/forecast.py"), csv.encode())
    at.number_input(key="forecast_season").set_value(365).run()
    assert not at.exception and not at.error
    captions = [c.value for c in at.caption]
    assert any("365" in c and "Holt-Winters" in c for c in captions), captions


# ---- the training queue ---------------------------------------------------------------------------
def test_a_second_training_from_the_same_browser_is_refused_naming_the_first(monkeypatch):
    monkeypatch.setattr(live_training, "owner", lambda: "browser:test")
    pool = live_training.slot_pool()
    pool.join("other-tab", owner="browser:test", page="forecast")  # a training queued in another tab
    try:
        at = open_app("en", "pages/generate.py")
        at.button(key="generate_train").click().run()
        assert not at.exception
        errors = [e.value for e in at.error]
        assert len(errors) == 1 and "Forecasting" in errors[0], errors
        assert "generate_job" not in at.session_state
    finally:
        pool.leave("other-tab")
