"""Reading a gate trace: which units matter, which saturate, which fire on a span.

- Unit ordering: by variance over time, mean activation, or mean activation on a
  chosen span of steps, so the interesting rows of a heatmap come first.
- Saturation (Karpathy, Johnson and Fei-Fei 2015): per unit, how often a gate is
  nearly shut (< 0.1) against how often it is nearly open (> 0.9).
- Span selection (after LSTMVis, Strobelt et al. 2017): the units that stay above a
  threshold over a span of text, and where else in a corpus the same units are on.
- Step detail: one step of the cell recomputed by hand, split into its parts, for the
  step-through that shows the real numbers in the equations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.nn.cell import GateTrace, sigmoid
from lstm_core.nn.network import LayerTrace

SORT_KEYS = ("index", "variance", "mean", "span")
LOW, HIGH = 0.1, 0.9  # a gate below LOW is "shut", above HIGH "open"


def unit_order(values: np.ndarray, by: str = "variance", span: tuple[int, int] | None = None) -> np.ndarray:
    """Unit indices, most interesting first. values: (T, H); span: steps [start, end)."""
    if by not in SORT_KEYS:
        raise ValueError(f"sort by one of {SORT_KEYS}, not {by!r}")
    if by == "index":
        return np.arange(values.shape[1])
    if by == "variance":
        score = values.var(axis=0)
    elif by == "mean":
        score = values.mean(axis=0)
    else:
        start, end = span if span else (0, values.shape[0])
        if not 0 <= start < end <= values.shape[0]:
            raise ValueError(f"span {span} is outside steps 0..{values.shape[0]}")
        score = values[start:end].mean(axis=0)
    return np.argsort(-score, kind="stable")


@dataclass(frozen=True)
class Saturation:
    """Per-unit fraction of steps a gate is shut (< 0.1) and open (> 0.9): each (H,)."""

    gate: str
    shut: np.ndarray
    open: np.ndarray


def saturation(traces: list[GateTrace], gate: str) -> Saturation:
    """Pool the steps of several traces of one layer and measure saturation of `gate`."""
    if gate not in ("input_gate", "forget_gate", "output_gate"):
        raise ValueError("saturation is defined for the three sigmoid gates")
    values = np.concatenate([getattr(tr, gate) for tr in traces], axis=0)  # (sum T, H)
    return Saturation(gate, (values < LOW).mean(axis=0), (values > HIGH).mean(axis=0))


def units_on(values: np.ndarray, span: tuple[int, int], threshold: float) -> np.ndarray:
    """Units whose value stays above `threshold` at every step of span [start, end)."""
    start, end = span
    if not 0 <= start < end <= values.shape[0]:
        raise ValueError(f"span {span} is outside steps 0..{values.shape[0]}")
    return np.flatnonzero((values[start:end] > threshold).all(axis=0))


def strongest_over_span(values: np.ndarray, span: tuple[int, int], k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """The k units whose lowest value over the span is highest, with that lowest value.

    These are the units that come closest to staying on over the whole span, a hint
    for the threshold when no unit passes it.
    """
    start, end = span
    floor = values[start:end].min(axis=0)  # (H,)
    best = np.argsort(-floor, kind="stable")[:k]
    return best, floor[best]


@dataclass(frozen=True)
class Match:
    """A run of steps in a reference text where all selected units are on."""

    text_index: int
    start: int  # first step of the run
    end: int  # one past the last step
    labels: tuple[str, ...]  # the tokens of the run


def find_matches(
    corpus: list[tuple[tuple[str, ...], np.ndarray]],
    units: np.ndarray,
    threshold: float,
    min_length: int = 1,
    limit: int = 20,
) -> list[Match]:
    """Runs in a corpus of (labels, values (T, H)) where every unit in `units` is above threshold.

    Longest runs first; at most `limit` of them.
    """
    if len(units) == 0:
        return []
    matches = []
    for index, (labels, values) in enumerate(corpus):
        on = (values[:, units] > threshold).all(axis=1)  # (T,)
        # Run boundaries: where `on` switches, padded so runs at the edges close.
        edges = np.flatnonzero(np.diff(np.concatenate([[0], on.astype(np.int8), [0]])))
        for start, end in zip(edges[::2], edges[1::2]):
            if end - start >= min_length:
                matches.append(Match(index, int(start), int(end), tuple(labels[start:end])))
    matches.sort(key=lambda m: (-(m.end - m.start), m.text_index, m.start))
    return matches[:limit]


@dataclass(frozen=True)
class StepDetail:
    """The arithmetic of one step of one layer, for the units asked for; arrays are (U,).

    For each gate name in ("i", "f", "g", "o"): `from_x[name]` = x_t W, `from_h[name]` =
    h_{t-1} U, `bias[name]`, `pre[name]` their sum, `value[name]` after the activation.
    """

    step: int
    units: np.ndarray
    from_x: dict[str, np.ndarray]
    from_h: dict[str, np.ndarray]
    bias: dict[str, np.ndarray]
    pre: dict[str, np.ndarray]
    value: dict[str, np.ndarray]
    c_prev: np.ndarray
    c: np.ndarray
    h: np.ndarray
    h_prev: np.ndarray


def step_detail(layer: LayerTrace, step: int, units: np.ndarray) -> StepDetail:
    """Recompute step `step` of a traced layer by hand, split into its parts."""
    gates, weights = layer.gates, layer.weights
    if not 0 <= step < gates.steps:
        raise ValueError(f"step {step} is outside 0..{gates.steps - 1}")
    previous = step + 1 if layer.reverse else step - 1  # the step read just before
    has_previous = 0 <= previous < gates.steps
    if has_previous:
        h_prev, c_prev = gates.hidden[previous], gates.cell[previous]
    elif layer.initial_state is not None:  # e.g. a decoder, started from its encoder's last state
        h_prev, c_prev = layer.initial_state
    else:
        h_prev = c_prev = np.zeros(gates.units, np.float32)
    from_x = layer.inputs[step] @ weights.kernel  # (4H,)
    from_h = h_prev @ weights.recurrent_kernel  # (4H,)
    parts = {}
    for name, whole in (("x", from_x), ("h", from_h), ("b", weights.bias)):
        split = np.split(whole, 4)  # Keras order: i, f, g, o
        parts[name] = {g: split[k][units] for k, g in enumerate("ifgo")}
    pre = {g: parts["x"][g] + parts["h"][g] + parts["b"][g] for g in "ifgo"}
    value = {g: (np.tanh(pre[g]) if g == "g" else sigmoid(pre[g])) for g in "ifgo"}
    return StepDetail(
        step, np.asarray(units), parts["x"], parts["h"], parts["b"], pre, value,
        c_prev[units], gates.cell[step][units], gates.hidden[step][units], h_prev[units],
    )
