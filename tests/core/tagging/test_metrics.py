"""Word, part-of-speech and name scores, with answers worked out by hand."""

import pytest

from lstm_core.tagging.corpus import entity_spans
from lstm_core.tagging.metrics import PRF, score, spans_of


def tagged(text: str) -> list[tuple[str, str]]:
    return [tuple(item.split("/")) for item in text.split()]


def test_spans():
    assert spans_of(["我", "爱", "北京"]) == [(0, 1), (1, 2), (2, 4)]


def test_prf_counts():
    m = PRF(right=3, predicted=4, gold=6)
    assert (m.precision, m.recall) == (0.75, 0.5)
    assert m.f1 == pytest.approx(0.6)
    assert PRF(0, 0, 0).f1 == 0.0


def test_word_scores_and_oov_recall():
    gold = [tagged("我/r 爱/v 北京/ns 天安门/ns")]
    pred = [tagged("我/r 爱北京/v 天安/ns 门/n")]
    s = score(gold, pred, known_words={"我", "爱", "北京"})
    assert (s.words.right, s.words.predicted, s.words.gold) == (1, 4, 4)  # only 我 has the same span
    assert s.oov_recall == 0.0  # 天安门 is the one unknown word, and it was cut apart
    assert s.iv_recall == pytest.approx(1 / 3)
    assert (s.pos.right, s.pos.gold) == (1, 4)


def test_entities():
    assert entity_spans(tagged("江/nr 泽民/nr 在/p 北京/ns 会见/v 新华社/nt 记者/n")) == [
        (0, 3, "PER"), (4, 6, "LOC"), (8, 11, "ORG")]
    assert entity_spans(tagged("江苏省/ns 南京市/ns")) == [(0, 3, "LOC"), (3, 6, "LOC")]  # places are never merged
    assert entity_spans(tagged("江泽民/nr 李鹏/nr")) == [(0, 5, "PER")]  # adjacent person words are one run
    assert entity_spans(tagged("李小福/nrfg")) == [(0, 3, "PER")]  # jieba's tags count by prefix


def test_entity_and_pos_scores():
    gold = [tagged("江/nr 泽民/nr 访问/v 上海/ns")]
    pred = [tagged("江泽民/nr 访问/v 上/f 海/n")]
    s = score(gold, pred, set(), pos_tags=("v",))
    assert (s.entities.right, s.entities.predicted, s.entities.gold) == (1, 1, 2)
    assert s.entities_by_type["PER"].f1 == 1.0 and s.entities_by_type["LOC"].recall == 0.0
    assert (s.pos_by_tag["v"].right, s.pos_by_tag["v"].gold) == (1, 1)


def test_a_prediction_must_cover_its_sentence():
    with pytest.raises(ValueError):
        score([tagged("我/r 爱/v")], [tagged("我/r")], set())
