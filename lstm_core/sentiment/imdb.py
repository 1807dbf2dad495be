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
# Keras' imdb.npz is 17 MB; its largest member unpacks to about 40 MB.
NPZ_LIMITS = Limits(member_bytes=64 * 2**20, total_bytes=160 * 2**20, members=8)
FOLDER_LIMITS = Limits(member_bytes=256 * 2**10, total_bytes=400 * 2**20, members=60_000)
MAX_TEXT_BYTES = 40 * 2**20  # review text actually read from a zipped aclImdb folder
MAX_INDEX_BYTES = 4 * 2**20  # imdb_word_index.json is 1.6 MB


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
    """A .npy member: plain arrays through NumPy, object arrays through the safe unpickler."""
    shape, dtype = npy_header(archive, name)
    buffer = io.BytesIO(read_member(archive, name))
    if not dtype.hasobject:
        return np.load(buffer, allow_pickle=False)
    version = np.lib.format.read_magic(buffer)
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    read_header(buffer)
    return np.asarray(_ArrayUnpickler(buffer).load(), dtype=object).reshape(shape)


def _words(ranks, index_to_word: dict[int, str]) -> str:
    return " ".join(index_to_word.get(int(r), f"w{int(r)}") for r in ranks)


def _word_index(data: bytes | None) -> dict[int, str]:
    """rank -> word from an uploaded imdb_word_index.json ({word: rank})."""
    if not data:
        return {}
    if len(data) > MAX_INDEX_BYTES:
        raise ImdbError(f"the word index is larger than {MAX_INDEX_BYTES // 2**20} MB", "index_too_large",
                        megabytes=MAX_INDEX_BYTES // 2**20)
    try:
        index = json.loads(data.decode("utf-8"))
        return {int(rank): str(word) for word, rank in index.items()}
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError, TypeError, ValueError) as error:
        raise ImdbError(f"the word index is not imdb_word_index.json ({{word: rank}}): {error}", "bad_index") from error


Parts = tuple[tuple[list[str], list[int]], tuple[list[str], list[int]]]


def read_npz(archive: zipfile.ZipFile, index_to_word: dict[int, str], limit: int = MAX_REVIEWS) -> Parts:
    """(train texts, labels), (test texts, labels) from Keras' imdb.npz."""
    try:
        arrays = {name.removesuffix(".npy"): _read_npy(archive, name) for name in archive.namelist()}
    except (ValueError, pickle.UnpicklingError, EOFError, OSError, MemoryError) as error:
        raise ImdbError(f"not a readable imdb.npz: {error}", "bad_npz") from error
    missing = {"x_train", "y_train", "x_test", "y_test"} - arrays.keys()
    if missing:
        raise ImdbError(f"the file lacks the arrays {sorted(missing)}", "missing_arrays", arrays=", ".join(sorted(missing)))
    parts = []
    for part in ("train", "test"):
        x, y = arrays[f"x_{part}"][:limit], arrays[f"y_{part}"][:limit]
        if len(x) != len(y):
            raise ImdbError(f"x_{part} and y_{part} have different lengths", "lengths", x=f"x_{part}", y=f"y_{part}")
        try:
            parts.append(([_words(ranks, index_to_word) for ranks in x], [int(label) for label in y]))
        except (TypeError, ValueError) as error:
            raise ImdbError(f"x_{part} does not hold lists of word ranks: {error}", "not_ranks", x=f"x_{part}") from error
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
    budget, parts = MAX_TEXT_BYTES, []
    for part in ("train", "test"):
        texts, labels = [], []
        for label, sentiment in enumerate(("neg", "pos")):
            files = sorted(by_folder.get((part, sentiment), []), key=lambda info: info.filename)[: limit // 2]
            if not files:
                raise ImdbError(f"no {part}/{sentiment}/*.txt in the zip; an aclImdb folder has train/ and test/, each with pos/ and neg/",
                                "no_reviews", folder=f"{part}/{sentiment}/")
            for info in files:
                budget -= info.file_size
                if budget < 0:
                    raise ImdbError(f"the reviews add up to more than {MAX_TEXT_BYTES // 2**20} MB of text", "too_much_text",
                                    megabytes=MAX_TEXT_BYTES // 2**20)
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
