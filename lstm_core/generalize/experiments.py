"""One small sentiment LSTM trained under different settings, all on the same data.

The Chinese reviews (`lstm_core.sentiment.sentiment_data`, deduplicated, seeded split)
are tokenized once with jieba; a seeded subset of the training part keeps every run to
seconds and makes overfitting easy to see. A `Variant` names what changes: dropout after
the LSTM, recurrent dropout, an L2 penalty, early stopping, EDA-augmented copies of the
training texts. Every run goes through `lstm_core.nn.trainer` with the same seed, so the
curves differ only by the setting. Scores use the NumPy network on the held-out parts.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from lstm_core.generalize.augment import augment_corpus
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.sentiment.classifier import tokenize
from lstm_core.sentiment.sentiment_data import SentimentData
from lstm_core.text.vocab import Vocabulary


@dataclass(frozen=True)
class Setup:
    """What every variant shares: data size, network size, training length."""

    subset: int = 6000  # training reviews used (of about 13,900): seconds per epoch, visible overfitting
    embedding_dim: int = 32
    units: int = 32
    max_length: int = 60  # tokens per text in training and scoring
    vocab_size: int = 8000
    epochs: int = 8  # long enough for the unregularized model to overfit
    batch_size: int = 64
    learning_rate: float = 3e-3
    seed: int = 0


@dataclass(frozen=True)
class Variant:
    """One training setting; the defaults are the plain LSTM."""

    name: str
    dropout: float = 0.0  # after the LSTM, on its last hidden state
    recurrent_dropout: float = 0.0  # on h_{t-1} inside the LSTM
    l2: float = 0.0  # weight penalty on LSTM and dense kernels
    patience: int = 0  # >0: early stopping, keeping the best validation epoch
    augment_copies: int = 0  # EDA copies of every training text added to the training set
    seed: int = 0

    def settings(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "name"}


@dataclass(frozen=True)
class Encoded:
    """The data as padded ids, and the token lists augmentation edits."""

    vocab: Vocabulary
    train_tokens: list[list[str]]
    x_train: np.ndarray  # (N, max_length) int32
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    train_texts: tuple[str, ...]  # the subset's raw texts (for the TF-IDF model beside it)


@dataclass(frozen=True)
class Run:
    """A trained variant: its network, curves and scores."""

    variant: Variant
    network: Network
    history: dict[str, list[float]]
    kept_epoch: int  # whose weights the network holds
    best_validation_epoch: int  # lowest validation loss
    seconds: float
    val_proba: np.ndarray  # (N_val, 2)
    test_proba: np.ndarray  # (N_test, 2)


def encode(data: SentimentData, setup: Setup) -> Encoded:
    """Tokenize (jieba words), take the seeded training subset, build its vocabulary, pad."""
    from lstm_core.nn.keras_models import pad

    rng = np.random.default_rng(setup.seed)
    rows = np.sort(rng.permutation(len(data.train))[: setup.subset])
    texts = tuple(data.train.texts[r] for r in rows)
    train_tokens = [tokenize(t, "zh", "words") or ["<unk>"] for t in texts]
    vocab = Vocabulary.build(train_tokens, max_size=setup.vocab_size, min_count=2)

    def ids(tokens_list) -> np.ndarray:
        return pad([vocab.encode(tokens or ["<unk>"]).ids for tokens in tokens_list], setup.max_length)

    val = [tokenize(t, "zh", "words") for t in data.validation.texts]
    test = [tokenize(t, "zh", "words") for t in data.test.texts]
    return Encoded(vocab, train_tokens, ids(train_tokens), data.train.labels[rows], ids(val), data.validation.labels,
                   ids(test), data.test.labels, texts)


def predict(network: Network, x: np.ndarray) -> np.ndarray:
    """(N, classes) probabilities of padded id rows, run by the NumPy network on the unpadded ids."""
    return network.predict([row[row > 0] if (row > 0).any() else row[:1] for row in x])


def train_variant(variant: Variant, encoded: Encoded, setup: Setup, synonyms=None) -> Run:
    """Fit one variant through the app's trainer; score its kept weights on validation and test."""
    from lstm_core.nn.keras_models import build_keras, export_weights, pad
    from lstm_core.nn.trainer import TrainConfig, train

    x, y = encoded.x_train, encoded.y_train
    if variant.augment_copies:
        extra = augment_corpus(encoded.train_tokens, synonyms or {}, variant.augment_copies,
                               np.random.default_rng(variant.seed))
        x = np.concatenate([x, pad([encoded.vocab.encode(t).ids for t in extra], setup.max_length)])
        y = np.concatenate([y] + [encoded.y_train] * variant.augment_copies)
    spec = NetworkSpec(vocab_size=len(encoded.vocab), embedding_dim=setup.embedding_dim, units=(setup.units,),
                       output_dim=2, dropout=variant.dropout)
    config = TrainConfig(epochs=setup.epochs, batch_size=setup.batch_size, learning_rate=setup.learning_rate,
                         seed=variant.seed, metrics=("accuracy",), patience=variant.patience,
                         restore_best=variant.patience > 0)  # without early stopping: the last epoch's weights
    started = time.perf_counter()
    result = train(lambda: build_keras(spec, setup.max_length, recurrent_dropout=variant.recurrent_dropout,
                                       l2=variant.l2), (x, y), config, (encoded.x_val, encoded.y_val))
    network = Network(spec, export_weights(result.model, spec))
    history = {k: [round(float(v), 4) for v in values] for k, values in result.history.items()}
    best = int(np.argmin(history["val_loss"])) + 1
    return Run(variant, network, history, result.kept_epoch, best, time.perf_counter() - started,
               predict(network, encoded.x_val), predict(network, encoded.x_test))


def accuracy(proba: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(np.argmax(proba, axis=1) == labels))


def ms_per_prediction(networks: list[Network], x: np.ndarray, texts: int = 100, repeats: int = 3) -> float:
    """Milliseconds to classify one text, one at a time (all members of an ensemble), fastest of repeats."""
    from lstm_core.nn import blas

    rows = [row[row > 0] for row in x[:texts] if (row > 0).any()]
    best = np.inf
    with blas.one_thread():
        for _ in range(repeats):
            start = time.perf_counter()
            for row in rows:
                for network in networks:
                    network.predict([row])
            best = min(best, time.perf_counter() - start)
    return float(1000 * best / len(rows))


def stack(val_parts: list[np.ndarray], val_labels: np.ndarray, test_parts: list[np.ndarray]) -> tuple[np.ndarray, dict]:
    """Stacking: a logistic regression on the models' positive-class probabilities, fitted on validation.

    Returns its test probabilities and its weights (one per model, and the intercept).
    """
    from sklearn.linear_model import LogisticRegression

    features = np.column_stack([p[:, 1] for p in val_parts])
    meta = LogisticRegression().fit(features, val_labels)
    test = meta.predict_proba(np.column_stack([p[:, 1] for p in test_parts]))
    return test, {"weights": [round(float(w), 4) for w in meta.coef_[0]], "intercept": round(float(meta.intercept_[0]), 4)}


NAME = "generalize"  # assets/generalize.json, written by `python -m lstm_core.build generalize`


def read(folder: Path | None = None) -> dict:
    """The precomputed card (rebuild with `python -m lstm_core.build generalize`)."""
    from lstm_core.nn import assets

    return assets.read_card(NAME, folder or assets.ASSETS)
