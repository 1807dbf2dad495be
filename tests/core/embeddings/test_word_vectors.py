"""Word vectors: safe storage, the shipped sets and their cards, queries, and word2vec training."""

import io
import json
import shutil

import numpy as np
import pytest

from lstm_core.build.embedding_build import PROBE_WORDS, QUESTIONS
from lstm_core.embeddings import word2vec, word_vectors
from lstm_core.serving.assets import ASSETS, AssetError


@pytest.fixture(scope="module", params=["zh", "en"])
def shipped(request):
    language = request.param
    return language, word_vectors.load_word_vectors(language), word_vectors.word_vector_card(language).card.to_dict()


def test_shipped_vectors_load_as_keyed_vectors(shipped):
    from gensim.models import KeyedVectors

    language, kv, card = shipped
    assert isinstance(kv, KeyedVectors)
    assert len(kv) == card["vocabulary"]["kept"] and kv.vector_size == card["vector_size"]
    counts = kv.expandos["count"]
    assert np.all(np.diff(counts) <= 0)  # rows sorted by frequency
    assert card["weights_bytes"] == (ASSETS / card["weights_file"]).stat().st_size


def test_total_asset_size_is_under_budget():
    total = sum((ASSETS / f"word_vectors_{lang}.{ext}").stat().st_size for lang in ("zh", "en") for ext in ("npz", "json"))
    assert total < 12e6


def test_card_metrics_reproduce_on_the_shipped_vectors(shipped):
    language, kv, card = shipped
    score = word_vectors.analogy_accuracy(kv, word_vectors.read_questions(QUESTIONS / f"analogies_{language}.txt"))
    metrics = card["metrics"]
    assert (score.questions, score.answered, score.correct) == (
        metrics["analogy_questions"], metrics["analogy_answered"], metrics["analogy_correct"],
    )
    assert score.baseline_correct == card["baseline"]["analogy_correct"]
    for word in PROBE_WORDS[language][:3]:
        expected = card["nearest_neighbours"][word]
        found = word_vectors.neighbours(kv, word, top=len(expected))
        assert [n.word for n in found] == [w for w, _ in expected]
        assert np.allclose([n.similarity for n in found], [s for _, s in expected], atol=1e-3)


def test_neighbours_of_a_common_word_make_sense():
    kv = word_vectors.load_word_vectors("zh")
    near = {n.word for n in word_vectors.neighbours(kv, "北京", top=10)}
    assert near & {"上海", "天津", "广州", "南京"}


def test_tampered_file_is_refused(tmp_path):
    for ext in ("npz", "json"):
        shutil.copy(ASSETS / f"word_vectors_en.{ext}", tmp_path)
    data = bytearray((tmp_path / "word_vectors_en.npz").read_bytes())
    data[-100] ^= 1
    (tmp_path / "word_vectors_en.npz").write_bytes(bytes(data))
    with pytest.raises(AssetError, match="SHA-256"):
        word_vectors.load_word_vectors("en", tmp_path)
    with pytest.raises(ValueError):
        word_vectors.load_word_vectors("fr")


def test_storage_round_trip_uses_no_pickle(tmp_path):
    kv = word_vectors.keyed_vectors(["狗", "猫", "dog"], np.arange(6, dtype=float).reshape(3, 2), [5, 3, 1], ["n", "n", "word"])
    data = word_vectors.vectors_to_bytes(kv)
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        assert archive["vectors"].dtype == np.float16 and archive["words"].dtype.kind == "U"
    back = word_vectors.vectors_from_bytes(data)
    assert back.index_to_key == ["狗", "猫", "dog"] and back.get_vecattr("dog", "tag") == "word"
    assert np.allclose(back["猫"], [2, 3])
    with pytest.raises(AssetError):
        word_vectors.vectors_from_bytes(b"not an npz")


def test_unknown_words_come_with_suggestions():
    kv = word_vectors.load_word_vectors("zh")
    with pytest.raises(word_vectors.UnknownWords) as error:
        word_vectors.neighbours(kv, "北京市民大会")
    assert "北京" in error.value.suggestions["北京市民大会"]
    with pytest.raises(word_vectors.UnknownWords) as error:
        word_vectors.analogy(kv, "东京", "不存在的词语", "中国")
    assert list(error.value.suggestions) == ["不存在的词语"]
    en = word_vectors.load_word_vectors("en")
    assert "flight" in word_vectors.close_words(en, "fligt")


def test_analogy_excludes_its_inputs():
    kv = word_vectors.load_word_vectors("zh")
    result = word_vectors.analogy(kv, "东京", "日本", "中国", top=5)
    assert len(result.answers) == 5 and not {"东京", "日本", "中国"} & {n.word for n in result.answers}


TINY = [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog", "sat", "on", "the", "rug"]] * 30


def test_word2vec_is_reproducible_with_one_worker():
    config = word2vec.Word2VecConfig(vector_size=8, epochs=3, min_count=1, seed=7)
    first, second = word2vec.train_word2vec(TINY, config, min_words=2), word2vec.train_word2vec(TINY, config, min_words=2)
    assert first.vectors.index_to_key == second.vectors.index_to_key
    assert np.array_equal(first.vectors.vectors, second.vectors.vectors)
    other = word2vec.train_word2vec(TINY, word2vec.Word2VecConfig(vector_size=8, epochs=3, min_count=1, seed=8), min_words=2)
    assert not np.array_equal(first.vectors.vectors, other.vectors.vectors)


def test_word2vec_progress_and_stop():
    seen = []
    result = word2vec.train_word2vec(
        TINY, word2vec.Word2VecConfig(vector_size=4, epochs=5, min_count=1, architecture="cbow"),
        on_epoch=seen.append, should_stop=lambda: len(seen) >= 2, min_words=2,
    )
    assert [p.epoch for p in seen] == [1, 2] and result.stopped and result.epochs_run == 2
    assert result.vectors.index_to_key[0] == "the" and result.counts["the"] == 120


def test_word2vec_refuses_absurd_input():
    with pytest.raises(ValueError):
        word2vec.Word2VecConfig(vector_size=10_000)
    with pytest.raises(ValueError):
        word2vec.Word2VecConfig(window=0)
    with pytest.raises(word2vec.TrainingRefused) as error:
        word2vec.train_word2vec([["one", "two"]], word2vec.Word2VecConfig(min_count=2))
    assert error.value.reason == "too_few_words" and error.value.values["words"] == 0
    with pytest.raises(word2vec.TrainingRefused):  # 7 distinct words: too few to map (10 needed)
        word2vec.train_word2vec(TINY, word2vec.Word2VecConfig(min_count=1, epochs=1))
    with pytest.raises(word2vec.TrainingRefused) as error:
        word2vec.train_word2vec(TINY, word2vec.Word2VecConfig(epochs=200), max_training_tokens=1_000)
    assert error.value.reason == "too_much_work" and error.value.values == {"tokens": 360, "epochs": 200}


def test_card_records_what_the_issue_asks(shipped):
    language, _, card = shipped
    for key in ("data", "vocabulary", "training", "metrics", "baseline", "nearest_neighbours", "weights_sha256"):
        assert key in card
    assert card["data"]["tokens"] > 100_000 and card["training"]["seconds"] > 0
    assert len(card["nearest_neighbours"]) == 10
    json.dumps(card)
