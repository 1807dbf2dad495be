"""One small sentiment LSTM trained under different settings, all on the same data.

The Chinese reviews (`lstm_core.sentiment.sentiment_data`, deduplicated, seeded split)
are tokenized once with jieba; a seeded subset of the training part keeps every run to
seconds and makes overfitting easy to see. A `Variant` names what changes: dropout after
the LSTM, recurrent dropout, an L2 penalty, early stopping, EDA-augmented copies of the
training texts; `train_attention` trains the same variant with attention pooling instead
of the last hidden state. Every run goes through `lstm_core.training.trainer` with the same seed,
so the curves differ only by the setting. Scores use the NumPy network on the held-out
parts, and `contrast_score` scores any of them on the hand-written contrast set.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from lstm_core.explain import contrast
from lstm_core.explain.attention import AttentionClassifier, classifier_from
from lstm_core.generalize.augment import augment_corpus
from lstm_core.nn import blas
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.sentiment.classifier import tokenize
from lstm_core.sentiment.sentiment_data import SentimentData
from lstm_core.serving import assets
from lstm_core.text.vocab import Vocabulary, pad
from lstm_core.training.attention_keras import build_attention_model, export_attention_weights
from lstm_core.training.network_keras import build_keras, export_weights
from lstm_core.training.trainer import TrainConfig, train


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
    network: Network  # with attention pooling: the embedding, LSTM and head (the pooling is in the classifier)
    history: dict[str, list[float]]
    kept_epoch: int  # whose weights the network holds
    best_validation_epoch: int  # lowest validation loss
    seconds: float
    val_proba: np.ndarray  # (N_val, 2)
    test_proba: np.ndarray  # (N_test, 2)


def encode(data: SentimentData, setup: Setup) -> Encoded:
    """Tokenize (jieba words), take the seeded training subset, build its vocabulary, pad."""
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
    return network.predict(unpadded(x))


def _training_set(variant: Variant, encoded: Encoded, setup: Setup, synonyms) -> tuple[np.ndarray, np.ndarray]:
    """The padded training ids and labels, with the variant's EDA copies appended."""
    x, y = encoded.x_train, encoded.y_train
    if variant.augment_copies:
        extra = augment_corpus(encoded.train_tokens, synonyms or {}, variant.augment_copies,
                               np.random.default_rng(variant.seed))
        x = np.concatenate([x, pad([encoded.vocab.encode(t).ids for t in extra], setup.max_length)])
        y = np.concatenate([y] + [encoded.y_train] * variant.augment_copies)
    return x, y


def _fit(build, variant: Variant, encoded: Encoded, setup: Setup, synonyms):
    """Fit a Keras model from `build()` on the variant's training set through the app's trainer."""
    config = TrainConfig(epochs=setup.epochs, batch_size=setup.batch_size, learning_rate=setup.learning_rate,
                         seed=variant.seed, metrics=("accuracy",), patience=variant.patience,
                         restore_best=variant.patience > 0)  # without early stopping: the last epoch's weights
    return train(build, _training_set(variant, encoded, setup, synonyms), config, (encoded.x_val, encoded.y_val))


def _spec(encoded: Encoded, setup: Setup, variant: Variant) -> NetworkSpec:
    return NetworkSpec(vocab_size=len(encoded.vocab), embedding_dim=setup.embedding_dim, units=(setup.units,),
                       output_dim=2, dropout=variant.dropout)


def _run(variant: Variant, network: Network, result, started: float, predict_ids, encoded: Encoded) -> Run:
    history = {k: [round(float(v), 4) for v in values] for k, values in result.history.items()}
    best = int(np.argmin(history["val_loss"])) + 1
    return Run(variant, network, history, result.kept_epoch, best, time.perf_counter() - started,
               predict_ids(unpadded(encoded.x_val)), predict_ids(unpadded(encoded.x_test)))


def train_variant(variant: Variant, encoded: Encoded, setup: Setup, synonyms=None) -> Run:
    """Fit one variant through the app's trainer; score its kept weights on validation and test."""
    spec, started = _spec(encoded, setup, variant), time.perf_counter()
    result = _fit(lambda: build_keras(spec, setup.max_length, recurrent_dropout=variant.recurrent_dropout, l2=variant.l2),
                  variant, encoded, setup, synonyms)
    network = Network(spec, export_weights(result.model, spec))
    return _run(variant, network, result, started, network.predict, encoded)


def train_attention(variant: Variant, encoded: Encoded, setup: Setup, synonyms=None,
                    attention_dim: int = 32) -> tuple[Run, AttentionClassifier]:
    """The same variant with attention pooling over the LSTM's states (Yang et al. 2016) instead of its last state."""
    spec, started = _spec(encoded, setup, variant), time.perf_counter()
    result = _fit(lambda: build_attention_model(spec, attention_dim, setup.max_length, variant.recurrent_dropout,
                                                variant.l2), variant, encoded, setup, synonyms)
    card = {"architecture": spec.to_dict(), "vocabulary": list(encoded.vocab.tokens), "language": "zh",
            "labels": ["negative", "positive"], "token_unit": "words"}
    model = classifier_from(export_attention_weights(result.model, spec), card)
    return _run(variant, model.network, result, started, lambda rows: model.forward_ids(rows)[0], encoded), model


def unpadded(x: np.ndarray) -> list[np.ndarray]:
    """Padded id rows (N, T) back to their tokens (a row of padding only keeps one step)."""
    return [row[row > 0] if (row > 0).any() else row[:1] for row in x]


def contrast_score(predictors: list[Callable[[list[np.ndarray]], np.ndarray]], vocab: Vocabulary) -> dict:
    """Accuracy and pair accuracy on the Chinese contrast set of the mean of `predictors` (id lists -> (N, 2))."""
    def predict_texts(texts: list[str]) -> np.ndarray:
        ids = [vocab.encode(tokenize(text, "zh", "words") or ["<unk>"]).ids for text in texts]
        return np.mean([predict(ids) for predict in predictors], axis=0)

    return contrast.score(predict_texts, ("negative", "positive"), contrast.load("zh")).to_dict()


def accuracy(proba: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(np.argmax(proba, axis=1) == labels))


def ms_per_prediction(predictors: list[Callable[[list[np.ndarray]], np.ndarray]], x: np.ndarray, texts: int = 100,
                      repeats: int = 3) -> float:
    """Milliseconds to classify one text, one at a time (all members of an ensemble), fastest of repeats.

    predictors: one function per member, from a list of id sequences to (N, classes) probabilities.
    """
    rows = [row[row > 0] for row in x[:texts] if (row > 0).any()]
    best = np.inf
    with blas.one_thread():
        for _ in range(repeats):
            start = time.perf_counter()
            for row in rows:
                for predictor in predictors:
                    predictor([row])
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
    """The precomputed results (rebuild with `python -m lstm_core.build generalize`)."""
    return assets.read_record(NAME, folder or assets.ASSETS)
