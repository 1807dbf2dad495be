"""IMDB uploads are bounded by what they produce, not only by their bytes (issue 22).

A 4 kB imdb.npz whose ranks all map to one 3.9 MB word, or 5,000 reviews sharing one
pickled list of 300,000 ranks, used to take the server past 3 GB. Each limit is tested
at its edge: the limit is read, one more is refused, before the text is built.
"""

import io
import json
import tracemalloc
import zipfile

import numpy as np
import pytest

from lstm_core.sentiment import imdb
from tests.helpers import imdb_npz, zip_bytes


def npz(train_rows, test_rows=((1, 2),)) -> bytes:
    return imdb_npz(list(train_rows), list(test_rows))


def refused(data: bytes, index: bytes | None = None) -> str:
    with pytest.raises(imdb.ImdbError) as error:
        imdb.read_upload(data, index)
    return error.value.message.key


def test_a_word_of_exactly_the_limit_is_read_and_one_character_more_refused():
    rows = [[1, 2]] * 4
    (texts, _), _ = imdb.read_upload(npz(rows), json.dumps({"a" * imdb.MAX_WORD_CHARS: 1}).encode())
    assert texts[0] == "a" * imdb.MAX_WORD_CHARS + " w2"
    assert refused(npz(rows), json.dumps({"a" * (imdb.MAX_WORD_CHARS + 1): 1}).encode()) == "error.imdb.word_too_long"


def test_the_issues_one_huge_word_is_refused_before_any_review_is_written():
    data = npz([[1] * 200] * 5_000)
    assert len(data) < 20_000
    tracemalloc.start()
    assert refused(data, json.dumps({"x" * 3_900_000: 1}).encode()) == "error.imdb.word_too_long"
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 60 * 2**20  # the word index itself, a few copies; it was 3 GB


def test_a_review_of_exactly_the_word_limit_is_read_and_one_word_more_refused():
    (texts, _), _ = imdb.read_upload(npz([[7] * imdb.MAX_REVIEW_WORDS, [8]]))
    assert len(texts[0].split()) == imdb.MAX_REVIEW_WORDS
    assert refused(npz([[7] * (imdb.MAX_REVIEW_WORDS + 1), [8]])) == "error.imdb.review_too_long"


def test_the_issues_shared_pickled_list_is_refused_at_its_first_review():
    shared = [1] * 300_000  # pickled once, referenced by every review
    data = npz([shared] * 5_000)
    assert len(data) < 20_000
    tracemalloc.start()
    assert refused(data) == "error.imdb.review_too_long"
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 60 * 2**20


def test_a_pickled_list_instead_of_an_array_is_refused_not_expanded():
    """np.asarray would turn 5,000 references to one list into a 5,000 x 300,000 matrix."""
    import pickle

    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "|O", "fortran_order": False, "shape": (5_000,)})
    member = header.getvalue() + pickle.dumps([[1] * 300_000] * 5_000, protocol=3)
    with zipfile.ZipFile(io.BytesIO(npz([[1]] * 5_000))) as good:
        arrays = {name: good.read(name) for name in good.namelist()}
    assert refused(zip_bytes({**arrays, "x_train.npy": member})) == "error.imdb.bad_npz"


def test_the_text_produced_has_an_exact_limit(monkeypatch):
    rows = [[1, 2, 3]] * 4  # "w1 w2 w3": 8 characters a review, 5 reviews with the test one
    monkeypatch.setattr(imdb, "MAX_TEXT_CHARS", 8 * 4 + 5)  # the test review "w1 w2" has 5
    imdb.read_upload(npz(rows))
    monkeypatch.setattr(imdb, "MAX_TEXT_CHARS", 8 * 4 + 4)
    assert refused(npz(rows)) == "error.imdb.too_much_text"


@pytest.mark.parametrize("rank", [-1, 2**31, 10**30])
def test_ranks_out_of_range_are_refused(rank):
    assert refused(npz([[1, rank], [2]])) == "error.imdb.not_ranks"


@pytest.mark.parametrize("index", [b'{"a": 1e999}', b"[" * 100_000, b'{"a": "x"}'])
def test_a_broken_word_index_is_refused_not_a_traceback(index):
    assert refused(npz([[1]]), index) == "error.imdb.bad_index"
