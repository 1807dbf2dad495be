"""The article's IMDB movie reviews, read from a copy the user already has.

`keras.datasets.imdb` downloads its file, and this machine is offline, so the page asks
for a path to one of the two common forms:
- Keras' `imdb.npz`: x_train / y_train / x_test / y_test, each review a list of word
  ranks (1 = most frequent word). Its arrays are pickled Python lists, so we read them
  with an unpickler that only accepts NumPy arrays and plain lists (nothing executable).
  Words come back from `imdb_word_index.json` when it lies beside the file; otherwise
  each rank is written as a token such as `w123`.
- Stanford's `aclImdb` folder: train/pos, train/neg, test/pos, test/neg, one review
  per .txt file.
Reviews are deduplicated, the given test part is kept as the test split, and a
stratified validation part is split off the training reviews with the seed.
"""

from __future__ import annotations

import io
import json
import pickle
import zipfile
from pathlib import Path

import numpy as np

from lstm_core.sentiment.sentiment_data import Cleaning, LabelledTexts, SentimentData, deduplicate

CLASSES = ("negative", "positive")
MAX_REVIEWS = 5_000  # per part; a lecture-sized subset (the full set has 25,000 each)


class ImdbError(ValueError):
    """The path is missing or is not an IMDB copy in a known format."""


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


def _read_npy(data: bytes) -> np.ndarray:
    """A .npy member: plain arrays through NumPy, object arrays through the safe unpickler."""
    buffer = io.BytesIO(data)
    version = np.lib.format.read_magic(buffer)
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    shape, _, dtype = read_header(buffer)
    if dtype.hasobject:
        return np.asarray(_ArrayUnpickler(buffer).load(), dtype=object).reshape(shape)
    buffer.seek(0)
    return np.load(buffer, allow_pickle=False)


def _words(ranks, index_to_word: dict[int, str]) -> str:
    return " ".join(index_to_word.get(int(r), f"w{int(r)}") for r in ranks)


def read_npz(path: Path, limit: int = MAX_REVIEWS) -> tuple[tuple[list[str], list[int]], tuple[list[str], list[int]]]:
    """(train texts, labels), (test texts, labels) from Keras' imdb.npz."""
    try:
        with zipfile.ZipFile(path) as archive:
            arrays = {name.removesuffix(".npy"): _read_npy(archive.read(name)) for name in archive.namelist()}
    except (zipfile.BadZipFile, ValueError, pickle.UnpicklingError, EOFError, OSError) as error:
        raise ImdbError(f"{path.name} is not a readable imdb.npz: {error}") from error
    missing = {"x_train", "y_train", "x_test", "y_test"} - arrays.keys()
    if missing:
        raise ImdbError(f"{path.name} lacks the arrays {sorted(missing)}")
    index_file = path.with_name("imdb_word_index.json")
    index_to_word: dict[int, str] = {}
    if index_file.is_file():
        index_to_word = {int(rank): word for word, rank in json.loads(index_file.read_text(encoding="utf-8")).items()}
    parts = []
    for part in ("train", "test"):
        x, y = arrays[f"x_{part}"][:limit], arrays[f"y_{part}"][:limit]
        if len(x) != len(y):
            raise ImdbError(f"x_{part} and y_{part} have different lengths")
        try:
            parts.append(([_words(ranks, index_to_word) for ranks in x], [int(label) for label in y]))
        except (TypeError, ValueError) as error:
            raise ImdbError(f"x_{part} does not hold lists of word ranks: {error}") from error
    return parts[0], parts[1]


def read_folder(root: Path, limit: int = MAX_REVIEWS) -> tuple[tuple[list[str], list[int]], tuple[list[str], list[int]]]:
    """(train texts, labels), (test texts, labels) from an aclImdb folder (sorted file order)."""
    parts = []
    for part in ("train", "test"):
        texts, labels = [], []
        for label, sentiment in enumerate(("neg", "pos")):
            folder = root / part / sentiment
            if not folder.is_dir():
                raise ImdbError(f"{folder} is missing; an aclImdb folder has train/ and test/, each with pos/ and neg/")
            files = sorted(folder.glob("*.txt"))[: limit // 2]
            texts += [f.read_text(encoding="utf-8", errors="replace").replace("<br />", " ") for f in files]
            labels += [label] * len(files)
        parts.append((texts, labels))
    return parts[0], parts[1]


def load(path: str | Path, seed: int = 0, limit: int = MAX_REVIEWS) -> SentimentData:
    """IMDB from a path to imdb.npz or to an aclImdb folder, as a split `SentimentData`."""
    from sklearn.model_selection import train_test_split

    path = Path(str(path).strip()).expanduser()
    if not str(path).strip() or not path.exists():
        raise ImdbError(f"nothing at {str(path)!r}; give the path of imdb.npz or of the aclImdb folder")
    (train_texts, train_labels), (test_texts, test_labels) = (
        read_folder(path, limit) if path.is_dir() else read_npz(path, limit)
    )
    if not {0, 1} <= set(train_labels) or not test_labels:
        raise ImdbError("the IMDB copy needs positive and negative training reviews and some test reviews")
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
