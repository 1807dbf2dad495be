"""LSTM-GAN (the article's chapter 6): a GAN on number sequences, its scores, and text.

`families` makes the real windows (sine, CO2); `models` holds the generator and the
discriminator as NumPy networks (`NumericGan`); `ar_baseline` is the AR yardstick; both
sample with `sample(count, seed)`. `scores` measures a generator (discriminative,
predictive, collapse); `adversarial` trains a GAN an epoch at a time through
`lstm_core.training.gan_steps` and takes back NumPy; `text_gan` is the balanced-bracket
words of the Gumbel-softmax experiment; `shipped` loads the shipped GAN and shows its two
networks on the Gates page; `gan_figures` draws the page's charts.
"""

from lstm_core.gan.ar_baseline import ARGenerator, fit_ar
from lstm_core.gan.families import FAMILIES, Windows
from lstm_core.gan.models import GanConfig, NumericGan
from lstm_core.gan.scores import Scores, collapsed, discriminative_score, pca_map, predictive_score, score, spread_ratio

__all__ = [
    "ARGenerator", "FAMILIES", "GanConfig", "NumericGan", "Scores", "Windows", "collapsed", "discriminative_score",
    "fit_ar", "pca_map", "predictive_score", "score", "spread_ratio",
]
