"""A sentiment LSTM that pools its hidden states with attention, run in NumPy.

Yang et al. (2016), "Hierarchical attention networks", word level: every hidden state
h_t gets a score u_t · v with u_t = tanh(W h_t + b); a softmax over the steps turns the
scores into weights a_t, and the classifier reads s = sum_t a_t h_t instead of the last
state. Keras trains it (`lstm_core.training.attention_keras.build_attention_model`); this module
runs it, so the weights a_t drawn on the page are the numbers behind the verdict. Beside
them: occlusion (delete a token, see the verdict drop) and gradient saliency
(||d p / d x_t||, back through the pooling and the LSTM with `lstm_core.nn.cell.backward`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lstm_core.nn.cell import backward, run_batch, trace
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.sentiment.classifier import LANGUAGES, tokenize
from lstm_core.explain.contrast import ContrastAccuracy, accuracies
from lstm_core.explain.rules import RuleTree
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.text.vocab import Vocabulary

SHIPPED_NAMES = {"zh": "attention_zh", "en": "attention_en"}
ATTENTION_WEIGHTS = ("attention/W", "attention/b", "attention/v")


def attention_shapes(spec: NetworkSpec, attention_dim: int) -> dict[str, tuple[int, ...]]:
    """Every array of an attention classifier, by name: the network's plus W (H, A), b (A,), v (A,)."""
    units = spec.units[-1]
    return {**spec.weight_shapes(), "attention/W": (units, attention_dim), "attention/b": (attention_dim,),
            "attention/v": (attention_dim,)}


@dataclass(frozen=True)
class AttentionReading:
    """One text as the attention classifier read it, with three attributions per token."""

    tokens: tuple[str, ...]
    unknown: tuple[bool, ...]
    probabilities: np.ndarray  # (K,)
    attention: np.ndarray  # (T,) a_t, sums to 1
    occlusion: np.ndarray  # (T,) probability of the verdict lost when the token is deleted
    saliency: np.ndarray  # (T,) ||d p_verdict / d x_t||, x_t the token's embedding

    @property
    def predicted(self) -> int:
        return int(self.probabilities.argmax())


