"""Running the three stages: a general language model, the same on the reviews, then a classifier.

`general_language_model` and `review_language_model` return a `LanguageModelStage` (the
NumPy network, its vocabulary and its training log); `ClassifierTraining` fine-tunes the
classifier one epoch per `run_epoch` call through the one training loop, keeping the epoch
with the lowest validation loss; `fine_tune` trains `members` seeds and `classifier_of`
merges them into one `SentimentClassifier` that the Sentiment and Gates pages can read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from lstm_core.generate import charlm
from lstm_core.generate.charlm_train import fit, spec_for
from lstm_core.generate.language_model import load_language_model
from lstm_core.nn.ensemble import average_members
from lstm_core.nn.network import Network
from lstm_core.pretrain import stages, transfer
from lstm_core.pretrain.stages import PretrainConfig
from lstm_core.sentiment.classifier import SentimentClassifier, classifier_from
from lstm_core.sentiment.sentiment_data import SentimentData
from lstm_core.serving import assets
from lstm_core.serving.cards import plain
from lstm_core.text.vocab import Vocabulary, pad
from lstm_core.training.network_keras import export_weights
from lstm_core.training.pretrain_keras import classifier_from_language_model
from lstm_core.training.trainer import TrainConfig, Trainer

PRETRAINED_NAME = "pretrain_zh"  # the shipped classifier's asset name
MAX_STEPS = 300  # tokens the shipped classifier reads at inference (as the Sentiment page's)


@dataclass(frozen=True)
class LanguageModelStage:
    """A language model after one stage, with what its training did (for the model card)."""

    network: Network
    vocab: Vocabulary
    summary: dict  # config, epochs, best epoch, validation bits per token, seconds, hardware

    @property
    def bits_per_token(self) -> float | None:
        return self.summary.get("validation_bits_per_token")


def _run_summary(run, what: str, tokens: int) -> dict:
    summary = run.summary()
    summary["validation_bits_per_token"] = summary.pop("validation_bits_per_char")
    return {"what": what, "training_tokens": int(tokens), **summary}


def general_language_model(start: str, log_to=print) -> LanguageModelStage:
    """Stage 1: the shipped character model of People's Daily, or a word model of it trained now."""
    if start == "charlm_zh":
        shipped = load_language_model("zh")
        card = shipped.card
        summary = {"what": "the shipped character model (assets/charlm_zh), trained on People's Daily",
                   "config": plain(card.config), "validation_bits_per_token": card.metrics["validation_bits_per_char"],
                   "hardware": card.training_hardware, "seconds": card.training_seconds}
        return LanguageModelStage(shipped.network, shipped.vocab, summary)
    if start != "wordlm_pd":
        raise ValueError(f"no general language model for start {start!r}")
    documents = stages.tokens_of(stages.news_documents(), "words")
    vocab = stages.news_word_vocabulary(documents)
    fit_docs, validation_docs = charlm.validation_split(documents, stages.WORD_LM.validation_fraction)
    fit_ids = stages.token_stream(vocab, fit_docs)
    run = fit(stages.WORD_LM, len(vocab), fit_ids, stages.token_stream(vocab, validation_docs), log_to)
    network = Network(transfer_spec(len(vocab), stages.WORD_LM), assets.round_trip(run.weights))
    what = "a word model of People's Daily (jieba words; the character model's training documents), trained here"
    return LanguageModelStage(network, vocab, _run_summary(run, what, len(fit_ids)))


def transfer_spec(vocab_size: int, config: charlm.CharLMConfig):
    """The language model's NetworkSpec for a vocabulary and a configuration's shape."""
    return spec_for(config.embedding_dim, config.units, vocab_size, config.layers)


def review_language_model(general: LanguageModelStage | None, data: SentimentData, config: PretrainConfig,
                          log_to=print) -> LanguageModelStage:
    """Stage 2: the general model (or, with None, a random one of the word model's shape) on the training reviews.

    It reads the review vocabulary: tokens the general model knew keep their rows, new ones
    start at the mean (`transfer.map_vocabulary`). The validation reviews' text stops it.
    """
    train_tokens = stages.tokens_of(data.train.texts, config.token_unit)
    vocab = stages.review_vocabulary(train_tokens, config.vocab_size)
    shape = stages.WORD_LM if general is None else general_config(general)
    start = None if general is None else transfer.map_vocabulary(general.network, general.vocab, vocab)
    if config.review_lm_epochs == 0:
        if start is None:
            raise ValueError("a random start needs the review stage (review_lm_epochs > 0)")
        return LanguageModelStage(start, vocab, {"what": "the general model on the review vocabulary, not trained on reviews"})
    lm_config = stages.review_lm_config(config, shape)
    fit_ids = stages.token_stream(vocab, train_tokens)
    validation_ids = stages.token_stream(vocab, stages.tokens_of(data.validation.texts, config.token_unit))
    run = fit(lm_config, len(vocab), fit_ids, validation_ids, log_to, start=start)
    network = Network(transfer_spec(len(vocab), lm_config), assets.round_trip(run.weights))
    what = "the training reviews' text without labels (validation texts for early stopping)"
    return LanguageModelStage(network, vocab, _run_summary(run, what, len(fit_ids)))


