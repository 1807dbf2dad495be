"""What every page test shares: the app opened in AppTest on one page."""

from pathlib import Path
from typing import Callable

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _open_page(page: str | None = None, lang: str | None = None, timeout: int = 120) -> AppTest:
    """The app after its first run, switched to `page` (Home when None), in `lang` when given."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if lang is not None:
        at.session_state["lang"] = lang  # what the sidebar's language switch sets
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def open_page() -> Callable[..., AppTest]:
    """`open_page(page=None, lang=None, timeout=120)`: a fresh AppTest on that page, checked for exceptions."""
    return _open_page
