"""Training word2vec with gensim, epoch by epoch, so a page can show progress and stop.

word2vec (Mikolov et al., 2013) learns a vector per word from the words around it:
- CBOW predicts the middle word from the average of its neighbours' vectors (fast,
  smooths over rare words);
- skip-gram predicts each neighbour from the middle word (slower, better for rare words
  and small corpora).
Both use negative sampling: the true pair is scored against a few random words.

Reproducibility: gensim seeds each word's first vector from `hash(word + seed)`, and
Python salts `hash` for strings per process, so we pass a CRC-32 hash instead (no
PYTHONHASHSEED needed). With `workers=1` two runs then give identical vectors; with more
threads the order of updates varies and so do the last digits.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Callable, Literal, Sequence

import numpy as np

from lstm_core.embeddings.word_vectors import keyed_vectors
from lstm_core.message import Message, UserError
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard

if TYPE_CHECKING:
    from gensim.models import KeyedVectors

# Work allowed in a live session, in token-epochs at window 5 and 100 dimensions (about
# half a minute on one core); wider windows and bigger vectors count proportionally more.
MAX_TRAINING_TOKENS = 5_000_000
WORDS_FILE = "words.tsv"  # in a vector set's model file: word, count and tag of each row, one a line


def stable_hash(text: str) -> int:
    """A hash that is the same in every process (unlike Python's salted `hash`)."""
    return zlib.crc32(text.encode("utf-8"))


@dataclass(frozen=True)
class Word2VecConfig:
    """word2vec settings; the page's widgets take their defaults and limits from here."""

    architecture: Literal["skipgram", "cbow"] = "skipgram"  # skip-gram suits small corpora
    vector_size: int = 50  # dimensions; 50 is plenty for a few thousand words
    window: int = 5  # neighbours on each side that count as context
    min_count: int = 2  # words seen fewer times get no vector (too little evidence)
    epochs: int = 20  # passes over the text; small texts need many
    negative: int = 5  # random "wrong" words per true pair
    seed: int = 0
    workers: int = 1  # 1 thread: exactly reproducible (see the module docstring)

    LIMITS = {"vector_size": (2, 300), "window": (1, 20), "min_count": (1, 100), "epochs": (1, 200), "negative": (1, 20)}

    def __post_init__(self) -> None:
        if self.architecture not in ("skipgram", "cbow"):
            raise ValueError("architecture is 'skipgram' or 'cbow'")
        for name, (low, high) in self.LIMITS.items():
            value = getattr(self, name)
            if not low <= value <= high:
                raise ValueError(f"{name} must be between {low} and {high}, not {value}")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")


@dataclass(frozen=True)
class EpochProgress:
    epoch: int  # 1-based
    epochs: int
    loss: float  # gensim's summed negative-sampling loss over this epoch
    seconds: float


@dataclass(frozen=True)
class TrainedVectors:
    """A word2vec run's vectors and how it went; saved and loaded as one model file."""

    vectors: KeyedVectors
    losses: tuple[float, ...]
    epochs_run: int
    seconds: float
    stopped: bool  # by the user before the last epoch
    corpus_tokens: int
    corpus_sentences: int
    counts: dict[str, int] = field(repr=False, default_factory=dict)
    config: Word2VecConfig | None = None  # None for vectors loaded from a file

    def save(self) -> bytes:
        """The model file (`lstm_core.serving.assets`): the vectors (float16) in weights.npz, one row per
        line of words.tsv (word, count, tag), the run in card.json."""
        kv = self.vectors
        weights = assets.weights_to_bytes({"vectors": kv.vectors}, np.float16)
        card = ModelCard.from_dict({
            "title": "Word vectors trained in LSTM Lab", "task": "word2vec",
            "data": {"tokens": self.corpus_tokens, "sentences": self.corpus_sentences},
            "config": asdict(self.config) if self.config else {},
            "training_seconds": round(self.seconds, 2), "weights_dtype": "float16",
            "kind": "word_vectors", "vector_size": kv.vector_size, "words": len(kv),
            "losses": list(self.losses), "epochs_run": self.epochs_run, "stopped": self.stopped,
        })
        rows = zip(kv.index_to_key, kv.expandos["count"], kv.expandos["tag"])
        return assets.write_model_file(card, weights, {WORDS_FILE: "\n".join(f"{w}\t{int(c)}\t{t}" for w, c, t in rows)})

    @classmethod
    def load(cls, data: bytes) -> "TrainedVectors":
        """Vectors from a model file written by `save`, every part checked first."""
        file = assets.read_model_file(data)
        try:
            words, counts, tags = zip(*(line.split("\t") for line in file.texts[WORDS_FILE].split("\n")))
            counts = np.array([int(c) for c in counts], np.int64)
            size, details = int(file.card.details["vector_size"]), file.card.details
            vectors = assets.weights_from_bytes(file.weights, {"vectors": (len(words), size)})["vectors"]
            kv = keyed_vectors(list(words), vectors, counts, list(tags))
            return cls(kv, tuple(float(v) for v in details.get("losses", ())), int(details.get("epochs_run", 0)),
                       float(file.card.training_seconds or 0.0), bool(details.get("stopped", False)),
                       int(file.card.data.get("tokens", 0)), int(file.card.data.get("sentences", 0)),
                       dict(zip(words, counts.tolist())))
        except (KeyError, TypeError, ValueError) as error:
            raise assets.AssetError(f"the model file lacks what word vectors need: {error}", "card_incomplete") from error


class TrainingRefused(UserError):
    """The text is too small for the settings, or the settings ask for too much work.

    `reason` ("too_much_work", "too_few_words" or "too_little_text") names the case; the
    page shows `message` (key "tokens.train.refused.<reason>") in the user's language.
    """

    def __init__(self, reason: str, text: str, **values):
        super().__init__(text, Message(f"tokens.train.refused.{reason}", values))
        self.reason, self.values = reason, values



def _refuse_too_much_work(tokens: int, config: Word2VecConfig, max_training_tokens: int | None) -> None:
    """Raise TrainingRefused when tokens x epochs (scaled by window and size) exceed a live session's share."""
    work = tokens * config.epochs * max(1.0, config.window / 5) * max(1.0, config.vector_size / 100)
    if max_training_tokens is not None and work > max_training_tokens:
        raise TrainingRefused(
            "too_much_work",
            f"{tokens:,} tokens x {config.epochs} epochs (window {config.window}, {config.vector_size} dimensions) "
            f"is more than a live session allows ({max_training_tokens:,} token-epochs at window 5, 100 dimensions)",
            tokens=tokens,
            epochs=config.epochs,
        )


class Word2VecTraining:
    """word2vec as a live training job: the vocabulary built at once, then one epoch per `run_epoch`.

    It has the verbs every page's training has (`lstm_core.ui.live_training.Job`), so a
    page trains it through the server's one queue, with progress and a stop button; the
    learning rate decays over the epochs exactly as in one long gensim run.
    """

    def __init__(self, sentences: Sequence[Sequence[str]], config: Word2VecConfig = Word2VecConfig(),
                 tags: dict[str, str] | None = None, max_training_tokens: int | None = MAX_TRAINING_TOKENS,
                 min_words: int = 10) -> None:
        from gensim.models import Word2Vec  # imported here: gensim takes about 2 s to load

        self.sentences = [list(s) for s in sentences if len(s) > 0]
        self.tokens = sum(len(s) for s in self.sentences)
        _refuse_too_much_work(self.tokens, config, max_training_tokens)
        self.model = Word2Vec(vector_size=config.vector_size, window=config.window, min_count=config.min_count,
                              sg=1 if config.architecture == "skipgram" else 0, negative=config.negative,
                              seed=config.seed, workers=config.workers, hashfxn=stable_hash)
        self.model.build_vocab(self.sentences)
        if len(self.model.wv) < min_words:  # fewer words than this make no map worth drawing
            raise TrainingRefused(
                "too_few_words", f"only {len(self.model.wv)} word(s) occur at least {config.min_count} times",
                words=len(self.model.wv), min_count=config.min_count,
            )
        self.config, self.tags = config, tags or {}
        self.alpha, self.min_alpha = self.model.alpha, self.model.min_alpha  # train() overwrites model.alpha
        self.losses: list[float] = []
        self.seconds, self.stopped = 0.0, False

    @property
    def finished(self) -> bool:
        return self.stopped or len(self.losses) >= self.config.epochs

    def progress(self, within_epoch: float = 0.0) -> float:
        return min(1.0, (len(self.losses) + within_epoch) / self.config.epochs)

    def stop(self) -> None:
        self.stopped = True

    def run_epoch(self, on_batch: Callable[[int, int], None] | None = None,
                  should_stop: Callable[[], bool] | None = None) -> EpochProgress:
        """One more pass over the text, at the learning rate this epoch has in the full run."""
        epoch, epochs = len(self.losses), self.config.epochs
        step = (self.alpha - self.min_alpha) / epochs
        started = time.perf_counter()
        self.model.train(self.sentences, total_examples=len(self.sentences), epochs=1, compute_loss=True,
                         start_alpha=self.alpha - step * epoch, end_alpha=self.alpha - step * (epoch + 1))
        self.seconds += time.perf_counter() - started
        self.losses.append(float(self.model.get_latest_training_loss()))
        if on_batch is not None:
            on_batch(1, 1)
        return EpochProgress(epoch + 1, epochs, self.losses[-1], self.seconds)

    def result(self) -> TrainedVectors:
        """The vectors learned so far, sorted by frequency."""
        words = list(self.model.wv.index_to_key)  # gensim sorts by descending count
        counts = [int(self.model.wv.get_vecattr(w, "count")) for w in words]
        kv = keyed_vectors(words, self.model.wv.vectors, counts, [self.tags.get(w, "") for w in words])
        stopped = len(self.losses) < self.config.epochs
        return TrainedVectors(kv, tuple(self.losses), len(self.losses), self.seconds, stopped, self.tokens,
                              len(self.sentences), dict(zip(words, counts)), self.config)


def train_word2vec(
    sentences: Sequence[Sequence[str]],
    config: Word2VecConfig = Word2VecConfig(),
    on_epoch: Callable[[EpochProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    tags: dict[str, str] | None = None,
    max_training_tokens: int | None = MAX_TRAINING_TOKENS,
    min_words: int = 10,
) -> TrainedVectors:
    """Train word2vec on tokenized sentences in one call (offline builds, tests); vectors sorted by frequency."""
    job = Word2VecTraining(sentences, config, tags, max_training_tokens, min_words)
    while not job.finished:
        if should_stop is not None and should_stop():
            break
        progress = job.run_epoch()
        if on_epoch is not None:
            on_epoch(progress)
    return job.result()


def cut_vocabulary(kv: KeyedVectors, max_words: int) -> KeyedVectors:
    """Keep the `max_words` most frequent words (rows are already sorted by frequency)."""
    keep = min(max_words, len(kv))
    return keyed_vectors(kv.index_to_key[:keep], kv.vectors[:keep], kv.expandos["count"][:keep], kv.expandos["tag"][:keep])
