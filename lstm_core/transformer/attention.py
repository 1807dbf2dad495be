"""Self-attention in NumPy: the one operation that replaced the recurrence.

Vaswani et al. (2017), "Attention is all you need". Every position t asks a question
(its query q_t), every position s offers an answer key k_s and a value v_s; position t
takes the average of the values weighted by softmax_s(q_t · k_s / √d_k). Several heads
do this side by side on slices of the width. Nothing is carried from step to step, so a
position 160 steps back is one step away. Order enters only through the positional
encoding added to the inputs (`positional_encoding`).

Masks say which keys a query may look at: a causal mask hides the future (a language
model must not read the character it predicts), a padding mask hides filler positions.
Masked scores are set to -1e9 before the softmax and their weights to 0 after it, as in
Keras' `MultiHeadAttention`; a query that may see no key at all (a padding position of a
causal model) reads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MASKED = -1e9  # the score of a hidden key, as in Keras' Softmax with a mask
NORM_EPSILON = 1e-5  # layer normalisation's epsilon; the Keras twin sets the same


def positional_encoding(length: int, width: int, start: int = 0) -> np.ndarray:
    """Sinusoidal positions (length, width) for positions start..start+length-1.

    PE[p, 2i] = sin(p / 10000^(2i/width)), PE[p, 2i+1] = cos(p / 10000^(2i/width)):
    every position gets a distinct pattern, and any length can be encoded.
    """
    positions = np.arange(start, start + length, dtype=np.float64)[:, None]  # (T, 1)
    rates = 1.0 / 10000.0 ** (np.arange(0, width, 2, dtype=np.float64) / width)  # (width/2,)
    angles = positions * rates  # (T, width/2)
    pe = np.zeros((length, width), np.float64)
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles[:, : width // 2])
    return pe.astype(np.float32)


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """Normalise the last axis to mean 0, variance 1, then scale and shift."""
    width = x.shape[-1]
    centred = x - x.sum(axis=-1, keepdims=True) / width  # sum / width: fewer NumPy calls than mean() and var()
    var = (centred * centred).sum(axis=-1, keepdims=True) / width
    return centred / np.sqrt(var + NORM_EPSILON) * gamma + beta


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    z = np.exp(z - z.max(axis=axis, keepdims=True))
    return z / z.sum(axis=axis, keepdims=True)


def causal_mask(length: int) -> np.ndarray:
    """(T, T) bool: query t may look at keys 0..t only."""
    return np.tril(np.ones((length, length), dtype=bool))


def allowed_keys(valid: np.ndarray, causal: bool) -> np.ndarray:
    """(B, T, T) bool: which key each query may read, given the valid (not padding) positions (B, T).

    A causal model masks the future only: its text is never padded in front, and padding at
    the end is never seen by the positions before it. A whole-sequence model masks padding.
    """
    batch, length = valid.shape
    if causal:
        return np.broadcast_to(causal_mask(length), (batch, length, length))
    return np.broadcast_to(valid[:, None, :], (batch, length, length))


@dataclass(frozen=True)
class AttentionWeights:
    """One multi-head self-attention layer; (d, d) kernels, heads take consecutive slices."""

    query: tuple[np.ndarray, np.ndarray]  # kernel (d, d), bias (d,)
    key: tuple[np.ndarray, np.ndarray]
    value: tuple[np.ndarray, np.ndarray]
    output: tuple[np.ndarray, np.ndarray]
    heads: int

    @property
    def head_dim(self) -> int:
        return self.query[0].shape[1] // self.heads

    def project(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Queries, keys, values (..., T, heads, head_dim) of inputs (..., T, d)."""
        def split(pair):
            kernel, bias = pair
            z = x @ kernel + bias
            return z.reshape(*z.shape[:-1], self.heads, self.head_dim)

        return split(self.query), split(self.key), split(self.value)


def attend(q: np.ndarray, k: np.ndarray, v: np.ndarray, allowed: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Scaled dot-product attention of queries (B, T, h, dk) over keys/values (B, S, h, dk).

    allowed (B, T, S) or None; returns (mixed values (B, T, h, dk), weights (B, h, T, S)).
    """
    scores = np.einsum("bthd,bshd->bhts", q / np.sqrt(q.shape[-1]), k)  # (B, h, T, S)
    if allowed is not None:
        scores = np.where(allowed[:, None], scores, MASKED)
    weights = softmax(scores)
    if allowed is not None:
        weights = np.where(allowed[:, None], weights, 0.0)
    return np.einsum("bhts,bshd->bthd", weights, v), weights


def self_attention(layer: AttentionWeights, x: np.ndarray, allowed: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Multi-head self-attention of x (B, T, d); returns (output (B, T, d), weights (B, h, T, T))."""
    q, k, v = layer.project(x)
    mixed, weights = attend(q, k, v, allowed)
    kernel, bias = layer.output
    return mixed.reshape(*x.shape[:-1], -1) @ kernel + bias, weights
