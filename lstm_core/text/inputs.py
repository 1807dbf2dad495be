"""Checking text a user typed or pasted, before any model sees it.

Pages show the notices this returns; nothing here raises on odd input except an
empty text, which raises `EmptyText` so a page can say what to do.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from lstm_core.message import Message, UserError

DEFAULT_LIMIT = 2_000  # characters; enough for a long review, small enough to trace live


class EmptyText(UserError):
    """Nothing but spaces (or nothing at all) was entered."""

    def __init__(self) -> None:
        super().__init__("the text is empty or only spaces", Message("common.empty_text"))


@dataclass(frozen=True)
class UserText:
    text: str  # cleaned and cut
    original_length: int  # characters before cutting
    limit: int
    controls_removed: int  # control characters dropped (newlines and tabs are kept)

    @property
    def was_cut(self) -> bool:
        return self.original_length > self.limit


def clean(text: str | None, limit: int = DEFAULT_LIMIT) -> UserText:
    """Drop control characters, cut to `limit` characters; raise ValueError if nothing is left."""
    text = text or ""
    # Emoji joiners and variation selectors are format characters ("Cf") but part of
    # what the user wrote; keep them so emoji stay whole.
    kept = [ch for ch in text if ch in "\n\t\u200d\ufe0f" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")]
    removed = len(text) - len(kept)
    cleaned = "".join(kept)
    if not cleaned.strip():
        raise EmptyText()
    return UserText(cleaned[:limit], len(cleaned), limit, removed)


def decode_upload(data: bytes, max_bytes: int = 5_000_000) -> str:
    """An uploaded file's text; `UserError` if it is too large, not UTF-8, or not text at all.

    A byte-order mark is allowed and Windows line ends become plain newlines.
    """
    if len(data) > max_bytes:
        raise UserError(f"the file is larger than {max_bytes // 1_000_000} MB",
                        Message("error.upload.too_large", {"megabytes": max_bytes // 1_000_000}))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError("the file is not UTF-8 text", Message("error.upload.not_utf8")) from error
    printable = sum(ch.isprintable() or ch in "\n\t\r" for ch in text)
    if text and printable / len(text) < 0.9:
        raise UserError("the file does not look like text (too many control characters)", Message("error.upload.not_text"))

    return text.replace("\r\n", "\n")
