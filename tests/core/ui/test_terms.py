"""One Chinese term per concept: every Chinese text the app shows follows strings/terms.toml.

The texts: the zh of every string-table key (but the glossary's lists of look-alikes it must
not link), every assets/text/*.zh.md, and the Chinese titles stored in the model cards
(assets/*.json). A text fails where one of a term's
`avoid` patterns matches outside every match of its `allow` patterns.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from lstm_core.string_table import TABLE, TERMS

ROOT = Path(__file__).resolve().parents[3]
with TERMS.open("rb") as handle:
    TERM_TABLE = tomllib.load(handle)["term"]


def _card_titles(card, where: str):
    """(where, Chinese text) for every "zh" entry of a model card."""
    if isinstance(card, dict):
        for key, value in card.items():
            if key == "zh" and isinstance(value, str):
                yield where, value
            else:
                yield from _card_titles(value, f"{where}.{key}")
    elif isinstance(card, list):
        for index, value in enumerate(card):
            yield from _card_titles(value, f"{where}[{index}]")


def chinese_texts() -> list[tuple[str, str]]:
    """(where, text) for every Chinese text the app shows from its own data."""
    texts = [(f"strings: {key}", entry["zh"]) for key, entry in TABLE.items()
             if "zh" in entry and not key.startswith("glossary.avoid.")]  # look-alikes are listed to be avoided
    texts += [(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
              for path in sorted((ROOT / "assets" / "text").glob("*.zh.md"))]
    for path in sorted((ROOT / "assets").glob("*.json")):
        texts += _card_titles(json.loads(path.read_text(encoding="utf-8")), path.name)
    return texts


def offences(text: str, term: dict) -> list[str]:
    """The avoided words in `text` that no allowed word covers."""
    allowed = [m.span() for pattern in term.get("allow", []) for m in re.finditer(pattern, text)]
    found = []
    for pattern in term["avoid"]:
        for match in re.finditer(pattern, text):
            if not any(start <= match.start() and match.end() <= end for start, end in allowed):
                found.append(text[max(0, match.start() - 8):match.end() + 8])
    return found


def test_the_term_table_is_well_formed():
    assert len(TERM_TABLE) >= 20
    for term in TERM_TABLE:
        assert {"concept", "zh", "avoid"} <= term.keys(), term
        for pattern in term["avoid"] + term.get("allow", []):
            re.compile(pattern)
    zh = [term["zh"] for term in TERM_TABLE]
    assert len(zh) == len(set(zh)), "a Chinese word stands for two concepts"


@pytest.mark.parametrize("term", TERM_TABLE, ids=[term["concept"].split(" (")[0] for term in TERM_TABLE])
def test_every_chinese_text_uses_the_one_term(term):
    bad = [f"{where}: …{piece}…" for where, text in chinese_texts() for piece in offences(text, term)]
    assert bad == [], f"use {term['zh']} for {term['concept']}"


def test_the_checker_sees_an_avoided_word_and_spares_an_allowed_one():
    cell = next(term for term in TERM_TABLE if term["zh"] == "细胞")
    assert offences("三种单元在同一个任务上", cell) and offences("标准 LSTM 单元", cell)
    assert not offences("GRU（门控循环单元）", cell) and not offences("LSTM 单元数", cell)
    sampling = next(term for term in TERM_TABLE if term["zh"] == "采样")
    assert offences("只从中抽样", sampling) and not offences("核采样", sampling)
