"""Checks of what the lessons say about a model's gates and cell state (Home, Gates, Why).

Each function traces the text a step sets through the model it sets, orders the units as
the Gates page does, and returns the facts the step's words state.
"""

from __future__ import annotations

import numpy as np

from lstm_core.gates import interpret
from lstm_core.brackets.counter import true_depth
from lstm_core.lessons import shipped
from lstm_core.nn.cell import GateTrace

CHECKS = ("quiet_step", "depth_unit", "deep_count", "closing_bracket", "saturation", "saturation_of_two")
GATES = ("input_gate", "forget_gate", "output_gate")
FOLLOWS = 0.9  # |r| with the depth from which a unit counts as following it


def _gates(model: str, text: str, layer: int = 0) -> GateTrace:
    return shipped.model(model).trace_text(text).layers[layer].gates


def _order(gates: GateTrace, sort: str, field: str) -> list[int]:
    """The units in the Gates page's order (its span slider starts on the first three steps)."""
    span = (0, min(gates.steps - 1, 2) + 1)
    return [int(u) for u in interpret.unit_order(getattr(gates, field), sort, span)]


def _r(values: np.ndarray, depth: np.ndarray) -> np.ndarray:
    """Pearson r of each unit's values (T, H) with the depth (T,); 0 for a unit that never moves."""
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.array([np.corrcoef(values[:, u], depth)[0, 1] for u in range(values.shape[1])])
    return np.nan_to_num(r)


def quiet_step(model: str, text: str) -> dict:
    """A real step where a unit's forget gate is near 1 and its input gate near 0: c_t stays c_(t-1)."""
    gates = _gates(model, text)
    score = gates.forget_gate - gates.input_gate  # (T, H): 1 where the memory is simply kept
    score[0] = -np.inf  # step 0 has no previous cell state worth keeping
    step, unit = np.unravel_index(int(np.argmax(score)), score.shape)
    c_prev, c = float(gates.cell[step - 1, unit]), float(gates.cell[step, unit])
    return {"unit": int(unit), "char": text[step], "f": float(gates.forget_gate[step, unit]),
            "i": float(gates.input_gate[step, unit]), "c_prev": c_prev, "c": c, "change": abs(c - c_prev)}


def depth_unit(model: str, text: str, sort: str, field: str) -> dict:
    """The top unit in the page's order against the unit that follows the depth, on this text.

    The depth unit is the one the model reports (its cell state correlates best with the true
    depth over the model's reference texts: the Gates page's verdict names it).
    """
    counter = shipped.model(model)
    gates, depth = _gates(model, text), true_depth(text)
    order = _order(gates, sort, field)
    top = order[0]
    unit, r = counter.depth_unit()
    steps = np.diff(gates.cell[:, top])
    r_here = _r(gates.cell, depth)
    values = np.concatenate([getattr(gates, g).ravel() for g in GATES])
    return {
        "top_unit": top, "top_first": float(gates.cell[0, top]), "top_last": float(gates.cell[-1, top]),
        "top_falls_throughout": bool((steps < 0).all()), "top_rises_throughout": bool((steps > 0).all()),
        "top_r_here": float(r_here[top]),
        "depth_unit": unit, "depth_r": r, "abs_depth_r": abs(r), "depth_r_here": float(r_here[unit]), "depth_rank": order.index(unit) + 1,
        "depth_counts_down": bool(r < 0),
        "saturated": float(((values < interpret.LOW) | (values > interpret.HIGH)).mean()),
        "between": float(((values > 0.2) & (values < 0.8)).mean()), "low": interpret.LOW, "high": interpret.HIGH,
    }


def deep_count(model: str, text: str, sort: str, field: str) -> dict:
    """How far the top unit's cell state climbs on deep nesting, and how many units share the count."""
    gates, depth = _gates(model, text), true_depth(text)
    top = _order(gates, sort, field)[0]
    r_here = _r(gates.cell, depth)
    return {"top_unit": top, "top_peak": float(np.abs(gates.cell[:, top]).max()),
            "largest_cell": float(np.abs(gates.cell).max()), "deepest": int(depth.max()),
            "units_following": int((np.abs(r_here) >= FOLLOWS).sum()), "following_r": FOLLOWS, "units": gates.units}


def closing_bracket(model: str, text: str, units: list[int]) -> dict:
    """What the first unit the step-through opens on writes at "(" and at ")", and how the second resets.

    write_* is the mean of i_t g_t (what the input gate lets in); f_close the mean forget gate at ")".
    """
    counter = shipped.model(model)
    gates = _gates(model, text)
    opens = np.array([ch == "(" for ch in text])
    closes = np.array([ch == ")" for ch in text])
    first, second = units[0], units[1]
    written = gates.input_gate * gates.candidate  # (T, H)
    lowest = int(np.argmin(np.where(closes, gates.forget_gate[:, second], np.inf)))
    return {
        "depth_unit": counter.depth_unit()[0], "first": first, "second": second,
        "write_open": float(written[opens, first].mean()), "write_close": float(written[closes, first].mean()),
        "opposite": bool(written[opens, first].mean() * written[closes, first].mean() < 0),
        "f_close": float(gates.forget_gate[closes, first].mean()),
        "second_f_low": float(gates.forget_gate[lowest, second]), "second_f_low_step": lowest,  # as the step slider numbers steps, from 0
        "second_c_before": float(gates.cell[lowest - 1, second]), "second_c_after": float(gates.cell[lowest, second]),
        "closes": int(closes.sum()),
    }


def saturation(model: str) -> dict:
    """Over the model's reference texts: the share of each gate's values below 0.1 or above 0.9.

    The same measure as the Gates page's saturation tab (`interpret.saturation`), pooled over units.
    """
    traceable = shipped.model(model)
    traces = [traceable.trace_text(text).layers[0].gates for text in traceable.reference_texts()]
    shares = {}
    for gate in GATES:
        values = np.concatenate([getattr(trace, gate).ravel() for trace in traces])
        shares[gate.split("_")[0]] = float(((values < interpret.LOW) | (values > interpret.HIGH)).mean())
    return shares | {"least": min(shares.values()), "most": max(shares.values())}


def saturation_of_two(model: str, other: str) -> dict:
    """`saturation` of two models; the second one's facts carry an other_ prefix."""
    return saturation(model) | {f"other_{name}": value for name, value in saturation(other).items()} | {
        "low": interpret.LOW, "high": interpret.HIGH}