@dataclass
class AttentionClassifier:
    """Embedding -> LSTM -> attention pooling -> dense softmax, with its vocabulary."""

    network: Network  # embedding, lstm_0 and the dense head (which reads the pooled vector)
    attention: dict[str, np.ndarray]  # attention/W (H, A), attention/b (A,), attention/v (A,)
    vocab: Vocabulary
    language: str
    labels: list[str]
    token_unit: str = "words"
    max_steps: int = 300
    card: ModelCard = field(default_factory=ModelCard, repr=False)

    def pool(self, hidden: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Attention weights (B, T) (zero on padding) and pooled vectors (B, H) of hidden (B, T, H)."""
        u = np.tanh(hidden @ self.attention["attention/W"] + self.attention["attention/b"])  # (B, T, A)
        scores = u @ self.attention["attention/v"]  # (B, T)
        live = np.arange(hidden.shape[1])[None, :] < np.asarray(lengths)[:, None]
        scores = np.where(live, scores, -np.inf)
        a = np.exp(scores - scores.max(axis=1, keepdims=True))
        a /= a.sum(axis=1, keepdims=True)
        return a, np.einsum("bt,bth->bh", a, hidden)

    def forward_ids(self, sequences: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(probabilities (B, K), attention (B, T), hidden (B, T, H)) for non-empty id sequences."""
        lengths = np.array([len(s) for s in sequences])
        if len(lengths) == 0 or lengths.min() == 0:
            raise ValueError("every sequence needs at least one token")
        embedding = self.network.weights["embedding"]
        x = np.zeros((len(sequences), lengths.max(), embedding.shape[1]), np.float32)
        for row, ids in enumerate(sequences):
            x[row, : len(ids)] = embedding[np.asarray(ids, np.int64)]
        hidden, _ = run_batch(self.network.lstm["lstm_0"], x, lengths)
        a, pooled = self.pool(hidden, lengths)
        return self.network.head(pooled), a, hidden

    def ids(self, text: str) -> tuple[list[str], np.ndarray, tuple[bool, ...]]:
        tokens = tokenize(text, self.language, self.token_unit)[: self.max_steps]
        if not tokens:
            raise ValueError("the text has no tokens to read")
        encoded = self.vocab.encode(tokens)
        return list(encoded.tokens), np.asarray(encoded.ids), tuple(encoded.unknown)

    def predict_proba(self, texts: list[str], batch_size: int = 256) -> np.ndarray:
        """(N, K) probabilities; a text with no tokens gets the uniform distribution."""
        out = np.full((len(texts), len(self.labels)), 1.0 / len(self.labels), np.float32)
        rows, sequences = [], []
        for row, text in enumerate(texts):
            tokens = tokenize(text, self.language, self.token_unit)[: self.max_steps]
            if tokens:
                rows.append(row)
                sequences.append(self.vocab.encode(tokens).ids)
        order = np.argsort([len(s) for s in sequences], kind="stable")  # similar lengths, little padding
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[np.asarray(rows)[chunk]] = self.forward_ids([sequences[i] for i in chunk])[0]
        return out

    def saliency(self, ids: np.ndarray, target: int) -> np.ndarray:
        """(T,) ||d p_target / d x_t||: back through the dense head, the pooling and the LSTM."""
        x = self.network.weights["embedding"][np.asarray(ids, np.int64)]  # (T, E)
        lstm = self.network.lstm["lstm_0"]
        gates = trace(lstm, x)
        h = gates.hidden  # (T, H)
        a, pooled = self.pool(h[None], np.array([len(ids)]))
        a, pooled = a[0], pooled[0]
        p = self.network.head(pooled)
        d_z = -p[target] * p
        d_z[target] += p[target]
        g = self.network.weights["dense/kernel"] @ d_z  # d p / d s, (H,)
        W, v = self.attention["attention/W"], self.attention["attention/v"]
        u = np.tanh(h @ W + self.attention["attention/b"])  # (T, A)
        gh = h @ g  # (T,) d p / d a_t
        d_scores = a * (gh - a @ gh)  # through the softmax
        d_hidden = a[:, None] * g[None, :] + d_scores[:, None] * (((1.0 - u**2) * v) @ W.T)  # (T, H)
        return np.linalg.norm(backward(lstm, x, d_hidden, gates=gates).inputs, axis=1)

    def read(self, text: str) -> AttentionReading:
        """Predict one text with attention weights, occlusion and gradient saliency."""
        tokens, ids, unknown = self.ids(text)
        probabilities, a, _ = self.forward_ids([ids])
        probabilities, target = probabilities[0], int(probabilities[0].argmax())
        if len(ids) < 2:
            occlusion = np.zeros(len(ids), np.float32)
        else:
            without = [np.delete(ids, t) for t in range(len(ids))]
            occlusion = probabilities[target] - self.forward_ids(without)[0][:, target]
        return AttentionReading(tuple(tokens), unknown, probabilities, a[0, : len(ids)], occlusion,
                                self.saliency(ids, target))


@dataclass(frozen=True)
class RulesSummary:
    """The decision tree that mimics the LSTM, as the attention model's card records it."""

    tree: RuleTree
    depth: int
    test_fidelity: float  # share of test texts where the tree says what the LSTM says
    test_accuracy: float  # the tree's own accuracy on the test split
    lstm_test_accuracy: float


def rules_of(card: ModelCard) -> RulesSummary:
    rules = card.details["rules"]
    return RulesSummary(RuleTree.from_dict(rules["tree"]), int(rules["depth"]), float(rules["test_fidelity"]),
                        float(rules["test_accuracy"]), float(rules["lstm_test_accuracy"]))


def contrast_of(card: ModelCard) -> dict[str, ContrastAccuracy]:
    """Each model's scores on the contrast set, from the attention model's card (attention, lstm, tfidf)."""
    return accuracies(card.details["contrast"])


def test_accuracies(card: ModelCard, metric: str = "accuracy") -> dict[str, float]:
    """Test accuracy (or `metric`, e.g. "macro_f1") of the attention model and of the LSTM and
    TF-IDF baseline it is compared with."""
    return {"lstm": float(card.details["lstm"]["metrics"][metric]),
            "tfidf": float(card.baseline["metrics"][metric]), "attention": float(card.metrics[metric])}


def classifier_from(weights: dict[str, np.ndarray], card: ModelCard | dict) -> AttentionClassifier:
    """An attention classifier from its arrays and its card (vocabulary, language, labels)."""
    card = assets.card_of(card)
    try:
        network = Network(card.architecture, {k: v for k, v in weights.items() if k not in ATTENTION_WEIGHTS})
        return AttentionClassifier(network, {k: weights[k] for k in ATTENTION_WEIGHTS},
                                   Vocabulary(tuple(card.details["vocabulary"])), card.details["language"],
                                   list(card.details["labels"]), card.detail("token_unit", "words"),
                                   int(card.detail("max_steps", 300)), card)
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise assets.AssetError(f"the card lacks what an attention classifier needs: {error}", "card_incomplete") from error


def load_attention(language: str, folder=assets.ASSETS) -> AttentionClassifier:
    """The shipped attention classifier for "zh" or "en", its weights checked against the card's SHA-256."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    card = assets.read_card(SHIPPED_NAMES[language], folder)
    data = assets.read_weights(card, folder)
    try:
        expected = attention_shapes(card.architecture, int(card.details["attention_dim"]))
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise assets.AssetError(f"the card {SHIPPED_NAMES[language]}.json has no valid architecture: {error}",
                                "bad_architecture") from error

    return classifier_from(assets.weights_from_bytes(data, expected), card)
