"""What a network costs: parameters, multiply-adds per step, bytes, and measured time.

An LSTM layer with input width D and H units has four gates, each with a D x H input
matrix, an H x H recurrent matrix and H biases: 4·H·(D+H+1) parameters. A GRU has three
such blocks, 3·H·(D+H+1) (Keras' default reset_after=True adds a second bias: 3·H·(D+H+2)),
and a simple RNN one, H·(D+H+1). Each step multiplies the input and the previous
state by those matrices: 4·H·(D+H) multiply-adds for an LSTM layer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from lstm_core.nn import blas
from lstm_core.nn.network import Network, NetworkSpec

GATE_BLOCKS = {"LSTM": 4, "GRU": 3, "SimpleRNN": 1}
TIMING_STEPS = 100  # steps in the sequence that is timed
TIMING_REPEATS = 5  # the fastest of these runs is kept: the others met a busy machine


@dataclass(frozen=True)
class LayerCost:
    """One recurrent layer (one direction) and its parameter formula with numbers filled in."""

    name: str
    input_dim: int  # D
    units: int  # H
    parameters: int  # 4·H·(D+H+1)
    multiply_adds: int  # per step: 4·H·(D+H)

    def formula(self, blocks: int = 4) -> str:
        """'4·64·(64+64+1) = 33,024' for an LSTM; blocks=3 or 1 for a GRU or simple RNN."""
        h, d = self.units, self.input_dim
        return f"{blocks}·{h}·({d}+{h}+1) = {blocks * h * (d + h + 1):,}"


def layer_costs(spec: NetworkSpec) -> list[LayerCost]:
    """Every LSTM weight group of a spec, in the order the input meets them."""
    costs, width = [], spec.embedding_dim if spec.input_kind == "tokens" else spec.input_dim
    directions = 2 if spec.bidirectional else 1
    for k, h in enumerate(spec.units):
        for name in spec.layer_names()[k * directions : (k + 1) * directions]:
            costs.append(LayerCost(name, width, h, 4 * h * (width + h + 1), 4 * h * (width + h)))
        width = h * directions
    return costs


def recurrent_parameters(spec: NetworkSpec, cell: str) -> int:
    """Parameters of the recurrent layers if every LSTM were a `cell` of the same width."""
    blocks = GATE_BLOCKS[cell]
    return sum(blocks * c.units * (c.input_dim + c.units + 1) for c in layer_costs(spec))


@dataclass(frozen=True)
class NetworkCost:
    """The whole network: parameter groups, multiply-adds per step, bytes."""

    embedding: int  # V·E parameters (a lookup: no multiply-adds)
    recurrent: int  # all LSTM layers
    head: int  # dense F·K + K
    multiply_adds_per_step: int  # recurrent layers, plus the head when it predicts at every step
    float32_bytes: int
    nonzero: int  # parameters that are not exactly zero (a forecaster's members never connect)

    @property
    def parameters(self) -> int:
        return self.embedding + self.recurrent + self.head


def network_cost(network: Network) -> NetworkCost:
    spec, w = network.spec, network.weights
    embedding = int(w["embedding"].size) if "embedding" in w else 0
    head = int(w["dense/kernel"].size + w["dense/bias"].size)
    recurrent = sum(c.parameters for c in layer_costs(spec))
    macs = sum(c.multiply_adds for c in layer_costs(spec))
    if spec.per_step_output:
        macs += int(w["dense/kernel"].size)
    total = embedding + recurrent + head
    nonzero = int(sum(np.count_nonzero(v) for v in w.values()))
    return NetworkCost(embedding, recurrent, head, macs, 4 * total, nonzero)


def timing_input(spec: NetworkSpec, steps: int = TIMING_STEPS, seed: int = 0) -> np.ndarray:
    """A fixed input to time with: token ids (never padding) or standard-normal values."""
    rng = np.random.default_rng(seed)
    if spec.input_kind == "tokens":
        return rng.integers(2, max(spec.vocab_size, 3), size=steps)
    return rng.standard_normal((steps, spec.input_dim)).astype(np.float32)


def seconds_per_step(network: Network, steps: int = TIMING_STEPS, repeats: int = TIMING_REPEATS) -> float:
    """Measured time of one step of `Network.trace` (all layers and the head), one BLAS thread.

    The fastest of `repeats` runs: on a shared machine the slower ones measure the others.
    """
    x = timing_input(network.spec, steps)
    best = np.inf
    with blas.one_thread():
        network.trace(x)  # warm up caches
        for _ in range(repeats):
            start = time.perf_counter()
            network.trace(x)
            best = min(best, time.perf_counter() - start)
    return float(best / steps)
