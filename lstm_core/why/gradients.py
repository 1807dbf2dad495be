"""Vanishing and exploding gradients, measured: |dLoss/dx_t| against the distance back.

For a sequence whose answer is read after its last step T, the gradient reaching the
input of step t has passed through T - t recurrent steps. In a plain RNN each step
multiplies it by U^T diag(1 - h^2): it shrinks (or, with large recurrent weights,
grows) geometrically with the distance. An LSTM's cell state passes it on multiplied
by the forget gate, which training can hold near 1.

Clipping (Pascanu, Mikolov and Bengio 2013) rescales a whole gradient whose norm
exceeds a limit: it caps the size of an update, so an exploding gradient cannot throw
the weights away, but it changes nothing about how the gradient is spread over time.
"""

from __future__ import annotations

import numpy as np

from lstm_core.why.cells import MemoryNet, unpack
from lstm_core.why.memory_task import MemoryTask, make_splits


def clip_by_norm(gradient: np.ndarray, max_norm: float) -> np.ndarray:
    """The gradient rescaled so its (Frobenius) norm is at most max_norm."""
    norm = float(np.linalg.norm(gradient))
    return gradient * (max_norm / norm) if norm > max_norm else gradient


def norms_by_distance(
    net: MemoryNet, x: np.ndarray, y: np.ndarray, scale: float = 1.0, clip: float | None = None
) -> np.ndarray:
    """Mean over sequences of |dLoss/dx_t|, indexed by distance back (0 = the last step).

    x: (N, T, V) one-hot sequences, y: (N,) labels. scale multiplies the recurrent
    kernel; clip, if given, clips each sequence's whole input gradient to that norm.
    """
    norms = np.zeros(x.shape[1])
    for seq, label in zip(x, y):
        gradient = net.input_gradients(seq, int(label), scale)  # (T, V)
        if clip is not None:
            gradient = clip_by_norm(gradient, clip)
        norms += np.linalg.norm(gradient, axis=1)
    return (norms / len(x))[::-1]


def shipped_curves(weights: dict[str, np.ndarray], distance: int, seed: int, stage: str, scale: float, clip: bool,
                   sequences: int) -> dict[str, list[float]]:
    """The "Why an LSTM" page's curves: mean |dLoss/dx_t| by distance back, per cell, for the shipped weights.

    stage: "init" or "trained"; the probe is `sequences` test sequences at the card's gradient
    `distance`, drawn with the card's `seed` + 1; clip caps each sequence's gradient norm at 1.
    """
    task = MemoryTask(distance=distance)
    probe = make_splits(task, (1, 1, sequences), seed + 1).test
    return {kind: norms_by_distance(net, probe.x, probe.y, scale, 1.0 if clip else None).tolist()
            for kind, net in unpack(weights, stage).items()}
