"""Writing one character at a time with a Transformer: the key/value cache.

To predict character t+1 a causal Transformer needs, in every block, the keys and the
values of positions 0..t. They never change once computed (a position sees only its
past), so a generator keeps them: each new character adds one key and one value per
block and attends over all of them. The work per character therefore grows with the
context (one dot product per cached position), and so does the memory; an LSTM's state
stays H numbers per layer however long the text. `lstm_core.transformer.cost` measures
both.

The cache lives in buffers that double when full, so the past is copied only when they
grow (a constant share of the work, on average). A state is (buffers, length); advancing
an older state than the buffers' last copies them first, so a state can be reused as an
LSTM state can.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.transformer.attention import softmax
from lstm_core.transformer.encoder import Transformer

FIRST_CAPACITY = 64  # positions; the buffers double beyond this


class CacheBuffers:
    """Keys and values of every block, (layers, heads, capacity, head_dim) each, filled up to `filled`.

    One contiguous slab per head, so attending over the first t positions is one matrix product.
    """

    def __init__(self, layers: int, heads: int, head_dim: int, capacity: int) -> None:
        self.keys = np.zeros((layers, heads, capacity, head_dim), np.float32)
        self.values = np.zeros((layers, heads, capacity, head_dim), np.float32)
        self.filled = 0

    @property
    def capacity(self) -> int:
        return self.keys.shape[2]

    def copy(self, length: int, capacity: int) -> "CacheBuffers":
        layers, heads, _, head_dim = self.keys.shape
        out = CacheBuffers(layers, heads, head_dim, capacity)
        out.keys[:, :, :length], out.values[:, :, :length] = self.keys[:, :, :length], self.values[:, :, :length]
        out.filled = length
        return out


@dataclass(frozen=True)
class KVCache:
    """A causal Transformer's memory of the text so far: `length` positions of keys and values."""

    buffers: CacheBuffers
    length: int

    @staticmethod
    def empty(model: Transformer, capacity: int = FIRST_CAPACITY) -> "KVCache":
        spec = model.spec
        return KVCache(CacheBuffers(spec.layers, spec.heads, spec.width // spec.heads, capacity), 0)

    @property
    def nbytes(self) -> int:
        """Bytes the cached keys and values take (float32), however large the buffers are."""
        layers, heads, _, head_dim = self.buffers.keys.shape
        return 2 * layers * heads * self.length * head_dim * 4

    def writable(self) -> CacheBuffers:
        """Buffers this state may append to: its own, or a copy if a later state already wrote there."""
        capacity = self.buffers.capacity
        if self.buffers.filled != self.length or self.length == capacity:
            return self.buffers.copy(self.length, max(capacity, 2 * (self.length + 1)))
        return self.buffers


def step(model: Transformer, token, cache: KVCache) -> tuple[np.ndarray, KVCache]:
    """Read one token id (or input vector) at position `cache.length`; returns (output (K,), new cache)."""
    spec, t = model.spec, cache.length
    if not spec.causal:
        raise ValueError("only a causal Transformer can be run one position at a time")
    buffers = cache.writable()
    one = np.asarray([[int(token)]]) if spec.input_kind == "tokens" else np.asarray(token, np.float32)[None, None]
    x = model.embed(one, start=t)[0, 0]  # (d,)
    heads, head_dim = spec.heads, spec.width // spec.heads
    for k, layer in enumerate(model.attention):
        kernel, bias = model.fused_projection(k)  # (d, 3d), (3d,): query, key and value in one product
        z = model.norm(f"block_{k}/norm_1", x) @ kernel + bias  # (3d,)
        q, key, value = z[: spec.width], z[spec.width : 2 * spec.width], z[2 * spec.width :]
        buffers.keys[k, :, t], buffers.values[k, :, t] = key.reshape(heads, head_dim), value.reshape(heads, head_dim)
        keys, values = buffers.keys[k, :, : t + 1], buffers.values[k, :, : t + 1]  # (h, t+1, dk)
        scores = keys @ (q.reshape(heads, head_dim, 1) / np.sqrt(head_dim))  # (h, t+1, 1)
        weights = softmax(scores, axis=1)
        mixed = (values.transpose(0, 2, 1) @ weights).reshape(-1)  # (h, dk, 1) -> (d,)
        out_kernel, out_bias = layer.output
        x = x + mixed @ out_kernel + out_bias
        x = x + model.feed_forward(k, model.norm(f"block_{k}/norm_2", x))
    buffers.filled = t + 1
    return model.head(x), KVCache(buffers, t + 1)
