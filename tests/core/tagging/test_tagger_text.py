"""Any text in, words that cover it exactly out: hostile inputs on a small random tagger."""

import numpy as np
import pytest

from lstm_core.message import UserError
from lstm_core.tagging import bies
from lstm_core.tagging.corpus import ENTITY_TYPES
from lstm_core.tagging.features import CharFeatures
from lstm_core.tagging.tagger import MAX_CHARS, MAX_PIECE, Tagger, pieces_of, spec_for

HOSTILE = [
    "", " ", "研究生命起源", "结婚的和尚未结婚的", "😀👍🏽👨‍👩‍👧", "I don't trust Google's cars!!",
    "１２月３１日ＡＢＣ", "1998年12月31日", "\n\t混合  空白\u3000全角空格 ", "a" * 450, "。" * 30,
    "中" * (MAX_PIECE + 7), "\u200d\ufe0f", "٣ अरबी हिंदी", "<script>alert(1)</script>",
]


@pytest.fixture(scope="module")
def tagger():
    features = CharFeatures.build(["研究生命起源", "北京天安门", "１９９８年"], bigram_min_count=1)
    tags = ("n", "nr", "ns", "v", "w")
    spec = spec_for(4, 3, 5, len(tags), True)
    rng = np.random.default_rng(0)
    shapes = {"char_embedding": (len(features.chars), 4), "bigram_embedding": (len(features.bigrams), 3),
              **spec.weight_shapes()}
    return Tagger(features, tags, {k: rng.normal(size=s) for k, s in shapes.items()}, spec)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_segment_covers_the_text_exactly(tagger, text):
    words = tagger.segment(text)
    assert "".join(words) == text and all(words)
    tagged = tagger.tag(text)
    assert [w for w, _ in tagged] == words and all(t in tagger.tags for _, t in tagged)
    for start, end, kind in tagger.entities(text):
        assert 0 <= start < end <= len(text) and kind in ENTITY_TYPES
    reading = tagger.read(text)
    assert reading.position_probabilities.shape == (len(text), 4)
    for start, piece, space in pieces_of(text):
        if not space:
            assert bies.is_valid(reading.labels[start:start + len(piece)])


def test_ten_thousand_characters_are_read_and_more_than_the_limit_is_refused(tagger):
    text = ("中华人民共和国成立了，" * 1000)[:10_000]
    assert "".join(tagger.segment(text)) == text
    with pytest.raises(UserError) as refused:
        tagger.segment("中" * (MAX_CHARS + 1))
    assert refused.value.message.key == "error.tagging.too_long"


def test_pieces_tile_the_text():
    text = "第一句。第二句！  第三" + "长" * 450
    parts = pieces_of(text)
    assert "".join(piece for _, piece, _ in parts) == text
    assert all(text[start:start + len(piece)] == piece for start, piece, _ in parts)
    assert max(len(piece) for _, piece, _ in parts) <= MAX_PIECE
