"""The real sequences a GAN learns to imitate: short windows of one family.

Two families: sine waves of random period and phase (generated, seeded, as in the
C-RNN-GAN and RCGAN papers' toy experiments), and one-year windows of monthly
Mauna Loa CO2 (statsmodels), each window minus its own mean and divided by one scale
taken from the training windows, so the GAN learns the seasonal shape, not the level.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from lstm_core.forecast import series

FAMILIES = ("sine", "co2")


@dataclass(frozen=True)
class SineConfig:
    """Sine windows x_t = sin(2 pi t / period + phase) + noise."""

    window: int = 24  # steps per window: long enough to show one to three periods
    min_period: float = 8.0  # steps; shorter periods look like noise at this sampling
    max_period: float = 24.0
    noise: float = 0.05  # a little measurement noise, so windows are not all exactly smooth
    train: int = 2000
    validation: int = 500
    test: int = 500


@dataclass(frozen=True)
class Windows:
    """Real windows of one family, split three ways; arrays are (N, T) float32."""

    family: str
    train: np.ndarray = field(repr=False)
    validation: np.ndarray = field(repr=False)
    test: np.ndarray = field(repr=False)
    source: str = ""
    split: str = ""
    scale: float = 1.0  # what the values were divided by (1.0 for sines)

    @property
    def window(self) -> int:
        return int(self.train.shape[1])


def sine_windows(count: int, config: SineConfig, rng: np.random.Generator) -> np.ndarray:
    """(count, window) sine windows with random period and phase."""
    period = rng.uniform(config.min_period, config.max_period, (count, 1))
    phase = rng.uniform(0, 2 * np.pi, (count, 1))
    t = np.arange(config.window)[None, :]
    clean = np.sin(2 * np.pi * t / period + phase)
    return (clean + rng.normal(0, config.noise, clean.shape)).astype(np.float32)


def load_sine(seed: int = 0, config: SineConfig = SineConfig()) -> Windows:
    """Three independent draws: train, validation and test windows."""
    rng = np.random.default_rng(seed)
    parts = [sine_windows(n, config, rng) for n in (config.train, config.validation, config.test)]
    return Windows("sine", *parts, source=f"generated: lstm_core.gan.families.sine_windows, seed {seed}, {config}",
                   split=f"{config.train} train, {config.validation} validation, {config.test} test windows, drawn in that order")


def load_co2(window: int = 12) -> Windows:
    """Sliding one-year windows of monthly CO2, split in time with a gap of one window.

    The first 70% of the months give training windows, the next 15% validation, the
    last 15% test; windows never straddle two parts.
    """
    values = series.load("co2").values.astype(np.float64)  # (N,) monthly ppm
    n = len(values)
    bounds = [0, int(0.7 * n), int(0.85 * n), n]
    parts = []
    for start, end in zip(bounds[:-1], bounds[1:]):
        chunk = values[start:end]
        rows = np.lib.stride_tricks.sliding_window_view(chunk, window)  # (n - T + 1, T)
        parts.append(rows - rows.mean(axis=1, keepdims=True))
    scale = float(parts[0].std())
    train, validation, test = (p / scale for p in parts)
    return Windows("co2", train.astype(np.float32), validation.astype(np.float32), test.astype(np.float32),
                   source="statsmodels.datasets.co2, monthly means (lstm_core.forecast.series), windows minus their own mean",
                   split="months split 70/15/15 in time; sliding windows inside each part", scale=scale)


def load(family: str, seed: int = 0) -> Windows:
    """The windows of one family by name."""
    if family == "sine":
        return load_sine(seed)
    if family == "co2":
        return load_co2()
    raise ValueError(f"unknown family {family!r}; choose from {', '.join(FAMILIES)}")
