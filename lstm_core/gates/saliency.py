"""Gradient saliency: how much one output depends on each earlier input, ||d y / d x_t||.

After "Visualizing memorization in RNNs" (Madsen, Distill 2019): the connectivity of
an output to input t is the norm of the output's gradient with respect to x_t. For
token models x_t is the embedding vector the first layer read. The gradient runs from
the dense head down through every LSTM layer (both halves of a bidirectional one) with
`lstm_core.nn.cell.backward`. One example shows where this model looked on this input;
it proves nothing about the model in general.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.nn.cell import GateTrace, backward
from lstm_core.nn.network import LayerTrace, Network
from lstm_core.nn.pooling import pool_gradient


@dataclass(frozen=True)
class Saliency:
    """Per input step, ||d output / d x_t||; zero after the output step (nothing flows back in time)."""

    scores: np.ndarray  # (T,)
    step: int  # the output step looked at
    target: int | None  # the output unit (class, character), None for the mean of a linear output


def _head_gradient(network: Network, features: np.ndarray, target: int | None) -> tuple[np.ndarray, int | None]:
    """d y / d features (F,) for y = the target unit's output (softmax/sigmoid) or the linear mean."""
    y = network.head(features)
    kind = network.spec.output_activation
    if kind == "linear" and target is None:
        d_z = np.full_like(y, 1.0 / len(y))
    else:
        target = int(np.argmax(y)) if target is None else int(target)
        if kind == "softmax":
            d_z = -y[target] * y
            d_z[target] += y[target]
        elif kind == "sigmoid":
            d_z = np.zeros_like(y)
            d_z[target] = y[target] * (1.0 - y[target])
        else:
            d_z = np.eye(len(y), dtype=y.dtype)[target]
    return network.weights["dense/kernel"] @ d_z, target


def _reversed(gates: GateTrace) -> GateTrace:
    return GateTrace(*(getattr(gates, f)[::-1] for f in GateTrace.FIELDS))


def _cut(layer: LayerTrace, steps: int) -> LayerTrace:
    """The first `steps` steps of a one-way layer (later ones cannot affect an earlier output)."""
    gates = GateTrace(*(getattr(layer.gates, f)[:steps] for f in GateTrace.FIELDS))
    return LayerTrace(layer.name, gates, layer.inputs[:steps], layer.weights, layer.reverse, layer.initial_state)


def saliency(network: Network, layers: tuple[LayerTrace, ...], step: int | None = None, target: int | None = None) -> Saliency:
    """Saliency of one output of a traced input (`layers` from `Network.trace(...).layers`).

    step: the output step for per-step networks (default: the last); others have one output.
    target: the output unit; default the most likely class, or for a linear output the mean.
    """
    spec, steps = network.spec, layers[0].gates.steps
    step = steps - 1 if step is None or not spec.per_step_output else int(step)
    if not 0 <= step < steps:
        raise ValueError(f"step {step} is outside 0..{steps - 1}")
    pooled = spec.bidirectional and not spec.per_step_output  # one output from both ends
    if spec.per_step_output and not spec.bidirectional:  # one-way: steps after the output cannot matter
        layers = tuple(_cut(layer, step + 1) for layer in layers)
    top = layers[-2:] if spec.bidirectional else layers[-1:]
    hidden = np.concatenate([layer.gates.hidden for layer in top], axis=1)  # (T', F)
    if pooled:
        half = hidden.shape[1] // 2
        features = np.concatenate([hidden[-1, :half], hidden[0, half:]])
    elif spec.per_step_output:  # a per-step output reads its own step (both directions' states there, for a tagger)
        features = hidden[step]
    else:  # a one-way classifier: its last state, or [last, mean, max] of all states (concat pooling)
        features = network.pool(hidden)
    d_features, target = _head_gradient(network, features, target)
    d_seq = np.zeros_like(hidden)  # d y / d (top layer's outputs), (T', F)
    if pooled:
        d_seq[-1, :half], d_seq[0, half:] = d_features[:half], d_features[half:]
    elif spec.per_step_output:
        d_seq[step] = d_features
    else:
        d_seq = pool_gradient(hidden, d_features, spec.pooling)
    for k in range(len(spec.units) - 1, -1, -1):
        if spec.bidirectional:
            fwd, bwd = layers[2 * k], layers[2 * k + 1]
            half = fwd.gates.units
            d_in = backward(fwd.weights, fwd.inputs, d_seq[:, :half], gates=fwd.gates).inputs
            d_in = d_in + backward(bwd.weights, bwd.inputs[::-1], d_seq[::-1, half:], gates=_reversed(bwd.gates)).inputs[::-1]
        else:
            layer = layers[k]
            d_in = backward(layer.weights, layer.inputs, d_seq, gates=layer.gates).inputs
        d_seq = d_in
    scores = np.zeros(steps, dtype=np.float32)
    scores[: len(d_seq)] = np.linalg.norm(d_seq, axis=1)
    return Saliency(scores, step, target)


def saliency_of(network: Network, x: np.ndarray, step: int | None = None, target: int | None = None) -> Saliency:
    """Trace token ids (T,) or values (T, D) and take the saliency of one output."""
    return saliency(network, network.trace(x).layers, step, target)
