"""Pruning: removing weights (unstructured) or whole hidden units (structured).

Unstructured magnitude pruning (Han et al., 2015) sets the smallest weights of every
matrix to zero. The matrices keep their shapes, so a dense NumPy product is no faster;
only a sparse storage format makes the model smaller.

Structured pruning removes whole hidden units. Unit j of an LSTM layer owns four
columns (its i, f, g, o gates) of the kernel, recurrent kernel and bias, and one row of
the recurrent kernel; its output h_j is read by one row of the next layer's kernel (or
of the dense head). Removing all of these leaves a smaller LSTM that really runs
faster. Units are chosen by the L2 norm of their outgoing weights: the row of h_j in
the recurrent kernel and in whatever reads the layer next; the smallest go first.
"""

from __future__ import annotations

import numpy as np

from lstm_core.nn.network import Network, NetworkSpec

INDEX_BYTES_SMALL, INDEX_BYTES_LARGE, VALUE_BYTES = 2, 4, 4


def magnitude_prune(matrix: np.ndarray, sparsity: float) -> np.ndarray:
    """A copy of `matrix` with round(sparsity · n) of its n non-zero entries set to zero.

    The entries with the smallest |w| go (ties: the first in row-major order). Entries
    that are zero already (e.g. the blocks between a forecaster's members) are not counted.
    """
    if not 0.0 <= sparsity < 1.0:
        raise ValueError(f"sparsity must be in [0, 1), not {sparsity}")
    flat = np.asarray(matrix, np.float32).ravel().copy()
    alive = np.flatnonzero(flat)
    drop = int(round(sparsity * len(alive)))
    order = np.argsort(np.abs(flat[alive]), kind="stable")
    flat[alive[order[:drop]]] = 0.0
    return flat.reshape(np.shape(matrix))


def prune_weights(weights: dict[str, np.ndarray], sparsity: float) -> dict[str, np.ndarray]:
    """Magnitude-prune every matrix (embedding, kernels, dense); biases are kept."""
    return {k: magnitude_prune(v, sparsity) if np.ndim(v) == 2 else np.asarray(v, np.float32)
            for k, v in weights.items()}


def sparse_bytes(weights: dict[str, np.ndarray]) -> int:
    """Bytes in a CSR-like form: float32 values, column indices and row pointers per matrix.

    Column indices take 2 bytes when a matrix has at most 65,536 columns; row pointers 4.
    1-D arrays are stored dense. At 50% sparsity this is 75% of the dense float32 size,
    not 50%: every kept value carries its index.
    """
    total = 0
    for array in weights.values():
        array = np.asarray(array)
        if array.ndim != 2:
            total += array.size * VALUE_BYTES
            continue
        index = INDEX_BYTES_SMALL if array.shape[1] <= 2**16 else INDEX_BYTES_LARGE
        total += np.count_nonzero(array) * (VALUE_BYTES + index) + 4 * (array.shape[0] + 1)
    return int(total)


# ---- structured: whole hidden units ---------------------------------------------------------
def _reader_of(network: Network, k: int) -> str:
    """Name of the matrix that reads layer k's outputs: the next layer's kernel or the head."""
    spec = network.spec
    if k + 1 == len(spec.units):
        return "dense/kernel"
    return f"lstm_{k + 1}_forward/kernel" if spec.bidirectional else f"lstm_{k + 1}/kernel"


def unit_scores(network: Network, group: str, k: int, offset: int) -> np.ndarray:
    """(H,) L2 norm of each unit's outgoing weights: its recurrent row and its reader rows."""
    w = network.weights
    units = network.spec.units[k]
    outgoing = [w[f"{group}/recurrent_kernel"]]  # (H, 4H)
    readers = [_reader_of(network, k)]
    if network.spec.bidirectional and k + 1 < len(network.spec.units):
        readers.append(readers[0].replace("_forward/", "_backward/"))
    outgoing += [w[name][offset : offset + units] for name in readers]
    if readers == ["dense/kernel"]:  # a pooled head reads each unit once per summary ([last, mean, max])
        outgoing += [w["dense/kernel"][p * units : (p + 1) * units] for p in range(1, network.spec.pooled)]
    return np.sqrt(sum((m.astype(np.float64) ** 2).sum(axis=1) for m in outgoing))


def units_to_keep(network: Network, fraction: float) -> dict[str, np.ndarray]:
    """For every LSTM weight group, the sorted indices of the units that stay."""
    if not 0.0 <= fraction < 1.0:
        raise ValueError(f"the fraction of units removed must be in [0, 1), not {fraction}")
    keep = {}
    for k, units in enumerate(network.spec.units):
        remove = min(int(round(fraction * units)), units - 1)  # at least one unit stays
        groups = [f"lstm_{k}_forward", f"lstm_{k}_backward"] if network.spec.bidirectional else [f"lstm_{k}"]
        for half, group in enumerate(groups):
            scores = unit_scores(network, group, k, half * units)
            keep[group] = np.sort(np.argsort(scores, kind="stable")[remove:])
    return keep


def _gate_columns(kept: np.ndarray, units: int) -> np.ndarray:
    """The 4H-axis columns of the kept units, gate block by gate block (i, f, g, o)."""
    return np.concatenate([gate * units + kept for gate in range(4)])


def remove_units(network: Network, keep: dict[str, np.ndarray]) -> Network:
    """The smaller network that keeps only the units in `keep` (from `units_to_keep`)."""
    spec, w = network.spec, dict(network.weights)
    new_units = []
    for k, units in enumerate(spec.units):
        groups = [f"lstm_{k}_forward", f"lstm_{k}_backward"] if spec.bidirectional else [f"lstm_{k}"]
        rows = []  # rows of the reader that stay, in the order the layer's outputs are concatenated
        for half, group in enumerate(groups):
            kept = keep[group]
            columns = _gate_columns(kept, units)
            w[f"{group}/kernel"] = w[f"{group}/kernel"][:, columns]
            w[f"{group}/recurrent_kernel"] = w[f"{group}/recurrent_kernel"][np.ix_(kept, columns)]
            w[f"{group}/bias"] = w[f"{group}/bias"][columns]
            rows.append(half * units + kept)
        rows = np.concatenate(rows)
        reader = _reader_of(network, k)
        if reader == "dense/kernel":  # the head's rows of every pooled summary of the unit
            rows = np.concatenate([p * units * len(groups) + rows for p in range(spec.pooled)])
        readers = [reader, reader.replace("_forward/", "_backward/")] if "_forward/" in reader else [reader]
        for name in readers:
            w[name] = w[name][rows]
        new_units.append(len(keep[groups[0]]))
    new_spec = NetworkSpec.from_dict({**spec.to_dict(), "units": new_units})
    return Network(new_spec, w)


def prune_units(network: Network, fraction: float) -> Network:
    """Remove round(fraction · H) units of every layer, those with the weakest outgoing weights."""
    return remove_units(network, units_to_keep(network, fraction))
