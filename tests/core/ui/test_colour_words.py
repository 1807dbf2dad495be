"""No text names a colour by hand: a caption's colour is a {placeholder} filled from the palette.

A colour typed into a string drifts from the chart (a caption said "red positive" where the
chart drew positive blue); `lstm_core.palette.name` says what each colour is called.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lstm_core import palette
from lstm_core.string_table import TABLE

ROOT = Path(__file__).resolve().parents[3]
WORDS = {
    "en": re.compile(r"\b(red|blue|orange|green|grey|gray|purple|pink|yellow|white|black|vermill?ion|violet|brown)\b", re.I),
    "zh": re.compile(r"[红蓝橙绿灰紫黄白黑粉棕]色|橙红|蓝绿|(?<![明空黑坦])白(?=[、，。 ·])"),
}


def texts(language: str):
    for key, entry in TABLE.items():
        yield f"strings: {key}", entry[language]
    for path in sorted((ROOT / "assets" / "text").glob(f"*.{language}.md")):
        yield path.name, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_text_names_a_colour_by_hand(language):
    found = []
    for where, text in texts(language):
        bare = re.sub(r"\{[^{}]*\}", "", text)
        bare = re.sub(r'color="[^"]*"|style=[a-z]+|fillcolor=[^,\]]+', "", bare)  # Graphviz attributes in a diagram
        found += [f"{where}: {match.group(0)}" for match in WORDS[language].finditer(bare)]
    assert found == [], "name colours with a {placeholder} filled by palette.name"


def test_every_palette_colour_a_caption_may_name_has_a_name_in_both_languages():
    for colour in {palette.POSITIVE, palette.NEGATIVE, palette.WHITE, palette.REFERENCE, *palette.MODELS.values()}:
        assert palette.name(colour, "en") and palette.name(colour, "zh")
    assert palette.name(palette.POSITIVE, "en") == "blue" and palette.name(palette.NEGATIVE, "zh") == "橙红色"
    with pytest.raises(ValueError):
        palette.name("#123456", "en")
