"""The plain RNN and the GRU in NumPy, forward and backward, equal to Keras 3.

They sit beside the LSTM (`lstm_core.nn.cell`) on the "Why an LSTM" page, so the three
cells can be compared on one task with the same arithmetic the page draws.

Keras' `SimpleRNN`:  h_t = tanh(x_t W + h_{t-1} U + b)
Keras' `GRU` (reset_after=True, its default; gate order z, r, candidate):
    z_t = sigmoid(x_t W_z + b_z + h_{t-1} U_z + b'_z)        update gate
    r_t = sigmoid(x_t W_r + b_r + h_{t-1} U_r + b'_r)        reset gate
    n_t = tanh(x_t W_n + b_n + r_t * (h_{t-1} U_n + b'_n))   candidate
    h_t = z_t * h_{t-1} + (1 - z_t) * n_t
The GRU's bias is (2, 3H): row 0 goes with the input, row 1 with the recurrence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.nn.cell import sigmoid

KINDS = ("rnn", "gru")


@dataclass(frozen=True)
class RecurrentWeights:
    """One Keras SimpleRNN ("rnn") or GRU ("gru") layer's arrays."""

    kind: str
    kernel: np.ndarray  # (D, H) or (D, 3H)
    recurrent_kernel: np.ndarray  # (H, H) or (H, 3H)
    bias: np.ndarray  # (H,) or (2, 3H)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {self.kind!r}")
        width = self.recurrent_kernel.shape[1]
        gates = 1 if self.kind == "rnn" else 3
        if width != gates * self.recurrent_kernel.shape[0] or self.kernel.shape[1] != width:
            raise ValueError(f"{self.kind} kernels {self.kernel.shape}, {self.recurrent_kernel.shape} do not fit")

    @property
    def units(self) -> int:
        return self.recurrent_kernel.shape[0]


@dataclass(frozen=True)
class RecurrentGradients:
    """dL/d everything for one sequence; shapes as the weights, inputs (T, D), h0 (H,)."""

    inputs: np.ndarray
    kernel: np.ndarray
    recurrent_kernel: np.ndarray
    bias: np.ndarray
    h0: np.ndarray


def run(weights: RecurrentWeights, inputs: np.ndarray, h0: np.ndarray | None = None) -> np.ndarray:
    """Hidden states (T, H) for inputs (T, D)."""
    return _forward(weights, inputs, h0)[0]


def _forward(weights: RecurrentWeights, inputs: np.ndarray, h0: np.ndarray | None):
    """Hidden states (T, H), the previous states (T, H) and what the backward pass needs."""
    inputs = np.asarray(inputs, dtype=weights.kernel.dtype)
    steps, units = len(inputs), weights.units
    h = np.zeros(units, inputs.dtype) if h0 is None else np.asarray(h0, inputs.dtype)
    hidden = np.empty((steps, units), inputs.dtype)
    h_prev = np.empty((steps, units), inputs.dtype)
    if weights.kind == "rnn":
        x_part = inputs @ weights.kernel + weights.bias  # (T, H)
        for t in range(steps):
            h_prev[t] = h
            h = hidden[t] = np.tanh(x_part[t] + h @ weights.recurrent_kernel)
        return hidden, h_prev, None
    x_part = inputs @ weights.kernel + weights.bias[0]  # (T, 3H)
    cache = np.empty((4, steps, units), inputs.dtype)  # z, r, n, h_{t-1} U_n + b'_n
    for t in range(steps):
        h_prev[t] = h
        inner = h @ weights.recurrent_kernel + weights.bias[1]  # (3H,)
        z = sigmoid(x_part[t, :units] + inner[:units])
        r = sigmoid(x_part[t, units : 2 * units] + inner[units : 2 * units])
        n = np.tanh(x_part[t, 2 * units :] + r * inner[2 * units :])
        h = hidden[t] = z * h + (1.0 - z) * n
        cache[:, t] = z, r, n, inner[2 * units :]
    return hidden, h_prev, cache


def backward(
    weights: RecurrentWeights, inputs: np.ndarray, d_hidden: np.ndarray, h0: np.ndarray | None = None
) -> RecurrentGradients:
    """Backpropagation through time; d_hidden: (T, H), dL/dh_t at every step."""
    inputs = np.asarray(inputs, dtype=weights.kernel.dtype)
    hidden, h_prev, cache = _forward(weights, inputs, h0)
    if d_hidden.shape != hidden.shape:
        raise ValueError(f"d_hidden must be {hidden.shape}, got {d_hidden.shape}")
    steps, units = hidden.shape
    recurrent_t = weights.recurrent_kernel.T
    dh_next = np.zeros(units, inputs.dtype)
    if weights.kind == "rnn":
        d_a = np.empty((steps, units), inputs.dtype)  # dL/d(pre-activation)
        for t in range(steps - 1, -1, -1):
            d_a[t] = (d_hidden[t] + dh_next) * (1.0 - hidden[t] ** 2)
            dh_next = d_a[t] @ recurrent_t
        return RecurrentGradients(d_a @ weights.kernel.T, inputs.T @ d_a, h_prev.T @ d_a, d_a.sum(axis=0), dh_next)
    z, r, n, inner_n = cache
    d_x = np.empty((steps, 3 * units), inputs.dtype)  # dL/d(x W + b), order z, r, n
    d_inner = np.empty((steps, 3 * units), inputs.dtype)  # dL/d(h U + b')
    for t in range(steps - 1, -1, -1):
        dh = d_hidden[t] + dh_next
        d_n = dh * (1.0 - z[t]) * (1.0 - n[t] ** 2)  # through the candidate's tanh
        d_z = dh * (h_prev[t] - n[t]) * z[t] * (1.0 - z[t])
        d_r = d_n * inner_n[t] * r[t] * (1.0 - r[t])
        d_x[t] = np.concatenate([d_z, d_r, d_n])
        d_inner[t] = np.concatenate([d_z, d_r, d_n * r[t]])
        dh_next = dh * z[t] + d_inner[t] @ recurrent_t
    return RecurrentGradients(
        inputs=d_x @ weights.kernel.T,
        kernel=inputs.T @ d_x,
        recurrent_kernel=h_prev.T @ d_inner,
        bias=np.stack([d_x.sum(axis=0), d_inner.sum(axis=0)]),
        h0=dh_next,
    )
