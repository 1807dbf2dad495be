"""Compressing a model as the app loads it, and getting back the same kind of object.

Every shipped model wraps one `Network`: a sentiment classifier, a character language
model and the bracket counter hold it as `.network`, a `Forecaster` too, and the Gates
page's forecaster view holds a `Forecaster` as `.forecaster`. `quantized` and `pruned`
swap that network for a compressed one (with `dataclasses.replace`, so the rest of the
object, its vocabulary, card and methods, is untouched) and the app uses the result
exactly as before: `predict_proba`, `bits_per_char`, `forecast`, `trace_text`.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, TypeVar

import numpy as np

from lstm_core.compress.prune import prune_units, prune_weights
from lstm_core.compress.quantize import quantize_weights
from lstm_core.nn.network import Network

Model = TypeVar("Model")


def with_network(model: Model, change: Callable[[Network], Network]) -> Model:
    """A copy of `model` whose network is `change(network)`; everything else is shared."""
    if isinstance(model, Network):
        return change(model)
    if hasattr(model, "network"):
        return dataclasses.replace(model, network=change(model.network))
    if hasattr(model, "forecaster"):
        return dataclasses.replace(model, forecaster=with_network(model.forecaster, change))
    raise TypeError(f"{type(model).__name__} holds no LSTM network to compress")


def quantized(model: Model, bits: int) -> Model:
    """The same model with weights at `bits` (32, 16, 8 or 4), see `compress.quantize`.

    The result computes with the dequantized weights, so its outputs and gates are the
    quantized model's own.
    """
    return with_network(model, lambda net: Network(net.spec, quantize_weights(net.weights, bits).run))


def pruned(model: Model, sparsity: float, structured: bool = False) -> Model:
    """The same model pruned: `sparsity` of every matrix's weights set to zero, or, with
    structured=True, that fraction of every layer's hidden units removed."""
    if structured:
        return with_network(model, lambda net: prune_units(net, sparsity))
    return with_network(model, lambda net: Network(net.spec, prune_weights(net.weights, sparsity)))


@dataclasses.dataclass(frozen=True)
class GateChange:
    """Where a compressed model's gates moved most on one input."""

    largest: float  # max |gate_compressed - gate_original| over gates, steps and units
    field: str  # "input_gate", "forget_gate", "candidate" or "output_gate"
    layer: str
    step: int
    unit: int
    label: str  # what the model read at that step


GATES = ("input_gate", "forget_gate", "candidate", "output_gate")


def largest_gate_change(original, compressed, text: str) -> GateChange:
    """Trace `text` through both models (same shapes) and find the gate that moved most."""
    before, after = original.trace_text(text), compressed.trace_text(text)
    best = GateChange(-1.0, "", "", 0, 0, "")
    for layer_before, layer_after in zip(before.layers, after.layers):
        for name in GATES:
            diff = np.abs(getattr(layer_after.gates, name) - getattr(layer_before.gates, name))  # (T, H)
            step, unit = np.unravel_index(int(diff.argmax()), diff.shape)
            if diff[step, unit] > best.largest:
                best = GateChange(float(diff[step, unit]), name, layer_before.name, int(step), int(unit),
                                  before.labels[step])
    return best
