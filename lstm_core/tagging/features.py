"""What the tagger reads at each character: the character and the bigram that ends on it.

Characters are folded first, one for one (so positions never move): full-width forms to
their plain ones (１９９８ and 1998 are the same digits, Ｃ and C the same letter), every
digit to 0 and every Latin letter to a (a number or a Latin word is segmented the same
whatever it spells). Each character then has two ids: its own, and that of the bigram it
closes (the character before it and itself; ^ before the first). Bigrams matter for
segmentation (Pei et al. 2014; Chen et al. 2015): 生命 and 命起 tell more than 生 and 命.
Only the left bigram is read, so a network reading left to right sees nothing of the
characters to come: what a right-to-left pass adds is exactly what bidirectionality adds.
Id 0 is padding and id 1 unknown, as in every vocabulary of the app.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np

from lstm_core.text.vocab import Vocabulary

START = "^"  # stands before the first character in its bigram


@lru_cache(maxsize=65_536)  # a pure function of one character: a few thousand distinct ones in practice
def fold(ch: str) -> str:
    """One character as the tagger reads it (always one character)."""
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        folded = ch
    if folded.isdigit() and folded.isascii():
        return "0"
    if folded.isascii() and folded.isalpha():
        return "a"
    return folded


def folded(text: str) -> str:
    return "".join(fold(ch) for ch in text)


def bigrams(text: str) -> list[str]:
    """The bigram ending at each character of already folded text."""
    return [(text[i - 1] if i else START) + text[i] for i in range(len(text))]


@dataclass(frozen=True)
class CharFeatures:
    """The character and bigram vocabularies, built on the training split."""

    chars: Vocabulary
    bigrams: Vocabulary

    @classmethod
    def build(cls, texts: Iterable[str], char_min_count: int = 1, bigram_min_count: int = 2) -> "CharFeatures":
        char_counts, bigram_counts = Counter(), Counter()
        for text in texts:
            text = folded(text)
            char_counts.update(text)
            bigram_counts.update(bigrams(text))
        return cls(_vocabulary(char_counts, char_min_count), _vocabulary(bigram_counts, bigram_min_count))

    def encode(self, text: str) -> np.ndarray:
        """(T, 2) int32 ids: column 0 the character, column 1 the bigram it closes."""
        text = folded(text)
        index_c, index_b = self.chars.index, self.bigrams.index
        ids = np.empty((len(text), 2), dtype=np.int32)
        ids[:, 0] = [index_c.get(ch, 1) for ch in text]
        ids[:, 1] = [index_b.get(bigram, 1) for bigram in bigrams(text)]
        return ids

    def unknown(self, text: str) -> list[bool]:
        """True where a character was never seen in training."""
        return [ch not in self.chars.index for ch in folded(text)]

    def to_dict(self) -> dict:
        return {"chars": list(self.chars.tokens), "bigrams": list(self.bigrams.tokens)}

    @classmethod
    def from_dict(cls, data: dict) -> "CharFeatures":
        return cls(Vocabulary(tuple(data["chars"])), Vocabulary(tuple(data["bigrams"])))


def _vocabulary(counts: Counter, min_count: int) -> Vocabulary:
    # Most frequent first; ties keep the order of first appearance (Counter keeps it).
    return Vocabulary(("<pad>", "<unk>", *(tok for tok, n in counts.most_common() if n >= min_count)))


def padded(batch: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Stack (T_i, 2) id arrays into (N, T_max, 2), zeros after each row's end, and the lengths."""
    lengths = np.array([len(ids) for ids in batch])
    out = np.zeros((len(batch), int(lengths.max(initial=1)), 2), dtype=np.int32)
    for row, ids in enumerate(batch):
        out[row, : len(ids)] = ids
    return out, lengths
