"""Each shipped model's held-out metric, recomputed for a compressed copy of it.

The sets and metrics are those of the model cards (the code that checks the cards in
tests/ does the same sums), so a compressed model's number sits beside the card's:
- sentiment: accuracy and macro-F1 on the card's whole test split (higher is better). Its
  first 1,000 texts are not a fair sample (903 negative of 1,000 in Chinese, all negative
  in English: a model that answers "negative" scores well there), so every text is read;
- character language models: bits per character on the card's subset of held-out
  documents, the first `subset_documents` (lower is better);
- forecasters: one-step-ahead MASE of the LSTM on the held-out tail (lower is better);
- bracket counter: per-character accuracy on its generated test sequences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from lstm_core.brackets.counter import BracketConfig, evaluate, make_dataset
from lstm_core.forecast.forecast_models import HeldOut, load_forecaster
from lstm_core.forecast.metrics import mase
from lstm_core.generate import charlm
from lstm_core.message import Message
from lstm_core.nn.network import network_of
from lstm_core.sentiment import classifier, sentiment_data
from lstm_core.serving import catalogue

FORECAST_KEYS = ("sunspots", "co2", "nile", "elnino", "elec_equip", "stock", "sine", "line")
# Every shipped model with a held-out metric of its own. The GAN's two networks have none
# (a generator is judged by the discriminative score on the LSTM-GAN page), so no curves.
# The taggers (issue 26) are not in the compression card yet: their held-out word F1 is on
# the Sequence labelling page, and adding them means rebuilding `compression`. A translator's
# encoder and decoder are halves of one model, scored together on the Sequence to sequence
# page (exact match), not networks this package compresses.
SHIPPED_KEYS = tuple(e.key for e in catalogue.SHIPPED if not e.key.startswith(("gan_", "tagger_", "seq2seq_"))) + ("forecast_line",)


@dataclass(frozen=True)
class Score:
    """One model's reading on its held-out set: the main metric, and macro-F1 for classifiers."""

    metric: float
    macro_f1: float | None = None  # classes counted equally: a model that always says "negative" scores low

    def to_dict(self) -> dict:
        return {"metric": self.metric} | ({} if self.macro_f1 is None else {"macro_f1": self.macro_f1})


@dataclass(frozen=True)
class Heldout:
    """How one shipped model is scored: the metric, its direction, the set, and a scorer."""

    metric: str  # "accuracy", "bits_per_char" or "mase"
    higher_is_better: bool
    description: Message  # the set, for the card and the page (in the reader's language)
    size: int  # test items scored (texts, documents, values, sequences)
    score: Callable[[object], Score] = field(repr=False, compare=False)


def load_shipped(key: str):
    """A shipped model object by key, as the app loads it (forecast_line too)."""
    if key == "forecast_line":
        return load_forecaster("line")
    return catalogue.load(next(e for e in catalogue.SHIPPED if e.key == key))


def _sentiment(model) -> Heldout:
    data = sentiment_data.load(model.data_name, seed=model.test_split[1])
    texts, labels = list(data.test.texts), np.asarray(data.test.labels)
    # Tokenized once: `predict_proba` would redo it for every compressed copy (same numbers).
    tokens = [classifier.tokenize(t, model.language, model.token_unit)[: model.max_steps] for t in texts]
    readable = [row for row, toks in enumerate(tokens) if toks]
    readable = sorted(readable, key=lambda row: len(tokens[row]))  # similar lengths batch with little padding
    ids = [model.vocab.encode(tokens[row]).ids for row in readable]

    def score(candidate) -> Score:
        probabilities = np.full((len(texts), len(model.labels)), 1.0 / len(model.labels), np.float32)
        probabilities[readable] = network_of(candidate).predict(ids)
        metrics = classifier.evaluate(probabilities, labels, len(model.labels))
        return Score(metrics.accuracy, metrics.macro_f1)

    counts = {name: int((labels == k).sum()) for k, name in enumerate(data.classes)}
    described = Message(f"practical.heldout.{data.name}", {"size": len(texts), **counts})
    return Heldout("accuracy", True, described, len(texts), score)


def _charlm(model, language: str) -> Heldout:
    count = int(model.card.metrics["subset_documents"])
    _, heldout = charlm.split(charlm.documents(language))
    docs = heldout[:count]

    def score(candidate) -> Score:
        bits, chars = charlm.bits_on_documents(network_of(candidate), candidate.vocab, docs)
        return Score(round(bits / chars, 5))

    return Heldout("bits_per_char", False, Message("practical.heldout.charlm", {"size": count}), count, score)


def _forecaster(model) -> Heldout:
    held = HeldOut.from_card(model.forecaster.card)
    start, season = held.test_start, held.season
    values = np.asarray(model.data.values, float)
    positions = np.arange(start, len(values))

    def score(candidate) -> Score:
        predicted = candidate.forecaster.predict_one_step(values, positions)
        return Score(round(mase(values[positions], predicted, values[:start], season), 5))

    return Heldout("mase", False, Message("practical.heldout.forecast", {"size": len(positions)}),
                   len(positions), score)


def _brackets(model) -> Heldout:
    config = BracketConfig(**{k: v for k, v in model.card.config.items() if k in BracketConfig.__dataclass_fields__})
    _, x, y = make_dataset(config, np.random.default_rng(config.seed))
    n_test = config.sequences // 10
    x_test, y_test = x[:n_test], y[:n_test]

    def score(candidate) -> Score:
        return Score(round(evaluate(network_of(candidate), x_test, y_test), 4))

    return Heldout("accuracy", True, Message("practical.heldout.brackets", {"size": n_test}), n_test, score)


def heldout_for(key: str, model) -> Heldout:
    """The scorer for shipped model `key` (loaded as `model`)."""
    if key.startswith(("sentiment_", "pretrain_")):
        return _sentiment(model)
    if key.startswith("charlm_"):
        return _charlm(model, key.removeprefix("charlm_"))
    if key.startswith("forecast_"):
        return _forecaster(model)
    if key == "brackets":
        return _brackets(model)
    raise ValueError(f"no held-out set known for {key!r}")
