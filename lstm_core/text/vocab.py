"""A vocabulary: tokens to ids and back, with padding and an unknown token.

Id 0 is padding (Keras' `mask_zero=True` skips it) and id 1 stands for every token
the model never saw in training. The same two rules hold for every model in the app.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np

PAD, UNK = "<pad>", "<unk>"


@dataclass(frozen=True)
class Encoded:
    ids: np.ndarray  # (T,) int32
    tokens: tuple[str, ...]  # the tokens as written
    unknown: tuple[bool, ...]  # True where the token mapped to <unk>


@dataclass(frozen=True)
class Vocabulary:
    tokens: tuple[str, ...]  # index = id; tokens[0] is <pad>, tokens[1] is <unk>
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.tokens[:2] != (PAD, UNK):
            raise ValueError("a vocabulary starts with <pad> and <unk>")
        if not all(isinstance(token, str) for token in self.tokens):  # a vocabulary from an uploaded card
            raise ValueError("every token of a vocabulary is text")
        object.__setattr__(self, "index", {tok: i for i, tok in enumerate(self.tokens)})

    def __len__(self) -> int:
        return len(self.tokens)

    @classmethod
    def build(cls, documents: Iterable[Iterable[str]], max_size: int | None = None, min_count: int = 1) -> "Vocabulary":
        """The most frequent tokens of the training documents (ties broken by first appearance)."""
        counts = Counter(tok for doc in documents for tok in doc)
        ranked = [tok for tok, n in counts.most_common() if n >= min_count and tok not in (PAD, UNK)]
        if max_size is not None:
            ranked = ranked[: max(0, max_size - 2)]
        return cls((PAD, UNK, *ranked))

    def encode(self, tokens: Iterable[str]) -> Encoded:
        tokens = tuple(tokens)
        ids = np.array([self.index.get(tok, 1) for tok in tokens], dtype=np.int32)
        return Encoded(ids, tokens, tuple(bool(i == 1) for i in ids))

    def decode(self, ids: Iterable[int]) -> list[str]:
        return [self.tokens[int(i)] for i in ids]


def pad(sequences: list[np.ndarray], length: int | None = None, value: int = 0) -> np.ndarray:
    """Post-pad (and cut) integer sequences into an (N, length) array."""
    length = length or max((len(s) for s in sequences), default=1)
    out = np.full((len(sequences), length), value, dtype=np.int32)
    for row, seq in enumerate(sequences):
        seq = np.asarray(seq[:length])
        out[row, : len(seq)] = seq
    return out
