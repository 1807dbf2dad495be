"""Squeezing word vectors into 2 or 3 dimensions so they can be drawn (scikit-learn).

- PCA keeps the directions along which the vectors vary most: fast, linear, and
  distances between far-apart groups stay meaningful.
- t-SNE (van der Maaten and Hinton, 2008) keeps each word's nearest neighbours close:
  good clusters, but distances between clusters and the axes mean nothing, and the
  picture depends on the seed and the perplexity (about how many neighbours count).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE
from threadpoolctl import threadpool_limits

Method = Literal["pca", "tsne"]
TSNE_MAX_WORDS = 1_000  # about 1.5 s on one core; t-SNE grows faster than linearly and cannot be stopped


@dataclass(frozen=True)
class ProjectionConfig:
    method: Method = "pca"
    dimensions: int = 2
    perplexity: float = 15.0  # t-SNE only; must stay below the number of words
    seed: int = 0
    unit_length: bool = True  # word vectors are compared by cosine, so project their directions

    def __post_init__(self) -> None:
        if self.method not in ("pca", "tsne"):
            raise ValueError("method is 'pca' or 'tsne'")
        if self.dimensions not in (2, 3):
            raise ValueError("project to 2 or 3 dimensions")
        if not 2 <= self.perplexity <= 100:
            raise ValueError("perplexity must be between 2 and 100")


@dataclass(frozen=True)
class Projection:
    words: tuple[str, ...]
    coordinates: np.ndarray  # (words, dimensions)
    config: ProjectionConfig
    explained_variance: tuple[float, ...]  # PCA: share of variance per axis; t-SNE: empty

    def frame(self, tags: Sequence[str] | None = None) -> pd.DataFrame:
        """One row per word: word, x, y (, z) and tag, ready for a chart or a CSV."""
        frame = pd.DataFrame(self.coordinates, columns=["x", "y", "z"][: self.coordinates.shape[1]])
        frame.insert(0, "word", list(self.words))
        if tags is not None:
            frame["tag"] = list(tags)
        return frame


def project(words: Sequence[str], vectors: np.ndarray, config: ProjectionConfig = ProjectionConfig()) -> Projection:
    """Project (N, D) vectors to (N, config.dimensions); needs at least 3 words (t-SNE: 5)."""
    vectors = np.asarray(vectors, dtype=np.float32)  # (N, D)
    if config.unit_length:
        # A vector's length mostly tracks word frequency; dividing it out leaves the direction.
        vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-8)
    if len(words) != len(vectors):
        raise ValueError("one vector per word")
    if len(words) < max(3, config.dimensions + 1):
        raise ValueError(f"need at least {max(3, config.dimensions + 1)} words to project")
    if config.method == "pca":
        pca = PCA(n_components=config.dimensions, random_state=config.seed)
        coordinates = pca.fit_transform(vectors)
        return Projection(tuple(words), coordinates, config, tuple(float(v) for v in pca.explained_variance_ratio_))
    if len(words) < 5:
        raise ValueError("t-SNE needs at least 5 words")
    if len(words) > TSNE_MAX_WORDS:
        raise ValueError(f"t-SNE takes at most {TSNE_MAX_WORDS:,} words here; use PCA for more")
    # Cosine distances suit word vectors; perplexity must stay below the number of
    # points, so cap it for small sets.
    tsne = TSNE(
        n_components=config.dimensions,
        perplexity=min(config.perplexity, (len(words) - 1) / 3),
        metric="cosine",
        init="pca",
        random_state=config.seed,
        max_iter=300,  # sklearn's minimum is 250; the map settles well before the default 1000
        n_jobs=1,
    )
    # One OpenMP thread: t-SNE's per-iteration thread barriers cost more than they save on a
    # busy 2-core server (measured: 40 words took 20 s with 2 threads, 0.1 s with one).
    with threadpool_limits(1, user_api="openmp"):
        coordinates = tsne.fit_transform(vectors)
    return Projection(tuple(words), coordinates, config, ())
