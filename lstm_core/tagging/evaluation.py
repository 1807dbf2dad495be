"""Every method on the same sentences: jieba (HMM on and off), the CRF, and the LSTM taggers.

jieba is scored as the Tokens page runs it (precise mode, `lstm_core.text.segmentation`):
its words for the segmentation scores, and jieba.posseg's (word, tag) pairs for parts of
speech and names (posseg cuts a little differently from plain jieba, so each is scored on
its own output). The CRF segments only. The taggers read all sentences in shared batches.
"""

from __future__ import annotations

import time
from typing import Callable, Sequence

from lstm_core.tagging.corpus import Tagged, text_of
from lstm_core.tagging.metrics import Scores, score
from lstm_core.tagging.tagger import Tagger
from lstm_core.text import segmentation

REPORTED_TAGS = ("n", "v", "w", "u", "p", "d", "m", "a", "vn", "nr", "ns", "nt")  # the most frequent, and the names


def known_words(sentences: Sequence[Tagged]) -> frozenset[str]:
    """The training split's words: a test word outside them is out of vocabulary."""
    return frozenset(word for sentence in sentences for word, _ in sentence)


def jieba_segment(hmm: bool) -> Callable[[str], list[str]]:
    """jieba's precise mode as a segmenter (spaces kept as words, so the text is covered)."""
    def segment(text: str) -> list[str]:
        return segmentation.tokenizer(()).lcut(text, HMM=hmm)

    return segment


def jieba_tag(hmm: bool) -> Callable[[str], list[tuple[str, str]]]:
    """jieba.posseg as a tagger; the spaces it drops come back as words tagged w."""
    def tag(text: str) -> list[tuple[str, str]]:
        return cover(text, segmentation.pos_tags(text, hmm=hmm))

    return tag


def cover(text: str, pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """(word, tag) pairs that cover `text` exactly: whatever the pairs skip becomes a word tagged w."""
    out, position = [], 0
    for word, tag in pairs:
        found = text.find(word, position)
        if found < 0:
            raise ValueError(f"{word!r} is not in the text after position {position}")
        if found > position:
            out.append((text[position:found], "w"))
        out.append((word, tag))
        position = found + len(word)
    if position < len(text):
        out.append((text[position:], "w"))
    return out


def score_segmenter(segment: Callable[[str], list[str]], sentences: Sequence[Tagged], known: frozenset[str]) -> Scores:
    predicted = [[(word, "") for word in segment(text_of(sentence))] for sentence in sentences]
    return score(sentences, predicted, known, tags=False)


def score_tagging(tag: Callable[[str], list[tuple[str, str]]], sentences: Sequence[Tagged], known: frozenset[str]) -> Scores:
    return score(sentences, [tag(text_of(sentence)) for sentence in sentences], known, pos_tags=REPORTED_TAGS)


def score_tagger(tagger: Tagger, sentences: Sequence[Tagged], known: frozenset[str]) -> Scores:
    readings = tagger.read_many([text_of(sentence) for sentence in sentences])
    return score(sentences, [list(zip(r.words, r.tags)) for r in readings], known, pos_tags=REPORTED_TAGS)


def characters_per_second(segment_all: Callable[[list[str]], object], texts: list[str], repeats: int = 3) -> float:
    """The best of `repeats` timings of segmenting every text (on a shared machine the slower runs measure the others)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        segment_all(texts)
        best = min(best, time.perf_counter() - started)
    return sum(map(len, texts)) / best
