"""LSTM-GAN (the article's chapter 6): a GAN on number sequences, its scores, and text.

The public surface, all NumPy; `lstm_core.gan.adversarial` trains through `lstm_core.nn`,
which loads Keras only when training runs.
"""

from lstm_core.gan.ar_baseline import ARGenerator, fit_ar
from lstm_core.gan.families import FAMILIES, Windows
from lstm_core.gan.models import GanConfig, NumericGan
from lstm_core.gan.scores import Scores, collapsed, discriminative_score, pca_map, predictive_score, score, spread_ratio

__all__ = [
    "ARGenerator", "FAMILIES", "GanConfig", "NumericGan", "Scores", "Windows", "collapsed", "discriminative_score",
    "fit_ar", "pca_map", "predictive_score", "score", "spread_ratio",
]
