"""Precomputed compression curves: assets/compression.json, read by the page's sliders.

For every shipped model: its held-out metric at every sparsity 0..95% (unstructured
and structured), at every precision (32, 16, 8, 4 bits), the stored size of each form,
and the measured time per step. `build(folder)` writes the card
(`python -m lstm_core.build compression`); it took 402 s on 2 cores shared with other
work (the Chinese sentiment model 189 s, the bracket counter 60 s, both character models
72 s, the distributed run, in a fresh TensorFlow process, about 25 s).
"""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path

import numpy as np

from lstm_core.compress.compressed import pruned, quantized
from lstm_core.compress.cost import TIMING_REPEATS, TIMING_STEPS, network_cost, seconds_per_step
from lstm_core.compress.distributed import TinyTask, in_fresh_process
from lstm_core.compress.heldout import SHIPPED_KEYS, heldout_for, load_shipped
from lstm_core.compress.prune import sparse_bytes
from lstm_core.compress.quantize import BITS, float32_bytes, quantize_weights
from lstm_core.nn.network import network_of
from lstm_core.serving import assets

NAME = "compression"
SPARSITIES = tuple(round(0.05 * k, 2) for k in range(20))  # 0, 5, ..., 95 %
TIMED_UNSTRUCTURED = (0.0, 0.5, 0.9)  # dense NumPy time does not depend on zeros: a few points show it


def machine() -> dict:
    """Where the timings were measured."""
    import os

    return {"processor": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
            "python": platform.python_version(), "numpy": np.__version__, "blas_threads": 1}


def model_curves(key: str) -> dict:
    """Every curve of one shipped model.

    A point's "metric" is the model's held-out metric; a classifier's points also hold
    "macro_f1" (see `heldout.Score`).
    """
    model = load_shipped(key)
    heldout = heldout_for(key, model)
    network = network_of(model)
    weights = network.weights
    unstructured, structured = [], []
    for s in SPARSITIES:
        sparse = pruned(model, s)
        unstructured.append({
            "sparsity": s, **heldout.score(sparse).to_dict(), "bytes": sparse_bytes(network_of(sparse).weights),
            "seconds_per_step": seconds_per_step(network_of(sparse)) if s in TIMED_UNSTRUCTURED else None,
        })
        small = pruned(model, s, structured=True)
        structured.append({
            "sparsity": s, "units": list(network_of(small).spec.units), **heldout.score(small).to_dict(),
            "bytes": float32_bytes(network_of(small).weights), "parameters": network_of(small).parameter_count(),
            "seconds_per_step": seconds_per_step(network_of(small)),
        })
    precision = [{"bits": b, **heldout.score(quantized(model, b)).to_dict(),
                  "bytes": quantize_weights(weights, b).stored_bytes} for b in BITS]
    cost = network_cost(network)
    return {
        "metric": heldout.metric, "higher_is_better": heldout.higher_is_better,
        "heldout": heldout.description.to_dict(), "heldout_size": heldout.size,
        "float32_metric": precision[0]["metric"],
        **({"float32_macro_f1": precision[0]["macro_f1"]} if "macro_f1" in precision[0] else {}),
        "float32_bytes": float32_bytes(weights),
        "parameters": cost.parameters, "nonzero_parameters": cost.nonzero,
        "multiply_adds_per_step": cost.multiply_adds_per_step, "units": list(network.spec.units),
        "unstructured": unstructured, "structured": structured, "quantized": precision,
    }


def distributed_run() -> dict:
    """One device against two mirrored logical CPUs on the tiny task, in a fresh process."""
    from dataclasses import asdict


    return {"task": asdict(TinyTask()), **in_fresh_process(TinyTask())}


def build(folder: Path = assets.ASSETS, keys: tuple[str, ...] = SHIPPED_KEYS) -> dict:
    """Compute every curve and write `<folder>/compression.json` (`python -m lstm_core.build compression`)."""
    started = time.perf_counter()
    models = {}
    for key in keys:
        begin = time.perf_counter()
        models[key] = model_curves(key)
        print(f"  {key}: {time.perf_counter() - begin:.1f} s", flush=True)
    card = {
        "title": "Pruning and quantization curves of the shipped models",
        "method": {
            "unstructured": "magnitude pruning of every matrix (embedding, kernels, dense): the given fraction "
                            "of its non-zero weights with the smallest |w| set to zero; biases kept; no fine-tuning",
            "structured": "the given fraction of every LSTM layer's hidden units removed (4 gate columns, the "
                          "recurrent row and the reader's row each), those with the smallest L2 norm of "
                          "outgoing weights first; no fine-tuning",
            "quantized": "32: float32; 16: float16; 8 and 4: per-row symmetric integers with a float32 scale "
                         "per row, biases float32; the app runs the dequantized weights",
            "bytes": "stored form: dense float32 (structured), CSR-like float32 values with 2-byte column "
                     "indices and 4-byte row pointers (unstructured), packed integers plus scales (quantized)",
        },
        "sparsities": list(SPARSITIES),
        "bits": list(BITS),
        "timing": {"steps": TIMING_STEPS, "repeats": TIMING_REPEATS, "what": "Network.trace of a fixed "
                   "input, fastest of the repeats, divided by the steps", "machine": machine()},
        "models": models,
        "distributed": distributed_run(),
        "build_seconds": round(time.perf_counter() - started, 1),
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{NAME}.json").write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return card


def update(keys: tuple[str, ...], folder: Path = assets.ASSETS) -> dict:
    """Recompute the curves of `keys` only, in the existing card (a model rebuilt after the last full build)."""
    card = read(folder)
    for key in keys:
        card["models"][key] = model_curves(key)
    (folder / f"{NAME}.json").write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return card


def read(folder: Path = assets.ASSETS) -> dict:
    """The precomputed curves (rebuild with `python -m lstm_core.build compression`)."""
    return assets.read_record(NAME, folder)
