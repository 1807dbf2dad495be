"""Look up UI text in the current language (English or simplified Chinese)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

from lstm_core.ui.strings import TABLE

LANGUAGES = {"en": "English", "zh": "中文"}
TEXTS = Path(__file__).resolve().parents[2] / "assets" / "text"


def lang() -> str:
    """The session's language code; the sidebar switch sets it."""
    return st.session_state.get("lang", "en")


def t(key: str, **values) -> str:
    """The string `key` in the session's language, formatted with `values`."""
    entry = TABLE[key]
    text = entry.get(lang()) or entry["en"]
    return text.format(**values) if values else text


def pick(titles: dict[str, str]) -> str:
    """Choose from a {"en": ..., "zh": ...} dict, e.g. a model's title."""
    return titles.get(lang()) or titles["en"]


@lru_cache(maxsize=64)
def _read(name: str, language: str) -> str:
    return (TEXTS / f"{name}.{language}.md").read_text(encoding="utf-8")


def long_text(name: str) -> str:
    """A long explanation from assets/text/<name>.<lang>.md (our own Markdown, not user text)."""
    return _read(name, lang())
