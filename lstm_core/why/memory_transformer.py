"""The Transformer on the memory task: the same one-hot sequences, read all at once.

Where a recurrent cell must carry the class marker through every distractor, one
self-attention step lets the last position look straight back at it, however far: the
path from the marker to the answer is one step long at any distance. This is the NumPy
side (`lstm_core.transformer.encoder.Transformer`, non-causal, answering at the last
position, padding masked); `lstm_core.why.cell_training.transformer_trainer` fits its
Keras twin with the same data and the same budget rules as the three cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard, plain
from lstm_core.transformer.encoder import Transformer, TransformerSpec
from lstm_core.why.cells import NAME
from lstm_core.why.memory_task import MemoryTask, make_splits

KIND = "transformer"  # its name beside "rnn", "gru" and "lstm" in the card's results


@dataclass(frozen=True)
class MemoryTransformerConfig:
    """One Transformer block as wide as the cells (32); the learning rate is chosen on validation."""

    width: int = 32  # the cells' units
    heads: int = 2
    layers: int = 1  # one attention step is all the task needs
    ffn_width: int = 64
    learning_rate: float = 1e-2


def spec_for(task: MemoryTask, config: MemoryTransformerConfig) -> TransformerSpec:
    """One-hot steps in, a class out at the last position; every position sees the whole sequence."""
    return TransformerSpec("values", input_dim=task.vocab_size, width=config.width, heads=config.heads,
                           layers=config.layers, ffn_width=config.ffn_width, causal=False, output_dim=task.classes,
                           per_step_output=False)


def accuracy(model: Transformer, x: np.ndarray, y: np.ndarray) -> float:
    """Accuracy over one-hot sequences x (N, T, V) with labels y (N,), in NumPy."""
    return float((model.predict(x).argmax(axis=1) == y).mean())


def answer_attention(model: Transformer, x: np.ndarray) -> np.ndarray:
    """(T,) where the last position looked in the last block, averaged over heads, for one sequence (T, V)."""
    maps = model.forward(x[None]).attention[-1][0]  # (heads, T, T)
    return maps[:, -1].mean(axis=0)


@dataclass(frozen=True)
class TransformerResults:
    """The Transformer's row of the why_memory card, typed."""

    accuracy: dict[int, float]  # distance -> test accuracy
    spec: TransformerSpec  # the same architecture at every distance
    parameter_counts: dict[str, int]  # rnn, gru, lstm and transformer -> number of weights
    seed: int

    @classmethod
    def from_card(cls, card: ModelCard) -> "TransformerResults | None":
        """The row, or None for a card built before the Transformer joined the task."""
        results = card.detail("results", {})
        if KIND not in results or card.detail("transformer") is None:
            return None
        return cls({int(d): float(r["test_accuracy"]) for d, r in results[KIND].items()},
                   TransformerSpec.from_dict(plain(card.details["transformer"]["architecture"])),
                   {kind: int(n) for kind, n in card.details["parameter_counts"].items()}, int(card.config["seed"]))


def load_results() -> TransformerResults | None:
    """The shipped why_memory card's Transformer row (None on a card built without it)."""
    return TransformerResults.from_card(assets.read_card(NAME))


@dataclass(frozen=True)
class AnswerLook:
    """Where the answer of one test sequence looked (last block, mean of the heads)."""

    weights: np.ndarray  # (T,) attention of the last position over every step
    marker: int  # the step that holds the class marker (0 in a test sequence at exactly N)
    block: int  # 1-based: the block drawn
    right: bool  # whether the model named the marker


def look(results: TransformerResults, weights: dict[str, np.ndarray], distance: int) -> AnswerLook:
    """The shipped Transformer of `distance` on a new test sequence (a seed the build never drew from)."""
    model = unpack(weights, {distance: results.spec})[distance]
    sequence = make_splits(MemoryTask(distance=distance), (1, 1, 1), results.seed + 2).test
    answer = model.forward(sequence.x[:1])
    return AnswerLook(answer_attention(model, sequence.x[0]), 0, results.spec.layers,
                      bool(answer.outputs[0].argmax() == sequence.y[0]))


def pack(nets: dict[int, Transformer]) -> dict[str, np.ndarray]:
    """Flat arrays named "transformer/<distance>/<array>", for the why_memory .npz."""
    return {f"{KIND}/{distance}/{name}": array for distance, net in nets.items() for name, array in net.weights.items()}


def unpack(arrays: dict[str, np.ndarray], specs: dict[int, TransformerSpec]) -> dict[int, Transformer]:
    """The shipped Transformer of each distance (specs from the card) from arrays written by `pack`."""
    nets = {}
    for distance, spec in specs.items():
        prefix = f"{KIND}/{distance}/"
        weights = {k[len(prefix):]: v for k, v in arrays.items() if k.startswith(prefix)}
        if weights:
            nets[distance] = Transformer(spec, weights)
    return nets
