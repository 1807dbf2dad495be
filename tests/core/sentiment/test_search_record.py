"""The shipped sentiment LSTMs are the validation search's winners, and their cards say so."""

import numpy as np
import pytest

from lstm_core.build.sentiment_build import CHOSEN, SHIPPED_CONFIG
from lstm_core.build.sentiment_search import CANDIDATES, read_record
from lstm_core.embeddings.word_vectors import embedding_matrix, keyed_vectors
from lstm_core.sentiment import classifier


def _score(row: dict) -> float:
    return row["validation"]["accuracy"] + row["validation"]["macro_f1"]


@pytest.mark.parametrize("language", classifier.LANGUAGES)
def test_chosen_on_validation(language):
    rows = [row for row in read_record()[language] if "excluded" not in row]
    assert CHOSEN[language] == max(rows, key=_score)["name"]
    assert {row["name"] for row in rows} <= set(CANDIDATES[language])  # every fair try is reproducible by name
    for row in rows:
        assert row["config"] == vars(CANDIDATES[language][row["name"]])


@pytest.mark.parametrize("language", classifier.LANGUAGES)
def test_card_records_the_search(language):
    card = classifier.load_named(classifier.SHIPPED_NAMES[language]).card.to_dict()  # the search's model, by name
    assert card["config"] == vars(SHIPPED_CONFIG[language])
    assert card["search"]["chosen"] == CHOSEN[language]
    assert card["search"]["tried"] == read_record()[language]
    assert card["search"]["test_readings"] == read_record()["test_readings"][language]  # said plainly


def test_embedding_matrix_uses_known_vectors():
    kv = keyed_vectors(["好", "不"], np.array([[1.0, 2.0], [3.0, 4.0]]))
    start = embedding_matrix(kv, ["<pad>", "<unk>", "不", "很"], np.random.default_rng(0))
    assert start.shape == (4, 2)
    assert np.array_equal(start[0], [0.0, 0.0])  # padding
    assert np.array_equal(start[2], [3.0, 4.0])  # a known word keeps its vector
    expected = np.random.default_rng(0).normal(0.0, float(kv.vectors.std()), (4, 2)).astype(np.float32)
    assert np.array_equal(start[3], expected[3])  # an unknown word: seeded noise of the vectors' spread
