"""The server no longer clears Keras after every run; matplotlib cleanup still happens."""

from __future__ import annotations

import sys
import types

import pytest
from streamlit.runtime.scriptrunner import script_runner

from lstm_core.ui import server_setup


@pytest.fixture
def fake_modules(monkeypatch):
    """A stand-in `keras` and `matplotlib.pyplot` that count what the cleanup calls."""
    calls = {"clear_session": 0, "close": []}
    keras = types.ModuleType("keras")
    keras.backend = types.SimpleNamespace(clear_session=lambda: calls.__setitem__("clear_session", calls["clear_session"] + 1))
    pyplot = types.ModuleType("matplotlib.pyplot")
    pyplot.close = lambda which: calls["close"].append(which)
    monkeypatch.setitem(sys.modules, "keras", keras)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", pyplot)
    monkeypatch.setattr(script_runner, "_clean_problem_modules", server_setup.STREAMLIT_CLEANUP)
    return calls


def test_streamlit_own_cleanup_clears_keras(fake_modules):
    """What the patch is for: if an upgrade stops doing this, the patch can go."""
    server_setup.STREAMLIT_CLEANUP()
    assert fake_modules == {"clear_session": 1, "close": ["all"]}


def test_patched_cleanup_leaves_keras_and_closes_figures(fake_modules):
    assert server_setup.keep_keras_between_runs() is True
    assert script_runner._clean_problem_modules is server_setup._clean_without_keras
    script_runner._clean_problem_modules()
    assert fake_modules == {"clear_session": 0, "close": ["all"]}


def test_patch_is_idempotent(fake_modules):
    server_setup.keep_keras_between_runs()
    server_setup.keep_keras_between_runs()
    script_runner._clean_problem_modules()
    assert fake_modules == {"clear_session": 0, "close": ["all"]}
