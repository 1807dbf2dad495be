"""The baseline generator: an autoregressive model fitted to the real training windows.

AR(p) by least squares on every (p past values -> next value) pair of every training
window; to sample, start from the first p values of a random training window and run
the recursion with Gaussian noise of the residuals' size. A GAN that cannot beat
this simple statistical generator has learned nothing worth its cost.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.gan.scores import lagged


@dataclass(frozen=True)
class ARGenerator:
    """x_t = c + sum_k a_k x_{t-k} + e_t, e_t ~ N(0, sigma^2)."""

    coefficients: np.ndarray  # (p,) for lags p..1 (oldest first, as `lagged` orders them)
    intercept: float
    sigma: float
    starts: np.ndarray  # (N, p) first values of the training windows
    window: int

    @property
    def order(self) -> int:
        return len(self.coefficients)

    def sample(self, count: int, seed: int = 0) -> np.ndarray:
        """(count, window) generated windows; the same seed gives the same windows (as `NumericGan.sample`)."""
        rng = np.random.default_rng(seed)
        out = np.zeros((count, self.window))
        out[:, : self.order] = self.starts[rng.integers(len(self.starts), size=count)]
        for t in range(self.order, self.window):
            past = out[:, t - self.order : t]
            out[:, t] = self.intercept + past @ self.coefficients + rng.normal(0, self.sigma, count)
        return out.astype(np.float32)


def fit_ar(windows: np.ndarray, order: int = 4) -> ARGenerator:
    """Fit AR(order) to (N, T) windows by ordinary least squares."""
    from sklearn.linear_model import LinearRegression

    if not 1 <= order < windows.shape[1]:
        raise ValueError(f"order must be between 1 and {windows.shape[1] - 1}")
    x, y = lagged(windows, order)
    model = LinearRegression().fit(x, y)
    residual = y - model.predict(x)
    return ARGenerator(model.coef_.astype(np.float64), float(model.intercept_), float(residual.std()),
                       np.asarray(windows[:, :order], dtype=np.float64), windows.shape[1])
