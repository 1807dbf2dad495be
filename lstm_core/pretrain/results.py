"""What the pretrained classifier's card records, typed: the three models, the search, the language models.

`python -m lstm_core.build pretrain` writes the card; the Pretraining tab and the Sentiment
page read it through `PretrainResults.from_card`, so no page digs through the card itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from lstm_core.pretrain.label_curve import MODELS
from lstm_core.serving.cards import ModelCard


@dataclass(frozen=True)
class ModelScores:
    """One model's accuracy on each evaluation set (0-1), and its macro-F1 on test."""

    validation: float
    test: float
    test_macro_f1: float
    other_domains: float  # the hand-written reviews of other domains


@dataclass(frozen=True)
class Try:
    """One configuration of the validation search."""

    name: str
    start: str  # stages.STARTS
    review_lm: bool  # read the training reviews as a language model first
    gradual: bool
    rate_decay: float
    learning_rate: float  # the top layer's (lower layers: divided by rate_decay per layer)
    members: int
    validation: float
    validation_macro_f1: float
    pooling: str = "last"  # what the head read: the last state, or "concat" (last, mean, max); older rows: last


@dataclass(frozen=True)
class PretrainResults:
    scores: dict[str, ModelScores]  # by MODELS
    split_sizes: dict[str, int]  # train, validation, test
    other_domain_reviews: int
    chosen: str
    tried: tuple[Try, ...]
    general_bits: float | None  # stage 1's validation bits per token (None: no stage 1)
    review_bits: float | None  # stage 2's, on the validation reviews (None: skipped)
    review_tokens: int  # tokens of training reviews stage 2 read
    review_best_epoch: int
    training_seconds: float  # fine-tuning the classifier (every member)
    general_seconds: float | None  # training stage 1 (None: shipped or no stage 1)
    review_seconds: float | None  # training stage 2
    load: float | None  # the machine's 1-minute load average after fine-tuning (2 cores: above 2 is shared)

    @classmethod
    def from_card(cls, card: ModelCard) -> "PretrainResults":
        details = card.details
        compared, domains = details["compared"], details["other_domains"]
        scores = {"pretrained": ModelScores(float(details["validation"]["accuracy"]), float(card.metrics["accuracy"]),
                                            float(card.metrics["macro_f1"]), float(domains["pretrained"]["accuracy"]))}
        for model in ("scratch", "tfidf"):
            scores[model] = ModelScores(float(compared[model]["validation"]["accuracy"]),
                                        float(compared[model]["test"]["accuracy"]),
                                        float(compared[model]["test"]["macro_f1"]), float(domains[model]["accuracy"]))
        search, models = details["search"], details["language_models"]
        tried = tuple(Try(str(row["name"]), str(row["config"]["start"]), int(row["config"]["review_lm_epochs"]) > 0,
                          bool(row["config"]["gradual"]), float(row["config"]["rate_decay"]),
                          float(row["config"]["learning_rate"]), int(row["config"]["members"]),
                          float(row["validation"]["accuracy"]), float(row["validation"]["macro_f1"]),
                          str(row["config"].get("pooling", "last")))
                      for row in search["tried"])
        general, reviews = models["general"], models["reviews"]
        return cls(scores, {k: int(v) for k, v in card.data["split"]["sizes"].items()},
                   int(domains["pretrained"]["reviews"]), str(search["chosen"]), tried,
                   None if general is None else general.get("validation_bits_per_token"),
                   reviews.get("validation_bits_per_token"), int(reviews.get("training_tokens", 0)),
                   int(reviews.get("best_epoch", 0)), float(card.training_seconds or 0.0),
                   None if general is None or "seconds" not in general else float(general["seconds"]),
                   float(reviews["seconds"]) if "seconds" in reviews else None,
                   float(details["machine_load"]["load_1min"]) if "machine_load" in details else None)
