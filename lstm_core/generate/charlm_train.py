"""Training a character LSTM with Keras, epoch by epoch, printing a sample after each.

This is Keras' classic character-level example in our shapes: cut the text into
windows, learn to predict every next character, and after every epoch let the model
write a few lines so one can watch it go from noise to words. The page's "train your
own" uses this loop (`train_network`); the shipped models train longer with `fit`, where a
validation set stops them (`lstm_core.build.charlm_build` runs it and writes the cards).
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import asdict, dataclass, replace
from typing import Callable

import numpy as np

from lstm_core.generate import charlm
from lstm_core.generate.language_model import CharLanguageModel, sample
from lstm_core.message import Message
from lstm_core.nn.budget import RecurrentWork
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.text.vocab import Vocabulary

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


def train_network(
    spec: NetworkSpec,
    x: np.ndarray,
    y: np.ndarray,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    seed: int,
    decay: float = 0.5,
    on_epoch: Callable[[int, Network, dict], None] | None = None,
    on_batch: Callable[[int, int, float], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[Network, list[dict]]:
    """Fit for `epochs` (learning rate times `decay` after each); returns the net and a log.

    on_epoch(epoch, network, log entry) sees the weights after every epoch; should_stop()
    is polled after every batch and ends training with the weights reached so far.
    """
    import keras

    from lstm_core.nn.training import build_keras, export_weights

    keras.utils.set_random_seed(seed)
    model = build_keras(spec, x.shape[1])
    optimizer = keras.optimizers.Adam(learning_rate, clipnorm=1.0)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
    batches = int(np.ceil(len(x) / batch_size))
    stopped = {"flag": False}

    class _Batches(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if on_batch:
                on_batch(batch + 1, batches, float((logs or {}).get("loss", np.nan)))
            if should_stop and should_stop():
                stopped["flag"] = True
                self.model.stop_training = True

    log: list[dict] = []
    started = time.perf_counter()
    network = Network(spec, export_weights(model, spec))
    for epoch in range(epochs):
        optimizer.learning_rate.assign(learning_rate * decay**epoch)
        fit = model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=True, verbose=0, callbacks=[_Batches()])
        entry = {
            "epoch": epoch + 1,
            "train_loss_nats": round(float(fit.history["loss"][-1]), 4),
            "learning_rate": learning_rate * decay**epoch,
            "seconds": round(time.perf_counter() - started, 1),
        }
        log.append(entry)
        network = Network(spec, export_weights(model, spec))
        if on_epoch:
            on_epoch(epoch + 1, network, entry)
        if stopped["flag"]:
            break
    return network, log


# ---------------------------------------------------------------- the shipped models


@dataclass
class Run:
    """One configuration trained to its best validation epoch."""

    config: charlm.CharLMConfig
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


def hardware() -> str:
    """What Keras is running on, for the model card."""
    import keras

    backend = keras.backend.backend()
    device, version = "CPU", ""
    if backend == "jax":
        import jax

        version, first = jax.__version__, jax.devices()[0]
        device = first.device_kind if first.platform != "cpu" else "CPU"
    elif backend == "torch":
        import torch

        version = torch.__version__
        device = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "CPU"
    elif backend == "tensorflow":
        import tensorflow as tf

        version = tf.__version__
        gpus = tf.config.list_physical_devices("GPU")
        device = gpus[0].name if gpus else "CPU"
    return f"Keras {keras.__version__} on {backend} {version}, {device}, {os.cpu_count()} CPU cores"


def fit(
    config: charlm.CharLMConfig,
    vocab_size: int,
    fit_ids: np.ndarray,
    validation_ids: np.ndarray,
    log_to=print,
) -> Run:
    """Train until validation stops improving (or time runs out); keep the best epoch.

    Each epoch cuts the text into windows at a different offset and shuffles them with
    a seeded generator, so the model never sees the same window boundaries twice in a
    row. The learning rate halves after every epoch that does not improve validation.
    """
    import keras

    from lstm_core.nn.training import build_keras, export_weights

    keras.utils.set_random_seed(config.seed)
    spec = spec_for(config.embedding_dim, config.units, vocab_size, config.layers)
    model = build_keras(
        replace(spec, dropout=config.dropout), config.sequence_length, mask=False, input_dropout=config.dropout
    )
    optimizer = keras.optimizers.Adam(config.learning_rate, clipnorm=1.0)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
    valid_x, valid_y = charlm.windows(validation_ids, config.sequence_length)
    rng = np.random.default_rng(config.seed)
    rate, best, best_epoch, stale = config.learning_rate, math.inf, 0, 0
    weights, log = export_weights(model, spec), []
    hw, started = hardware(), time.perf_counter()
    log_to(f"{config.language} {config.layers}x{config.units} units, dropout {config.dropout}: {hw}")
    for epoch in range(1, config.epochs + 1):
        offset = int(rng.integers(config.sequence_length))
        x, y = charlm.windows(fit_ids, config.sequence_length, offset)
        order = rng.permutation(len(x))[: len(x) // config.batch_size * config.batch_size]
        optimizer.learning_rate.assign(rate)
        history = model.fit(x[order], y[order], batch_size=config.batch_size, epochs=1, shuffle=False, verbose=0)
        valid_bits = float(model.evaluate(valid_x, valid_y, batch_size=256, verbose=0)) / math.log(2)
        entry = {
            "epoch": epoch,
            "train_bits_per_char": round(float(history.history["loss"][-1]) / math.log(2), 4),
            "validation_bits_per_char": round(valid_bits, 4),
            "learning_rate": rate,
            "seconds": round(time.perf_counter() - started, 1),
        }
        log.append(entry)
        log_to(f"{config.language} {config.units}/{config.dropout}: {entry}")
        if valid_bits < best - 1e-3:
            best, best_epoch, stale = valid_bits, epoch, 0
            weights = export_weights(model, spec)
        else:
            stale += 1
            rate /= 2
        out_of_time = config.max_seconds is not None and entry["seconds"] * (epoch + 1) / epoch > config.max_seconds
        if stale >= config.patience or out_of_time:
            break
    return Run(config, weights, log, best_epoch, round(best, 4), log[-1]["seconds"], hw)


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
        """The run's size for the server's work budget (`lstm_core.nn.budget`)."""
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


def train_on_text(
    text: str,
    config: UserTrainConfig = UserTrainConfig(),
    prompt: str = "",
    on_epoch: Callable[[EpochSample, CharLanguageModel], None] | None = None,
    on_batch: Callable[[int, int, float], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
):
    """Train a character model on the user's text.

    Returns a `UserTraining`: the model, the per-epoch samples and the split lines.
    on_epoch(report, model so far) lets a page keep each epoch's model, so a run that
    is interrupted still leaves the last finished epoch behind.
    """
    train_docs, heldout_docs = split_text(text)
    vocab: Vocabulary = charlm.char_vocabulary(train_docs, config.max_vocab_size)
    x, y = charlm.training_windows(vocab, train_docs, config.sequence_length)
    if len(x) == 0:
        raise ValueError("the text is too short for one training window")
    spec = spec_for(config.embedding_dim, config.units, len(vocab))
    reports: list[EpochSample] = []
    seed_prompt = prompt or train_docs[0][:10]

    def card(reports_so_far: list[EpochSample]) -> dict:
        return {
            "title": "Your character model",
            "data": {"source": "text given in this session", "train_documents": len(train_docs),
                     "heldout_documents": len(heldout_docs), "split": "last 10% of the text held out"},
            "config": asdict(config),
            "epochs_run": len(reports_so_far),
            "metrics": {"heldout_bits_per_char": round(reports_so_far[-1].heldout_bits, 4) if reports_so_far else None},
            "vocabulary": list(vocab.tokens),
        }

    def wrap(network: Network, reports_so_far: list[EpochSample]):
        return CharLanguageModel(
            network, vocab, card(reports_so_far), key="generate_user",
            title=Message("model.title.charlm_user"),
            default_text=seed_prompt,
        )

    def report(epoch: int, network: Network, entry: dict) -> None:
        bits, chars = charlm.bits_on_documents(network, vocab, heldout_docs)
        reports.append(
            EpochSample(
                epoch,
                config.epochs,
                entry["train_loss_nats"] / np.log(2),
                bits / chars,
                seed_prompt + sample(CharLanguageModel(network, vocab), seed_prompt, 80, temperature=0.8, seed=config.seed),
                entry["seconds"],
            )
        )
        if on_epoch:
            on_epoch(reports[-1], wrap(network, reports))

    network, _ = train_network(
        spec, x, y, config.epochs, config.batch_size, config.learning_rate, config.seed,
        decay=1.0, on_epoch=report, on_batch=on_batch, should_stop=should_stop,
    )
    return UserTraining(wrap(network, reports), tuple(reports), tuple(train_docs), tuple(heldout_docs))
