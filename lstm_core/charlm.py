"""Character-level LSTM language models: the data they read and how well they predict it.

A language model reads text one character at a time and, after every character, gives
a probability for each possible next character (karpathy/char-rnn, and Keras' classic
`lstm_character_level_text_generation` example). The shipped models read People's
Daily sentences (Chinese) and tweets (English); the last 10% of each corpus is held
out, and quality is measured in bits per character on it: the average of
-log2 p(next character), lower is better (8 bits would be a byte per character).

Every document (a sentence or a tweet) is read as "\\n" + text, and the model predicts
each character and the closing "\\n", so the line end is predicted too. Characters
outside the vocabulary count as one `<unk>` symbol, for the LSTM and the n-gram alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core import blas, corpora
from lstm_core.network import Network
from lstm_core.vocab import UNK, Vocabulary

NEWLINE = "\n"  # separates documents; the model's "start of text" context
HELDOUT_FRACTION = 0.1  # the last 10% of each corpus, never trained on
MODEL_NAMES = {"zh": "charlm_zh", "en": "charlm_en"}  # the shipped models' asset names


@dataclass(frozen=True)
class CharLMConfig:
    """Data and model sizes of one shipped character model (kept small: 2 CPU cores)."""

    language: str
    max_vocab_size: int  # at most, including <pad> and <unk>; rarer characters become <unk>
    embedding_dim: int
    units: int
    sequence_length: int = 80  # training windows; truncated back-propagation through time
    batch_size: int = 64  # small batches: more updates in the little time we have
    epochs: int = 3
    learning_rate: float = 3e-3  # halved after every epoch (a simple decay schedule)
    seed: int = 0


CONFIGS = {
    # 3,000 characters cover 99.7% of the Chinese text; the softmax is most of the cost.
    "zh": CharLMConfig("zh", max_vocab_size=3002, embedding_dim=128, units=256),
    # The repaired tweets use about 120 distinct characters; all of them fit.
    "en": CharLMConfig("en", max_vocab_size=160, embedding_dim=32, units=256),
}


def documents(language: str) -> list[str]:
    """The corpus as documents in file order: sentences (zh) or distinct tweets (en)."""
    if language == "zh":
        docs = ["".join(words) for words in corpora.peoples_daily_sentences()]
    elif language == "en":
        seen: dict[str, None] = {}
        for text in corpora.tweets()["text"]:
            seen.setdefault(text.replace(NEWLINE, " "), None)
        docs = list(seen)
    else:
        raise ValueError(f"no corpus for language {language!r}; choose 'zh' or 'en'")
    return [d for d in docs if d.strip()]


def split(docs: list[str], heldout: float = HELDOUT_FRACTION) -> tuple[list[str], list[str]]:
    """(train, held-out): the held-out part is the last `heldout` of the documents."""
    cut = len(docs) - max(1, int(round(len(docs) * heldout)))
    return docs[:cut], docs[cut:]


def char_vocabulary(docs: list[str], max_size: int | None = None) -> Vocabulary:
    """The most frequent characters of the training documents, plus the newline."""
    return Vocabulary.build([NEWLINE + d for d in docs], max_size=max_size)


def training_windows(vocab: Vocabulary, docs: list[str], length: int) -> tuple[np.ndarray, np.ndarray]:
    """Cut the joined documents into (N, length) inputs and next-character targets."""
    stream = vocab.encode(NEWLINE + NEWLINE.join(docs) + NEWLINE).ids
    n = (len(stream) - 1) // length
    x = stream[: n * length].reshape(n, length)
    y = stream[1 : n * length + 1].reshape(n, length)
    return x, y


def log_probs_of(network: Network, inputs: list[np.ndarray], targets: list[np.ndarray], batch: int = 64) -> list[np.ndarray]:
    """log2 p(target_t | inputs_<=t) for many sequences at once, batched by length."""
    from lstm_core.cell import run_batch

    order = np.argsort([len(s) for s in inputs])
    out: list[np.ndarray] = [np.empty(0)] * len(inputs)
    budget = 4_000_000  # floats of (B, T, V) logits per batch, to bound memory
    start = 0
    while start < len(order):
        longest = len(inputs[order[min(start + batch, len(order)) - 1]])
        size = max(1, min(batch, budget // max(1, longest * network.spec.output_dim)))
        rows = order[start : start + size]
        lengths = np.array([len(inputs[r]) for r in rows])
        seq = np.zeros((len(rows), lengths.max(), network.spec.embedding_dim), np.float32)
        for i, r in enumerate(rows):
            seq[i, : lengths[i]] = network.weights["embedding"][inputs[r]]
        for k in range(len(network.spec.units)):
            seq, _ = run_batch(network.lstm[f"lstm_{k}"], seq, lengths)
        probs = network.head(seq)  # (B, T, V)
        for i, r in enumerate(rows):
            p = probs[i, np.arange(lengths[i]), targets[r]]
            out[r] = np.log2(np.maximum(p, 1e-30))
        start += size
    return out


def bits_on_documents(network: Network, vocab: Vocabulary, docs: list[str]) -> tuple[float, int]:
    """(total bits, characters predicted) over documents, each read as "\\n" + doc + "\\n"."""
    ids = [vocab.encode(NEWLINE + d + NEWLINE).ids for d in docs]
    with blas.one_thread():  # see lstm_core.blas: on a shared machine one thread is far faster
        logs = log_probs_of(network, [s[:-1] for s in ids], [s[1:] for s in ids])
    return float(-sum(l.sum() for l in logs)), int(sum(len(l) for l in logs))


def unknown_share(vocab: Vocabulary, docs: list[str]) -> float:
    """Fraction of the documents' characters that are outside the vocabulary."""
    text = "".join(docs)
    return float((vocab.encode(text).ids == vocab.index[UNK]).mean()) if text else 0.0
