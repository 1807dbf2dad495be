"""A small recurrent network in NumPy: embedding, stacked LSTM layers, a dense head.

Every model in the app (the bracket counter, the sentiment classifiers, the
forecasters, the character language models) is this one shape, described by a
`NetworkSpec`. TensorFlow trains it (`lstm_core.training.trainer`); the app runs it here,
through `cell.trace`, so each prediction comes with its gates.

Weights live in a flat dict of arrays with fixed names:
    embedding                         (V, E)         only for token inputs
    lstm_{k}/kernel, .../recurrent_kernel, .../bias   one LSTM layer k
    lstm_{k}_forward/..., lstm_{k}_backward/...       a bidirectional layer k
    dense/kernel (F, K), dense/bias (K,)

A one-way classifier's head reads its top layer's last state, or with pooling="concat" the
last state, mean and maximum of all its states (`lstm_core.nn.pooling`): then F = 3H.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property

import numpy as np

from lstm_core.message import Message, UserError
from lstm_core.nn.cell import GateTrace, LSTMWeights, finish_step, run_batch, sigmoid, step, step_from_input_gates, trace
from lstm_core.nn.pooling import POOLINGS, pool, pool_padded, running, summaries

MAX_TABLE_FLOATS = 8_000_000  # 32 MB; a larger token table is not worth its memory


@dataclass(frozen=True)
class NetworkSpec:
    """Architecture of one model; stored in its model card so it can be rebuilt."""

    input_kind: str = "tokens"  # "tokens" (ids, 0 = padding) or "values" (real vectors)
    vocab_size: int = 0  # token inputs: ids 0..vocab_size-1
    embedding_dim: int = 0
    input_dim: int = 1  # value inputs: features per step
    units: tuple[int, ...] = (64,)  # one entry per stacked LSTM layer
    bidirectional: bool = False
    output_dim: int = 1
    output_activation: str = "softmax"  # "softmax", "sigmoid" or "linear"
    per_step_output: bool = False  # a prediction at every step (language models; taggers when bidirectional)
    dropout: float = 0.0  # used in training only
    pooling: str = "last"  # one of POOLINGS; "concat" only for a one-way network with one output

    def __post_init__(self) -> None:
        object.__setattr__(self, "units", tuple(int(u) for u in self.units))
        if self.pooling not in POOLINGS:
            raise ValueError(f"pooling must be one of {POOLINGS}, not {self.pooling!r}")
        if self.pooling != "last" and (self.per_step_output or self.bidirectional):
            raise ValueError("only a one-way network with one output pools its states")
        if self.input_kind not in ("tokens", "values"):
            raise ValueError(f"input_kind must be 'tokens' or 'values', not {self.input_kind!r}")
        if self.output_activation not in ("softmax", "sigmoid", "linear"):
            raise ValueError(f"unknown output_activation {self.output_activation!r}")
        if not self.units or min(self.units) < 1:
            raise ValueError("units needs at least one layer of at least one unit")

    def to_dict(self) -> dict:
        """The spec as a card stores it; the default pooling is left out, so older cards read the same."""
        fields = {**asdict(self), "units": list(self.units)}
        if self.pooling == "last":
            del fields["pooling"]
        return fields

    @property
    def pooled(self) -> int:
        """How many vectors of the top layer's width the head reads side by side (3 for concat pooling)."""
        return summaries(self.pooling)

    @classmethod
    def from_dict(cls, data: dict) -> "NetworkSpec":
        return cls(**{**data, "units": tuple(data["units"])})

    def weight_shapes(self) -> dict[str, tuple[int, ...]]:
        """The shape of every weight array this architecture needs, by name.

        Uploads are checked against it before any array is decompressed.
        """
        shapes: dict[str, tuple[int, ...]] = {}
        width = self.input_dim
        if self.input_kind == "tokens":
            shapes["embedding"] = (self.vocab_size, self.embedding_dim)
            width = self.embedding_dim
        directions = ("_forward", "_backward") if self.bidirectional else ("",)
        for k, units in enumerate(self.units):
            for direction in directions:
                shapes[f"lstm_{k}{direction}/kernel"] = (width, 4 * units)
                shapes[f"lstm_{k}{direction}/recurrent_kernel"] = (units, 4 * units)
                shapes[f"lstm_{k}{direction}/bias"] = (4 * units,)
            width = units * len(directions)
        shapes["dense/kernel"] = (width * self.pooled, self.output_dim)
        shapes["dense/bias"] = (self.output_dim,)
        return shapes

    def layer_names(self) -> list[str]:
        """Names of the LSTM weight groups, in the order the input meets them."""
        names = []
        for k in range(len(self.units)):
            names += [f"lstm_{k}_forward", f"lstm_{k}_backward"] if self.bidirectional else [f"lstm_{k}"]
        return names


