"""Sentiment data: deduplication, conflicting labels, leak-free stratified splits, IMDB loader."""

import io
import json
import zipfile

import numpy as np
import pytest

from lstm_core.sentiment import imdb, sentiment_data
from tests.helpers import zip_bytes


def test_deduplicate_keeps_first_and_drops_conflicts():
    texts = ["good", " good ", "bad", "meh", "meh", "", "good"]
    labels = [1, 1, 0, 1, 0, 1, 1]
    kept, kept_labels, cleaning = sentiment_data.deduplicate(texts, labels)
    assert kept == ["good", "bad"]
    assert kept_labels.tolist() == [1, 0]
    assert (cleaning.duplicates, cleaning.conflicting_texts, cleaning.empty, cleaning.kept) == (2, 1, 1, 2)


@pytest.fixture(scope="module")
def reviews():
    return sentiment_data.load("reviews", seed=0)


def test_reviews_are_deduplicated_and_split_without_leaks(reviews):
    parts = (reviews.train, reviews.validation, reviews.test)
    assert reviews.cleaning.kept == sum(len(p) for p in parts) == 17_363  # DATA.md's count
    assert reviews.cleaning.conflicting_texts == 47
    train = set(reviews.train.texts)
    assert not train & set(reviews.test.texts)
    assert not train & set(reviews.validation.texts)
    assert not set(reviews.validation.texts) & set(reviews.test.texts)
    # Stratified: every part has (nearly) the same share of positive reviews.
    shares = [p.labels.mean() for p in parts]
    assert max(shares) - min(shares) < 0.01


def test_split_depends_on_seed_only(reviews):
    again = sentiment_data.load("reviews", seed=0)
    assert again.test.texts == reviews.test.texts
    other = sentiment_data.load("reviews", seed=1)
    assert other.test.texts != reviews.test.texts


def test_tweets_three_classes_repaired_and_split():
    data = sentiment_data.load("tweets", seed=0)
    assert data.classes == ("negative", "neutral", "positive")
    assert set(np.unique(data.test.labels)) == {0, 1, 2}
    assert not set(data.train.texts) & set(data.test.texts)
    assert not any("\u0562_" in text for text in data.train.texts)  # the "բ_" mojibake is gone
    with pytest.raises(ValueError):
        sentiment_data.load("nope")


# ---- IMDB: a tiny fixture in both formats ------------------------------------------------
WORDS = {"the": 1, "movie": 2, "great": 3, "awful": 4, "plot": 5}


def _npz_bytes(x_train, y_train, x_test, y_test) -> bytes:
    arrays = {
        "x_train": np.array(x_train, dtype=object), "y_train": np.array(y_train),
        "x_test": np.array(x_test, dtype=object), "y_test": np.array(y_test),
    }
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_imdb_npz_with_word_index():
    x_train = [[1, 2, 3], [1, 2, 4], [2, 3, 3], [5, 4], [1, 5, 3], [4, 4, 2]] * 2
    y_train = [1, 0, 1, 0, 1, 0] * 2
    data = _npz_bytes([list(x) + [10 + i] for i, x in enumerate(x_train)], y_train, [[3, 2], [4, 5]], [1, 0])
    data = imdb.load(data, json.dumps(WORDS).encode(), seed=0)
    assert data.classes == ("negative", "positive") and data.language == "en"
    assert data.test.texts == ("great movie", "awful plot")
    assert len(data.train) + len(data.validation) == 12
    assert not set(data.train.texts) & set(data.test.texts)


def test_imdb_npz_without_index_uses_rank_tokens():
    data = imdb.load(_npz_bytes([[7, 8], [9, 8], [7, 7], [9, 9]] * 3, [1, 0, 1, 0] * 3, [[7]], [1]))
    assert data.test.texts == ("w7",)


def test_imdb_zipped_folder():
    files = {}
    for part in ("train", "test"):
        for sentiment, word in (("pos", "great"), ("neg", "awful")):
            for i in range(6 if part == "train" else 2):
                files[f"aclImdb/{part}/{sentiment}/{i}_7.txt"] = f"A {word} film<br />number {i} {part}".encode()
    data = imdb.load(zip_bytes(files))
    assert len(data.test) == 4
    assert "<br />" not in data.train.texts[0]
    assert sorted(np.unique(data.train.labels).tolist()) == [0, 1]


def test_imdb_bad_uploads():
    with pytest.raises(imdb.ImdbError, match="upload"):
        imdb.load(b"")
    with pytest.raises(imdb.ImdbError, match="neither"):
        imdb.load(b"not a zip")
    with pytest.raises(imdb.ImdbError, match="no train/neg"):
        imdb.load(zip_bytes({"readme.txt": b"hello"}))  # a zip without train/neg
    buffer = io.BytesIO()
    np.savez(buffer, x_train=np.arange(3))
    with pytest.raises(imdb.ImdbError, match="lacks"):
        imdb.load(buffer.getvalue())
    with pytest.raises(imdb.ImdbError, match="word index"):
        imdb.load(_npz_bytes([[1]], [1], [[1]], [1]), b"[1, 2]")


def test_imdb_bomb_refused_before_unpacking():
    """A member declaring more than the limit is refused from the zip directory alone."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("x_train.npy", "w", force_zip64=True) as member:
            for _ in range(80):
                member.write(bytes(2**20))
    with pytest.raises(imdb.ImdbError, match="at most"):
        imdb.load(buffer.getvalue())


def test_imdb_refuses_pickled_code():
    """An object array that would run code on unpickling is refused, not executed."""
    import os
    import pickle

    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned",))

    payload = pickle.dumps(np.array([Evil()], dtype=object))
    header = {"descr": "|O", "fortran_order": False, "shape": (1,)}
    import io
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, header)
    data = zip_bytes({f"{name}.npy": buffer.getvalue() + payload for name in ("x_train", "y_train", "x_test", "y_test")})
    with pytest.raises(imdb.ImdbError, match="refusing"):
        imdb.load(data)
