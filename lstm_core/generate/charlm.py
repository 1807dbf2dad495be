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

from lstm_core.nn import blas
from lstm_core.nn.cell import run_batch
from lstm_core.nn.network import Network
from lstm_core.text.vocab import UNK, Vocabulary

NEWLINE = "\n"  # separates documents; the model's "start of text" context
HELDOUT_FRACTION = 0.1  # the last 10% of each corpus, never trained on
MODEL_NAMES = {"zh": "charlm_zh", "en": "charlm_en"}  # the shipped models' asset names


@dataclass(frozen=True)
class CharLMConfig:
    """Data, model and training settings of one character model (see lstm_core.build.charlm_build)."""

    language: str
    max_vocab_size: int  # at most, including <pad> and <unk>; rarer characters become <unk>
    embedding_dim: int
    units: int
    layers: int = 1  # stacked LSTM layers of `units` each
    sequence_length: int = 100  # training windows; truncated back-propagation through time
    batch_size: int = 128
    epochs: int = 60  # at most; training stops earlier once validation stops improving
    learning_rate: float = 2e-3  # halved whenever an epoch does not improve validation
    dropout: float = 0.0  # on the embeddings and on the LSTM's output, in training only
    patience: int = 3  # epochs without improvement before stopping
    max_seconds: float | None = None  # a time budget; the best epoch so far is kept
    validation_fraction: float = 0.05  # of the training documents (their end), for early stopping
    seed: int = 0
    windows_per_epoch: int | None = None  # None: every window of the text each epoch; else this many


# The configurations tried for each language (`python -m lstm_core.build.charlm_build fit` trains
# one, `select` keeps the best on validation). Sizes are bounded by generation speed on a laptop:
# the NumPy step must write 200 characters in about 100 ms, and for Chinese the
# 3,000-way softmax is most of that cost.
SWEEP = {
    "zh": (
        CharLMConfig("zh", max_vocab_size=3002, embedding_dim=128, units=384, dropout=0.3),
        CharLMConfig("zh", max_vocab_size=3002, embedding_dim=128, units=384, dropout=0.5),
        CharLMConfig("zh", max_vocab_size=3002, embedding_dim=128, units=320, dropout=0.4),
        # A second round, after the first three fell just short of the n-gram on validation.
        CharLMConfig("zh", max_vocab_size=3002, embedding_dim=128, units=256, layers=2, dropout=0.25, epochs=150),
        CharLMConfig("zh", max_vocab_size=3002, embedding_dim=128, units=256, layers=2, dropout=0.35, epochs=150),
        CharLMConfig("zh", max_vocab_size=3002, embedding_dim=128, units=384, dropout=0.4, epochs=150),
        CharLMConfig("zh", max_vocab_size=3002, embedding_dim=192, units=384, dropout=0.3, epochs=150),
    ),
    "en": (
        CharLMConfig("en", max_vocab_size=160, embedding_dim=64, units=512, dropout=0.15),
        CharLMConfig("en", max_vocab_size=160, embedding_dim=64, units=512, dropout=0.3),
        CharLMConfig("en", max_vocab_size=160, embedding_dim=64, units=576, dropout=0.25),
    ),
}
# The shipped configuration per language: the sweep's winner on validation (see the model card).
CONFIGS = {"zh": SWEEP["zh"][6], "en": SWEEP["en"][2]}


def documents(language: str) -> list[str]:
    """The corpus as documents in file order: sentences (zh) or distinct tweets (en)."""
    from lstm_core.text import corpora  # here, not at the top: training elsewhere needs only the arrays

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


def stream(vocab: Vocabulary, docs: list[str]) -> np.ndarray:
    """The documents as one id sequence, each followed by a newline (and one before the first)."""
    return vocab.encode(NEWLINE + NEWLINE.join(docs) + NEWLINE).ids


def windows(ids: np.ndarray, length: int, offset: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Cut an id sequence, from `offset` on, into (N, length) inputs and next-id targets."""
    ids = ids[offset:]
    n = (len(ids) - 1) // length
    x = ids[: n * length].reshape(n, length)
    y = ids[1 : n * length + 1].reshape(n, length)
    return x, y


def training_windows(vocab: Vocabulary, docs: list[str], length: int) -> tuple[np.ndarray, np.ndarray]:
    """Cut the joined documents into (N, length) inputs and next-character targets."""
    return windows(stream(vocab, docs), length)


def validation_split(train_docs: list[str], fraction: float) -> tuple[list[str], list[str]]:
    """(fit, validation): the last `fraction` of the training documents decide when to stop."""
    if not fraction:
        return train_docs, []
    return split(train_docs, fraction)


def log_probs_by_length(probabilities, outputs: int, inputs: list[np.ndarray], targets: list[np.ndarray],
                        batch: int = 64) -> list[np.ndarray]:
    """log2 p(target_t | inputs_<=t) for many sequences, in batches of similar length.

    probabilities(ids (B, T) padded at the end with 0, lengths (B,)) -> (B, T, outputs): any
    model that reads left to right (padding at the end never changes an earlier position).
    """
    order = np.argsort([len(s) for s in inputs])
    out: list[np.ndarray] = [np.empty(0)] * len(inputs)
    budget = 4_000_000  # floats of (B, T, V) outputs per batch, to bound memory
    start = 0
    while start < len(order):
        longest = len(inputs[order[min(start + batch, len(order)) - 1]])
        size = max(1, min(batch, budget // max(1, longest * outputs)))
        rows = order[start : start + size]
        lengths = np.array([len(inputs[r]) for r in rows])
        ids = np.zeros((len(rows), lengths.max()), np.int64)
        for i, r in enumerate(rows):
            ids[i, : lengths[i]] = inputs[r]
        probs = probabilities(ids, lengths)  # (B, T, V)
        for i, r in enumerate(rows):
            out[r] = np.log2(np.maximum(probs[i, np.arange(lengths[i]), targets[r]], 1e-30))
        start += size
    return out


def log_probs_of(network: Network, inputs: list[np.ndarray], targets: list[np.ndarray], batch: int = 64) -> list[np.ndarray]:
    """log2 p(target_t | inputs_<=t) of a character LSTM for many sequences at once."""

    def probabilities(ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        seq = network.weights["embedding"][ids]  # (B, T, E); padding rows are never read (lengths)
        for k in range(len(network.spec.units)):
            seq, _ = run_batch(network.lstm[f"lstm_{k}"], seq, lengths)
        return network.head(seq)

    return log_probs_by_length(probabilities, network.spec.output_dim, inputs, targets, batch)


def bits_on_documents(network, vocab: Vocabulary, docs: list[str], score=log_probs_of) -> tuple[float, int]:
    """(total bits, characters predicted) over documents, each read as "\\n" + doc + "\\n".

    score(network, inputs, targets) gives log2 p per target: `log_probs_of` for an LSTM
    `Network`; the Transformer language model passes its own, so both are scored alike.
    """
    ids = [vocab.encode(NEWLINE + d + NEWLINE).ids for d in docs]
    with blas.one_thread():  # see lstm_core.nn.blas: on a shared machine one thread is far faster
        logs = score(network, [s[:-1] for s in ids], [s[1:] for s in ids])
    return float(-sum(l.sum() for l in logs)), int(sum(len(l) for l in logs))


def unknown_share(vocab: Vocabulary, docs: list[str]) -> float:
    """Fraction of the documents' characters that are outside the vocabulary."""
    text = "".join(docs)
    return float((vocab.encode(text).ids == vocab.index[UNK]).mean()) if text else 0.0
