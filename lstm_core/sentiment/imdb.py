"""The article's IMDB movie reviews, read from a copy the user already has.

`keras.datasets.imdb` downloads its file, and this machine is offline, so the page asks
the user to upload one of the two common forms (never a path on the server):
- Keras' `imdb.npz`: x_train / y_train / x_test / y_test, each review a list of word
  ranks (1 = most frequent word). Its arrays are pickled Python lists, so we read them
  with an unpickler that only accepts NumPy arrays and plain lists (nothing executable).
  Words come back from `imdb_word_index.json` when it is uploaded too; otherwise
  each rank is written as a token such as `w123`.
- Stanford's `aclImdb` folder, zipped: train/pos, train/neg, test/pos, test/neg, one
  review per .txt file (a subset is fine).
Every size is checked from the zip's own directory before anything is unpacked.
Reviews are deduplicated, the given test part is kept as the test split, and a
stratified validation part is split off the training reviews with the seed.
"""

from __future__ import annotations

import io
import json
import pickle
import zipfile
from pathlib import PurePosixPath

import numpy as np

from lstm_core.message import Message, UserError
from lstm_core.serving.archive import ArchiveError, Limits, npy_header, open_zip, read_member
from lstm_core.sentiment.sentiment_data import Cleaning, LabelledTexts, SentimentData, deduplicate

CLASSES = ("negative", "positive")
MAX_REVIEWS = 5_000  # per part; a lecture-sized subset (the full set has 25,000 each)
# Keras' imdb.npz is 17 MB; its largest member unpacks to about 40 MB. Unpickling an
# object array costs a few times its size in memory (Python ints and lists), so a member
# is bounded by what it unpacks to, and only the four arrays the page needs are read.
NPZ_LIMITS = Limits(member_bytes=48 * 2**20, total_bytes=160 * 2**20, members=8)
FOLDER_LIMITS = Limits(member_bytes=256 * 2**10, total_bytes=400 * 2**20, members=60_000)
MAX_INDEX_BYTES = 4 * 2**20  # imdb_word_index.json is 1.6 MB
# What the reviews may *produce*, whatever the upload's size: a 4 kB imdb.npz whose ranks
# all map to one 3.9 MB word, or 5,000 reviews sharing one pickled list of 300,000 ranks,
# used to expand to gigabytes. Keras' longest review has 2,494 words and a 5,000 + 5,000
# review subset is about 13 million characters.
MAX_REVIEW_WORDS = 3_000  # word ranks in one review
MAX_WORD_CHARS = 100  # characters of one word in the word index
MAX_TEXT_CHARS = 24 * 2**20  # characters of review text, both parts together (bytes for the folder form)


class ImdbError(UserError):
    """The upload is not an IMDB copy in a known format (`message` for the page)."""

    def __init__(self, text: str, key: str, /, **values):
        super().__init__(text, Message(f"error.imdb.{key}", values))


class _ArrayUnpickler(pickle.Unpickler):
    """Only what an object array of integer lists needs; anything else is refused."""

    ALLOWED = {
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"),
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
    }

    def find_class(self, module: str, name: str):
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"refusing to load {module}.{name} from an IMDB file")
        return super().find_class(module, name)


def _read_npy(archive: zipfile.ZipFile, name: str) -> np.ndarray:
    """A .npy member: plain arrays through NumPy, object arrays through the safe unpickler.

    An object array must unpickle to an ndarray of the shape its header declares: a plain
    list of lists would be expanded by NumPy into a matrix (5,000 references to one list
    of 300,000 ranks become 1.5 billion cells), so anything else is refused.
    """
    shape, dtype = npy_header(archive, name)
    buffer = io.BytesIO(read_member(archive, name))
    if not dtype.hasobject:
        return np.load(buffer, allow_pickle=False)
    version = np.lib.format.read_magic(buffer)
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    read_header(buffer)
    array = _ArrayUnpickler(buffer).load()
    if not isinstance(array, np.ndarray) or array.shape != shape:
        raise ImdbError(f"{name} does not hold the array its header declares", "bad_npz")
    return array


