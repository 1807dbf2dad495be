"""The People's Daily split (by line, no overlap), long-sentence cuts, and the character features."""

from lstm_core.tagging import corpus
from lstm_core.tagging.features import CharFeatures, bigrams, fold, folded
from lstm_core.text import corpora


def test_split_by_line_in_file_order():
    split = corpus.people_daily_split()
    assert split.lines == {"train": 16_562, "validation": 974, "test": 1_948}
    assert sum(split.lines.values()) == len(corpora.peoples_daily_lines())
    sizes = split.sizes()
    assert sizes["test"]["characters"] > 150_000 and sizes["validation"]["characters"] > 70_000
    assert corpus.test_sentences() == split.test  # the cheap reader agrees with the full one
    first_test_line = corpora.peoples_daily_lines()[split.lines["train"] + split.lines["validation"]]
    assert corpus.text_of(split.test[0]) == corpus.text_of(first_test_line)[: len(corpus.text_of(split.test[0]))]


def test_long_sentences_are_cut_after_punctuation_and_keep_their_words():
    sentence = [("很长的词", "n"), ("，", "w")] * 50
    pieces = corpus.cut_long(sentence, limit=22)
    assert [pair for piece in pieces for pair in piece] == sentence
    assert all(sum(len(w) for w, _ in piece) <= 22 for piece in pieces)
    assert all(piece[-1][1] == "w" for piece in pieces[:-1])


def test_fold_keeps_one_character_per_character():
    assert fold("１") == "0" and fold("9") == "0" and fold("Ｃ") == "a" and fold("z") == "a"
    assert fold("，") == "," and fold("中") == "中" and fold("😀") == "😀"
    assert fold("㎡") == "㎡"  # NFKC would make two characters: kept as it is
    text = "１９９８年Ａ股㎡😀"
    assert len(folded(text)) == len(text)
    assert bigrams("中国人") == ["^中", "中国", "国人"]


def test_features_encode_known_and_unknown():
    features = CharFeatures.build(["中国人民", "中国"], bigram_min_count=2)
    assert features.bigrams.tokens == ("<pad>", "<unk>", "^中", "中国")
    ids = features.encode("中国人😀")
    assert ids.shape == (4, 2) and ids[:, 0].tolist()[3] == 1  # the emoji is unknown
    assert ids[:, 1].tolist() == [2, 3, 1, 1]
    assert features.unknown("中😀") == [False, True]
    assert CharFeatures.from_dict(features.to_dict()) == features
