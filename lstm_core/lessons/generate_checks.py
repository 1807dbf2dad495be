"""Checks of what the lessons say about sampling from the character language models.

The check generates exactly what the Text generation page generates for the same model,
prompt, length, sampling settings and seed, and measures it: whether it ends in a loop,
how many of its words are words the tweets use, how uncertain each drawn character was.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from lstm_core.embeddings import word_vectors
from lstm_core.generate import language_model, sampling
from lstm_core.lessons import shipped

CHECKS = ("sample", "bits")
WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def _loop(text: str, longest: int = 60) -> int:
    """The period of the cycle the text ends in (it repeats at least three times), or 0."""
    for period in range(1, longest + 1):
        tail = text[-3 * period:]
        if len(tail) == 3 * period and tail == tail[:period] * 3:
            return period
    return 0


@lru_cache(maxsize=1)
def _tweet_words() -> frozenset[str]:
    """The words of the English tweet vectors (the tweets' most frequent words)."""
    return frozenset(word_vectors.load_word_vectors("en").key_to_index)


def _measure(model_key: str, prompt: str, length: int, temperature: float, top_p: float, top_k: int, seed: int) -> dict:
    config = sampling.SamplingConfig(temperature, top_k or None, top_p if top_p < 1 else None, int(seed))
    steps = list(language_model.generate(shipped.model(model_key), prompt, length, config))
    text = "".join(step.char for step in steps)
    known = _tweet_words()
    words = [word.lower() for word in WORD.findall(text)]
    return {"loop": _loop(text), "words": len(words), "known_words": sum(w in known for w in words) / max(1, len(words)),
            "entropy_drawn": float(np.mean([s.entropy_drawn for s in steps])),
            "entropy_model": float(np.mean([s.entropy_model for s in steps]))}


def sample(model: str, prompt: str, length: int, temperature: float, top_p: float, top_k: int, seed: int,
           other_temperature: float | None = None, other_top_p: float = 1.0) -> dict:
    """The generated text's measures; with `other_*`, the same measures of another setting (prefix other_).

    Facts: loop (the period of the cycle the text ends in, 0 if none), words, known_words (the
    share of its English words that are among the tweet word vectors' words), entropy_drawn and
    entropy_model (mean bits of the distribution drawn from, and of the model's own).
    """
    if not model.endswith("_en"):
        raise ValueError("known_words reads English words: use an English model")
    facts = _measure(model, prompt, length, temperature, top_p, top_k, seed)
    if other_temperature is not None:
        other = _measure(model, prompt, length, other_temperature, other_top_p, top_k, seed)
        facts |= {f"other_{name}": value for name, value in other.items()}
    return facts


def bits(model: str) -> dict:
    """Bits per character of the shipped language model and of its n-gram baseline, on the same held-out text (card)."""
    card = shipped.card(model)
    return {"lstm_bits": card["metrics"]["heldout_bits_per_char"], "ngram_bits": card["baseline"]["heldout_bits_per_char"],
            "ngram_order": card["baseline"]["order"]}
