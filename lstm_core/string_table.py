"""All UI strings, English and simplified Chinese, as one table: key -> {"en", "zh"}.

The strings are data: one TOML file per page in `lstm_core/ui/strings/` (`home.toml`,
`forecast.toml`, ...), each key a quoted table with its English and Chinese side by side::

    ["sentiment.verdict"]
    en = "..."
    zh = "..."

`TABLE` is the union of every `*.toml` there (a new file needs no registration); a key
defined in two files is refused. `terms.toml` there is not strings but the term table (one
Chinese word per concept) that the Chinese strings are held to. `render` turns a `Message` from the core into text in
a given language; `lstm_core.ui.i18n.t` does the same in the session's language. The
table sits below the UI (it imports no Streamlit) because the offline builds render the
titles they write into model cards with it, and builds never import `lstm_core.ui`.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from pathlib import Path

from lstm_core.message import Message, Quoted

FOLDER = Path(__file__).resolve().parent / "ui" / "strings"
TERMS = FOLDER / "terms.toml"
LANGUAGES = ("en", "zh")


def load_table(folder: Path = FOLDER) -> dict[str, dict[str, str]]:
    """Every key of every *.toml in `folder` (sorted by file name); duplicates are an error."""
    table: dict[str, dict[str, str]] = {}
    owner: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == TERMS.name:
            continue
        with path.open("rb") as handle:
            section = tomllib.load(handle)
        clash = sorted(table.keys() & section.keys())
        if clash:
            where = ", ".join(f"{key} ({owner[key]})" for key in clash)
            raise ValueError(f"UI string keys in {path.name} are defined already: {where}")
        for key, entry in section.items():
            if not (isinstance(entry, dict) and all(isinstance(text, str) for text in entry.values())):
                raise ValueError(f"{path.name}: [{key!r}] must hold only text, one line per language")
            owner[key] = path.name
        table.update(section)
    return table


TABLE: dict[str, dict[str, str]] = load_table()


def text(key: str, language: str, /, **values) -> str:
    """The string `key` in `language`, formatted with `values`; KeyError if either is missing."""
    try:
        template = TABLE[key][language]
    except KeyError:
        raise KeyError(f"UI string {key!r} has no {language!r} text") from None
    return template.format(**values) if values else template


_MARKDOWN_ESCAPES = str.maketrans({mark: "\\" + mark for mark in string.punctuation})
WORD_JOINER = "\u2060"  # invisible, zero-width: breaks what GFM would turn into a link


def literal(value: object) -> str:
    """`value` as literal text inside Markdown, on one line.

    CommonMark lets a backslash escape any ASCII punctuation, so no link, image, HTML tag,
    emphasis, code, heading, table, LaTeX (`$`) or Streamlit directive (`:red[...]`) can
    come out of it. GitHub's "autolink literals" are found in the text after escapes are
    undone (a browser test saw "http://..." become a link even so), so an invisible word
    joiner also goes after every ":" and "@" and before every ".": no "http://", "www."
    or e-mail address is left to find. Use it for every value from a user, a link or a
    file that a page puts into Markdown.
    """
    escaped = " ".join(str(value).split()).translate(_MARKDOWN_ESCAPES)
    return (escaped.replace("\\:", "\\:" + WORD_JOINER).replace("\\@", "\\@" + WORD_JOINER)
            .replace("\\.", WORD_JOINER + "\\."))


def render(message: Message | Mapping[str, str] | str, language: str) -> str:
    """Text for the user in `language`.

    A `Message` is looked up in the table, its values rendered first (they may be
    Messages too, and a `Quoted` value is made literal Markdown); a mapping is a title
    stored as data in a model card (language code -> text; English when the card lacks
    the language); a plain string is shown as it is.
    """
    if isinstance(message, Message):
        values = {name: render(value, language) if isinstance(value, (Message, Mapping))
                  else literal(value) if isinstance(value, Quoted) else value
                  for name, value in message.values.items()}
        return text(message.key, language, **values)
    if isinstance(message, Mapping):
        return message.get(language) or message["en"]
    return message


def both(message: Message) -> dict[str, str]:
    """A message in every language, e.g. for the display title a model card stores."""
    return {language: render(message, language) for language in LANGUAGES}
