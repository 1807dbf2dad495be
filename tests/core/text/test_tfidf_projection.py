"""Ids, bag-of-words, TF-IDF and projections."""

import numpy as np
import pytest

from lstm_core.embeddings import projection
from lstm_core.text import segmentation, tfidf
from lstm_core.text.vocab import Vocabulary


def test_id_table_pads_cuts_and_marks_unknown():
    docs = [["狗", "咬", "人"], ["人", "咬", "狗", "了", "吗"]]
    table = tfidf.id_table(docs, length=4)
    assert table.ids.shape == (2, 4)
    assert table.ids[0, 3] == 0  # padded
    vocab = Vocabulary.build([["狗", "咬"]])
    known = tfidf.id_table([["狗", "猫"]], 3, vocabulary=vocab)
    assert list(known.ids[0]) == [vocab.index["狗"], 1, 0]
    assert "<unk>" in known.frame().iloc[0, 1]
    with pytest.raises(ValueError):
        tfidf.id_table(docs, 0)


def test_bag_of_words_loses_order_and_tfidf_rows_are_unit_length():
    docs = ["狗咬人", "人咬狗", "我爱自然语言处理"]
    bow = tfidf.bag_of_words(docs, segmentation.segment)
    assert np.array_equal(bow.values[0], bow.values[1])
    assert tfidf.same_bag(segmentation.segment("狗咬人"), segmentation.segment("人咬狗"))
    weights = tfidf.tfidf(docs, segmentation.segment)
    assert np.allclose(np.linalg.norm(weights.values, axis=1), 1.0)
    frame = weights.frame(["a", "b", "c"])
    assert frame.loc["c", "自然语言"] > 0 and frame.loc["a", "自然语言"] == 0
    with pytest.raises(ValueError):
        tfidf.tfidf(["", "  "], segmentation.segment)


def test_projection_shapes_and_seed():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(40, 10))
    words = [f"w{i}" for i in range(40)]
    pca = projection.project(words, vectors, projection.ProjectionConfig("pca", 3))
    assert pca.coordinates.shape == (40, 3) and len(pca.explained_variance) == 3
    config = projection.ProjectionConfig("tsne", 2, perplexity=5, seed=3)
    first, second = projection.project(words, vectors, config), projection.project(words, vectors, config)
    assert np.allclose(first.coordinates, second.coordinates)
    assert list(first.frame(["n"] * 40).columns) == ["word", "x", "y", "tag"]
    with pytest.raises(ValueError):
        projection.project(words[:2], vectors[:2])
    with pytest.raises(ValueError):
        projection.ProjectionConfig("umap")
