"""Scoring a segmentation, its parts of speech and its names against the gold text.

The SIGHAN bakeoff's measure (Emerson 2005): a predicted word counts when its exact span
(first and last character) is a gold word's span. Precision = right / predicted words,
recall = right / gold words, F1 their harmonic mean, all counted over the whole test set
(micro). Out-of-vocabulary recall is recall on the gold words never seen in the training
split: where no dictionary can help. Parts of speech and names count the same way, as
(span, tag) and (span, type) triples.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Iterable, Sequence

from lstm_core.tagging.corpus import ENTITY_TYPES, entity_spans


def spans_of(words: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans (start, end) of consecutive words."""
    spans, start = [], 0
    for word in words:
        spans.append((start, start + len(word)))
        start += len(word)
    return spans


@dataclass(frozen=True)
class PRF:
    """Counts of one kind of item; precision, recall and F1 follow from them."""

    right: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                **asdict(self)}


def prf(predicted: Iterable[set], gold: Iterable[set]) -> PRF:
    """Micro counts over paired sets of items (one pair per sentence)."""
    right = n_pred = n_gold = 0
    for p, g in zip(predicted, gold, strict=True):
        right, n_pred, n_gold = right + len(p & g), n_pred + len(p), n_gold + len(g)
    return PRF(right, n_pred, n_gold)


@dataclass(frozen=True)
class Scores:
    """Everything the page and the model card report for one method on one set of sentences."""

    words: PRF
    oov_recall: float  # recall on gold words absent from the training split
    iv_recall: float  # and on those present
    pos: PRF | None  # (span, tag) triples; None for a method without tags
    pos_by_tag: dict[str, PRF] = field(default_factory=dict)
    entities: PRF | None = None
    entities_by_type: dict[str, PRF] = field(default_factory=dict)

    def as_dict(self) -> dict:
        out = {"word": self.words.as_dict(), "oov_recall": round(self.oov_recall, 4), "iv_recall": round(self.iv_recall, 4)}
        if self.pos is not None:
            out["pos"] = self.pos.as_dict()
            out["pos_by_tag"] = {tag: value.as_dict() for tag, value in self.pos_by_tag.items()}
        if self.entities is not None:
            out["entities"] = self.entities.as_dict()
            out["entities_by_type"] = {kind: value.as_dict() for kind, value in self.entities_by_type.items()}
        return out


def score(gold: Sequence[Sequence[tuple[str, str]]], predicted: Sequence[Sequence[tuple[str, str]]],
          known_words: set[str] | frozenset[str], tags: bool = True, pos_tags: Sequence[str] = ()) -> Scores:
    """Score predicted (word, tag) sentences against gold ones (the same texts).

    known_words: the training split's words (for OOV recall). tags=False: words only (the
    predicted tags are ignored). pos_tags: the tags to report one by one (the others still
    count in the overall POS score).
    """
    gold_spans, pred_spans, oov_hit, oov_all, iv_hit, iv_all = [], [], 0, 0, 0, 0
    for g, p in zip(gold, predicted, strict=True):
        g_words, p_words = [w for w, _ in g], [w for w, _ in p]
        if "".join(g_words) != "".join(p_words):
            raise ValueError(f"a prediction does not cover its sentence: {''.join(p_words)[:40]!r}")
        g_set, p_set = set(spans_of(g_words)), set(spans_of(p_words))
        gold_spans.append(g_set)
        pred_spans.append(p_set)
        for word, span in zip(g_words, spans_of(g_words)):
            hit = span in p_set
            if word in known_words:
                iv_hit, iv_all = iv_hit + hit, iv_all + 1
            else:
                oov_hit, oov_all = oov_hit + hit, oov_all + 1
    words = prf(pred_spans, gold_spans)
    if not tags:
        return Scores(words, oov_hit / max(oov_all, 1), iv_hit / max(iv_all, 1), None)
    gold_pos = [{(*s, tag) for s, (_, tag) in zip(spans_of([w for w, _ in g]), g)} for g in gold]
    pred_pos = [{(*s, tag) for s, (_, tag) in zip(spans_of([w for w, _ in p]), p)} for p in predicted]
    by_tag = {tag: prf(({x for x in p if x[2] == tag} for p in pred_pos), ({x for x in g if x[2] == tag} for g in gold_pos))
              for tag in pos_tags}
    gold_ent = [set(entity_spans(g)) for g in gold]
    pred_ent = [set(entity_spans(p)) for p in predicted]
    by_type = {kind: prf(({x for x in p if x[2] == kind} for p in pred_ent), ({x for x in g if x[2] == kind} for g in gold_ent))
               for kind in ENTITY_TYPES}
    return Scores(words, oov_hit / max(oov_all, 1), iv_hit / max(iv_all, 1), prf(pred_pos, gold_pos), by_tag,
                  prf(pred_ent, gold_ent), by_type)


def frequent_tags(sentences: Iterable[Sequence[tuple[str, str]]], top: int) -> list[str]:
    """The `top` most frequent POS tags of some sentences."""
    return [tag for tag, _ in Counter(tag for sentence in sentences for _, tag in sentence).most_common(top)]
