"""Training a sentiment LSTM one epoch at a time, and rebuilding the shipped models.

`EpochTrainer` fits one epoch per call through the app's one training loop
(`lstm_core.training.trainer`), so the page can redraw its curves and honour a stop button
between calls (a Streamlit button cannot reach into a running script). It keeps the
weights of the epoch with the lowest validation loss: early stopping on the validation
split, never on the test split. The build uses the very same trainer for the shipped
models, then scores them and the TF-IDF baseline on one test split.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from lstm_core.embeddings.word2vec import Word2VecConfig, train_word2vec
from lstm_core.embeddings.word_vectors import embedding_matrix, load_word_vectors
from lstm_core.message import Message, UserError
from lstm_core.nn.ensemble import average_members
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.sentiment.classifier import TOKEN_UNITS, Metrics, SentimentClassifier, classifier_from, evaluate, tokenize
from lstm_core.sentiment.sentiment_data import SentimentData
from lstm_core.serving import assets
from lstm_core.serving.budget import RecurrentWork
from lstm_core.text.vocab import Vocabulary, pad
from lstm_core.training.network_keras import build_keras, export_weights
from lstm_core.training.trainer import TrainConfig, Trainer, run_to_end


@dataclass(frozen=True)
class SentimentConfig:
    """Settings of one training run; the page's widgets take their defaults from here."""

    embedding_dim: int = 32
    units: int = 32  # per LSTM layer; small, so a live run fits in a lecture
    layers: int = 1
    bidirectional: bool = False  # reads both ways: often better, but no left-to-right verdict
    dropout: float = 0.3  # after each LSTM layer, during training only
    input_dropout: float = 0.0  # on the embedded tokens, during training only
    pretrained: bool = False  # start the embedding from word vectors (`starting_vectors`; embedding_dim must match)
    epochs: int = 3  # validation loss usually bottoms out after 1-2 epochs on these data sets
    max_length: int = 60  # tokens per training text; longer ones are cut (most reviews are ~30 words)
    vocab_size: int = 8000  # most frequent training tokens (seen twice or more); the rest become <unk>
    batch_size: int = 64
    learning_rate: float = 3e-3
    patience: int = 2  # epochs without a better validation loss before stopping
    token_unit: str = "words"  # Chinese: jieba words did better on validation than characters
    seed: int = 0
    members: int = 1  # >1: that many seeds (seed, seed+1, ...) merged into one network averaging their logits

    # What the "train your own" widgets offer, (low, high[, step]): a run a lecture can wait for
    # (the server's work budget, `config.work`, is the real guard); the builds may go beyond.
    LIMITS = {"embedding_dim": (4, 128, 4), "units": (4, 128, 4), "layers": (1, 3), "dropout": (0.0, 0.8, 0.05),
              "epochs": (1, 30), "max_length": (1, 500, 10), "seed": (0, 10_000)}

    def __post_init__(self) -> None:
        checks = {
            "max_length": self.max_length >= 1,
            "epochs": self.epochs >= 1,
            "units": self.units >= 1,
            "embedding_dim": self.embedding_dim >= 1,
            "layers": self.layers >= 1,
            "vocab_size": self.vocab_size >= 3,
            "batch_size": self.batch_size >= 1,
            "members": self.members >= 1,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise UserError(f"these settings must be at least 1 (vocab_size at least 3): {', '.join(bad)}",
                            Message("error.settings.at_least_one", {"setting": Message(f"error.setting.{bad[0]}"),
                                                                     "minimum": 3 if bad[0] == "vocab_size" else 1}))

        if self.token_unit not in TOKEN_UNITS:
            raise ValueError(f"token_unit must be one of {TOKEN_UNITS}")
        if not (0 <= self.dropout < 1 and 0 <= self.input_dropout < 1):
            raise ValueError("dropout and input_dropout must be at least 0 and below 1")

    def work(self, examples: int) -> RecurrentWork:
        """The run's size for the server's work budget (`lstm_core.serving.budget`)."""
        return RecurrentWork(
            examples, self.max_length, self.embedding_dim, (self.units,) * self.layers, self.epochs,
            directions=2 if self.bidirectional else 1, batch_size=self.batch_size,
        )


@dataclass(frozen=True)
class Prepared:
    """A data set turned into padded token ids with a vocabulary built on its training part."""

    data: SentimentData
    vocab: Vocabulary
    x_train: np.ndarray  # (N, max_length) int32, 0 = padding
    x_val: np.ndarray
    max_length: int


def prepare(data: SentimentData, config: SentimentConfig) -> Prepared:
    """Tokenize, build the vocabulary from the training texts only, pad and cut."""
    train_tokens = [tokenize(text, data.language, config.token_unit) for text in data.train.texts]
    vocab = Vocabulary.build(train_tokens, max_size=config.vocab_size, min_count=2)

    def encode(texts) -> np.ndarray:
        # A text with no tokens (e.g. only spaces) becomes a single <unk>, never an empty row.
        return pad([vocab.encode(tokenize(t, data.language, config.token_unit) or ["<unk>"]).ids for t in texts], config.max_length)

    x_train = pad([vocab.encode(tokens or ["<unk>"]).ids for tokens in train_tokens], config.max_length)
    return Prepared(data, vocab, x_train, encode(data.validation.texts), config.max_length)


def spec_for(config: SentimentConfig, vocab_size: int, classes: int) -> NetworkSpec:
    return NetworkSpec(
        vocab_size=vocab_size,
        embedding_dim=config.embedding_dim,
        units=(config.units,) * config.layers,
        bidirectional=config.bidirectional,
        output_dim=classes,
        dropout=config.dropout,
    )


def starting_vectors(data: SentimentData, config: SentimentConfig):
    """Word vectors (gensim KeyedVectors) to start the embedding from, none fitted on test text.

    Chinese: the shipped People's Daily vectors (news, another corpus than the reviews).
    English: the shipped tweet vectors were fitted on every tweet, the test split's too, so
    word2vec runs here on the training split only, with the shipped vectors' settings.
    """
    if data.language == "zh":
        return load_word_vectors("zh")

    sentences = [tokenize(text, data.language, config.token_unit) for text in data.train.texts]
    # The settings of the shipped English vectors (lstm_core.build.embedding_build).
    settings = Word2VecConfig(architecture="skipgram", vector_size=100, window=5, min_count=5, epochs=10, seed=1998)
    return train_word2vec(sentences, settings, max_training_tokens=None).vectors


class EpochTrainer:
    """A sentiment model being fitted by `lstm_core.training.trainer`, one epoch per `run_epoch` call.

    It lives in a session while training. Validation loss picks the epoch whose weights
    are kept (early stopping on the validation split, never on the test split).
    """

    def __init__(self, prepared: Prepared, config: SentimentConfig) -> None:
        self.prepared, self.config = prepared, config
        self.spec = spec_for(config, len(prepared.vocab), len(prepared.data.classes))
        fit = TrainConfig(epochs=config.epochs, batch_size=config.batch_size, learning_rate=config.learning_rate,
                          seed=config.seed, metrics=("accuracy",), patience=config.patience)
        self.trainer = Trainer(self._build, (prepared.x_train, prepared.data.train.labels), fit,
                               validation=(prepared.x_val, prepared.data.validation.labels))

    def _build(self):
        """The Keras model (called by the trainer after seeding), its embedding from word vectors if asked."""
        start = None
        if self.config.pretrained:
            start = embedding_matrix(starting_vectors(self.prepared.data, self.config), self.prepared.vocab.tokens,
                                     np.random.default_rng(self.config.seed))
            if start.shape[1] != self.config.embedding_dim:
                raise ValueError(f"pretrained vectors have {start.shape[1]} dimensions; set embedding_dim to that")
        return build_keras(self.spec, self.config.max_length, input_dropout=self.config.input_dropout, embedding=start)

    history = property(lambda self: self.trainer.history(), doc="{'loss': [...], 'val_loss': [...], ...}")
    seconds = property(lambda self: self.trainer.seconds)
    epochs_run = property(lambda self: self.trainer.epochs_run)
    best_epoch = property(lambda self: self.trainer.best_epoch)
    finished = property(lambda self: self.trainer.finished, doc="all epochs, stalled for `patience`, or stopped")

    @property
    def stopped(self) -> bool:
        """Stopped by the user (setting it to True is the stop button)."""
        return self.trainer.stopped

    @stopped.setter
    def stopped(self, value: bool) -> None:
        self.trainer.stopped = value

    def stop(self) -> None:
        self.trainer.stop()

    def progress(self, within_epoch: float = 0.0) -> float:
        """Fraction of the most epochs this run may take."""
        return (self.epochs_run + within_epoch) / self.config.epochs

    def run_epoch(self, on_batch=None, should_stop=None) -> dict[str, float]:
        """Fit one epoch; on_batch(done, total) is called after every batch. Returns the epoch's logs."""
        return self.trainer.run_epoch(on_batch, should_stop).logs

    def network(self) -> Network:
        """The best epoch's weights (the current ones if no epoch has finished), rounded to float16."""
        model = self.trainer.best_weights_restored()
        return Network(self.spec, assets.round_trip(export_weights(model, self.spec)))


@dataclass(frozen=True)
class TrainedModel:
    classifier: SentimentClassifier
    metrics: Metrics  # on the test split, with the float16 weights
    history: dict[str, list[float]]
    seconds: float
    epochs_run: int
    best_epoch: int
    stopped: bool


def card_for(trainer: EpochTrainer, metrics: Metrics, title: dict[str, str]) -> dict:
    """The model card of a trained classifier as JSON data (the parts `save_model` does not add); builds extend it.

    `title` is the display title in every language (language code -> text), rendered from
    the string table by the caller (`lstm_core.string_table.both`); the card stores it as data.
    """
    data, config = trainer.prepared.data, trainer.config
    return {
        "title": title["en"],
        "display_title": title,
        "task": f"{len(data.classes)}-class sentiment of {data.name}",
        "language": data.language,
        "labels": list(data.classes),
        "token_unit": config.token_unit,
        "tokens": (
            ("characters" if config.token_unit == "characters" else "jieba words (lstm_core.text.segmentation.segment, precise mode)")
            if data.language == "zh" else "lower-cased words (lstm_core.text.segmentation.english_tokens), URLs as <url>"
        ),
        "max_steps": 300,  # tokens read at inference; training texts were cut to max_length
        "data": {"name": data.name, "cleaning": data.cleaning.to_dict(), "split": data.describe_split()},
        "config": vars(config).copy(),
        "embedding_start": "random (Keras' uniform initialiser)" if not config.pretrained else (
            "People's Daily word vectors (assets/word_vectors_zh), random where a word has none"
            if data.language == "zh" else
            "word2vec (skip-gram, 100 dimensions) fitted on the training split only, random where a word has none"),
        "training_seconds": round(trainer.seconds, 1),
        "epochs_run": trainer.epochs_run,
        "best_epoch": trainer.best_epoch,
        "history": {k: [round(v, 4) for v in vals] for k, vals in trainer.history.items()},
        "metrics": metrics.to_dict(),
        "vocabulary": list(trainer.prepared.vocab.tokens),
    }


def merged_network(trainers: list[EpochTrainer]) -> Network:
    """The one network of a run: a single member's, or the members merged (`nn.ensemble.average_members`), float16."""
    if len(trainers) == 1:
        return trainers[0].network()
    merged = average_members([trainer.network() for trainer in trainers])
    return Network(merged.spec, assets.round_trip(merged.weights))


def finish(trainer: EpochTrainer, key: str, title: dict[str, str], members: list[EpochTrainer] | None = None) -> TrainedModel:
    """Score the best weights (of every member, merged) on the test split and wrap them as a classifier."""
    members = members or [trainer]
    network = merged_network(members)
    data = trainer.prepared.data
    probe = classifier_from(network, {**card_for(trainer, Metrics(0, 0, ()), title)}, key, title)
    metrics = evaluate(probe.predict_proba(list(data.test.texts)), data.test.labels, len(data.classes))
    card = card_for(trainer, metrics, title)
    if len(members) > 1:
        card["members"] = [{"seed": m.config.seed, "epochs_run": m.epochs_run, "best_epoch": m.best_epoch,
                            "training_seconds": round(m.seconds, 1)} for m in members]
        card["training_seconds"] = round(sum(m.seconds for m in members), 1)
    seconds = sum(m.seconds for m in members)
    return TrainedModel(replace(probe, card=assets.card_of(card)), metrics, dict(trainer.history), seconds, trainer.epochs_run,
                        trainer.best_epoch, trainer.stopped)


def fit_members(data: SentimentData, config: SentimentConfig, on_epoch=None) -> list[EpochTrainer]:
    """Train config.members networks (seeds seed, seed+1, ...) on one prepared data set, each to the end."""
    prepared, trainers = prepare(data, config), []
    for m in range(config.members):  # built just before training: each trainer seeds Keras' global state
        trainers.append(EpochTrainer(prepared, replace(config, seed=config.seed + m)))
        run_to_end(trainers[-1].trainer, on_epoch)
    return trainers


def train_all(data: SentimentData, config: SentimentConfig, key: str, title: dict[str, str], on_epoch=None) -> TrainedModel:
    """Run every epoch (with early stopping) without a page: for the build and the benchmark.

    on_epoch(report) receives each epoch's `lstm_core.training.trainer.EpochReport`.
    """
    trainers = fit_members(data, config, on_epoch)
    return finish(trainers[0], key, title, trainers)
