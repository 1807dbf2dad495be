"""Checks of what the lessons say on "Why an LSTM": σ's slope, the memory task, gradients over time."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from lstm_core.nn.cell import sigmoid
from lstm_core.why.cells import CELLS, load_shipped
from lstm_core.why.gradients import shipped_curves

CHECKS = ("sigmoid_slope", "memory", "gradients")
SEQUENCES = 16  # test sequences the page averages its gradient curves over


@lru_cache(maxsize=1)
def _shipped():
    return load_shipped()


def sigmoid_slope(x: float) -> dict:
    """σ(x) and its slope σ(x)(1 - σ(x)); for a forget gate of that value, ∂c_t/∂c_(t-1) = f_t."""
    value = float(sigmoid(np.float64(x)))
    return {"value": value, "slope": value * (1 - value), "largest_slope": 0.25}


def memory(distance: int) -> dict:
    """Test accuracy of each shipped cell on the memory task at `distance` (from the card), and chance."""
    results, _ = _shipped()
    scores = {kind: results.accuracy[kind][distance] for kind in CELLS}
    return scores | {"chance": results.chance, "units": results.units, "worst": min(scores, key=scores.get)}


def gradients(stage: str, scale: float, clip: bool) -> dict:
    """Per cell: the gradient reaching the first symbol (farthest back) over the one at the answer.

    A ratio above 1 grows going back in time (exploding), below 1 shrinks (vanishing).
    """
    results, weights = _shipped()
    curves = shipped_curves(weights, results.gradient_distance, results.seed, stage, scale, clip, SEQUENCES)
    facts = {f"{kind}_ratio": curve[-1] / curve[0] for kind, curve in curves.items()}
    return facts | {f"{kind}_farthest": curve[-1] for kind, curve in curves.items()} | {"distance": len(curves["rnn"]) - 1}
