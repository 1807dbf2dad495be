"""A task that needs memory over a distance the user picks.

The class of a sequence is its first token (one of `classes` markers); `distance`
distractor tokens follow, drawn at random from their own alphabet. To answer after the
last token, a network must carry the first token across every distractor: a plain RNN
loses it as the distance grows, a GRU or an LSTM can keep it (the "information
latching" experiments of Bengio, Simard and Frasconi 1994 and Hochreiter and
Schmidhuber 1997, in miniature). Inputs are one-hot vectors, so there is no
embedding to learn and the three cells see exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DISTANCES = (10, 20, 40, 80, 160)  # the shipped chart's x axis


@dataclass(frozen=True)
class MemoryTask:
    """The task's sizes; the page's widgets take their defaults from here."""

    distance: int = 20  # distractors between the class marker and the answer
    classes: int = 4  # chance level is 1 / classes
    distractors: int = 8  # size of the distractor alphabet

    def __post_init__(self) -> None:
        if self.distance < 1:
            raise ValueError("distance must be at least 1")
        if self.classes < 2 or self.distractors < 1:
            raise ValueError("the task needs at least 2 classes and 1 distractor token")

    @property
    def vocab_size(self) -> int:
        return self.classes + self.distractors

    @property
    def steps(self) -> int:
        return self.distance + 1

    @property
    def chance(self) -> float:
        return 1.0 / self.classes


@dataclass(frozen=True)
class MemoryData:
    """One-hot inputs (N, T, V) float32 and labels (N,) int32."""

    x: np.ndarray
    y: np.ndarray

    def __len__(self) -> int:
        return len(self.y)


def make_tokens(task: MemoryTask, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Token ids (N, T) and labels (N,): marker ids 0..classes-1, distractors after them."""
    labels = rng.integers(task.classes, size=count)
    distract = task.classes + rng.integers(task.distractors, size=(count, task.distance))
    return np.column_stack([labels, distract]).astype(np.int32), labels.astype(np.int32)


def make_data(task: MemoryTask, count: int, rng: np.random.Generator, varied: bool = False) -> MemoryData:
    """One-hot sequences at exactly `distance`, or (varied) at a random distance 1..distance.

    A varied sequence is padded in front with all-zero steps, so every row has the same
    length and the answer is always read after the last step. Short distances give the
    gated cells a signal to learn to hold the marker before they meet the long ones.
    """
    tokens, labels = make_tokens(task, count, rng)
    x = np.eye(task.vocab_size, dtype=np.float32)[tokens]  # (N, T, V)
    if varied:
        lengths = rng.integers(1, task.distance + 1, size=count)  # distractors per row
        for row, n in enumerate(lengths):
            start = task.distance - n
            x[row, start] = x[row, 0]  # the marker moves to just before its n distractors
            x[row, :start] = 0.0
    return MemoryData(x, labels)


@dataclass(frozen=True)
class Splits:
    train: MemoryData
    validation: MemoryData
    test: MemoryData


def make_splits(task: MemoryTask, sizes: tuple[int, int, int], seed: int) -> Splits:
    """Train (varied distances), validation and test (exactly `distance`) from one seeded generator."""
    rng = np.random.default_rng([seed, task.distance])
    train = make_data(task, sizes[0], rng, varied=True)
    return Splits(train, make_data(task, sizes[1], rng), make_data(task, sizes[2], rng))
