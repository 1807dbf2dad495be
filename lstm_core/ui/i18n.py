"""Look up UI text in the current language (English or simplified Chinese)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import streamlit as st

from lstm_core.message import Message, UserError
from lstm_core.ui.strings import render, text

LANGUAGES = {"en": "English", "zh": "中文"}
TEXTS = Path(__file__).resolve().parents[2] / "assets" / "text"


def lang() -> str:
    """The session's language code; the sidebar switch sets it."""
    return st.session_state.get("lang", "en")


def t(key: str, /, **values) -> str:
    """The string `key` in the session's language, formatted with `values`.

    A key without text in that language raises KeyError (naming both); the string-table
    test keeps every key complete, so English never stands in silently.
    """
    return text(key, lang(), **values)


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


def long_text(name: str) -> str:
    """A long explanation from assets/text/<name>.<lang>.md (our own Markdown, not user text)."""
    return _read(name, lang())