def general_config(general: LanguageModelStage) -> charlm.CharLMConfig:
    """The shape and training settings of a stage-1 model (the shipped character model's come from its card)."""
    return charlm.CharLMConfig(**general.summary["config"])


# ---------------------------------------------------------------- stage 3: the classifier


def encode(texts, vocab: Vocabulary, unit: str, length: int) -> np.ndarray:
    """(N, length) padded ids; a text with no tokens becomes one <unk>."""
    return pad([vocab.encode(tokens or ["<unk>"]).ids for tokens in stages.tokens_of(texts, unit)], length)


class ClassifierTraining:
    """A classifier being fine-tuned from a language model, one epoch per `run_epoch` call.

    train_rows: which training reviews' labels it may use (all by default; the label-count
    curve passes a sample). Early stopping reads the validation split, never the test split.
    """

    def __init__(self, language_model: LanguageModelStage, data: SentimentData, config: PretrainConfig,
                 train_rows: np.ndarray | None = None) -> None:
        self.language_model, self.data, self.config = language_model, data, config
        rows = np.arange(len(data.train)) if train_rows is None else np.asarray(train_rows)
        texts = [data.train.texts[r] for r in rows]
        x = encode(texts, language_model.vocab, config.token_unit, config.max_length)
        x_val = encode(data.validation.texts, language_model.vocab, config.token_unit, config.max_length)
        self.spec = transfer.classifier_spec(language_model.network.spec, len(data.classes), config.dropout, config.pooling)
        start = transfer.classifier_start(language_model.network)
        settings = TrainConfig(epochs=config.epochs, batch_size=config.batch_size, learning_rate=config.learning_rate,
                          seed=config.seed, metrics=("accuracy",), patience=config.patience,
                          layer_rates=transfer.layer_rates(self.spec, config.rate_decay),
                          unfreeze=transfer.unfreeze_epochs(self.spec, config.gradual, config.head_epochs),
                          unfreeze_on_stall=config.unfreeze_on_stall)
        build = lambda: classifier_from_language_model(self.spec, start, config.max_length, config.input_dropout)  # noqa: E731
        self.trainer = Trainer(build, (x, data.train.labels[rows]), settings, validation=(x_val, data.validation.labels))

    finished = property(lambda self: self.trainer.finished)

    def run_epoch(self, on_batch=None, should_stop=None):
        return self.trainer.run_epoch(on_batch, should_stop)

    def network(self) -> Network:
        """The best epoch's weights, rounded to float16 as they ship."""
        return Network(self.spec, assets.round_trip(export_weights(self.trainer.best_weights_restored(), self.spec)))

    def summary(self) -> dict:
        t = self.trainer
        return {"seed": self.config.seed, "epochs_run": t.epochs_run, "best_epoch": t.best_epoch,
                "unfrozen_after": t.released_at,  # >0: the head's stall let every layer join after this epoch
                "training_seconds": round(t.seconds, 1),
                "history": {k: [round(v, 4) for v in vals] for k, vals in t.history().items()}}


def fine_tune(language_model: LanguageModelStage, data: SentimentData, config: PretrainConfig,
              train_rows: np.ndarray | None = None, on_epoch=None) -> list[ClassifierTraining]:
    """Stage 3 for config.members seeds (seed, seed+1, ...), each trained to the end."""
    trainings = []
    for m in range(config.members):  # built just before training: each Trainer seeds Keras' global state
        trainings.append(ClassifierTraining(language_model, data, replace(config, seed=config.seed + m), train_rows))
        while not trainings[-1].finished:
            report = trainings[-1].run_epoch()
            if on_epoch:
                on_epoch(report)
    return trainings


def classifier_of(trainings: list[ClassifierTraining], card: dict, key: str, title) -> SentimentClassifier:
    """The members merged into one network (`nn.ensemble.average_members`), as a classifier with `card`."""
    networks = [training.network() for training in trainings]
    network = networks[0] if len(networks) == 1 else average_members(networks)
    network = Network(network.spec, assets.round_trip(network.weights))
    first = trainings[0]
    full_card = {"language": "zh", "labels": list(first.data.classes), "token_unit": first.config.token_unit,
                 "max_steps": MAX_STEPS, "vocabulary": list(first.language_model.vocab.tokens), **card}
    return classifier_from(network, full_card, key, title)
