"""Once per server process: stop Streamlit from clearing Keras' global state after every run.

Streamlit's script runner calls `keras.backend.clear_session()` at the end of every run
of every session once Keras has been imported (`_clean_problem_modules` in
streamlit/runtime/scriptrunner/script_runner.py, Streamlit 1.5x). In Keras 3 that call
resets TensorFlow's graph, empties its kernel cache and runs a full `gc.collect()`,
holding the GIL. After the first training on a class server, every student's rerun paid
for it, and a training running in another session lost its kernel cache on each of
them: in a py-spy profile of 10 students browsing while trainings ran
(`benchmarks/bench_load.py --trainers`), 91% of the samples holding the GIL were in it.

LSTM Lab never keeps Keras models between runs (the pages predict with NumPy; a live
training clears Keras itself when the last training in the process ends, see
`lstm_core/ui/live_training.py`), so the per-run clear only costs time. The patch keeps
the rest of Streamlit's cleanup (closing matplotlib figures). It is checked by
`tests/core/ui/test_server_setup.py`, which fails if a Streamlit upgrade renames the hook.
"""

from __future__ import annotations

import sys
import threading

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner

# Streamlit's own hook, kept so a test can show what it does (and notice an upgrade).
STREAMLIT_CLEANUP = getattr(script_runner, "_clean_problem_modules", None)


def _clean_without_keras() -> None:
    """What Streamlit's cleanup does besides Keras: close matplotlib's figures."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        try:
            pyplot.close("all")
        except Exception:  # noqa: BLE001 - as Streamlit's own cleanup: never fail a run here
            pass


def keep_keras_between_runs() -> bool:
    """Replace Streamlit's per-run cleanup with one that leaves Keras alone (idempotent)."""
    if not hasattr(script_runner, "_clean_problem_modules"):
        return False
    script_runner._clean_problem_modules = _clean_without_keras
    return True


@st.cache_resource(show_spinner=False)
def set_up_server() -> bool:
    """Once per server process (app.py calls it on every run; the cache makes it once)."""
    return keep_keras_between_runs()


_LEFT_OLD_MODE = threading.Event()  # set once this process has switched to app.py's navigation


def through_the_app() -> None:
    """Make a page that Streamlit ran on its own rerun through app.py's navigation.

    A server whose folder has pages/ starts in Streamlit's old multipage mode and stays
    there until some run calls st.navigation (`PagesManager.uses_pages_directory`). So
    on a freshly started server, a student whose first request is a page's address
    (a bookmark of /sentiment, a glossary link in a tab left open over a restart) got
    pages/sentiment.py run alone: a sidebar of file names, no language from the link, no
    lesson panel. Each page calls this first; in that mode it switches to app.py's
    navigation and reruns, which runs app.py and then the same page (same url_path, same
    page hash, same query string). It acts once per process: on a server the old mode
    never comes back, and Streamlit's AppTest, which turns the old mode on again before
    each of its runs to run a page without app.py, keeps doing so.
    """
    if PagesManager.uses_pages_directory and not _LEFT_OLD_MODE.is_set():
        _LEFT_OLD_MODE.set()
        PagesManager.uses_pages_directory = False
        st.rerun()
