"""What one generated character costs as the context grows: an LSTM's state against a Transformer's cache.

An LSTM carries H numbers (and H more for its cell) per layer from character to character,
however long the text: its work and memory per character are constant. A causal
Transformer keeps every earlier position's key and value in each block (the key/value
cache, `lstm_core.transformer.cache`) and attends over all of them: its work and memory
per character grow in proportion to the context. `measure` times both the same way,
through the generation loop's `advance`, with one BLAS thread; `multiply_adds` counts the
same thing on paper.

The time of a step depends on how many positions are cached, not on what they hold. To
reach long contexts in seconds, the cache is filled by repeating the keys and values of a
real text's first `REAL_PREFIX` characters; the LSTM's state is the one after that text.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from lstm_core.nn import blas
from lstm_core.nn.network import Network
from lstm_core.transformer.cache import KVCache, CacheBuffers
from lstm_core.transformer.encoder import Transformer

REAL_PREFIX = 1_000  # characters actually read before the cache is tiled out to longer contexts


@dataclass(frozen=True)
class CostPoint:
    """The cost of one generated character at one context length."""

    context: int  # characters already read
    seconds_per_char: float  # median over repeats
    state_bytes: int  # what must be kept to write the next character (float32)
    multiply_adds: int  # per character, counted on paper


def multiply_adds_lstm(network: Network) -> int:
    """Per character: every layer's 4H·(D+H) gate products and the H·V output layer (constant)."""
    spec, total, width = network.spec, 0, network.spec.embedding_dim
    for units in spec.units:
        total += 4 * units * (width + units)
        width = units
    return total + width * spec.output_dim


def multiply_adds_transformer(model: Transformer, context: int) -> int:
    """Per character at a context of t: per block 4d² (q, k, v, output) + 2dF (feed-forward) + 2(t+1)d (attention)."""
    s = model.spec
    block = 4 * s.width**2 + 2 * s.width * s.ffn_width + 2 * (context + 1) * s.width
    return s.layers * block + s.width * s.output_dim


def state_bytes_lstm(network: Network) -> int:
    """h and c of every layer, float32."""
    return sum(2 * units * 4 for units in network.spec.units)


def tiled_cache(model: Transformer, real: KVCache, context: int) -> KVCache:
    """A cache of `context` positions: the real one's keys and values repeated (the work is the same)."""
    spec = model.spec
    buffers = CacheBuffers(spec.layers, spec.heads, spec.width // spec.heads, context + 64)
    for start in range(0, context, real.length):  # block by block: no second copy of a large cache
        size = min(real.length, context - start)
        buffers.keys[:, :, start : start + size] = real.buffers.keys[:, :, :size]
        buffers.values[:, :, start : start + size] = real.buffers.values[:, :, :size]
    buffers.filled = context
    return KVCache(buffers, context)


def _time_steps(language_model, fresh, token_ids: np.ndarray, repeats: int) -> float:
    """Median seconds per character of advancing a fresh() state through token_ids, `repeats` times."""
    times = []
    for _ in range(repeats):
        current = fresh()  # made before the clock starts (a tiled cache is a large copy)
        started = time.perf_counter()
        for token_id in token_ids:
            _, current = language_model.advance(current, int(token_id))
        times.append((time.perf_counter() - started) / len(token_ids))
    return float(np.median(times))


def measure(language_model, token_ids: np.ndarray, contexts: tuple[int, ...], steps: int = 20,
            repeats: int = 5) -> list[CostPoint]:
    """Seconds per generated character at each context, for an LSTM or a Transformer language model.

    language_model: a `CharLanguageModel` (has .network) or a `TransformerLanguageModel`
    (has .model); token_ids: a real text, at least REAL_PREFIX + steps long.
    """
    prefix, following = token_ids[:REAL_PREFIX], token_ids[REAL_PREFIX : REAL_PREFIX + steps]
    with blas.one_thread():
        _, state = language_model.start()
        for token_id in prefix:
            _, state = language_model.advance(state, int(token_id))
        points = []
        for context in contexts:
            if hasattr(language_model, "network"):
                fresh = lambda: state  # noqa: E731  (an LSTM state is never changed in place)
                size, work = state_bytes_lstm(language_model.network), multiply_adds_lstm(language_model.network)
            else:
                fresh = lambda: tiled_cache(language_model.model, state, context)  # noqa: E731
                size, work = fresh().nbytes, multiply_adds_transformer(language_model.model, context)
            points.append(CostPoint(context, _time_steps(language_model, fresh, following, repeats), size, work))
    return points


def crossover(contexts: list[int], slower_later: list[float], constant: list[float]) -> float | None:
    """The context where a growing cost first passes a constant one (log-linear interpolation), or None."""
    gap = np.asarray(slower_later) - np.asarray(constant)
    for i in range(1, len(gap)):
        if gap[i - 1] < 0 <= gap[i]:
            lo, hi = np.log(contexts[i - 1]), np.log(contexts[i])
            return float(np.exp(lo + (hi - lo) * -gap[i - 1] / (gap[i] - gap[i - 1])))
    return float(contexts[0]) if gap[0] >= 0 else None
