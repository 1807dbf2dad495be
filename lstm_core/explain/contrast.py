"""The contrast set: minimal pairs of texts whose label flips when the order or a negation changes.

After Gardner et al. (2020), "Evaluating models' local decision boundaries via contrast
sets": a bag of words sees "不是很好" and "很不好" as nearly the same text, a reader does
not. The pairs were written by hand for LSTM Lab, in the domains of the shipped models
(Chinese shopping, book and hotel reviews; English tweets about airlines, products and
self-driving cars), and ship as data: assets/contrast/<language>.tsv with the columns
pair id, text, label (positive / negative), what changed. They are a test set only:
no model is trained or tuned on them.

A model's verdict on a pair member is the more likely of the two polar classes (a
three-class model's "neutral" is set aside), so every model answers the same question:
which way does this text lean? A pair counts as right only if both members are.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

FOLDER = Path(__file__).resolve().parents[2] / "assets" / "contrast"
LABELS = ("negative", "positive")
# What the two members of a pair differ in.
CHANGES = (
    "negation",  # a negation added or removed: 好 / 不好
    "double_negation",  # a second negation cancels the first: 不是不好 / 不好
    "scope",  # the same words, a negation or degree word moved: 不是一点都不好 / 一点都不好
    "contrast",  # the clauses around "but" swap: the last one carries the verdict
    "order",  # other reorderings that flip the meaning: "better than" / "worse than", who did what
)


class ContrastError(ValueError):
    """The contrast file breaks one of its rules (two texts per pair, labels differ, no duplicates)."""


@dataclass(frozen=True)
class ContrastPair:
    pair_id: str
    texts: tuple[str, str]
    labels: tuple[str, str]  # from LABELS, different
    change: str  # from CHANGES


@dataclass(frozen=True)
class ContrastSet:
    language: str
    pairs: tuple[ContrastPair, ...]

    @property
    def texts(self) -> list[str]:
        return [text for pair in self.pairs for text in pair.texts]

    @property
    def labels(self) -> np.ndarray:
        """(2N,) 0 = negative, 1 = positive, in the order of `texts`."""
        return np.array([LABELS.index(label) for pair in self.pairs for label in pair.labels], np.int32)


def parse(lines: list[str], language: str) -> ContrastSet:
    """Read and check the TSV rows (lines starting with # are the header and comments)."""
    rows = list(csv.reader([line for line in lines if line.strip() and not line.startswith("#")], delimiter="\t",
                           quoting=csv.QUOTE_NONE))
    if rows and rows[0] == ["pair", "text", "label", "change"]:
        rows = rows[1:]
    grouped: dict[str, list[list[str]]] = {}
    seen: set[str] = set()
    for number, row in enumerate(rows, 1):
        if len(row) != 4:
            raise ContrastError(f"row {number} has {len(row)} columns, not 4 (pair, text, label, change)")
        pair_id, text, label, change = (cell.strip() for cell in row)
        if label not in LABELS:
            raise ContrastError(f"row {number}: label {label!r} is not one of {LABELS}")
        if change not in CHANGES:
            raise ContrastError(f"row {number}: change {change!r} is not one of {CHANGES}")
        if not text or text in seen:
            raise ContrastError(f"row {number}: the text {text!r} is empty or appears twice")
        seen.add(text)
        grouped.setdefault(pair_id, []).append([text, label, change])
    pairs = []
    for pair_id, members in grouped.items():
        if len(members) != 2:
            raise ContrastError(f"pair {pair_id} has {len(members)} texts, not 2")
        (text_a, label_a, change_a), (text_b, label_b, change_b) = members
        if label_a == label_b:
            raise ContrastError(f"pair {pair_id}: both texts are {label_a}; a pair's label must flip")
        if change_a != change_b:
            raise ContrastError(f"pair {pair_id}: its rows name different changes")
        pairs.append(ContrastPair(pair_id, (text_a, text_b), (label_a, label_b), change_a))
    return ContrastSet(language, tuple(pairs))


def load(language: str, folder: Path = FOLDER) -> ContrastSet:
    """The shipped contrast set for "zh" or "en"."""
    path = folder / f"{language}.tsv"
    if not path.is_file():
        raise FileNotFoundError(f"no contrast set {path}")
    return parse(path.read_text(encoding="utf-8").splitlines(), language)


@dataclass(frozen=True)
class ContrastAccuracy:
    """A model's two numbers on the contrast set, as a model card records them."""

    accuracy: float  # of the 2N texts
    pair_accuracy: float  # of the N pairs, both members right


def accuracies(entries) -> dict[str, ContrastAccuracy]:
    """A card's `contrast` entry (model name -> {accuracy, pair_accuracy, ...}); other entries (counts, sources) skipped."""
    return {name: ContrastAccuracy(float(value["accuracy"]), float(value["pair_accuracy"]))
            for name, value in entries.items() if isinstance(value, Mapping) and "pair_accuracy" in value}


@dataclass(frozen=True)
class OneChange:
    """The Sentiment page's LSTM and the order-aware LSTM on the pairs of one kind of change (`one_change`)."""

    change: str  # one of CHANGES, e.g. "contrast": the clauses around "but" swapped
    pairs: int
    shipped: ContrastAccuracy
    order: ContrastAccuracy


def one_change(order_details: Mapping, change: str, page: Mapping) -> OneChange:
    """`OneChange`: the order model's scores from its card details (`contrast`), the page model's from `page`
    (`by_change` of the Sentiment page's classifier scored now: the model the order build compared with,
    the LSTM trained from scratch, need not be the one the page shows)."""
    ours = page[change]
    theirs = order_details["contrast"]["lstm"]["by_change"][change]
    read = lambda part: ContrastAccuracy(float(part["accuracy"]), float(part["pair_accuracy"]))  # noqa: E731
    return OneChange(change, int(theirs["texts"]) // 2, read(ours), read(theirs))


@dataclass(frozen=True)
class ContrastScore:
    accuracy: float  # of the 2N texts
    pair_accuracy: float  # of the N pairs, both members right
    predicted: np.ndarray  # (2N,) 0 / 1, the verdicts

    def to_dict(self) -> dict:
        return {"accuracy": self.accuracy, "pair_accuracy": self.pair_accuracy}


def polar(probabilities: np.ndarray, classes: list[str] | tuple[str, ...]) -> np.ndarray:
    """(N,) 1 where a model finds "positive" likelier than "negative", else 0."""
    probabilities = np.asarray(probabilities)
    return (probabilities[:, list(classes).index("positive")] > probabilities[:, list(classes).index("negative")]).astype(np.int32)


def score(predict_proba: Callable[[list[str]], np.ndarray], classes, contrast: ContrastSet) -> ContrastScore:
    """A model's accuracy and pair accuracy on the contrast set."""
    predicted = polar(predict_proba(contrast.texts), classes)
    right = predicted == contrast.labels
    return ContrastScore(round(float(right.mean()), 4), round(float(right.reshape(-1, 2).all(axis=1).mean()), 4), predicted)


def by_change(scored: ContrastScore, contrast: ContrastSet) -> dict[str, dict]:
    """Per kind of change that the set has: its texts, accuracy and pair accuracy (as the order card records them)."""
    right = scored.predicted == contrast.labels
    changes = np.repeat([pair.change for pair in contrast.pairs], 2)
    out = {}
    for change in CHANGES:
        rows = changes == change
        if rows.any():
            out[change] = {"texts": int(rows.sum()), "accuracy": round(float(right[rows].mean()), 4),
                           "pair_accuracy": round(float(right[rows].reshape(-1, 2).all(axis=1).mean()), 4)}
    return out


def model_by_change(model, language: str) -> dict[str, dict]:
    """A sentiment classifier (`predict_proba`, `labels`) on the shipped contrast set of `language`, per change."""
    contrast = load(language)
    return by_change(score(model.predict_proba, model.labels, contrast), contrast)
