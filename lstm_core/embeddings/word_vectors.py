"""Word vectors: stored safely, loaded as gensim `KeyedVectors`, and queried.

A word-vector set is `assets/word_vectors_<language>.npz` (arrays only, read with
`allow_pickle=False`: `vectors` float16 (N, D), `words`, `counts`, `tags`), rows sorted
by corpus frequency, plus a JSON model card beside it that holds the file's SHA-256.
gensim's own `.save/.load` use pickle, which can run code from a file; we never use them.

Queries follow word2vec's conventions: similarity is the cosine of two vectors, and an
analogy "a - b + c" returns the words nearest to that sum (the three inputs excluded), as
in Mikolov et al. (2013): vec(国王) - vec(男人) + vec(女人) lands near vec(女王).
"""

from __future__ import annotations

import difflib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

from lstm_core.serving.assets import ASSETS, AssetError, read_card, read_weights, write_asset
from lstm_core.serving.cards import ModelCard

if TYPE_CHECKING:  # gensim takes about 2 s to import: load it only when vectors are needed
    from gensim.models import KeyedVectors

LANGUAGES = ("zh", "en")


def asset_name(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"word vectors exist for {LANGUAGES}, not {language!r}")
    return f"word_vectors_{language}"


# ---------------------------------------------------------------- storage


def keyed_vectors(words: Sequence[str], vectors: np.ndarray, counts=None, tags=None) -> "KeyedVectors":
    """Build KeyedVectors from plain arrays; `counts` and `tags` become per-word attributes."""
    from gensim.models import KeyedVectors

    vectors = np.asarray(vectors, dtype=np.float32)  # (N, D)
    if len(words) != len(vectors) or len(set(words)) != len(words):
        raise ValueError("one distinct word per vector row is needed")
    kv = KeyedVectors(vector_size=vectors.shape[1], count=0, dtype=np.float32)
    kv.add_vectors(list(words), vectors)
    kv.expandos["count"] = np.asarray(counts if counts is not None else np.zeros(len(words)), dtype=np.int64)
    kv.expandos["tag"] = np.asarray(tags if tags is not None else [""] * len(words), dtype=str)
    return kv


def vectors_to_bytes(kv: KeyedVectors, dtype=np.float16) -> bytes:
    """The .npz bytes of `kv` (arrays only; words as fixed-width unicode, no pickle)."""
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        vectors=kv.vectors.astype(dtype),
        words=np.array(kv.index_to_key, dtype=str),
        counts=np.asarray(kv.expandos.get("count", np.zeros(len(kv))), dtype=np.int64),
        tags=np.asarray(kv.expandos.get("tag", [""] * len(kv)), dtype=str),
    )
    return buffer.getvalue()


def vectors_from_bytes(data: bytes) -> KeyedVectors:
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            return keyed_vectors([str(w) for w in archive["words"]], archive["vectors"], archive["counts"], archive["tags"])
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise AssetError(f"not a valid word-vector file: {error}", "word_vectors") from error



def round_trip(kv: KeyedVectors, dtype=np.float16) -> KeyedVectors:
    """`kv` exactly as it will be after saving and loading (float16-rounded)."""
    return vectors_from_bytes(vectors_to_bytes(kv, dtype))


def save_word_vectors(kv: KeyedVectors, name: str, card: dict, folder: Path = ASSETS) -> ModelCard:
    """Write the shipped `<name>.npz` and its card `<name>.json` (the build's); returns the card as written."""
    data = vectors_to_bytes(kv)
    card = {**card, "weights_dtype": "float16", "weights_bytes": len(data)}
    return write_asset(name, data, card, folder)


def load_word_vectors(language: str, folder: Path = ASSETS) -> KeyedVectors:
    """The shipped word vectors for "zh" (People's Daily) or "en" (tweets), SHA-256 checked."""
    return vectors_from_bytes(read_weights(read_card(asset_name(language), folder), folder))


@dataclass(frozen=True)
class VectorSetCard:
    """What a shipped vector set's card records, typed (the Tokens page's summary and neighbour table)."""

    corpus_tokens: int
    words: int  # kept in the set
    architecture: str  # "skipgram" or "cbow"
    vector_size: int
    epochs: int
    seconds: float  # training time
    analogy_correct: int
    analogy_answered: int
    baseline_correct: int  # the nearest-neighbour-of-c baseline, same questions
    weights_bytes: int
    neighbours: dict[str, tuple[tuple[str, float], ...]]  # word -> its nearest words and cosines
    card: ModelCard  # the whole card, for the page's JSON view

    @classmethod
    def from_card(cls, card: ModelCard) -> "VectorSetCard":
        training = card.details["training"]
        neighbours = {word: tuple((str(w), float(s)) for w, s in found)
                      for word, found in card.details["nearest_neighbours"].items()}
        return cls(int(card.data["tokens"]), int(card.details["vocabulary"]["kept"]), str(training["architecture"]),
                   int(card.details["vector_size"]), int(training["epochs"]), float(training["seconds"]),
                   int(card.metrics["analogy_correct"]), int(card.metrics["analogy_answered"]),
                   int(card.baseline["analogy_correct"]), int(card.details["weights_bytes"]), neighbours, card)


