"""Training a character tagger one epoch at a time: for the shipped models and for the page.

`TaggerTraining` turns labelled sentences into character and bigram ids and joint labels,
fits the Keras twin (`lstm_core.training.tagger_keras`) through the app's one training loop
(`lstm_core.training.trainer`, early stopping on the validation loss), and hands back a NumPy
`Tagger`. The page runs one epoch per script run (so its stop button is read between
epochs); the build runs them all. The vocabularies and the tag set come from the training
sentences only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Sequence

import numpy as np

from lstm_core.message import Message, UserError
from lstm_core.serving import assets
from lstm_core.serving.budget import RecurrentWork
from lstm_core.tagging import bies
from lstm_core.tagging.corpus import Tagged, text_of
from lstm_core.tagging.features import CharFeatures
from lstm_core.tagging.tagger import Tagger, spec_for
from lstm_core.training import tagger_keras
from lstm_core.training.trainer import TrainConfig, Trainer


@dataclass(frozen=True)
class TaggerConfig:
    """One tagger's size and training; the page's widgets take their defaults from `LIVE`."""

    char_dim: int = 64
    bigram_dim: int = 32  # 0: characters only
    units: int = 128  # per direction
    bidirectional: bool = True
    dropout: float = 0.2
    pos: bool = True  # joint labels with parts of speech; False: the four positions only (one tag, "x")
    bigram_min_count: int = 5  # rarer bigrams share the unknown id (and keep the weights file small)
    epochs: int = 8  # the most; early stopping may end sooner (on two shared cores an epoch of all sentences is minutes)
    patience: int = 2  # epochs without a better validation loss before stopping
    batch_size: int = 32
    learning_rate: float = 2e-3
    sentences: int = 0  # training sentences used (0: all); the live run takes a slice
    seed: int = 0
    max_seconds: float | None = None  # stop starting epochs after this (the live run's clock)

    def __post_init__(self) -> None:
        small = [name for name in ("char_dim", "units", "epochs", "batch_size") if getattr(self, name) < 1]
        if small:
            raise UserError(f"these settings must be at least 1: {', '.join(small)}",
                            Message("error.settings.at_least_one", {"setting": Message(f"error.setting.{small[0]}"),
                                                                     "minimum": 1}))
        if self.bigram_dim < 0 or not 0 <= self.dropout < 1:
            raise ValueError("bigram_dim cannot be negative and dropout must be in [0, 1)")

    def to_dict(self) -> dict:
        return asdict(self)

    def work(self, characters: int) -> RecurrentWork:
        """The run's size for the server's work budget: each character is one step of one long sequence."""
        return RecurrentWork(characters, 1, self.char_dim + self.bigram_dim, (self.units,), self.epochs,
                             directions=2 if self.bidirectional else 1, outputs_per_step=4 * 44 if self.pos else 4,
                             batch_size=max(1, self.batch_size * 40))  # a batch holds about 40 characters a sentence


# The page's "train your own" defaults: small enough to pass jieba's test F1 within a minute on
# two shared cores (measured by benchmarks/bench_tagging.py --live): positions only (four labels
# learn far faster than 176), a slice of the training sentences, a narrow network.
LIVE = TaggerConfig(char_dim=32, bigram_dim=16, units=48, epochs=3, sentences=4_000, pos=False, bigram_min_count=2,
                    max_seconds=60.0)


def tag_set(sentences: Sequence[Tagged]) -> tuple[str, ...]:
    """Every part of speech of the training sentences, sorted."""
    return tuple(sorted({tag for sentence in sentences for _, tag in sentence}))


def joint_labels(sentence: Tagged, tag_index: dict[str, int]) -> np.ndarray:
    """One joint label per character: position * tags + tag (unknown tags count as the first)."""
    count = len(tag_index)
    out = []
    for word, tag in sentence:
        out += [position * count + tag_index.get(tag, 0) for position in bies.labels_of([word])]
    return np.array(out, dtype=np.int32)


@dataclass(frozen=True)
class Prepared:
    """Training and validation sentences as ids and labels, with the vocabularies built on training."""

    features: CharFeatures
    tags: tuple[str, ...]
    train_ids: list[np.ndarray]
    train_labels: list[np.ndarray]
    validation_ids: list[np.ndarray]
    validation_labels: list[np.ndarray]

    @property
    def train_characters(self) -> int:
        return int(sum(len(ids) for ids in self.train_ids))


def prepare(train: Sequence[Tagged], validation: Sequence[Tagged], config: TaggerConfig) -> Prepared:
    """Ids and joint labels; the vocabularies and tags from the (first `config.sentences`) training sentences."""
    if config.sentences:
        train = train[: config.sentences]
    if not config.pos:
        train = [tuple((word, "x") for word, _ in s) for s in train]
        validation = [tuple((word, "x") for word, _ in s) for s in validation]
    features = CharFeatures.build((text_of(s) for s in train), bigram_min_count=config.bigram_min_count)
    tags = tag_set(train)
    index = {tag: i for i, tag in enumerate(tags)}
    return Prepared(features, tags, [features.encode(text_of(s)) for s in train], [joint_labels(s, index) for s in train],
                    [features.encode(text_of(s)) for s in validation], [joint_labels(s, index) for s in validation])


class TaggerTraining:
    """A tagger being fitted, one epoch per `run_epoch`; `tagger()` gives the best epoch's NumPy tagger.

    frozen_embeddings: the embeddings (and vocabularies, in `prepared`) of another tagger, kept
    fixed: the one-way model reads exactly the features the two-way one learned.
    """

    def __init__(self, prepared: Prepared, config: TaggerConfig,
                 frozen_embeddings: dict[str, np.ndarray] | None = None) -> None:
        self.prepared, self.config, self.frozen = prepared, config, frozen_embeddings
        self.shape = tagger_keras.TaggerShape(len(prepared.features.chars), len(prepared.features.bigrams),
                                              config.char_dim, max(config.bigram_dim, 1), config.units,
                                              4 * len(prepared.tags), config.bidirectional, config.dropout)
        batches = tagger_keras.length_batches(prepared.train_ids, prepared.train_labels, config.batch_size, config.seed)
        validation = tagger_keras.length_batches(prepared.validation_ids, prepared.validation_labels, 256, 0, shuffle=False)
        fit = TrainConfig(epochs=config.epochs, batch_size=config.batch_size, learning_rate=config.learning_rate,
                          seed=config.seed, metrics=("accuracy",), patience=config.patience, shuffle=False,
                          max_seconds=config.max_seconds)
        self.trainer = Trainer(self._build, lambda epoch: (batches, None), fit, validation=validation)

    def _build(self):
        return tagger_keras.build_tagger(self.shape, self.frozen, bigrams=self.config.bigram_dim > 0)

    history = property(lambda self: self.trainer.history(), doc="{'loss': [...], 'val_loss': [...], ...}")
    seconds = property(lambda self: self.trainer.seconds)
    epochs_run = property(lambda self: self.trainer.epochs_run)
    best_epoch = property(lambda self: self.trainer.kept_epoch)
    finished = property(lambda self: self.trainer.finished)
    stopped = property(lambda self: self.trainer.stopped)

    def stop(self) -> None:
        self.trainer.stop()

    def progress(self, within_epoch: float = 0.0) -> float:
        return min(1.0, (self.epochs_run + within_epoch) / self.config.epochs)

    def run_epoch(self, on_batch=None, should_stop=None):
        return self.trainer.run_epoch(on_batch, should_stop)

    def weights(self) -> dict[str, np.ndarray]:
        """The best epoch's weights as NumPy arrays (float32)."""
        return tagger_keras.trained_weights(self.trainer, self.shape)

    def tagger(self, card: dict | None = None, float16: bool = True, key: str = "", title=None) -> Tagger:
        """The NumPy tagger with the best epoch's weights (rounded to float16, as they ship).

        key and title: for a model trained on the page (the Gates page lists it under them).
        """
        weights = self.weights()
        if float16:
            weights = assets.round_trip(weights)
        spec = spec_for(self.config.char_dim, self.shape.bigram_dim, self.config.units, len(self.prepared.tags),
                        self.config.bidirectional)
        key = key or ("tagger_zh" if self.config.bidirectional else "tagger_zh_forward")
        return Tagger(self.prepared.features, self.prepared.tags, weights, spec, card or {}, key=key, title=title)
