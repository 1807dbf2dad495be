"""Framing a series for supervised learning: transforms, scaling and sliding windows.

A forecaster never sees the raw series. It sees
1. a target transform (`Transform`): optionally the log, then differences at a lag
   (1 = change since last step, the season = change since the same time last season),
   which turns a trending or seasonal series into something closer to stationary;
2. standardisation (`Scaler`) with the mean and spread of the training part only, so
   nothing about the held-out tail leaks into the inputs;
3. sliding windows (`make_windows`): `window` consecutive values as input and the
   next `horizon` values as the target. A target never lies inside its own input.
This is the framing of the keras-io time-series examples and of sktime/darts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.message import Message, UserError


@dataclass(frozen=True)
class Transform:
    """log (optional), then differences at `lag` (0 = none, 1 = first, s = seasonal)."""

    log: bool = False
    lag: int = 0

    def __post_init__(self) -> None:
        if self.lag < 0:
            raise ValueError("the differencing lag cannot be negative")

    @property
    def lost(self) -> int:
        """How many leading values have no transformed value (differencing eats `lag`)."""
        return self.lag

    def apply(self, values: np.ndarray) -> np.ndarray:
        """(N,) levels -> (N - lag,) transformed values; z[k] belongs to values[k + lag]."""
        u = self._forward(values)
        return u[self.lag :] - u[: len(u) - self.lag] if self.lag else u

    def _forward(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=np.float64)
        if self.log:
            if np.any(values <= 0):
                raise UserError("the log transform needs a series whose values are all above 0",
                                Message("error.forecast.log_positive"))
            return np.log(values)
        return values

    def invert(self, z: np.ndarray, history: np.ndarray) -> np.ndarray:
        """Turn transformed values that follow `history` (levels) back into levels.

        z: (K,) values for the K steps after the end of `history`. With differencing,
        step k adds z[k] to the level `lag` steps earlier, which for k >= lag is a
        value just reconstructed: this is how a recursive forecast is undone.
        """
        u = list(self._forward(history[-self.lag :] if self.lag else history[:0]))
        out = []
        for value in np.asarray(z, dtype=np.float64):
            level = value + u[-self.lag] if self.lag else value
            u.append(level)
            out.append(level)
        out = np.array(out)
        return np.exp(out) if self.log else out

    def invert_each(self, z: np.ndarray, values: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """One-step inversion: z[j] is the transformed value at positions[j], undone with
        the true levels before it (no reconstructed values involved)."""
        positions = np.asarray(positions)
        u = self._forward(values)
        level = np.asarray(z, np.float64) + (u[positions - self.lag] if self.lag else 0.0)
        return np.exp(level) if self.log else level

    def describe(self) -> str:
        parts = (["log"] if self.log else []) + ([f"differences at lag {self.lag}"] if self.lag else [])
        return " then ".join(parts) or "levels"

    def message(self) -> Message:
        """What the model reads, for the UI to translate (`describe` is the English for model cards)."""
        name = ("log_" if self.log else "") + ("diff" if self.lag else "")
        return Message(f"model.reads.{name.rstrip('_') or 'levels'}", {"lag": self.lag} if self.lag else {})


@dataclass(frozen=True)
class Scaler:
    """Standardise with statistics of the training part only."""

    mean: float
    std: float

    @classmethod
    def fit(cls, train: np.ndarray) -> "Scaler":
        train = np.asarray(train, np.float64)
        if len(train) == 0:
            raise ValueError("cannot fit a scaler on no data")
        std = float(train.std())
        return cls(float(train.mean()), std if std > 1e-12 else 1.0)  # a flat series keeps unit scale

    def scale(self, z: np.ndarray) -> np.ndarray:
        return (np.asarray(z, np.float64) - self.mean) / self.std

    def unscale(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(x, np.float64) * self.std + self.mean


@dataclass(frozen=True)
class Windows:
    """Training examples cut from one series."""

    inputs: np.ndarray  # (N, window) values
    targets: np.ndarray  # (N, horizon) the values right after each input window
    target_start: np.ndarray  # (N,) index (in the series given) of each target's first value


def make_windows(z: np.ndarray, window: int, horizon: int = 1, first_target: int = 0, last_target: int | None = None) -> Windows:
    """Every window of `z` whose targets lie in [first_target, last_target).

    Example k reads z[t - window : t] and predicts z[t : t + horizon] with t = its
    target start; the input ends exactly where the target begins (no look-ahead).
    """
    z = np.asarray(z, np.float64)
    check_window(len(z), window, horizon)
    last_target = len(z) if last_target is None else last_target
    starts = np.arange(max(window, first_target), last_target - horizon + 1)
    if len(starts) == 0:
        return Windows(np.zeros((0, window)), np.zeros((0, horizon)), starts)
    inputs = np.stack([z[t - window : t] for t in starts])
    targets = np.stack([z[t : t + horizon] for t in starts])
    return Windows(inputs, targets, starts)


def check_window(length: int, window: int, horizon: int) -> None:
    """Raise a readable ValueError when (window, horizon) cannot frame `length` values."""
    for name, value in (("window", window), ("horizon", horizon)):
        if value < 1:
            raise UserError(f"the {name} must be at least 1",
                            Message("error.settings.at_least_one", {"setting": Message(f"error.setting.{name}"), "minimum": 1}))
    if window + horizon > length:
        raise UserError(
            f"window {window} + horizon {horizon} needs at least {window + horizon} values, "
            f"but the series has {length}",
            Message("error.forecast.window_too_long",
                    {"window": window, "horizon": horizon, "needed": window + horizon, "length": length}),
        )



@dataclass(frozen=True)
class Split:
    """Cut points: train is [0, val_start), validation [val_start, test_start), test the rest."""

    val_start: int
    test_start: int
    length: int

    @classmethod
    def by_fraction(cls, length: int, test: float = 0.2, validation: float = 0.1) -> "Split":
        test_start = length - max(1, int(round(length * test)))
        val_start = test_start - max(1, int(round(length * validation)))
        if val_start < 2:
            raise ValueError(f"a series of {length} values is too short to split into train, validation and test")
        return cls(val_start, test_start, length)


@dataclass(frozen=True)
class Framing:
    """What one training example can be on a training part of `train` values: the framing sliders' bounds."""

    train: int
    MAX_WINDOW = 120  # values read at once; more is slow to train live and rarely helps these series
    MAX_HORIZON = 24  # values predicted at once

    def max_window(self) -> int:
        return max(1, min(self.MAX_WINDOW, self.train // 2))

    def max_horizon(self, window: int) -> int:
        return max(1, min(self.MAX_HORIZON, self.train - window - 1))  # leaves at least two examples

    def fits(self, window: int, horizon: int) -> bool:
        return window + horizon <= self.train

    def examples(self, window: int, horizon: int) -> int:
        """Training examples (windows with their targets) that fit in the training part."""
        return self.train - window - horizon + 1
