"""Cached loaders: each shipped model is read from assets/ once per server, never mutated."""

from __future__ import annotations

import streamlit as st

from lstm_core import registry


@st.cache_resource(show_spinner=False)
def traceable(key: str) -> registry.Traceable:
    """A shipped model from the Gates registry, by key."""
    entry = next(e for e in registry.SHIPPED if e.key == key)
    return registry.load(entry)
