"""Choosing the next character from a probability vector: temperature, top-k, top-p.

A language model gives a distribution p over the vocabulary; how we draw from it
changes the text as much as the model does.

- Temperature T rescales the log-probabilities: p_T(w) proportional to p(w)^(1/T).
  T < 1 sharpens (the likely get likelier; as T -> 0 it becomes argmax, "greedy"),
  T > 1 flattens towards uniform (rare characters come up: babble).
- Top-k keeps only the k most likely characters (Fan et al. 2018).
- Top-p, "nucleus" sampling (Holtzman et al. 2019), keeps the smallest set of most
  likely characters whose probabilities reach p.
The filters apply after temperature, then the rest is renormalised and one draw is made
with a seeded `numpy.random.Generator`, so the same seed gives the same text.

`reshape_rows` and `draw_rows` do the same for many distributions at once (one per row,
each under its own settings), for generations stepped together; they give every row
the very numbers `reshape` and `draw` give it alone (tests/core/generate/test_batched.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_TEMPERATURE = 1e-3  # below this we treat the temperature as 0: plain argmax


@dataclass(frozen=True)
class SamplingConfig:
    """How to pick the next character; the page's widgets take their defaults from here."""

    temperature: float = 0.8  # a little below 1: fewer typos, still varied
    top_k: int | None = None  # None or 0: no limit
    top_p: float | None = None  # None or 1: no nucleus cut
    seed: int = 0

    def __post_init__(self) -> None:
        if self.temperature < 0:
            raise ValueError("temperature cannot be negative")
        if self.top_k is not None and self.top_k < 0:
            raise ValueError("top_k cannot be negative")
        if self.top_p is not None and not 0 <= self.top_p <= 1:
            raise ValueError("top_p must be between 0 and 1")


def normalise(p: np.ndarray) -> np.ndarray:
    """p scaled to sum to 1 (negative entries, e.g. rounding noise, count as 0)."""
    p = np.asarray(p, np.float64)
    if p.min() < 0:
        p = np.maximum(p, 0.0)
    total = p.sum()
    if not np.isfinite(total) or total <= 0:
        raise ValueError("a probability vector needs some positive mass")
    return p / total


def normalise_rows(p: np.ndarray) -> np.ndarray:
    """`normalise` of every row of (N, V) weights."""
    p = np.asarray(p, np.float64)
    negative = p.min(axis=1) < 0
    if negative.any():
        p = p.copy()
        p[negative] = np.maximum(p[negative], 0.0)
    total = p.sum(axis=1, keepdims=True)
    if not np.all(np.isfinite(total)) or np.any(total <= 0):
        raise ValueError("a probability vector needs some positive mass")
    return p / total


def apply_temperature(p: np.ndarray, temperature: float) -> np.ndarray:
    """p^(1/T), renormalised; T = 0 (or nearly) puts all mass on the most likely entry."""
    p = normalise(p)
    if temperature < MIN_TEMPERATURE:
        greedy = np.zeros_like(p)
        greedy[np.argmax(p)] = 1.0
        return greedy
    if temperature == 1.0:
        return p
    with np.errstate(divide="ignore"):
        logits = np.log(p) / temperature  # log(0) = -inf: impossible stays impossible at any temperature
    logits -= logits.max()
    return normalise(np.exp(logits))


def top_k_filter(p: np.ndarray, k: int | None) -> np.ndarray:
    """Keep the k largest probabilities (ties broken by index); k larger than V keeps all."""
    p = normalise(p)
    if not k or k >= len(p):
        return p
    keep = np.argsort(-p, kind="stable")[:k]
    out = np.zeros_like(p)
    out[keep] = p[keep]
    return normalise(out)


def top_p_filter(p: np.ndarray, top_p: float | None) -> np.ndarray:
    """Keep the smallest set of most likely entries whose total reaches top_p.

    top_p of 0 keeps just the most likely entry (the smallest non-empty set).
    """
    p = normalise(p)
    if top_p is None or top_p >= 1:
        return p
    order = np.argsort(-p, kind="stable")
    cumulative = np.cumsum(p[order])
    # The first position where the running total reaches top_p (with a hair of slack
    # for rounding), and at least one entry.
    size = int(np.searchsorted(cumulative, top_p - 1e-12) + 1)
    out = np.zeros_like(p)
    keep = order[: max(1, size)]
    out[keep] = p[keep]
    return normalise(out)


def reshape(p: np.ndarray, config: SamplingConfig) -> np.ndarray:
    """The distribution a character is actually drawn from: temperature, then top-k, then top-p."""
    p = apply_temperature(p, config.temperature)
    if config.top_k and config.top_k < len(p):
        p = top_k_filter(p, config.top_k)
    if config.top_p is not None and config.top_p < 1:
        p = top_p_filter(p, config.top_p)
    return p


def reshape_rows(p: np.ndarray, configs: list[SamplingConfig]) -> np.ndarray:
    """`reshape` of every row of (N, V) under its own config: temperatures for all rows in one go,
    top-k and top-p (off by default) row by row."""
    if len(configs) == 1:  # one row: `reshape` itself, which costs fewer NumPy calls
        return reshape(p[0], configs[0])[None, :]
    p = normalise_rows(p)  # a new array: rows are replaced in place below
    temperatures = np.array([config.temperature for config in configs], np.float64)
    greedy = temperatures < MIN_TEMPERATURE
    hot = ~greedy & (temperatures != 1.0)
    if hot.all():  # the usual case: no row copied out and back
        with np.errstate(divide="ignore"):
            logits = np.log(p) / temperatures[:, None]
        logits -= logits.max(axis=1, keepdims=True)
        p = normalise_rows(np.exp(logits))
    elif hot.any():
        with np.errstate(divide="ignore"):
            logits = np.log(p[hot]) / temperatures[hot, None]
        logits -= logits.max(axis=1, keepdims=True)
        p[hot] = normalise_rows(np.exp(logits))
    if greedy.any():
        rows = np.flatnonzero(greedy)
        best = np.argmax(p[rows], axis=1)
        p[rows] = 0.0
        p[rows, best] = 1.0
    for row, config in enumerate(configs):
        if config.top_k and config.top_k < p.shape[1]:
            p[row] = top_k_filter(p[row], config.top_k)
        if config.top_p is not None and config.top_p < 1:
            p[row] = top_p_filter(p[row], config.top_p)
    return p


def draw_rows(p: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
    """`draw` for every row of (N, V), with row n's uniform number in [0, 1) taken from its own generator."""
    if len(p) == 1:  # one row: `draw`'s binary search
        cumulative = np.cumsum(normalise(p[0]))
        return np.array([np.searchsorted(cumulative, uniforms[0] * cumulative[-1], side="right")])
    cumulative = np.cumsum(normalise_rows(p), axis=1)
    # searchsorted(row, u * total, side="right") is the count of running totals <= u * total.
    return (cumulative <= (np.asarray(uniforms, np.float64) * cumulative[:, -1])[:, None]).sum(axis=1)


def entropy_bits(p: np.ndarray) -> float:
    """H(p) = -sum p log2 p: how many bits of surprise the draw holds."""
    p = normalise(p)
    nz = p[p > 0]
    return max(0.0, float(-(nz * np.log2(nz)).sum()))  # one certain outcome gives -0.0: shown as "-0.00"


def draw(p: np.ndarray, rng: np.random.Generator) -> int:
    """One index drawn from a (normalised) distribution with the given generator."""
    cumulative = np.cumsum(normalise(p))
    # Scale the uniform draw by the last total so rounding can never land past the end.
    return int(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right"))