def word_vector_card(language: str, folder: Path = ASSETS) -> VectorSetCard:
    return VectorSetCard.from_card(read_card(asset_name(language), folder))


def embedding_matrix(kv: KeyedVectors, tokens: Sequence[str], rng: np.random.Generator) -> np.ndarray:
    """(len(tokens), D) starting weights for an Embedding layer: a token's word vector where
    it has one, else small random values of the same spread; row 0 (padding) is zero."""
    scale = float(kv.vectors.std())
    out = rng.normal(0.0, scale, (len(tokens), kv.vector_size)).astype(np.float32)
    for row, token in enumerate(tokens):
        if token in kv.key_to_index:
            out[row] = kv[token]
    out[0] = 0.0
    return out


# ---------------------------------------------------------------- queries


class UnknownWords(KeyError):
    """Some words are not in the vocabulary; `suggestions` maps each to close known words."""

    def __init__(self, suggestions: dict[str, list[str]]):
        super().__init__(", ".join(suggestions))
        self.suggestions = suggestions


@dataclass(frozen=True)
class Neighbour:
    word: str
    similarity: float  # cosine, in [-1, 1]


@dataclass(frozen=True)
class Analogy:
    a: str
    b: str
    c: str
    answers: tuple[Neighbour, ...]  # nearest to a - b + c, inputs excluded


MAX_PROBE_LENGTH = 40  # characters of an unknown word compared with the vocabulary


def close_words(kv: KeyedVectors, word: str, n: int = 5) -> list[str]:
    """Known words that look like `word`: shared characters for Chinese, spelling for the rest."""
    word = word.strip()[:MAX_PROBE_LENGTH]
    if not word:
        return []
    if any("\u4e00" <= ch <= "\u9fff" for ch in word):
        chars = set(word)
        scored = [(len(chars & set(w)), -i, w) for i, w in enumerate(kv.index_to_key) if chars & set(w)]
        return [w for _, _, w in sorted(scored, reverse=True)[:n]]
    return difflib.get_close_matches(word.lower(), kv.index_to_key[:20_000], n=n, cutoff=0.6)


Closer = Callable[["KeyedVectors", str], list[str]]  # close_words, or a page's cached version of it


def check_known(kv: KeyedVectors, words: Sequence[str], close: Closer = close_words) -> None:
    """Raise UnknownWords (with suggestions by `close`) if any of `words` has no vector.

    Suggesting scans the vocabulary (about 0.1 s a word here), so a page passes a cached `close`.
    """
    missing = {w: close(kv, w) for w in words if w not in kv.key_to_index}
    if missing:
        raise UnknownWords(missing)


def neighbours(kv: KeyedVectors, word: str, top: int = 10, close: Closer = close_words) -> list[Neighbour]:
    """The `top` words with the highest cosine similarity to `word`."""
    check_known(kv, [word], close)
    return [Neighbour(w, float(s)) for w, s in kv.most_similar(word, topn=top)]


def analogy(kv: KeyedVectors, a: str, b: str, c: str, top: int = 5, close: Closer = close_words) -> Analogy:
    """Words nearest to vec(a) - vec(b) + vec(c) (e.g. 国王 - 男人 + 女人)."""
    check_known(kv, [a, b, c], close)
    found = kv.most_similar(positive=[a, c], negative=[b], topn=top)
    return Analogy(a, b, c, tuple(Neighbour(w, float(s)) for w, s in found))


@dataclass(frozen=True)
class AnalogyScore:
    questions: int
    answered: int  # all four words known
    correct: int  # the expected word ranked first
    accuracy: float  # correct / answered (0 when none answered)
    baseline_correct: int  # answered by the word nearest to c alone, ignoring a and b
    baseline_accuracy: float


def read_questions(path: Path) -> list[tuple[str, str, str, str]]:
    """Analogy questions, one `a b c d` per line (a is to b as c is to d); '#' starts a comment."""
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            parts = line.split()
            if len(parts) != 4:
                raise ValueError(f"an analogy line has four words: {line!r}")
            questions.append(tuple(parts))
    return questions


def analogy_accuracy(kv: "KeyedVectors", questions: Sequence[tuple[str, str, str, str]]) -> AnalogyScore:
    """Share of questions a:b :: c:d whose top answer to b - a + c is d (unknown words skipped).

    The baseline answers with c's nearest neighbour (a, b, c excluded): it shows how much
    the offset b - a adds beyond "a word similar to c".
    """
    answered = correct = baseline = 0
    for a, b, c, d in questions:
        if all(w in kv.key_to_index for w in (a, b, c, d)):
            answered += 1
            correct += analogy(kv, b, a, c, top=1).answers[0].word == d
            nearest = next(w for w, _ in kv.most_similar(c, topn=4) if w not in (a, b, c))
            baseline += nearest == d
    share = (lambda n: n / answered if answered else 0.0)
    return AnalogyScore(len(questions), answered, correct, share(correct), baseline, share(baseline))
