"""AppTest: a page's explanations link glossary terms, and the Glossary page opens on ?term= (issue 17)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from lstm_core.ui.i18n import LINKED
from lstm_core.string_table import TABLE


APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _markdown(at: AppTest) -> str:
    return "\n".join(block.value for block in at.markdown)


def test_home_links_each_term_once_in_the_reader_s_language(open_page):
    english = _markdown(open_page())
    assert "[*hidden state*](glossary?term=hidden_state&lang=en)" in english
    assert english.count("](glossary?term=gate&lang=en)") == 1  # the first use only
    chinese = _markdown(open_page(lang="zh"))
    assert "[*隐藏状态*](glossary?term=hidden_state&lang=zh)" in chinese
    assert chinese.count("](glossary?term=hidden_state&lang=zh)") == 1


def test_a_page_links_a_term_its_explanation_uses(open_page):
    at = open_page("pages/forecast.py")
    # AppTest's switch_page runs the page file alone; app.py empties the set before each page.
    at.session_state[LINKED] = set()
    at.run()
    text = _markdown(at)
    assert "its [cell state](glossary?term=cell_state&lang=en) what matters" in text
    assert text.count("](glossary?term=cell_state&lang=en)") == 1


def test_the_glossary_opened_from_a_link_shows_that_term_first():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["term"], at.query_params["lang"] = "early_stopping", "zh"
    at.run()
    at.switch_page("pages/glossary.py")
    at.run()
    assert not at.exception, at.exception
    first = at.info[0].value
    assert first.startswith(f"**{TABLE['glossary.term.early_stopping']['zh']}**")
    assert TABLE["glossary.def.early_stopping"]["zh"] in first
    assert "](glossary?term=" not in _markdown(at)  # the glossary links nothing to itself
