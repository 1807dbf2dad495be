"""The LSTM cell in NumPy, recording every gate at every time step.

The arithmetic is exactly Keras 3's `keras.layers.LSTM`: one matrix product gives
all four gate pre-activations, in Keras' order input, forget, candidate, output
(the shape of karpathy/char-rnn's `LSTM.lua`); then

    i_t = sigmoid(x_t W_i + h_{t-1} U_i + b_i)
    f_t = sigmoid(x_t W_f + h_{t-1} U_f + b_f)
    g_t = tanh(x_t W_g + h_{t-1} U_g + b_g)
    o_t = sigmoid(x_t W_o + h_{t-1} U_o + b_o)
    c_t = f_t * c_{t-1} + i_t * g_t
    h_t = o_t * tanh(c_t)

Because the app runs this pass for every prediction, the heatmaps on the Gates page
show the very numbers the prediction came from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function, written to avoid overflow warnings for large |x|."""
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@dataclass(frozen=True)
class LSTMWeights:
    """The three arrays of one Keras LSTM layer (gate order i, f, g, o)."""

    kernel: np.ndarray  # (D, 4H) input to gates
    recurrent_kernel: np.ndarray  # (H, 4H) previous hidden state to gates
    bias: np.ndarray  # (4H,)

    def __post_init__(self) -> None:
        d, four_h = self.kernel.shape
        if four_h % 4 or self.recurrent_kernel.shape != (four_h // 4, four_h):
            raise ValueError(
                f"kernel {self.kernel.shape} and recurrent_kernel "
                f"{self.recurrent_kernel.shape} do not form an LSTM with 4H columns"
            )
        if self.bias.shape != (four_h,):
            raise ValueError(f"bias must have shape ({four_h},), got {self.bias.shape}")

    @property
    def units(self) -> int:
        return self.recurrent_kernel.shape[0]

    @property
    def input_dim(self) -> int:
        return self.kernel.shape[0]

    def astype(self, dtype) -> "LSTMWeights":
        return LSTMWeights(
            self.kernel.astype(dtype), self.recurrent_kernel.astype(dtype), self.bias.astype(dtype)
        )


@dataclass(frozen=True)
class GateTrace:
    """Every gate of one layer at every step; each field is (T, H), row t = step t."""

    input_gate: np.ndarray  # i_t
    forget_gate: np.ndarray  # f_t
    candidate: np.ndarray  # g_t, the proposed new content
    output_gate: np.ndarray  # o_t
    cell: np.ndarray  # c_t
    hidden: np.ndarray  # h_t

    FIELDS = ("input_gate", "forget_gate", "candidate", "output_gate", "cell", "hidden")

    @property
    def steps(self) -> int:
        return self.hidden.shape[0]

    @property
    def units(self) -> int:
        return self.hidden.shape[1]


def step(
    weights: LSTMWeights, x_t: np.ndarray, h_prev: np.ndarray, c_prev: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One step of the cell; returns (i, f, g, o, c, h). Works on (H,) or (B, H) states."""
    return step_from_input_gates(weights, x_t @ weights.kernel + weights.bias, h_prev, c_prev)


def step_from_input_gates(
    weights: LSTMWeights, x_gates: np.ndarray, h_prev: np.ndarray, c_prev: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`step` with x_t·W + b already computed (for a token, a row of a precomputed table)."""
    return finish_step(x_gates + h_prev @ weights.recurrent_kernel, c_prev)


def finish_step(z: np.ndarray, c_prev: np.ndarray):
    """(i, f, g, o, c, h) from all four gates' pre-activations z, (..., 4H), and c_{t-1}."""
    # Slices, not np.split, and one sigmoid over all gates: same numbers, far fewer
    # NumPy calls per step (this loop is the app's inference hot path).
    n = z.shape[-1] // 4
    s = sigmoid(z)
    i_t, f_t, o_t = s[..., :n], s[..., n : 2 * n], s[..., 3 * n :]
    g_t = np.tanh(z[..., 2 * n : 3 * n])
    c_t = f_t * c_prev + i_t * g_t
    h_t = o_t * np.tanh(c_t)
    return i_t, f_t, g_t, o_t, c_t, h_t


def trace(
    weights: LSTMWeights,
    inputs: np.ndarray,
    initial_state: tuple[np.ndarray, np.ndarray] | None = None,
    reverse: bool = False,
) -> GateTrace:
    """Run one sequence through the cell and record every gate.

    inputs: (T, D). initial_state: (h_0, c_0), each (H,), zeros by default.
    With reverse=True the sequence is read from the last step to the first (the
    backward half of a bidirectional layer); rows stay in the original time order,
    so row t always belongs to input t.
    """
    inputs = np.asarray(inputs, dtype=weights.kernel.dtype)
    if inputs.ndim != 2 or inputs.shape[1] != weights.input_dim:
        raise ValueError(f"inputs must be (T, {weights.input_dim}), got {inputs.shape}")
    steps, units = inputs.shape[0], weights.units
    if initial_state is None:
        h = np.zeros(units, dtype=inputs.dtype)
        c = np.zeros(units, dtype=inputs.dtype)
    else:
        h, c = (np.asarray(s, dtype=inputs.dtype).reshape(units) for s in initial_state)

    # The input part of every pre-activation at once: one (T, D) x (D, 4H) product.
    x_part = inputs @ weights.kernel + weights.bias  # (T, 4H)
    out = np.empty((6, steps, units), dtype=inputs.dtype)  # i, f, g, o, c, h
    order = range(steps - 1, -1, -1) if reverse else range(steps)
    for t in order:
        gates = finish_step(x_part[t] + h @ weights.recurrent_kernel, c)
        out[:, t] = gates
        c, h = gates[4], gates[5]
    return GateTrace(*out)


def run_batch(
    weights: LSTMWeights, inputs: np.ndarray, lengths: np.ndarray, reverse: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Run a padded batch without recording gates, for evaluation over many texts.

    inputs: (B, T, D), real steps first then padding; lengths: (B,).
    Returns (hidden sequences (B, T, H) with zeros at padding, final h (B, H)).
    A padded step leaves the state unchanged, as Keras does under a mask.
    """
    batch, steps, _ = inputs.shape
    lengths = np.asarray(lengths)
    units = weights.units
    if reverse:
        # Reverse each row inside its own length, run forwards, then reverse back.
        index = np.arange(steps)[None, :]
        rev = np.where(index < lengths[:, None], lengths[:, None] - 1 - index, index)
        inputs = np.take_along_axis(inputs, rev[:, :, None], axis=1)
    x_part = inputs @ weights.kernel + weights.bias  # (B, T, 4H)
    h = np.zeros((batch, units), dtype=inputs.dtype)
    c = np.zeros((batch, units), dtype=inputs.dtype)
    hidden = np.zeros((batch, steps, units), dtype=inputs.dtype)
    shortest = int(lengths.min()) if len(lengths) else 0
    for t in range(int(lengths.max(initial=0))):
        *_, c_new, h_new = finish_step(x_part[:, t] + h @ weights.recurrent_kernel, c)
        if t < shortest:  # every row still running: no mask needed (the common case)
            c, h = c_new, h_new
            hidden[:, t] = h_new
            continue
        live = (t < lengths)[:, None]
        c = np.where(live, c_new, c)
        h = np.where(live, h_new, h)
        hidden[:, t] = np.where(live, h_new, 0.0)
    if reverse:
        hidden = np.take_along_axis(hidden, rev[:, :, None], axis=1)
        hidden = np.where((np.arange(steps)[None, :] < lengths[:, None])[:, :, None], hidden, 0.0)
    return hidden, h


@dataclass(frozen=True)
class LSTMGradients:
    """Gradients of a loss with respect to everything one layer's pass depended on."""

    inputs: np.ndarray  # (T, D) dL/dx_t
    kernel: np.ndarray  # (D, 4H)
    recurrent_kernel: np.ndarray  # (H, 4H)
    bias: np.ndarray  # (4H,)
    h0: np.ndarray  # (H,) dL/dh_0
    c0: np.ndarray  # (H,) dL/dc_0


def backward(
    weights: LSTMWeights,
    inputs: np.ndarray,
    d_hidden: np.ndarray,
    initial_state: tuple[np.ndarray, np.ndarray] | None = None,
    gates: GateTrace | None = None,
) -> LSTMGradients:
    """Backpropagation through time for one sequence (after karpathy's min-char-rnn).

    d_hidden: (T, H), dL/dh_t for every step's hidden output (zeros where the loss does
    not look). gates: the forward trace of these inputs, if already at hand (it is
    recomputed otherwise). Walking the steps from last to first, the gradient reaching
    h_t is d_hidden[t] plus what flows back from step t+1; the cell state carries its
    own gradient, multiplied by f_t at each step: the path an LSTM keeps open.
    """
    inputs = np.asarray(inputs, dtype=weights.kernel.dtype)
    gates = gates if gates is not None else trace(weights, inputs, initial_state)
    steps, units = gates.hidden.shape
    if d_hidden.shape != (steps, units):
        raise ValueError(f"d_hidden must be ({steps}, {units}), got {d_hidden.shape}")
    if initial_state is None:
        h0 = c0 = np.zeros(units, dtype=inputs.dtype)
    else:
        h0, c0 = (np.asarray(s, dtype=inputs.dtype).reshape(units) for s in initial_state)
    h_prev = np.vstack([h0, gates.hidden[:-1]])  # (T, H)
    c_prev = np.vstack([c0, gates.cell[:-1]])  # (T, H)
    i, f, g, o = gates.input_gate, gates.forget_gate, gates.candidate, gates.output_gate
    tanh_c = np.tanh(gates.cell)
    d_z = np.empty((steps, 4 * units), dtype=inputs.dtype)  # dL/d(pre-activations), order i, f, g, o
    dh_next = np.zeros(units, dtype=inputs.dtype)
    dc_next = np.zeros(units, dtype=inputs.dtype)
    recurrent_t = weights.recurrent_kernel.T  # (4H, H)
    for t in range(steps - 1, -1, -1):
        dh = d_hidden[t] + dh_next
        dc = dh * o[t] * (1.0 - tanh_c[t] ** 2) + dc_next
        d_z[t, :units] = dc * g[t] * i[t] * (1.0 - i[t])  # through i_t = sigmoid(.)
        d_z[t, units : 2 * units] = dc * c_prev[t] * f[t] * (1.0 - f[t])  # f_t
        d_z[t, 2 * units : 3 * units] = dc * i[t] * (1.0 - g[t] ** 2)  # g_t = tanh(.)
        d_z[t, 3 * units :] = dh * tanh_c[t] * o[t] * (1.0 - o[t])  # o_t
        dh_next = d_z[t] @ recurrent_t
        dc_next = dc * f[t]
    return LSTMGradients(
        inputs=d_z @ weights.kernel.T,
        kernel=inputs.T @ d_z,
        recurrent_kernel=h_prev.T @ d_z,
        bias=d_z.sum(axis=0),
        h0=dh_next,
        c0=dc_next,
    )
