"""Accuracy against the number of labelled reviews: where pretraining helps most.

ULMFiT's Figure 3 (Howard & Ruder 2018) trains on 100, 1,000 ... labelled examples and
shows the pretrained model far ahead when labels are few. Here the same three models are
trained on stratified samples of the training split's labels: TF-IDF + logistic
regression, the LSTM trained from scratch (its embedding starts from word vectors, its LSTM from
random weights) and the LSTM fine-tuned from a language model. The language models read
every training review's text (no labels), as in the paper's semi-supervised runs.
`lstm_core.build.pretrain_curve_build` trains them; the tab draws `assets/pretrain_curve.json`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lstm_core.serving import assets

ASSET = Path(__file__).resolve().parents[2] / "assets" / "pretrain_curve.json"
MODELS = ("pretrained", "scratch", "tfidf")  # the tab's order: the LSTM from a language model first
# Labelled training reviews per run (0: all of them) and how many seeds (samples and initial weights)
# each size gets: small samples are noisy, so they get more (the budget of one build of about a
# quarter of an hour on one shared core; `pretrain_curve.json` records the seeds each size got).
SEEDS = {100: 3, 300: 3, 1000: 2, 3000: 1, 0: 1}
MIN_UPDATES = 300  # batches a small sample may train for at most (early stopping usually ends it sooner)
MAX_EPOCHS = 50


def label_sample(labels: np.ndarray, size: int, seed: int) -> np.ndarray:
    """Sorted row numbers of a stratified sample of `size` labels (all rows for size 0 or size >= N)."""
    from sklearn.model_selection import train_test_split

    if size <= 0 or size >= len(labels):
        return np.arange(len(labels))
    rows, _ = train_test_split(np.arange(len(labels)), train_size=size, stratify=labels, random_state=seed)
    return np.sort(rows)


def epochs_for(size: int, batch_size: int, epochs: int) -> int:
    """At most how many epochs a run on `size` labels may take: enough for MIN_UPDATES batches, within MAX_EPOCHS.

    The full training split needs only the configured epochs; 100 reviews fill two batches an
    epoch, so they get more epochs (every LSTM the same rule, early stopping on validation).
    """
    return int(min(MAX_EPOCHS, max(epochs, math.ceil(MIN_UPDATES * batch_size / max(1, size)))))


@dataclass(frozen=True)
class Point:
    """One model at one size: mean, lowest and highest accuracy over its seeds."""

    size: int
    mean: float
    low: float
    high: float
    seeds: int


def points(runs: list[dict], model: str, split: str) -> list[Point]:
    """The runs of `model` summarised per size, sizes ascending (the full split last)."""
    by_size: dict[int, list[float]] = {}
    for run in runs:
        if run["model"] == model:
            by_size.setdefault(run["size"], []).append(run[split]["accuracy"])
    return [Point(size, round(float(np.mean(v)), 4), min(v), max(v), len(v)) for size, v in sorted(by_size.items())]


def gaps(runs: list[dict], split: str, leader: str = "pretrained", other: str = "scratch") -> list[tuple[int, float]]:
    """(size, `leader`'s mean accuracy minus `other`'s) per size, sizes ascending."""
    lead, rest = points(runs, leader, split), points(runs, other, split)
    return [(a.size, round(a.mean - b.mean, 4)) for a, b in zip(lead, rest)]


def furthest_behind(runs: list[dict], split: str, leader: str = "pretrained", other: str = "scratch") -> tuple[Point, Point]:
    """`leader`'s and `other`'s points at the size where `leader` trails furthest (or leads least)."""
    lead, rest = points(runs, leader, split), points(runs, other, split)
    return min(zip(lead, rest), key=lambda pair: pair[0].mean - pair[1].mean)


def ahead_everywhere(runs: list[dict], split: str, leader: str = "pretrained", other: str = "scratch") -> bool:
    """True when `leader`'s mean accuracy beats `other`'s at every size (the label-count target)."""
    found = gaps(runs, split, leader, other)
    return len(found) == len(points(runs, other, split)) > 0 and all(gap > 0 for _, gap in found)


def load(folder: Path = ASSET.parent) -> dict:
    """The shipped curve: {"runs": [{"model", "size", "seed", "validation", "test", ...}], ...}.

    A missing or damaged file is an `AssetError` naming the command that rebuilds it.
    """
    return assets.read_record(ASSET.stem, folder)
