"""Numbers in the long explanations, filled in from the model cards (or by the page), never typed.

A long text (assets/text/<name>.<lang>.md) writes a number it states about a shipped model
as `{{card.path|format}}`: the value at that dotted path of assets/<card>.json, formatted with
the Python format spec after "|" (e.g. `{{why_memory.config.units}}`,
`{{word_vectors_zh.data.tokens|,}}`, `{{why_memory.baseline.test_accuracy|.0%}}`; a number in
the path indexes a list). A name without a path, `{{window}}`, is a value the page passes to
`long_text(name, window=...)`, such as a setting of its own training. Double braces, because
the texts hold LaTeX braces. tests/core/ui/test_text_facts.py resolves every one. This module
imports no Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from lstm_core.serving import assets

FACT = re.compile(r"\{\{\s*([a-z_0-9]+)((?:\.[A-Za-z_0-9]+)*)\s*(?:\|([^{}]*))?\}\}")
MISSING = "…"  # shown where a card cannot be read (the page says which model is missing)


@lru_cache(maxsize=64)
def _card(name: str) -> dict:
    """A model card as its JSON data (the paths in the texts are those of the card file)."""
    return assets.read_card(name).to_dict()


def value(name: str, path: str, values: Mapping[str, object]) -> object:
    """A fact: `values[name]` when there is no path, else the value at `path` ("a.b.0") of card `name`."""
    if not path:
        return values[name]
    found: object = _card(name)
    for part in path.strip(".").split("."):
        found = found[int(part)] if isinstance(found, list) else found[part]
    return found


def facts_in(text: str) -> list[tuple[str, str, str]]:
    """(name, path, format) of every fact a text quotes."""
    return [(m[1], m[2].strip("."), m[3] or "") for m in FACT.finditer(text)]


def fill_facts(text: str, values: Mapping[str, object] | None = None) -> str:
    """The text with every `{{...}}` replaced by its formatted value (an ellipsis where a card is missing)."""
    def one(match: re.Match[str]) -> str:
        try:
            found = value(match[1], match[2].strip("."), values or {})
        except assets.AssetError:
            return MISSING
        return format(found, match[3] or "")

    return FACT.sub(one, text)
