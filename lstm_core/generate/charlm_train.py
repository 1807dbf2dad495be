"""Training a character LSTM, epoch by epoch, printing a sample after each.

This is Keras' classic character-level example in our shapes: cut the text into
windows, learn to predict every next character, and after every epoch let the model
write a few lines so one can watch it go from noise to words. Both runs here go
through the app's one loop, `lstm_core.training.trainer`: the page's "train your own" is
`TextTraining` (one epoch per script run); the shipped models train longer with `fit`,
where a validation set stops them (`lstm_core.build.charlm_build` runs it and writes
the cards).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from typing import Callable

import numpy as np

from lstm_core.generate import charlm
from lstm_core.generate.language_model import CharLanguageModel, sample
from lstm_core.message import Message
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.serving.budget import RecurrentWork
from lstm_core.serving.cards import ModelCard
from lstm_core.text.vocab import Vocabulary
from lstm_core.training.backend import hardware
from lstm_core.training.network_keras import build_keras, export_weights, load_into_keras
from lstm_core.training.trainer import TrainConfig, Trainer

MIN_CHARS = 300  # less than this is too little to learn anything from
MAX_CHARS = 300_000  # more would not finish in a lecture on 2 cores; the rest is cut


def spec_for(embedding_dim: int, units: int, vocab_size: int, layers: int = 1) -> NetworkSpec:
    """LSTM layer(s) over character embeddings, a softmax over the vocabulary at every step."""
    return NetworkSpec(
        vocab_size=vocab_size,
        embedding_dim=embedding_dim,
        units=(units,) * layers,
        output_dim=vocab_size,
        per_step_output=True,
    )


# ---------------------------------------------------------------- the shipped models


@dataclass
class Run:
    """One configuration trained to its best validation epoch."""

    config: object  # a charlm.CharLMConfig, or another model's config dataclass
    weights: dict[str, np.ndarray]  # the best epoch's
    log: list[dict]
    best_epoch: int
    best_validation_bits: float
    seconds: float
    hardware: str

    def summary(self) -> dict:
        return {
            "config": asdict(self.config),
            "best_epoch": self.best_epoch,
            "epochs_run": len(self.log),
            "validation_bits_per_char": self.best_validation_bits,
            "seconds": self.seconds,
            "hardware": self.hardware,
            "log": self.log,
        }


def fit(
    config: charlm.CharLMConfig,
    vocab_size: int,
    fit_ids: np.ndarray,
    validation_ids: np.ndarray,
    log_to=print,
    start: Network | None = None,
) -> Run:
    """Train a character LSTM until validation stops improving (or time runs out); keep the best epoch.

    `start`: a model of the same shape to go on from (`lstm_core.pretrain`), not random weights.
    The ids may be words as well as characters: nothing here depends on what a token is.
    """
    spec = spec_for(config.embedding_dim, config.units, vocab_size, config.layers)
    if start is not None and start.spec.weight_shapes() != spec.weight_shapes():
        raise ValueError("the starting model's shape differs from the configuration's")

    def build():
        model = build_keras(replace(spec, dropout=config.dropout), config.sequence_length, mask=False,
                            input_dropout=config.dropout)
        if start is not None:
            load_into_keras(model, start)
        return model

    label = f"{config.language} {config.layers}x{config.units} units, dropout {config.dropout}"
    return fit_windows(config, build, lambda model: export_weights(model, spec), fit_ids, validation_ids, label, log_to)


def fit_windows(config, build: Callable[[], object], export: Callable[[object], dict[str, np.ndarray]],
                fit_ids: np.ndarray, validation_ids: np.ndarray, label: str, log_to=print) -> Run:
    """Fit any next-character model on windows of a text, through the one trainer; keep the best epoch.

    build() makes the uncompiled Keras model, export(model) copies its weights out. config
    has the fields of `charlm.CharLMConfig` that concern training (sequence_length,
    batch_size, epochs, learning_rate, patience, max_seconds, seed; windows_per_epoch if
    present). Each epoch cuts the text into windows at a different offset and shuffles
    them with a seeded generator, so the model never sees the same window boundaries twice
    in a row; with windows_per_epoch, an epoch is that many of them (validation is then
    checked more often than once per pass over the text). The learning rate halves after
    every epoch that does not improve validation.
    """
    rng = np.random.default_rng(config.seed)
    per_epoch = getattr(config, "windows_per_epoch", None)

    def epoch_windows(_epoch: int) -> tuple[np.ndarray, np.ndarray]:
        offset = int(rng.integers(config.sequence_length))
        x, y = charlm.windows(fit_ids, config.sequence_length, offset)
        order = rng.permutation(len(x))[: len(x) // config.batch_size * config.batch_size]
        if per_epoch:
            order = order[:per_epoch]
        return x[order], y[order]

    fit_config = TrainConfig(
        epochs=config.epochs, batch_size=config.batch_size, learning_rate=config.learning_rate, seed=config.seed,
        patience=config.patience, min_delta=1e-3 * math.log(2), halve_on_plateau=True, shuffle=False,
        validation_batch_size=256, max_seconds=config.max_seconds,
    )
    trainer = Trainer(build, epoch_windows, fit_config, charlm.windows(validation_ids, config.sequence_length))
    hw, log = hardware(), []
    log_to(f"{label}: {hw}")
    while not trainer.finished:
        report = trainer.run_epoch()
        log.append({
            "epoch": report.epoch,
            "train_bits_per_char": round(report.train["loss"] / math.log(2), 4),
            "validation_bits_per_char": round(report.validation["loss"] / math.log(2), 4),
            "learning_rate": report.learning_rate,
            "seconds": round(report.seconds, 1),
        })
        log_to(f"{label}: {log[-1]}")
    best_bits = round(trainer.reports[trainer.best_epoch - 1].validation["loss"] / math.log(2), 4)
    weights = export(trainer.best_weights_restored())
    return Run(config, weights, log, trainer.best_epoch, best_bits, log[-1]["seconds"], hw)


# ---------------------------------------------------------------- your own text


@dataclass(frozen=True)
class UserTrainConfig:
    """Train-your-own settings; the page's widgets take their defaults from here."""

    units: int = 128  # enough to learn words in a minute; bigger learns slower per second
    embedding_dim: int = 32
    epochs: int = 8
    sequence_length: int = 40  # characters of context the model is trained on
    batch_size: int = 32
    learning_rate: float = 5e-3  # high, and kept: few epochs, we want visible progress
    max_vocab_size: int = 600  # Chinese text uses many characters; rarer ones become <unk>
    seed: int = 0

    def work(self, characters: int) -> RecurrentWork:
        """The run's size for the server's work budget (`lstm_core.serving.budget`)."""
        windows = max(1, min(characters, MAX_CHARS) // self.sequence_length)
        return RecurrentWork(windows, self.sequence_length, self.embedding_dim, (self.units,), self.epochs,
                             outputs_per_step=self.max_vocab_size, batch_size=self.batch_size)


@dataclass(frozen=True)
class EpochSample:
    """What the page prints after each epoch."""

    epoch: int
    epochs: int
    train_bits: float  # training loss in bits per character
    heldout_bits: float  # on the last 10% of the user's text
    sample: str  # what the model writes now
    seconds: float


@dataclass(frozen=True)
class UserTraining:
    """The result of `train_on_text`: the model, its per-epoch samples and the split it used."""

    model: CharLanguageModel
    samples: tuple[EpochSample, ...]
    train_docs: tuple[str, ...]
    heldout_docs: tuple[str, ...]


def split_text(text: str) -> tuple[list[str], list[str]]:
    """Lines of the first 90% of the text to train on, lines of the last 10% to test on."""
    text = text[:MAX_CHARS]
    if len(text.strip()) < MIN_CHARS:
        raise ValueError(f"at least {MIN_CHARS} characters are needed to train, got {len(text.strip())}")
    cut = int(len(text) * (1 - charlm.HELDOUT_FRACTION))
    train = [line for line in text[:cut].split("\n") if line.strip()]
    heldout = [line for line in text[cut:].split("\n") if line.strip()]
    return train, heldout or train[-1:]


class TextTraining:
    """A character model learning the user's text, one epoch per `run_epoch` call.

    Each epoch ends with a sample of what the model writes now and its bits per
    character on the held-out tenth, so a page can show the model going from noise to
    words; `model()` is the model as it stands, so a stopped run keeps its last epoch.
    """

    def __init__(self, text: str, config: UserTrainConfig = UserTrainConfig(), prompt: str = "") -> None:
        self.train_docs, self.heldout_docs = split_text(text)
        self.vocab: Vocabulary = charlm.char_vocabulary(self.train_docs, config.max_vocab_size)
        x, y = charlm.training_windows(self.vocab, self.train_docs, config.sequence_length)
        if len(x) == 0:
            raise ValueError("the text is too short for one training window")
        self.spec = spec_for(config.embedding_dim, config.units, len(self.vocab))
        self.config, self.prompt = config, prompt or self.train_docs[0][:10]
        self.samples: list[EpochSample] = []
        fit = TrainConfig(epochs=config.epochs, batch_size=config.batch_size, learning_rate=config.learning_rate,
                          seed=config.seed)
        self.trainer = Trainer(lambda: build_keras(self.spec, config.sequence_length), (x, y), fit)
        self._network = None

    finished = property(lambda self: self.trainer.finished)
    stopped = property(lambda self: self.trainer.stopped)

    def progress(self, within_epoch: float = 0.0) -> float:
        """Fraction of the epochs run."""
        return (self.trainer.epochs_run + within_epoch) / self.config.epochs

    def stop(self) -> None:
        self.trainer.stop()

    def run_epoch(self, on_batch=None, should_stop=None) -> EpochSample:
        """Fit one epoch, then score the held-out text and write a sample."""
        report = self.trainer.run_epoch(on_batch, should_stop)
        self._network = network = Network(self.spec, export_weights(self.trainer.model, self.spec))
        bits, chars = charlm.bits_on_documents(network, self.vocab, self.heldout_docs)
        written = sample(CharLanguageModel(network, self.vocab), self.prompt, 80, temperature=0.8, seed=self.config.seed)
        self.samples.append(EpochSample(report.epoch, self.config.epochs, report.train["loss"] / np.log(2),
                                        bits / chars, self.prompt + written, report.seconds))
        return self.samples[-1]

    def model(self) -> CharLanguageModel:
        """The model after the last finished epoch, with its card."""
        card = ModelCard.from_dict({
            "title": "Your character model",
            "data": {"source": "text given in this session", "train_documents": len(self.train_docs),
                     "heldout_documents": len(self.heldout_docs), "split": "last 10% of the text held out"},
            "config": asdict(self.config),
            "epochs_run": len(self.samples),
            "metrics": {"heldout_bits_per_char": round(self.samples[-1].heldout_bits, 4) if self.samples else None},
            "vocabulary": list(self.vocab.tokens),
        })
        return CharLanguageModel(
            self._network, self.vocab, card, key="generate_user",
            title=Message("model.title.charlm_user"),
            default_text=self.prompt,
        )

    def result(self) -> UserTraining:
        return UserTraining(self.model(), tuple(self.samples), tuple(self.train_docs), tuple(self.heldout_docs))


def train_on_text(
    text: str,
    config: UserTrainConfig = UserTrainConfig(),
    prompt: str = "",
    on_epoch: Callable[[EpochSample, CharLanguageModel], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> UserTraining:
    """Train a character model on the user's text without a page in between.

    on_epoch(sample, model so far) sees every epoch; should_stop() ends the run with
    the last finished epoch's model.
    """
    training = TextTraining(text, config, prompt)
    while not training.finished:
        epoch = training.run_epoch(should_stop=should_stop)
        if on_epoch:
            on_epoch(epoch, training.model())
    return training.result()
