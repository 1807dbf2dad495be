"""What a one-way classifier's dense layer reads from its top LSTM layer's states.

"last" reads the state after the last step, as the article's classifier does. "concat" is
ULMFiT's concat pooling (Howard & Ruder 2018): the last state, the mean and the maximum of
all the states side by side, so the head reads three vectors of the layer's width. The same
summaries serve one sequence (`pool`), every prefix of it (`running`, the running verdict),
a padded batch (`pool_padded`) and the way back for gradient saliency (`pool_gradient`).
"""

from __future__ import annotations

import numpy as np

POOLINGS = ("last", "concat")


def summaries(pooling: str) -> int:
    """How many vectors of the top layer's width the head reads side by side."""
    return 3 if pooling == "concat" else 1


def pool(hidden: np.ndarray, pooling: str) -> np.ndarray:
    """(T, H) states -> the head's (H,) or (3H,) input."""
    if pooling == "concat":
        return np.concatenate([hidden[-1], hidden.sum(axis=0) / len(hidden), hidden.max(axis=0)])
    return hidden[-1]


def running(hidden: np.ndarray, pooling: str) -> np.ndarray:
    """(T, F): row t is what the head would read had the text ended after step t."""
    if pooling == "concat":
        steps = np.arange(1, len(hidden) + 1, dtype=np.float32)[:, None]
        return np.concatenate([hidden, np.cumsum(hidden, axis=0) / steps, np.maximum.accumulate(hidden, axis=0)], axis=1)
    return hidden


def pool_padded(states: np.ndarray, lengths: np.ndarray, pooling: str) -> np.ndarray:
    """(B, T, H) states of a batch padded after each row's `lengths` real steps -> (B, F), padding unread."""
    rows = np.arange(len(states))
    last = states[rows, lengths - 1]
    if pooling != "concat":
        return last
    real = (np.arange(states.shape[1])[None, :] < lengths[:, None])[:, :, None]  # (B, T, 1)
    means = np.where(real, states, 0.0).sum(axis=1) / lengths[:, None]
    maxima = np.where(real, states, -np.inf).max(axis=1)
    return np.concatenate([last, means, maxima], axis=1).astype(np.float32)


def pool_gradient(hidden: np.ndarray, d_features: np.ndarray, pooling: str) -> np.ndarray:
    """d y / d states (T, H) from d y / d (the head's input): the last step, every step's share of the mean,
    and for each unit the one step its maximum came from."""
    d_states = np.zeros_like(hidden)
    width = hidden.shape[1]
    d_states[-1] += d_features[:width]
    if pooling == "concat":
        d_states += d_features[width : 2 * width] / len(hidden)
        d_states[hidden.argmax(axis=0), np.arange(width)] += d_features[2 * width :]
    return d_states
