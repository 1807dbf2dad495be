"""A character n-gram language model with interpolated Kneser-Ney smoothing: the baseline.

Before a neural model earns its keep it must beat counting. An n-gram model predicts
the next character from the previous n-1 by counting how often each continuation
followed that context in the training text. Unseen contexts are the problem, and
Kneser-Ney (Kneser and Ney 1995; "modified" by Chen and Goodman 1998, here with one
discount per order) solves it well: it subtracts a discount D from every seen count
and gives the mass it freed to a lower-order model, whose counts are *continuation*
counts (in how many different contexts a character was seen, not how often).

    P_k(w | h) = max(c(h w) - D_k, 0) / c(h)  +  D_k * N(h .) / c(h) * P_(k-1)(w | h')

with h' the context h without its oldest character and N(h .) the number of distinct
characters seen after h. Everything is NumPy: an n-gram is one int64 key, counts are
found with `np.unique`, and look-ups are binary searches in the sorted keys.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.text.vocab import Vocabulary

NEWLINE = "\n"


@dataclass(frozen=True)
class NGramConfig:
    order: int = 4  # n: the model sees the previous n-1 characters

    def __post_init__(self) -> None:
        if not 1 <= self.order <= 8:
            raise ValueError("order must be between 1 and 8")


@dataclass(frozen=True)
class _Order:
    """Counts of one order k: k-gram keys with their counts, and their contexts' totals."""

    keys: np.ndarray  # (M,) sorted int64 keys of k-grams
    counts: np.ndarray  # (M,) raw counts (highest order) or continuation counts
    context_keys: np.ndarray  # (C,) sorted keys of the (k-1)-character contexts
    context_totals: np.ndarray  # (C,) sum of counts over continuations
    context_types: np.ndarray  # (C,) number of distinct continuations
    discount: float


def _keys(ids: np.ndarray, k: int, base: int) -> np.ndarray:
    """Keys of every k-gram in ids: ids[i] * base^(k-1) + ... + ids[i+k-1]."""
    n = len(ids) - k + 1
    key = np.zeros(max(n, 0), np.int64)
    for j in range(k):
        key = key * base + ids[j : j + n]
    return key


def _discount(counts: np.ndarray) -> float:
    """Ney's estimate D = n1 / (n1 + 2 n2) from the counts of count one and two."""
    n1, n2 = int((counts == 1).sum()), int((counts == 2).sum())
    return n1 / (n1 + 2 * n2) if n1 + n2 else 0.5


def _order_from(keys: np.ndarray, counts: np.ndarray, base: int) -> _Order:
    contexts = keys // base
    context_keys, start = np.unique(contexts, return_index=True)
    return _Order(
        keys,
        counts,
        context_keys,
        np.add.reduceat(counts, start).astype(np.float32),  # whole numbers < 2**24: exact in float32
        np.diff(np.append(start, len(keys))).astype(np.float32),
        _discount(counts),
    )


def _lookup(sorted_keys: np.ndarray, values: np.ndarray, query: np.ndarray) -> np.ndarray:
    """values[i] where sorted_keys[i] == query, else 0 (vectorised)."""
    if len(sorted_keys) == 0:
        return np.zeros(len(query), values.dtype)
    at = np.minimum(np.searchsorted(sorted_keys, query), len(sorted_keys) - 1)
    return np.where(sorted_keys[at] == query, values[at], 0)