class _TextBudget:
    """Characters of review text still allowed (MAX_TEXT_CHARS for the whole upload)."""

    def __init__(self) -> None:
        self.left = MAX_TEXT_CHARS

    def spend(self, chars: int) -> None:
        self.left -= chars
        if self.left < 0:
            raise ImdbError(f"the reviews add up to more than {MAX_TEXT_CHARS // 2**20} M characters of text", "too_much_text",
                            megabytes=MAX_TEXT_CHARS // 2**20)


def _review(ranks, index_to_word: dict[int, str], name: str, budget: _TextBudget) -> str:
    """One review's text from its word ranks, refused before it grows past the limits."""
    if len(ranks) > MAX_REVIEW_WORDS:
        raise ImdbError(f"a review in {name} has {len(ranks):,} words; at most {MAX_REVIEW_WORDS:,} are accepted",
                        "review_too_long", x=name, words=len(ranks), limit=MAX_REVIEW_WORDS)
    ranks = np.asarray(ranks, dtype=np.int64)  # refuses nested lists and integers past 64 bits
    if ranks.ndim != 1 or (len(ranks) and (ranks.min() < 0 or ranks.max() >= 2**31)):
        raise ImdbError(f"{name} does not hold lists of word ranks", "not_ranks", x=name)
    text = " ".join(index_to_word.get(r) or f"w{r}" for r in ranks.tolist())
    budget.spend(len(text))
    return text


def _word_index(data: bytes | None) -> dict[int, str]:
    """rank -> word from an uploaded imdb_word_index.json ({word: rank}); no word longer than MAX_WORD_CHARS."""
    if not data:
        return {}
    if len(data) > MAX_INDEX_BYTES:
        raise ImdbError(f"the word index is larger than {MAX_INDEX_BYTES // 2**20} MB", "index_too_large",
                        megabytes=MAX_INDEX_BYTES // 2**20)
    try:
        index = {int(rank): str(word) for word, rank in json.loads(data.decode("utf-8")).items()}
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError, TypeError, ValueError, OverflowError,
            RecursionError) as error:
        raise ImdbError(f"the word index is not imdb_word_index.json ({{word: rank}}): {error}", "bad_index") from error
    longest = max(map(len, index.values()), default=0)
    if longest > MAX_WORD_CHARS:
        raise ImdbError(f"the word index holds a word of {longest:,} characters; at most {MAX_WORD_CHARS} are accepted",
                        "word_too_long", chars=longest, limit=MAX_WORD_CHARS)
    return index


Parts = tuple[tuple[list[str], list[int]], tuple[list[str], list[int]]]
ARRAYS = ("x_train", "y_train", "x_test", "y_test")


def read_npz(archive: zipfile.ZipFile, index_to_word: dict[int, str], limit: int = MAX_REVIEWS) -> Parts:
    """(train texts, labels), (test texts, labels) from Keras' imdb.npz.

    One array at a time, cut to `limit` reviews before the next is read; each review's
    text is checked against the word and character limits as it is written.
    """
    names = {name.removesuffix(".npy") for name in archive.namelist()}
    missing = sorted(set(ARRAYS) - names)
    if missing:
        raise ImdbError(f"the file lacks the arrays {missing}", "missing_arrays", arrays=", ".join(missing))
    budget, parts = _TextBudget(), []
    for part in ("train", "test"):
        x_name, y_name = f"x_{part}", f"y_{part}"
        try:
            labels = [int(label) for label in _read_npy(archive, f"{y_name}.npy")[:limit]]
            reviews = _read_npy(archive, f"{x_name}.npy")[:limit].copy()  # the rest of the array is freed here
        except (ValueError, TypeError, pickle.UnpicklingError, EOFError, OSError, MemoryError) as error:
            if isinstance(error, ImdbError):
                raise
            raise ImdbError(f"not a readable imdb.npz: {error}", "bad_npz") from error
        if len(reviews) != len(labels):
            raise ImdbError(f"{x_name} and {y_name} have different lengths", "lengths", x=x_name, y=y_name)
        try:
            texts = [_review(ranks, index_to_word, x_name, budget) for ranks in reviews]
        except (TypeError, ValueError, OverflowError) as error:
            if isinstance(error, ImdbError):
                raise
            raise ImdbError(f"{x_name} does not hold lists of word ranks: {error}", "not_ranks", x=x_name) from error
        parts.append((texts, labels))
    return parts[0], parts[1]


def read_folder(archive: zipfile.ZipFile, limit: int = MAX_REVIEWS) -> Parts:
    """(train texts, labels), (test texts, labels) from a zipped aclImdb folder (sorted order).

    The folder may sit at the zip's top or one level down (aclImdb/train/pos/...).
    """
    by_folder: dict[tuple[str, str], list[zipfile.ZipInfo]] = {}
    for info in archive.infolist():
        path = PurePosixPath(info.filename)
        if path.suffix == ".txt" and len(path.parts) >= 3 and path.parts[-3] in ("train", "test"):
            by_folder.setdefault((path.parts[-3], path.parts[-2]), []).append(info)
    budget, parts = _TextBudget(), []
    for part in ("train", "test"):
        texts, labels = [], []
        for label, sentiment in enumerate(("neg", "pos")):
            files = sorted(by_folder.get((part, sentiment), []), key=lambda info: info.filename)[: limit // 2]
            if not files:
                raise ImdbError(f"no {part}/{sentiment}/*.txt in the zip; an aclImdb folder has train/ and test/, each with pos/ and neg/",
                                "no_reviews", folder=f"{part}/{sentiment}/")
            for info in files:
                budget.spend(info.file_size)  # bytes, from the zip's directory: at least the characters they decode to
                texts.append(read_member(archive, info.filename).decode("utf-8", errors="replace").replace("<br />", " "))
            labels += [label] * len(files)
        parts.append((texts, labels))
    return parts[0], parts[1]


def read_upload(data: bytes, word_index: bytes | None = None, limit: int = MAX_REVIEWS) -> Parts:
    """Train and test reviews from an uploaded imdb.npz or a zipped aclImdb folder."""
    if not isinstance(data, (bytes, bytearray)) or not data:  # never a path: nothing is read from the server
        raise ImdbError("upload imdb.npz or a zip of the aclImdb folder", "no_upload")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as probe:
            is_npz = all(name.endswith(".npy") for name in probe.namelist())
        with open_zip(data, NPZ_LIMITS if is_npz else FOLDER_LIMITS) as archive:
            return read_npz(archive, _word_index(word_index), limit) if is_npz else read_folder(archive, limit)
    except zipfile.BadZipFile as error:
        raise ImdbError("the file is neither imdb.npz nor a zip of the aclImdb folder", "unknown_format") from error
    except ArchiveError as error:
        raise ImdbError(str(error), "bad_zip", reason=error.message) from error


def load(data: bytes, word_index: bytes | None = None, seed: int = 0, limit: int = MAX_REVIEWS) -> SentimentData:
    """IMDB from an uploaded imdb.npz (+ optional word index) or aclImdb zip, as a split `SentimentData`."""
    from sklearn.model_selection import train_test_split

    (train_texts, train_labels), (test_texts, test_labels) = read_upload(data, word_index, limit)
    if not {0, 1} <= set(train_labels) or not test_labels:
        raise ImdbError("the IMDB copy needs positive and negative training reviews and some test reviews", "too_few_reviews")

    train_texts, train_array, train_cleaning = deduplicate(train_texts, train_labels)
    test_texts, test_array, test_cleaning = deduplicate(test_texts, test_labels)
    # A test review that also appears in training would leak: keep it in training only.
    seen = set(train_texts)
    keep = [i for i, text in enumerate(test_texts) if text not in seen]
    index = np.arange(len(train_texts))
    val_size = max(len(CLASSES), round(0.1 * len(index)))  # at least one review of each class
    fit, val = train_test_split(index, test_size=val_size, stratify=train_array, random_state=seed)

    def part(texts, labels, rows) -> LabelledTexts:
        rows = np.sort(np.asarray(rows, dtype=int))
        return LabelledTexts(tuple(texts[r] for r in rows), labels[rows])

    cleaning = Cleaning(
        rows=train_cleaning.rows + test_cleaning.rows,
        empty=train_cleaning.empty + test_cleaning.empty,
        duplicates=train_cleaning.duplicates + test_cleaning.duplicates + len(test_texts) - len(keep),
        conflicting_texts=train_cleaning.conflicting_texts + test_cleaning.conflicting_texts,
        kept=len(train_texts) + len(keep),
    )
    return SentimentData(
        "imdb", "en", CLASSES,
        part(train_texts, train_array, fit), part(train_texts, train_array, val), part(test_texts, test_array, keep),
        cleaning, seed,
    )
