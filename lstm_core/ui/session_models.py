"""Models trained in this browser session, offered to the Gates page's picker.

They live in `st.session_state` only, so one student's model never shows up in
another student's tab.
"""

from __future__ import annotations

import streamlit as st

from lstm_core.nn.trace import Traceable

_KEY = "gates_session_models"


def add(model: Traceable) -> None:
    """Offer a model trained in this session on the Gates page (replaces one with its key)."""
    st.session_state.setdefault(_KEY, {})[model.key] = model


def session_models() -> dict[str, Traceable]:
    return dict(st.session_state.get(_KEY, {}))