@dataclass(frozen=True)
class NGramModel:
    """An interpolated Kneser-Ney character model over a fixed `Vocabulary`."""

    vocab: Vocabulary
    config: NGramConfig
    unigram: np.ndarray  # (V,) P_1, the continuation-count unigram mixed with uniform
    orders: tuple[_Order, ...]  # orders 2..n

    @classmethod
    def fit(cls, docs: list[str], vocab: Vocabulary, config: NGramConfig = NGramConfig()) -> "NGramModel":
        """Count the training documents, read like the LSTM's: "\\n" + doc + "\\n" ..."""
        base = len(vocab)
        if base ** config.order >= 2**62:
            raise ValueError("vocabulary too large for this order")
        ids = vocab.encode(NEWLINE + NEWLINE.join(docs) + NEWLINE).ids.astype(np.int64)
        n = config.order
        raw = [None] * (n + 1)
        for k in range(1, n + 1):
            keys, counts = np.unique(_keys(ids, k, base), return_counts=True)
            raw[k] = (keys, counts.astype(np.float32))
        orders = []
        for k in range(1, n + 1):
            if k == n:
                keys, counts = raw[k]
            else:  # continuation counts: distinct left neighbours of each k-gram
                keys, counts = np.unique(raw[k + 1][0] % base**k, return_counts=True)
                counts = counts.astype(np.float32)
            orders.append(_order_from(keys, counts, base))
        first = orders[0]
        unigram = np.zeros(base)
        unigram[first.keys] = np.maximum(first.counts.astype(np.float64) - first.discount, 0)
        support = np.ones(base)
        support[0] = 0  # <pad> is never a character
        freed = first.discount * len(first.keys)
        unigram = (unigram + freed * support / support.sum()) / first.counts.sum(dtype=np.float64)
        return cls(vocab, config, unigram / unigram.sum(), tuple(orders[1:]))

    def _interpolate(self, order: _Order, p_lower, context, full_keys):
        # Counts are stored as float32 (exact for whole numbers); the arithmetic is float64.
        total = _lookup(order.context_keys, order.context_totals, context).astype(np.float64)
        types = _lookup(order.context_keys, order.context_types, context).astype(np.float64)
        counts = _lookup(order.keys, order.counts, full_keys).astype(np.float64)
        seen = total > 0
        safe = np.where(seen, total, 1.0)
        mixed = (np.maximum(counts - order.discount, 0) + order.discount * types * p_lower) / safe
        return np.where(seen, mixed, p_lower)

    def next_distribution(self, context_ids: np.ndarray) -> np.ndarray:
        """P(next | the last n-1 ids of context): (V,), sums to 1."""
        base = len(self.vocab)
        ids = np.asarray(context_ids, np.int64)
        p = self.unigram.copy()
        everyone = np.arange(base, dtype=np.int64)
        for k, order in enumerate(self.orders, start=2):
            if len(ids) < k - 1:
                break
            h = _keys(ids[len(ids) - (k - 1) :], k - 1, base)[0]
            ctx = np.full(base, h, np.int64)
            p = self._interpolate(order, p, ctx, h * base + everyone)
        return p / p.sum()

    def log_probs(self, ids: np.ndarray) -> np.ndarray:
        """log2 P(ids[t] | ids[:t]) for t = 1..T-1, each from at most n-1 characters before it."""
        ids = np.asarray(ids, np.int64)
        base, targets = len(self.vocab), ids[1:]
        p = self.unigram[targets]
        position = np.arange(1, len(ids))
        for k, order in enumerate(self.orders, start=2):
            if len(ids) < k:
                break
            grams = _keys(ids, k, base)  # grams[i] = ids[i .. i+k-1], target index i+k-1
            full = np.zeros(len(targets), np.int64)
            full[k - 2 :] = grams
            usable = position >= k - 1
            mixed = self._interpolate(order, p, full // base, full)
            p = np.where(usable, mixed, p)
        return np.log2(np.maximum(p, 1e-30))

    def bits_on_documents(self, docs: list[str]) -> tuple[float, int]:
        """(total bits, characters predicted) with each document read as "\\n" + doc + "\\n"."""
        bits = chars = 0
        for doc in docs:
            logs = self.log_probs(self.vocab.encode(NEWLINE + doc + NEWLINE).ids)
            bits -= float(logs.sum())
            chars += len(logs)
        return bits, chars

    def bits_per_char(self, text: str) -> float:
        """Mean bits for the characters of `text`, read after a newline."""
        logs = self.log_probs(self.vocab.encode(NEWLINE + text).ids)
        if len(logs) == 0:
            raise ValueError("no characters to score")
        return float(-logs.mean())


@dataclass(frozen=True)
class NGramBaseline:
    """The best n-gram on held-out text, as a language model's card records it (or as fitted in a session)."""

    order: int
    heldout_bits: float  # per character, on the held-out documents
    orders_tried: tuple[tuple[int, float], ...]  # (order, held-out bits per character)

    @classmethod
    def from_card(cls, baseline) -> "NGramBaseline":
        tried = tuple((int(r["order"]), float(r["heldout_bits_per_char"])) for r in baseline["orders_tried"])
        best = min(tried, key=lambda row: row[1])
        return cls(best[0], float(baseline["heldout_bits_per_char"]), tried)


def fit_best(train_docs: list[str], heldout_docs: list[str], vocab: Vocabulary,
             orders: tuple[int, ...] = (2, 3, 4, 5)) -> tuple[NGramModel, NGramBaseline]:
    """Fit every order on `train_docs` and keep the one with the fewest bits per character on `heldout_docs`."""
    tried = []
    for order in orders:
        fitted = NGramModel.fit(list(train_docs), vocab, NGramConfig(order))
        bits, chars = fitted.bits_on_documents(list(heldout_docs))
        tried.append((bits / chars, order, fitted))
    best = min(tried, key=lambda row: row[0])
    return best[2], NGramBaseline(best[1], round(best[0], 4), tuple((order, round(bits, 4)) for bits, order, _ in tried))
