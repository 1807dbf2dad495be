"""Quantization: storing each weight in fewer bits, and what that costs in accuracy.

Float16 keeps a float, with 10 bits of mantissa. Integer quantization keeps, for every
row of a matrix, one float16 scale and small integers: w ≈ q · scale with q in
[-(2^(b-1) - 1), 2^(b-1) - 1] (symmetric: zero stays exactly zero). A "row" is a row of
the array as stored: one token's embedding, or one input feature's weights into all four
gates (kernel (D, 4H), recurrent kernel (H, 4H)); a bias vector is one row. Small models
need the float16 scales and integer biases: in the 873-parameter bracket counter, float32
scales and biases would be a third of the int8 file.

The app runs the dequantized weights (q · scale, as float32), so every gate it shows is
the gate the quantized model computes; the sizes count the stored form.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BITS = (32, 16, 8, 4)  # float32 (as trained), float16, int8, int4
SCALE_BYTES = 2  # one float16 scale per row


@dataclass(frozen=True)
class QuantizedMatrix:
    """A matrix as integers with one scale per row: w[r] ≈ ints[r] · scales[r]."""

    ints: np.ndarray  # (R, C) int8 (int4 values live in int8 too, packed two a byte on disk)
    scales: np.ndarray  # (R,) float32 holding float16 values (that is how they are stored)
    bits: int

    def dequantized(self) -> np.ndarray:
        return self.ints.astype(np.float32) * self.scales[:, None]

    @property
    def stored_bytes(self) -> int:
        """Bytes on disk: the integers packed at `bits` each, plus the scales."""
        return int(np.ceil(self.ints.size * self.bits / 8)) + SCALE_BYTES * len(self.scales)


def largest_level(bits: int) -> int:
    """127 for int8, 7 for int4: the largest |q| of a symmetric b-bit integer."""
    return 2 ** (bits - 1) - 1


def quantize_rows(matrix: np.ndarray, bits: int = 8) -> QuantizedMatrix:
    """Per-row symmetric quantization of a 2-D array to `bits`-bit integers (2..8).

    scale = max|row| / largest level, rounded up to the next float16, so the largest
    weight still fits and every weight moves by at most half a scale step.
    """
    if not 2 <= bits <= 8:
        raise ValueError(f"integer quantization needs 2 to 8 bits, not {bits}")
    matrix = np.asarray(matrix, np.float32)
    if matrix.ndim != 2:
        raise ValueError(f"quantize_rows needs a 2-D array, got shape {matrix.shape}")
    top = largest_level(bits)
    peak = np.abs(matrix).max(axis=1)
    wanted = np.where(peak > 0, peak / top, 1.0)  # an all-zero row gets scale 1
    scales = wanted.astype(np.float16)
    low = scales.astype(np.float32) < wanted  # rounded down: the largest weight would need q > top
    scales[low] = np.nextafter(scales[low], np.float16(np.inf))
    scales = scales.astype(np.float32)
    ints = np.clip(np.rint(matrix / scales[:, None]), -top, top).astype(np.int8)
    return QuantizedMatrix(ints, scales, bits)


@dataclass(frozen=True)
class QuantizedWeights:
    """A network's weights at one precision: what would be stored, and what is run."""

    bits: int
    matrices: dict[str, QuantizedMatrix]  # integer forms (empty for float precisions)
    run: dict[str, np.ndarray]  # float32 weights the NumPy network computes with
    stored_bytes: int


def quantize_weights(weights: dict[str, np.ndarray], bits: int) -> QuantizedWeights:
    """All weights at `bits`: 32 (unchanged), 16 (float16), 8 or 4 (per-row integers).

    Integer modes quantize every array, a bias vector as a single row.
    """
    if bits not in BITS:
        raise ValueError(f"bits must be one of {BITS}, not {bits}")
    if bits in (32, 16):
        dtype = np.float32 if bits == 32 else np.float16
        run = {k: np.asarray(v, dtype).astype(np.float32) for k, v in weights.items()}
        size = sum(np.asarray(v).size for v in weights.values()) * bits // 8
        return QuantizedWeights(bits, {}, run, int(size))
    matrices, run, size = {}, {}, 0
    for name, array in weights.items():
        array = np.asarray(array, np.float32)
        matrices[name] = quantize_rows(array.reshape(-1, array.shape[-1]), bits)
        run[name] = matrices[name].dequantized().reshape(array.shape)
        size += matrices[name].stored_bytes
    return QuantizedWeights(bits, matrices, run, int(size))


def float32_bytes(weights: dict[str, np.ndarray]) -> int:
    """The size of the weights as float32 arrays, the reference every ratio divides."""
    return int(sum(np.asarray(v).size for v in weights.values()) * 4)
