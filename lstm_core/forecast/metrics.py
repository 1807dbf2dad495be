"""How far a forecast is from the truth: MAE, RMSE and MASE.

MASE (Hyndman & Koehler, 2006) scales the error by what the seasonal-naive forecast did
on the training part, so a number below 1 says "better than repeating last season", on
any series, whatever its units.
"""

from __future__ import annotations

import numpy as np


def mae(actual: np.ndarray, predicted: np.ndarray) -> float:
    return float(np.mean(np.abs(np.asarray(actual, float) - np.asarray(predicted, float))))


def rmse(actual: np.ndarray, predicted: np.ndarray) -> float:
    return float(np.sqrt(np.mean((np.asarray(actual, float) - np.asarray(predicted, float)) ** 2)))


def mase(actual: np.ndarray, predicted: np.ndarray, training: np.ndarray, season: int = 1) -> float:
    """MAE scaled by the in-sample MAE of the seasonal-naive forecast (Hyndman & Koehler, 2006).

    Below 1: better than repeating the value one season earlier did on the training data.
    """
    training = np.asarray(training, float)
    if len(training) <= season:
        raise ValueError(f"MASE with season {season} needs more than {season} training values")
    scale = np.mean(np.abs(training[season:] - training[:-season]))
    if scale == 0:
        raise ValueError("MASE is undefined: the training part never changes")
    return mae(actual, predicted) / float(scale)
