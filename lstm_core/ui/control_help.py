"""Classroom mode: each control's explanation on the page, not behind a hover tooltip.

A projector shows no tooltips, so in classroom mode the help texts behind the (?) icons of
a page's controls are listed under it in projector type, read from the same string table
(every `<page>.<name>_help` whose control is labelled `<page>.<name>`).
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from lstm_core.string_table import TABLE
from lstm_core.ui.i18n import t
from lstm_core.ui.style import classroom

# The string-table prefixes of each page (by url_path) when they differ from the page's own name.
PREFIXES: dict[str, tuple[str, ...]] = {"practical": ("practical.", "explain.", "generalize.")}


@lru_cache(maxsize=None)  # the string table never changes while the server runs
def _control_keys(page: str) -> tuple[str, ...]:
    """Keys of `page`'s controls that have a help text, neither needing values filled in."""
    prefixes = PREFIXES.get(page, (f"{page}.",))
    keys = [key[: -len("_help")] for key in TABLE if key.endswith("_help") and key.startswith(prefixes)]
    return tuple(key for key in keys if key in TABLE and "{" not in TABLE[key]["en"] + TABLE[f"{key}_help"]["en"])


def pairs(page: str) -> list[tuple[str, str]]:
    """(control label, its help text) for every control of `page` that has both, table order.

    Texts that need values filled in ({limit}, ...) are left out: they only make sense beside
    their control.
    """
    return [(t(key), t(f"{key}_help")) for key in _control_keys(page)]


def show(page: str) -> None:
    """In classroom mode, the page's control explanations in an open expander."""
    found = pairs(page) if classroom() else []
    if found:
        with st.expander(t("common.controls_explained"), expanded=True):
            st.markdown("\n".join("- " + t("common.labelled", label=f"**{label}**", text=text) for label, text in found))
