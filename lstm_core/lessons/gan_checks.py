"""Checks of what the lessons say on the LSTM-GAN page: the shipped GAN's scores, and the text GAN's gradient."""

from __future__ import annotations

from lstm_core.gan.scores import COLLAPSE_RATIO
from lstm_core.lessons import shipped

CHECKS = ("scores", "text_gradient")


def scores(seed: int) -> dict:
    """The shipped GAN's scores beside the AR baseline's (the card's, as the page's table shows them).

    seed: the sample seed the page draws its rows with (the scores do not depend on it).
    Facts: discriminative (a classifier's accuracy telling generated from real; 0.5 = cannot tell),
    spread_ratio (generated windows' spread over real ones'; below 0.5 is mode collapse), collapsed,
    and the same with a baseline_ prefix.
    """
    card = shipped.card("gan_sine")
    gan, base = card["metrics"]["gan"], card["baseline"]
    keys = ("discriminative", "spread_ratio", "collapsed", "predictive", "predictive_real")
    return {key: gan[key] for key in keys} | {f"baseline_{key}": base[key] for key in keys} | {
        "seed": seed, "chance": 0.5, "collapse_below": COLLAPSE_RATIO}


def text_gradient() -> dict:
    """The gradient norm reaching a text generator through argmax, sampling and Gumbel-softmax (None: none).

    Runs TensorFlow (as the page's button does): seconds, so the lesson shows no number from it.
    """
    from lstm_core.gan.adversarial import gradient_check  # TensorFlow: only when this check runs

    norms = gradient_check()
    return {"argmax_passes": norms["argmax"] is not None, "sample_passes": norms["sample"] is not None,
            "gumbel": norms["gumbel"] or 0.0}
