"""One generated character and what it was drawn from: the `Step` a generation yields.

Both ways of generating (`language_model.generate` for any language model,
`batched.Stepper` for character LSTMs stepped together) hand their drawn characters
here a chunk at a time to be described for the page: the most likely candidates, the
probabilities before and after reshaping, and both entropies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.text.vocab import PAD, UNK, Vocabulary

TOP_CANDIDATES = 10  # candidates kept per step for the page's bar chart
INSPECT_CHUNK = 25  # characters inspected together (and handed on together)


@dataclass(frozen=True)
class Step:
    """One generated character and the distribution it was drawn from."""

    char: str
    candidates: tuple[str, ...]  # the most likely characters under the model, best first
    model_probs: tuple[float, ...]  # their probabilities as the model gave them
    drawn_probs: tuple[float, ...]  # after removing <pad>/<unk>, temperature, top-k, top-p
    chosen_prob: float  # the drawn character's probability in the reshaped distribution
    entropy_model: float  # bits, before reshaping
    entropy_drawn: float  # bits, after


def drawable(vocab: Vocabulary, probs: np.ndarray) -> np.ndarray:
    """The model's distribution without <pad> and <unk>: text never contains either."""
    p = np.asarray(probs, np.float64).copy()
    p[[vocab.index[PAD], vocab.index[UNK]]] = 0.0
    return p


def _most_likely(probs: np.ndarray, count: int) -> np.ndarray:
    """Per row of (N, V) probabilities, the indices of the `count` largest, best first."""
    count = min(count, probs.shape[1])
    part = np.argpartition(-probs, count - 1, axis=1)[:, :count]
    order = np.argsort(-np.take_along_axis(probs, part, axis=1), axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1)


def _row_entropy_bits(p: np.ndarray) -> np.ndarray:
    """H of every row of (N, V) non-negative weights, in bits (rows normalised first)."""
    p = p / p.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log2(p), 0.0)
    return -terms.sum(axis=1)


def inspected(vocab: Vocabulary, drawn: list[tuple[int, np.ndarray, np.ndarray]]) -> list[Step]:
    """Steps for (token id, model distribution, reshaped distribution) triples, all at once.

    Done a chunk at a time rather than per character: a few NumPy calls over an (N, V)
    array instead of a dozen per character, which matters with 3,000 characters.
    """
    if not drawn:
        return []
    ids = np.array([token_id for token_id, _, _ in drawn])
    model = np.array([p for _, p, _ in drawn], dtype=np.float64)
    shaped = np.array([p for _, _, p in drawn])
    ranked = model.copy()
    ranked[:, vocab.index[PAD]] = -1.0  # never a candidate worth showing; <unk> is (a real prediction)
    top = _most_likely(ranked, min(TOP_CANDIDATES, len(vocab) - 1))  # <pad> ranks last: left out
    rows = np.arange(len(drawn))[:, None]
    model_top, shaped_top = model[rows, top], shaped[rows, top]
    entropy_model, entropy_drawn = _row_entropy_bits(model), _row_entropy_bits(shaped)
    chosen = shaped[np.arange(len(drawn)), ids]
    return [
        Step(
            char=vocab.tokens[ids[n]],
            candidates=tuple(vocab.tokens[i] for i in top[n]),
            model_probs=tuple(model_top[n].tolist()),
            drawn_probs=tuple(shaped_top[n].tolist()),
            chosen_prob=float(chosen[n]),
            entropy_model=float(entropy_model[n]),
            entropy_drawn=float(entropy_drawn[n]),
        )
        for n in range(len(drawn))
    ]




def plain(vocab: Vocabulary, token_id: int) -> Step:
    """A step that holds only its character (generation without inspection)."""
    return Step(vocab.tokens[token_id], (), (), (), 0.0, 0.0, 0.0)


def drawable_rows(vocab: Vocabulary, probs: np.ndarray) -> np.ndarray:
    """`drawable` of every row of (N, V)."""
    p = np.asarray(probs, np.float64).copy()
    p[:, [vocab.index[PAD], vocab.index[UNK]]] = 0.0
    return p
