"""How far three attributions of one text agree: Kendall's rank correlation, pair by pair.

Jain & Wallace (2019), "Attention is not explanation", measured exactly this: if attention
weights explained a prediction, they should rank the tokens as gradient- and deletion-based
importance do. Often they do not. Kendall's tau is +1 when two rankings are the same, 0 when
unrelated, -1 when reversed (scipy's tau-b, which allows ties).
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

METHODS = ("attention", "occlusion", "saliency")


def rank_agreement(scores: dict[str, np.ndarray]) -> dict[tuple[str, str], float | None]:
    """Kendall's tau between every two score vectors of the same tokens; None under 3 tokens or a constant vector."""
    from scipy.stats import kendalltau

    out: dict[tuple[str, str], float | None] = {}
    for a, b in combinations(scores, 2):
        x, y = np.asarray(scores[a], float), np.asarray(scores[b], float)
        if len(x) != len(y):
            raise ValueError("the score vectors must cover the same tokens")
        tau = kendalltau(x, y).statistic if len(x) >= 3 and np.ptp(x) > 0 and np.ptp(y) > 0 else np.nan
        out[(a, b)] = None if np.isnan(tau) else round(float(tau), 4)
    return out