@dataclass(frozen=True)
class LayerTrace:
    """The gate trace of one LSTM layer (one direction of a bidirectional one).

    It keeps the layer's inputs and weights too, so any step can be recomputed by hand
    (the Gates page's step-through shows that arithmetic).
    """

    name: str  # e.g. "lstm_0" or "lstm_1_backward"
    gates: GateTrace
    inputs: np.ndarray  # (T, D) what the layer read at each step
    weights: LSTMWeights
    reverse: bool = False  # True for the backward half of a bidirectional layer
    initial_state: tuple[np.ndarray, np.ndarray] | None = None  # (h_0, c_0) it started from; None: zeros


@dataclass(frozen=True)
class NetworkTrace:
    layers: tuple[LayerTrace, ...]
    outputs: np.ndarray  # (K,) or, with per_step_output, (T, K)


@dataclass
class Network:
    """NumPy inference for a `NetworkSpec` with its weights."""

    spec: NetworkSpec
    weights: dict[str, np.ndarray] = field(repr=False)

    def __post_init__(self) -> None:
        self.weights = {k: np.asarray(v, dtype=np.float32) for k, v in self.weights.items()}
        self.lstm = {
            name: LSTMWeights(
                self.weights[f"{name}/kernel"],
                self.weights[f"{name}/recurrent_kernel"],
                self.weights[f"{name}/bias"],
            )
            for name in self.spec.layer_names()
        }

    # ---- inputs ---------------------------------------------------------------
    def _first_inputs(self, x: np.ndarray) -> np.ndarray:
        """Token ids (T,) become embeddings (T, E); values are taken as (T, D)."""
        if self.spec.input_kind == "tokens":
            return self.weights["embedding"][np.asarray(x, dtype=np.int64)]
        x = np.asarray(x, dtype=np.float32)
        return x.reshape(len(x), -1)

    # ---- one sequence, with gates --------------------------------------------------
    def trace(self, x: np.ndarray) -> NetworkTrace:
        """Run one sequence (token ids (T,) or values (T, D)) and keep every gate."""
        if len(x) == 0:
            raise UserError("cannot trace an empty sequence", Message("error.trace.empty"))
        seq = self._first_inputs(x)
        layers = []
        for k in range(len(self.spec.units)):
            if self.spec.bidirectional:
                fwd = trace(self.lstm[f"lstm_{k}_forward"], seq)
                bwd = trace(self.lstm[f"lstm_{k}_backward"], seq, reverse=True)
                layers += [
                    LayerTrace(f"lstm_{k}_forward", fwd, seq, self.lstm[f"lstm_{k}_forward"]),
                    LayerTrace(f"lstm_{k}_backward", bwd, seq, self.lstm[f"lstm_{k}_backward"], reverse=True),
                ]
                seq = np.concatenate([fwd.hidden, bwd.hidden], axis=1)  # (T, 2H)
            else:
                gates = trace(self.lstm[f"lstm_{k}"], seq)
                layers.append(LayerTrace(f"lstm_{k}", gates, seq, self.lstm[f"lstm_{k}"]))
                seq = gates.hidden  # (T, H)
        if self.spec.per_step_output:
            features = seq
        elif self.spec.bidirectional:
            # Keras' Bidirectional: forward state after the last step, backward after the first.
            half = seq.shape[1] // 2
            features = np.concatenate([seq[-1, :half], seq[0, half:]])
        else:
            features = self.pool(seq)
        return NetworkTrace(tuple(layers), self.head(features))

    def pool(self, hidden: np.ndarray) -> np.ndarray:
        """What the head of a one-way classifier reads from its top layer's states (T, H) (`nn.pooling`)."""
        return pool(hidden, self.spec.pooling)

    def running_features(self, hidden: np.ndarray) -> np.ndarray:
        """(T, F): row t is what the head would read had the text ended after step t (the running verdict's input)."""
        return running(hidden, self.spec.pooling)

    def head(self, features: np.ndarray) -> np.ndarray:
        """The dense layer and its activation on (..., F) features."""
        return self._activation(features @ self.weights["dense/kernel"] + self.weights["dense/bias"])

    def _activation(self, z: np.ndarray) -> np.ndarray:
        if self.spec.output_activation == "softmax":
            z = np.exp(z - z.max(axis=-1, keepdims=True))
            return z / z.sum(axis=-1, keepdims=True)
        if self.spec.output_activation == "sigmoid":
            return sigmoid(z)
        return z

    # ---- many sequences, no gates -----------------------------------------------------
    def predict(self, sequences: list[np.ndarray], batch_size: int = 256) -> np.ndarray:
        """Outputs for many variable-length sequences: (N, K) (per-step nets: last step)."""
        outputs = []
        for start in range(0, len(sequences), batch_size):
            outputs.append(self._predict_batch(sequences[start : start + batch_size]))
        if not outputs:
            return np.zeros((0, self.spec.output_dim), np.float32)
        return np.concatenate(outputs)

    def _predict_batch(self, sequences: list[np.ndarray]) -> np.ndarray:
        lengths = np.array([len(s) for s in sequences])
        if lengths.min() == 0:
            raise ValueError("cannot predict on an empty sequence")
        first = [self._first_inputs(s) for s in sequences]
        seq = np.zeros((len(first), lengths.max(), first[0].shape[1]), np.float32)
        for row, x in enumerate(first):
            seq[row, : len(x)] = x
        seq = self._top_hidden(seq, lengths)
        if self.spec.bidirectional:
            half = seq.shape[2] // 2
            features = np.concatenate([seq[np.arange(len(first)), lengths - 1, :half], seq[:, 0, half:]], axis=1)
        else:
            features = pool_padded(seq, lengths, self.spec.pooling)
        return self.head(features)

    def _top_hidden(self, seq: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The last layer's hidden states (B, T, H or 2H) of a padded batch of first-layer inputs."""
        for k in range(len(self.spec.units)):
            if self.spec.bidirectional:
                fwd, _ = run_batch(self.lstm[f"lstm_{k}_forward"], seq, lengths)
                bwd, _ = run_batch(self.lstm[f"lstm_{k}_backward"], seq, lengths, reverse=True)
                seq = np.concatenate([fwd, bwd], axis=2)
            else:
                seq, _ = run_batch(self.lstm[f"lstm_{k}"], seq, lengths)
        return seq

    def predict_steps(self, inputs: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Every step's output for a padded batch, without gates: (B, T, K), zeros past each length.

        inputs: first-layer inputs (B, T, D), real steps first; lengths: (B,). For per-step
        networks (a tagger labels every character; a bidirectional one reads the whole row first).
        """
        if not self.spec.per_step_output:
            raise ValueError("predict_steps needs a network with per_step_output")
        lengths = np.asarray(lengths)
        out = self.head(self._top_hidden(np.asarray(inputs, dtype=np.float32), lengths))
        return np.where((np.arange(out.shape[1])[None, :] < lengths[:, None])[:, :, None], out, 0.0)

    # ---- step by step, for generation ---------------------------------------------------
    def initial_state(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Zero (h, c) for every layer of a one-way network."""
        return [(np.zeros(u, np.float32), np.zeros(u, np.float32)) for u in self.spec.units]

    @cached_property
    def _input_gates_per_token(self) -> np.ndarray | None:
        """embedding · W + b of the first layer for every token id, (V, 4H), or None.

        Generation feeds one token at a time; looking its row up replaces a (E, 4H)
        product per character (about a fifth of the step's time for the Chinese model).
        """
        if self.spec.input_kind != "tokens" or self.spec.bidirectional:
            return None
        first = self.lstm["lstm_0"]
        if self.spec.vocab_size * first.kernel.shape[1] > MAX_TABLE_FLOATS:
            return None
        return self.weights["embedding"] @ first.kernel + first.bias

    def step(self, x_t, state: list[tuple[np.ndarray, np.ndarray]]):
        """Feed one token id (or one value vector); returns (output (K,), new state)."""
        if self.spec.bidirectional:
            raise ValueError("a bidirectional network cannot be run step by step")
        table = self._input_gates_per_token
        inp = None if table is not None else self._first_inputs(np.array([x_t]))[0]
        new_state = []
        for k, (h, c) in enumerate(state):
            if k == 0 and table is not None:
                *_, c, h = step_from_input_gates(self.lstm["lstm_0"], table[int(x_t)], h, c)
            else:
                *_, c, h = step(self.lstm[f"lstm_{k}"], inp, h, c)
            new_state.append((h, c))
            inp = h
        return self.head(inp), new_state

    def initial_rows(self, rows: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """Zero (h, c) of `rows` sequences for every layer of a one-way network, each (rows, H)."""
        return [(np.zeros((rows, u), np.float32), np.zeros((rows, u), np.float32)) for u in self.spec.units]

    def step_rows(self, ids: np.ndarray, state: list[tuple[np.ndarray, np.ndarray]]):
        """`step` for B sequences at once: one token id each; (outputs (B, K), new state of (B, H) pairs).

        Row n gets exactly the numbers `step` gives sequence n alone, whatever the other
        rows: each row's products are their own vector-matrix products (one NumPy call
        for all rows, outside the GIL), and everything else is elementwise or per row.
        A matrix-matrix product would read the weights once for all rows, but BLAS rounds
        a row differently depending on how many rows there are, and a student's text must
        not depend on who else is generating (tests/core/generate/test_batched.py).
        """
        if self.spec.bidirectional or self.spec.input_kind != "tokens":
            raise ValueError("only a one-way network over tokens can be stepped row by row")
        ids = np.asarray(ids, np.int64)
        table = self._input_gates_per_token
        new_state, inp = [], None
        for k, (h, c) in enumerate(state):
            weights = self.lstm[f"lstm_{k}"]
            if k == 0 and table is not None:
                x_gates = table[ids]
            else:
                x = self.weights["embedding"][ids] if k == 0 else inp
                x_gates = _row_products(x, weights.kernel) + weights.bias
            *_, c, h = finish_step(x_gates + _row_products(h, weights.recurrent_kernel), c)
            new_state.append((h, c))
            inp = h
        return self._activation(_row_products(inp, self.weights["dense/kernel"]) + self.weights["dense/bias"]), new_state

    def parameter_count(self) -> int:
        return int(sum(w.size for w in self.weights.values()))


def _row_products(rows: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """(B, D) @ (D, N) as B vector-matrix products: row n is bit for bit `rows[n] @ matrix`."""
    return (rows[:, None, :] @ matrix)[:, 0]


def network_of(model) -> Network:
    """The NumPy `Network` inside any model object the app uses (or the network itself).

    Classifiers, language models, the bracket counter and the GAN wrappers hold it as
    `.network`; the Gates page's forecaster view holds a forecaster that holds it.
    """
    if isinstance(model, Network):
        return model
    network = getattr(model, "network", None) or getattr(getattr(model, "forecaster", None), "network", None)
    if not isinstance(network, Network):
        raise UserError(f"{type(model).__name__} holds no NumPy LSTM network",
                        Message("error.trace.no_network", {"model": type(model).__name__}))

    return network
