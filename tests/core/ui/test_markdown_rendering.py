"""No literal Markdown on any page: every string and every long text, in both languages,
rendered by a CommonMark parser after glossary linking, leaves no markup as text.

Streamlit renders Markdown with CommonMark rules (remark), and so does markdown-it-py's
"commonmark" preset. A marker that CommonMark does not accept stays on screen as a
character: `若干**[门](…)**` shows its asterisks (bold cannot open before `[` right after a
CJK character), and so does `*直通（straight-through）*技巧` (italic cannot close after `）`
before a CJK character). The checks read the parser's text tokens, what the browser shows
as plain text; code spans and maths (`$…$`, which Streamlit typesets) are not text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from lstm_core.ui.glossary_links import link_terms
from lstm_core.string_table import LANGUAGES, TABLE

TEXTS = Path(__file__).resolve().parents[3] / "assets" / "text"
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])  # Streamlit's Markdown is GitHub-flavoured
MATH = re.compile(r"\$\$[\s\S]*?\$\$|\$[^$\n]+\$")
FIELD = re.compile(r"\{\{|\}\}|\{[^{}]*\}")  # str.format fields, filled with a plain value
LEFT_AS_TEXT = {
    "bold or italic marker": re.compile(r"\*"),
    "underscore emphasis": re.compile(r"__|(?<![A-Za-z0-9])_(?=\S)|(?<=\s)_|_(?=\s|$|[.,;:!?，。；：！？])"),
    "backtick": re.compile(r"`"),
    "link syntax": re.compile(r"\]\(|\[[^\]]*\]\(|\]\s*\("),
}


def shown_text(markdown: str) -> list[str]:
    """The plain text runs a browser shows for `markdown` (code and maths left out)."""
    runs: list[str] = []

    def walk(tokens) -> None:
        for token in tokens:
            if token.children:
                walk(token.children)
            elif token.type == "text":
                runs.append(token.content)

    walk(PARSER.parse(MATH.sub(" ", markdown)))
    return runs


def literal_markdown(markdown: str, language: str) -> list[str]:
    """What stays literal once `markdown` is glossary-linked and rendered, as `kind: …context…`."""
    linked, _ = link_terms(markdown, language, lambda term: f"glossary?term={term}&lang={language}")
    found = []
    for run in shown_text(linked):
        for kind, pattern in LEFT_AS_TEXT.items():
            for match in pattern.finditer(run):
                found.append(f"{kind}: …{run[max(0, match.start() - 20):match.end() + 20]}…")
    return found


def filled(template: str) -> str:
    """A string-table template with every {field} filled (a number formats as text here)."""
    return FIELD.sub(lambda m: {"{{": "{", "}}": "}"}.get(m.group(0), "0"), template)


STRINGS = [(key, language) for key in sorted(TABLE) for language in LANGUAGES]
LONG_TEXTS = sorted(TEXTS.glob("*.md"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_string_of_the_table_shows_literal_markdown(language):
    problems = [f"{key}: {found}" for key in sorted(TABLE) for found in literal_markdown(filled(TABLE[key][language]), language)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", LONG_TEXTS, ids=lambda p: p.name)
def test_no_long_text_shows_literal_markdown(path):
    language = path.name.split(".")[-2]
    found = literal_markdown(path.read_text(encoding="utf-8"), language)
    assert not found, "\n".join(found)


def test_every_text_is_checked():
    assert len(LONG_TEXTS) >= 50 and {p.name.split(".")[-2] for p in LONG_TEXTS} == set(LANGUAGES)
    assert len(STRINGS) > 2_000


@pytest.mark.parametrize("text, language, kind", [
    ("每个 LSTM 都有若干**“门”**，决定写入多少。", "zh", "bold or italic marker"),
    ("每个 LSTM 都有若干**[门](glossary?term=gate)**，决定写入多少。", "zh", None),  # the linker puts the markers inside the link
    ("配合*直通（straight-through）*技巧，", "zh", "bold or italic marker"),
    ("打开**门控激活**页面", "zh", None),  # linked only outside the bold phrase: renders bold
    ("Only __half of it, and _this.", "en", "underscore emphasis"),
    ("c_t = f_t c_(t-1) + i_t g_t and `x_*`", "en", None),
    ("Run `python -m lstm_core.build", "en", "backtick"),
    ("See [the gate](glossary?term=gate for more.", "en", "link syntax"),
    ("An interval [0, 1] and $h_{t-1} * 2$ are fine.", "en", None),
])
def test_the_check_finds_what_a_browser_would_show_literally(text, language, kind):
    found = literal_markdown(text, language)
    assert (kind is None and not found) or (kind is not None and any(f.startswith(kind) for f in found)), found
