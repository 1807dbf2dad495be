"""Cached loaders: each shipped model is read from assets/ once per server, never mutated."""

from __future__ import annotations

import streamlit as st

from lstm_core.nn import blas
from lstm_core.nn.trace import Traceable
from lstm_core.serving import catalogue


@st.cache_resource(show_spinner=False)
def traceable(key: str) -> Traceable:
    """A shipped model from the catalogue, by key."""
    entry = next(e for e in catalogue.SHIPPED if e.key == key)
    return catalogue.load(entry)


@st.cache_resource(show_spinner=False)
def single_thread_blas():
    """Once per server: NumPy's BLAS on one thread (see lstm_core.nn.blas for the numbers).

    The app's matrix products are small; with several sessions sharing two cores, a
    second BLAS thread only adds waiting. The limit is process-wide, so it is set once.
    """
    return blas.one_thread()
