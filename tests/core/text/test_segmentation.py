"""Tokenizers: jieba's three modes, HMM, per-call user words, English rule, tags, keywords."""

import jieba
import pytest

from lstm_core.text import segmentation
from lstm_core.text.inputs import decode_upload

ARTICLE = "人工智能正在改变世界，它将带来巨大的机会和挑战。"
NAME = "李小福是创新办主任也是云计算方面的专家"


def test_precise_mode_on_the_article_sentence():
    assert segmentation.segment(ARTICLE) == ["人工智能", "正在", "改变", "世界", "，", "它", "将", "带来", "巨大", "的", "机会", "和", "挑战", "。"]


def test_full_and_search_modes_add_the_inner_words():
    precise, full, search = (segmentation.segment(ARTICLE, mode) for mode in segmentation.MODES)
    assert "人工" not in precise and "人工智能" in precise
    assert {"人工", "智能", "人工智能"} <= set(full) and {"人工", "智能", "人工智能"} <= set(search)
    assert len(full) > len(precise) and len(search) > len(precise)


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="mode"):
        segmentation.segment(ARTICLE, "fast")


def test_hmm_joins_an_unseen_name():
    assert "李小福" in segmentation.segment(NAME, hmm=True)
    assert "李小福" not in segmentation.segment(NAME, hmm=False)
    assert {"李", "小", "福"} <= set(segmentation.segment(NAME, hmm=False))


def test_user_words_apply_to_one_call_only():
    with_words = segmentation.segment(NAME, user_words=["创新办", "云计算"])
    assert "创新办" in with_words and "云计算" in with_words
    after = segmentation.segment(NAME)
    assert "创新办" not in after and "云计算" not in after
    assert "创新办" not in jieba.lcut(NAME)  # jieba's global dictionary is untouched
    assert "创新办" not in segmentation.tokenizer(()).FREQ


def test_two_user_word_sets_do_not_leak_into_each_other():
    first = segmentation.segment(NAME, user_words=["创新办"])
    second = segmentation.segment(NAME, user_words=["云计算"])
    assert "创新办" in first and "云计算" not in first
    assert "云计算" in second and "创新办" not in second


def test_user_words_are_normalized():
    assert segmentation.normalize_user_words([" 云计算 ", "", "云计算", "a b", "x" * 50]) == ("云计算",)


def test_mixed_chinese_english_digits_and_emoji():
    tokens = segmentation.segment("我用iPhone 15拍了3张照片😀，GPT-4也很强")
    assert "iPhone" in tokens and "15" in tokens and "😀" in tokens and "GPT" in tokens
    assert all(token.strip() for token in tokens)  # no whitespace tokens
    assert "".join(tokens) == "我用iPhone15拍了3张照片😀，GPT-4也很强"


def test_empty_text_gives_no_tokens():
    assert segmentation.segment("") == [] and segmentation.segment("   ") == []
    assert segmentation.english_tokens("") == []


def test_english_rule():
    tokens = segmentation.english_tokens("I don't trust Google's self-driving cars!! @bob #AI http://t.co/x 3.14 😀")
    assert tokens == ["i", "don't", "trust", "google's", "self-driving", "cars", "!", "!", "@bob", "#ai", "http://t.co/x", "3.14", "😀"]
    assert segmentation.english_tokens("ＡＢＣ Hello", lower=False) == ["ABC", "Hello"]


def test_pos_tags_and_user_words():
    tags = dict(segmentation.pos_tags(NAME, user_words=["创新办"]))
    assert tags["李小福"] == "nr" and "创新办" in tags
    assert "创新办" not in dict(segmentation.pos_tags(NAME))


def test_keywords_have_weights_in_order():
    for method in ("tfidf", "textrank"):
        found = segmentation.keywords(ARTICLE + "人工智能是未来。", method, top=5)
        assert found[0].word == "人工智能"
        weights = [k.weight for k in found]
        assert weights == sorted(weights, reverse=True) and all(w > 0 for w in weights)
    with pytest.raises(ValueError):
        segmentation.keywords(ARTICLE, "magic")


def test_language_guess_and_training_sentences():
    assert segmentation.guess_language(ARTICLE) == "zh" and segmentation.guess_language("hello world") == "en"
    assert segmentation.sentences_for_training("我爱北京。你好吗？\n今天", "zh") == [["我", "爱", "北京", "。"], ["你好", "吗", "？"], ["今天"]]
    assert segmentation.sentences_for_training("I love cars. Do you?", "en") == [["i", "love", "cars", "."], ["do", "you", "?"]]


def test_tag_groups():
    assert [segmentation.tag_group(tag) for tag in ("nr", "ns", "vn", "n", "w", "uj", "zz", "hashtag")] == [
        "person", "place", "verb", "noun", "punctuation", "function", "other", "hashtag",
    ]


def test_decode_upload():
    assert decode_upload("你好".encode("utf-8-sig")) == "你好"
    with pytest.raises(ValueError, match="UTF-8"):
        decode_upload("你好".encode("gbk"))
    with pytest.raises(ValueError, match="larger"):
        decode_upload(b"x" * 11, max_bytes=10)


def test_user_words_are_laid_over_the_shared_dictionary_not_copied():
    """A copy of jieba's table per word list cost +443 MB after 40 lists (issue 22)."""
    base = segmentation.tokenizer(())
    size = len(base.FREQ)
    private = segmentation.tokenizer(("创新办", "云计算"))
    assert private.FREQ.base is base.FREQ and len(base.FREQ) == size  # shared, unchanged
    assert dict.__len__(private.FREQ) <= 6  # the two words and their prefixes ("创", "创新" are in the base)
    assert "创新办" in private.FREQ and private.FREQ.get("创新办") > 0 and private.FREQ["的"] == base.FREQ["的"]
    assert "创新办" not in base.FREQ
    assert segmentation.segment("创新办主任", user_words=["创新办"])[0] == "创新办"


def test_tokenizers_are_kept_for_a_few_word_sets_only():
    for i in range(segmentation.TOKENIZERS_KEPT + 5):
        segmentation.segment("创新办主任", user_words=[f"词{i}"])
    assert segmentation.tokenizer.cache_info().currsize <= segmentation.TOKENIZERS_KEPT
    assert segmentation._pos_tokenizer.cache_info().maxsize == segmentation.TOKENIZERS_KEPT


def test_the_word_map_colours_at_most_five_classes_each_named_in_both_languages():
    from lstm_core.embeddings.embedding_plots import GROUP_COLOURS
    from lstm_core.string_table import TABLE

    chinese = {segmentation.map_group(prefix) for prefix, _ in segmentation.TAG_GROUPS} | {segmentation.map_group("zz")}
    english = {segmentation.map_group(kind) for kind in segmentation.ENGLISH_KINDS}
    assert len(chinese) <= 5 and len(english) <= 5, (chinese, english)
    assert segmentation.map_group("nr") == segmentation.map_group("ns") == "name"
    for group in chinese | english:
        assert group in GROUP_COLOURS and TABLE[f"tokens.map_group.{group}"]["zh"]
    assert len({GROUP_COLOURS[g] for g in chinese}) == len(chinese)  # no two classes share a colour
