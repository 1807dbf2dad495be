"""Look up UI text in the current language (English or simplified Chinese)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import streamlit as st

from lstm_core import palette
from lstm_core.message import Message, UserError
from lstm_core.string_table import literal, render, text  # noqa: F401 - literal: for the pages, beside t()
from lstm_core.ui.glossary_links import link_terms
from lstm_core.ui.text_facts import fill_facts

LANGUAGES = {"en": "English", "zh": "中文"}
TEXTS = Path(__file__).resolve().parents[2] / "assets" / "text"
# The glossary terms linked so far in this run of the page; app.py starts each run with an
# empty set (`lstm_core.ui.glossary.start_page`), so a term is linked where the page first uses it.
LINKED = "_glossary_linked"


def lang() -> str:
    """The session's language code; the sidebar switch sets it."""
    return st.session_state.get("lang", "en")


def t(key: str, /, **values) -> str:
    """The string `key` in the session's language, formatted with `values`.

    A key without text in that language raises KeyError (naming both); the string-table
    test keeps every key complete, so English never stands in silently.
    """
    return text(key, lang(), **values)


def colour(value: str) -> str:
    """A palette colour's name in the session's language, for a caption's {placeholder}."""
    return palette.name(value, lang())


def say(message: Message | Mapping[str, str] | str) -> str:
    """A message from the core (a model's title, a trace's verdict) in the session's language."""
    return render(message, lang())


def reason_of(error: BaseException) -> str:
    """Why the core refused something, in the session's language, for a page's `{reason}`.

    A `UserError` carries a `Message`; any other exception is unexpected, and its own
    (English) text is the best that can be said.
    """
    return say(error.message) if isinstance(error, UserError) else str(error)


@lru_cache(maxsize=64)

def _read(name: str, language: str) -> str:
    return (TEXTS / f"{name}.{language}.md").read_text(encoding="utf-8")


def _href(term: str, language: str, classroom: bool) -> str:
    """The link to a glossary entry, carrying the language (and classroom mode) into the new tab.

    Streamlit opens a Markdown link in a new tab, a new session, so the choices travel
    in the query string (`lstm_core.ui.style.take_link_choices` reads them there).
    """
    return f"glossary?term={term}&lang={language}{'&classroom=1' if classroom else ''}"


def long_text(name: str, /, **values) -> str:
    """A long explanation from assets/text/<name>.<lang>.md (our own Markdown, not user text).

    Its `{{...}}` numbers are filled from the model cards, or from `values` the page passes
    (`lstm_core.ui.text_facts`). Where the page first uses a glossary term, the term links
    to its glossary entry.
    """
    body = fill_facts(_read(name, lang()), values)
    seen = st.session_state.get(LINKED)
    if seen is None:  # outside a page run (the glossary page itself starts none)
        return body
    body, linked = _linked(body, lang(), bool(st.session_state.get("classroom")), frozenset(seen))
    seen |= linked
    return body


@lru_cache(maxsize=512)
def _linked(body: str, language: str, classroom: bool, seen: frozenset[str]) -> tuple[str, frozenset[str]]:
    """`long_text`'s linking, a function of these four alone, so worked out once for each
    (it took a few percent of a busy class server's time when redone on every rerun)."""
    body, linked = link_terms(body, language, lambda term: _href(term, language, classroom), seen)
    return body, frozenset(linked)
