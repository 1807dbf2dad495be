"""Is a generator any good? Three measures from the GAN literature, and a collapse check.

- Discriminative score (Yoon et al., TimeGAN, 2019): train a separate classifier to
  tell real windows from generated ones; its held-out accuracy is 0.5 when it cannot.
- Predictive score ("train on synthetic, test on real", Esteban et al., RCGAN, 2017):
  fit a one-step forecaster on generated windows and measure its error on real ones,
  beside the same forecaster fitted on real windows.
- A PCA map of real and generated windows in one plane.
- Mode collapse: generated windows much closer to each other than real ones are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

COLLAPSE_RATIO = 0.5  # generated spread below half the real spread counts as collapse
FORECAST_LAGS = 6  # the predictive score's forecaster reads this many past values


def window_features(windows: np.ndarray) -> np.ndarray:
    """(N, T) windows -> (N, T + T//2 + 7): raw values, spectrum and simple statistics."""
    w = np.asarray(windows, dtype=np.float64)
    diffs = np.diff(w, axis=1)
    centred = w - w.mean(axis=1, keepdims=True)
    lag1 = (centred[:, 1:] * centred[:, :-1]).sum(axis=1) / np.maximum((centred**2).sum(axis=1), 1e-12)
    spectrum = np.abs(np.fft.rfft(centred, axis=1))[:, 1:]  # (N, T//2)
    stats = np.column_stack([w.mean(1), w.std(1), w.min(1), w.max(1), np.abs(diffs).mean(1), diffs.std(1), lag1])
    return np.hstack([w, spectrum, stats])


def _check_windows(real: np.ndarray, fake: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    real, fake = np.asarray(real, dtype=np.float64), np.asarray(fake, dtype=np.float64)
    if real.ndim != 2 or fake.ndim != 2 or real.shape[1] != fake.shape[1]:
        raise ValueError(f"real and fake must be (N, T) arrays with the same T, got {real.shape} and {fake.shape}")
    if min(len(real), len(fake)) < 10:
        raise ValueError("need at least 10 real and 10 generated windows")
    if not (np.all(np.isfinite(real)) and np.all(np.isfinite(fake))):
        raise ValueError("windows contain inf or nan")
    return real, fake


def discriminative_score(real: np.ndarray, fake: np.ndarray, seed: int = 0) -> float:
    """Held-out accuracy of a classifier telling real (N, T) windows from fake ones.

    Equal numbers of each are used (the larger set is cut), split 70/30 stratified with
    `seed`; the classifier is a gradient-boosted tree ensemble on `window_features`.
    0.5 means the two cannot be told apart; 1.0 means every window is recognised.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import train_test_split

    real, fake = _check_windows(real, fake)
    n = min(len(real), len(fake))
    x = window_features(np.vstack([real[:n], fake[:n]]))
    y = np.repeat([1, 0], n)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, stratify=y, random_state=seed)
    classifier = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, random_state=seed)
    # One OpenMP thread: on a busy two-core server, waiting threads made a 0.1 s fit take 30 s.
    with threadpool_limits(limits=1, user_api="openmp"):
        classifier.fit(x_train, y_train)
        return float((classifier.predict(x_test) == y_test).mean())


def lagged(windows: np.ndarray, lags: int = FORECAST_LAGS) -> tuple[np.ndarray, np.ndarray]:
    """Every (previous `lags` values -> next value) pair inside each window."""
    w = np.asarray(windows, dtype=np.float64)
    rows = np.lib.stride_tricks.sliding_window_view(w, lags + 1, axis=1)  # (N, T - lags, lags + 1)
    rows = rows.reshape(-1, lags + 1)
    return rows[:, :-1], rows[:, -1]


def predictive_score(train: np.ndarray, test: np.ndarray, lags: int = FORECAST_LAGS) -> float:
    """MAE on real `test` windows of a ridge one-step forecaster fitted on `train` windows."""
    from sklearn.linear_model import Ridge

    x_train, y_train = lagged(train, lags)
    x_test, y_test = lagged(test, lags)
    model = Ridge(alpha=1.0).fit(x_train, y_train)
    return float(np.abs(model.predict(x_test) - y_test).mean())


def mean_pairwise_distance(windows: np.ndarray, limit: int = 500) -> float:
    """Mean Euclidean distance between two different windows (the first `limit` used)."""
    w = np.asarray(windows[:limit], dtype=np.float64)
    squared = (w**2).sum(1)
    d2 = np.maximum(squared[:, None] + squared[None, :] - 2 * w @ w.T, 0)
    n = len(w)
    return float(np.sqrt(d2).sum() / (n * (n - 1)))


def spread_ratio(real: np.ndarray, fake: np.ndarray) -> float:
    """Mean pairwise distance of generated windows over that of real windows (1 = same spread)."""
    return mean_pairwise_distance(fake) / max(mean_pairwise_distance(real), 1e-12)


def collapsed(real: np.ndarray, fake: np.ndarray, threshold: float = COLLAPSE_RATIO) -> bool:
    """The rule: collapse when generated windows spread less than `threshold` x the real ones."""
    return spread_ratio(real, fake) < threshold


def pca_map(real: np.ndarray, fake: np.ndarray) -> tuple[np.ndarray, np.ndarray, tuple[float, float]]:
    """2-D PCA fitted on the real windows: (real (N, 2), fake (M, 2), explained variance ratios)."""
    from sklearn.decomposition import PCA

    pca = PCA(n_components=2, random_state=0).fit(real)
    ratio = tuple(float(r) for r in pca.explained_variance_ratio_)
    return pca.transform(real), pca.transform(fake), ratio


@dataclass(frozen=True)
class Scores:
    """All measures of one generator against held-out real windows."""

    discriminative: float  # accuracy telling real from generated; 0.5 is perfect
    predictive: float  # MAE on real windows of a forecaster fitted on generated ones
    predictive_real: float  # the same forecaster fitted on real training windows
    spread_ratio: float  # generated spread / real spread
    collapsed: bool

    def to_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in vars(self).items()}

    @classmethod
    def from_card(cls, entry) -> "Scores":
        """The scores as a model card stores them (`to_dict`); other entries (a name) are skipped."""
        return cls(float(entry["discriminative"]), float(entry["predictive"]), float(entry["predictive_real"]),
                   float(entry["spread_ratio"]), bool(entry["collapsed"]))


def score(real_train: np.ndarray, real_test: np.ndarray, fake: np.ndarray, seed: int = 0) -> Scores:
    """Score generated windows against real test windows (real_train only fits the reference forecaster)."""
    ratio = spread_ratio(real_test, fake)
    return Scores(
        discriminative=discriminative_score(real_test, fake, seed),
        predictive=predictive_score(fake, real_test),
        predictive_real=predictive_score(real_train, real_test),
        spread_ratio=ratio,
        collapsed=ratio < COLLAPSE_RATIO,
    )
