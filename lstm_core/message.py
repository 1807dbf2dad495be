"""Text for the user, as data: a string-table key and the values to fill into it.

The core never holds English or Chinese sentences for the browser; it returns a
`Message` (a model's title, the verdict of a trace) and `lstm_core.ui` translates it
with the string table (`lstm_core.string_table`, read from `lstm_core/ui/strings/*.toml`).
A value may itself be a `Message` (a forecaster's title names its series' title),
rendered in the same language.

`UserError` is the same idea for refusals: an exception for bad input or an unusable file
that carries the `Message` a page shows (`lstm_core.ui.i18n.reason_of`), while `str()`
stays the English text for logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Union


@dataclass(frozen=True)
class Message:
    """A string-table key, e.g. "series.title.sunspots", and the values its text names."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The message as JSON data (a card stores it so each reader sees it in their language)."""
        return {"key": self.key, "values": dict(self.values)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Message":
        """The message `to_dict` stored."""
        return cls(data["key"], dict(data.get("values", {})))


class Quoted(str):
    """A value that came from outside: typed, uploaded, or read from a link or a file.

    Pages show messages in Markdown; a `Quoted` value is shown exactly as it is, never
    read as Markdown or HTML (`lstm_core.string_table.render` escapes it), so a column
    name or a typed token cannot turn into a link, an image or emphasis.
    """


# A model's or a series' title: a Message, or the title a model card stores as data
# (language code -> text, e.g. an uploaded model's `display_title`).
Title = Union[Message, Mapping[str, str]]


class UserError(ValueError):
    """Input a page must refuse, or a file it cannot use, said to the user in their language.

    `message` is what the page shows (rendered with the string table, values filled in);
    `str(error)` stays the English sentence for logs, tracebacks and developers. Being a
    `ValueError`, it is still caught wherever bad input was caught before.
    """

    def __init__(self, text: str, message: Message):
        super().__init__(text)
        self.message = message
