"""The shipped tagger: the public API on any input, its card, and the claims the page makes about it."""

import json

import numpy as np
import pytest

from lstm_core.serving import assets
from lstm_core.serving.cards import plain
from lstm_core.tagging import load_crf, load_forward_tagger, load_tagger, shipped
from lstm_core.tagging.corpus import people_daily_split
from lstm_core.tagging import evaluation

HOSTILE = ["", "研究生命起源", "😀👍🏽 emoji", "I don't trust Google's cars!!", "１２月３１日ＡＢＣ１２３", "\n\t 　",
           "<script>alert(1)</script>", "中" * 10_000]


@pytest.fixture(scope="module")
def tagger():
    return load_tagger("zh")


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_public_api_covers_any_text(tagger, text):
    words = tagger.segment(text)
    assert "".join(words) == text
    pairs = tagger.tag(text)
    assert [w for w, _ in pairs] == words and all(isinstance(tag, str) and tag for _, tag in pairs)
    for start, end, kind in tagger.entities(text):
        assert 0 <= start < end <= len(text) and kind in ("PER", "LOC", "ORG")


def test_names_and_words_on_a_news_sentence(tagger):
    text = "江泽民在北京会见了新华社记者。"
    assert "".join(tagger.segment(text)) == text
    kinds = {text[s:e]: k for s, e, k in tagger.entities(text)}
    assert kinds.get("江泽民") == "PER" and kinds.get("北京") == "LOC" and kinds.get("新华社") == "ORG", kinds


def test_only_chinese_is_shipped():
    with pytest.raises(ValueError):
        load_tagger("en")


def test_card_weights_and_sizes():
    card = shipped.tagger_card()
    assert card.weights_dtype == "float16"
    assert set(card.detail("test")) == {"bilstm", "lstm_forward", "crf", "jieba_hmm", "jieba_no_hmm"}
    assert card.detail("search")["chosen"] in card.detail("search")["record"]
    for name in ("tagger_zh.npz", "tagger_zh.json", card.detail("crf")["file"]):
        assert (assets.ASSETS / name).stat().st_size < 6 * 2**20, name
    check = card.detail("float16_check_validation")  # float16 loses nothing visible
    assert abs(check["float16"]["word"]["f1"] - check["float32"]["word"]["f1"]) < 0.001


def test_the_one_way_model_differs_only_in_direction():
    bi, forward = shipped.load_both()
    assert bi.features == forward.features
    for name in ("char_embedding", "bigram_embedding"):
        assert np.array_equal(bi.weights[name], forward.weights[name])
    lstm = {model.key: sum(w.size for k, w in model.network.weights.items() if k.startswith("lstm_"))
            for model in (bi, forward)}
    assert abs(lstm["tagger_zh"] - lstm["tagger_zh_forward"]) / lstm["tagger_zh"] < 0.01, lstm  # as many LSTM weights
    assert [layer.name for layer in bi.trace_text("研究生命起源").layers] == ["lstm_0_forward", "lstm_0_backward"]
    assert [layer.name for layer in forward.trace_text("研究生命起源").layers] == ["lstm_0"]


def test_a_damaged_crf_file_is_refused(tmp_path):
    card = shipped.tagger_card()
    for name in ("tagger_zh.json", "tagger_zh.npz"):
        (tmp_path / name).write_bytes((assets.ASSETS / name).read_bytes())
    (tmp_path / card.detail("crf")["file"]).write_bytes(b"not a crf")
    with pytest.raises(assets.AssetError):
        load_crf(tmp_path)


@pytest.mark.slow
def test_card_re_evaluated_on_the_test_split():
    card = shipped.tagger_card()
    test = card.detail("test")
    split = people_daily_split()
    known = evaluation.known_words(split.train)
    bi, forward = shipped.load_both()
    for name, model in (("bilstm", bi), ("lstm_forward", forward)):
        scores = evaluation.score_tagger(model, split.test, known).as_dict()
        assert scores["word"] == plain(test[name]["word"]), name
        assert scores["entities"] == plain(test[name]["entities"]), name
    crf = evaluation.score_segmenter(load_crf().segment, split.test, known).as_dict()
    assert crf["word"] == plain(test["crf"]["word"]) and crf["oov_recall"] == test["crf"]["oov_recall"]
    jieba = evaluation.score_segmenter(evaluation.jieba_segment(False), split.test, known).as_dict()
    assert jieba["word"] == plain(test["jieba_no_hmm"]["word"])
    assert json.dumps(plain(card.detail("targets")))  # serialisable as written
