"""The numbers the long texts state about the shipped models come from the cards (or the page).

Every `{{card.path|format}}` of every assets/text/*.md resolves in its card and formats; the
English and Chinese texts quote the same facts; every `{{name}}` without a path is passed by
the page's long_text("...", name=...) call.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

from lstm_core.ui.text_facts import FACT, facts_in, fill_facts, value

ROOT = Path(__file__).resolve().parents[3]
TEXTS = ROOT / "assets" / "text"
NAMES = sorted({path.name.rsplit(".", 2)[0] for path in TEXTS.glob("*.md")})
CODE = [*sorted((ROOT / "lstm_core").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py"]


@lru_cache(maxsize=1)
def passed_values() -> dict[str, set[str]]:
    """For each long_text("name", ...) call in the code: the keyword values it passes."""
    found: dict[str, set[str]] = {}
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "long_text"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found.setdefault(node.args[0].value, set()).update(k.arg for k in node.keywords if k.arg)
    return found


def read(name: str, language: str) -> str:
    return (TEXTS / f"{name}.{language}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_every_fact_of_a_long_text_resolves_in_both_languages(name):
    en, zh = read(name, "en"), read(name, "zh")
    assert sorted(set(facts_in(en))) == sorted(set(facts_in(zh))), f"{name}: English and Chinese quote different facts"
    given = passed_values().get(name, set())
    values = {}
    for fact, path, spec in facts_in(en):
        if not path:
            assert fact in given, f"{name} quotes {{{{{fact}}}}}, which no long_text({name!r}, {fact}=...) call passes"
            values[fact] = 0.5
        else:
            format(value(fact, path, {}), spec)  # KeyError / IndexError: the card has no such value
    for text in (en, zh):
        assert "{{" not in fill_facts(text, values) and "}}" not in fill_facts(text, values)


def test_a_fact_is_read_from_its_card_and_formatted():
    text = "{{why_memory.config.units}} units, chance {{why_memory.baseline.test_accuracy|.0%}}, {{window}} steps"
    assert fill_facts(text, {"window": 40}) == "32 units, chance 25%, 40 steps"
    assert facts_in("{{word_vectors_zh.data.tokens|,}}") == [("word_vectors_zh", "data.tokens", ",")]
    assert FACT.fullmatch("{{sentiment_zh.search.tried.0.validation.accuracy|.1%}}")
    with pytest.raises(KeyError):
        fill_facts("{{why_memory.config.nothing}}")
