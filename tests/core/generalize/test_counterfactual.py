"""The rule-made counterfactual generators: exact outputs for a fixed seed, and the label convention."""

import numpy as np
import pytest

from lstm_core.generalize import counterfactual as cf

ZH = ["质量很好", "物流太慢了", "东西不错，就是贵", "非常满意的一次购物", "屏幕坏了"]
ZH_LABELS = np.array([1, 0, 1, 1, 0])
EN = ["I love this airline! @united", "the flight was late again", "But the crew was nice",
      "terrible service http://x.co", "meh ok", "we had a great time"]
EN_LABELS = np.array([1, 0, 1, 0, -1, 1])  # -1: a neutral tweet, never used


def test_clauses_keep_short_single_clauses_without_a_connective():
    assert cf.clauses(ZH, ZH_LABELS, "zh") == (["物流太慢了", "屏幕坏了"], ["质量很好", "非常满意的一次购物"])
    # "But ..." holds a connective, "terrible service" is too short once the URL goes, "meh ok" is neutral.
    assert cf.clauses(EN, EN_LABELS, "en") == (["the flight was late again"], ["i love this airline", "we had a great time"])


def test_contrast_examples_exact_for_a_seed():
    made = cf.contrast_examples(ZH, ZH_LABELS, "zh", 2, np.random.default_rng(0))
    assert made.texts == ("非常满意的一次购物，不过屏幕坏了", "屏幕坏了，不过非常满意的一次购物",
                          "质量很好，但是物流太慢了", "物流太慢了，但是质量很好")
    assert made.labels.tolist() == [0, 1, 0, 1]
    assert made.rules == ("contrast",) * 4
    made = cf.contrast_examples(EN, EN_LABELS, "en", 2, np.random.default_rng(1))
    assert made.texts == ("i love this airline but the flight was late again",
                          "the flight was late again but i love this airline",
                          "although we had a great time, the flight was late again",
                          "although the flight was late again, we had a great time")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_clause_put_last_decides_and_both_orders_use_the_same_words(language):
    texts, labels = (ZH, ZH_LABELS) if language == "zh" else (EN, EN_LABELS)
    negative, positive = cf.clauses(texts, labels, language)
    made = cf.contrast_examples(texts, labels, language, 20, np.random.default_rng(7))
    for k in range(0, len(made), 2):
        first, second = made.texts[k], made.texts[k + 1]
        assert sorted(first.replace(",", "").replace("，", "")) == sorted(second.replace(",", "").replace("，", ""))
        assert made.labels[k] == 0 and made.labels[k + 1] == 1
        assert any(first.endswith(bad) for bad in negative) and any(second.endswith(good) for good in positive)


def test_negation_examples_flip_on_an_odd_count():
    made = cf.negation_examples((("差",), ("好",)), "zh", 4, np.random.default_rng(0))
    assert made.texts == ("一点也不好", "真的好", "差", "差")
    assert made.labels.tolist() == [0, 1, 0, 0]
    made = cf.negation_examples((("rude",), ("great",)), "en", 4, np.random.default_rng(1))
    assert made.texts == ("it isn't rude", "not that it was not great", "so rude", "not that it was not great")
    assert made.labels.tolist() == [1, 1, 0, 1]


def test_contrast_examples_need_both_labels():
    with pytest.raises(ValueError):
        cf.contrast_examples(["质量很好"], np.array([1]), "zh", 1, np.random.default_rng(0))


def test_combine_keeps_order():
    a = cf.negation_examples((("差",), ("好",)), "zh", 2, np.random.default_rng(0))
    b = cf.contrast_examples(ZH, ZH_LABELS, "zh", 1, np.random.default_rng(0))
    both = cf.combine([a, b])
    assert both.texts == a.texts + b.texts and both.rules == ("negation",) * 2 + ("contrast",) * 2
    assert both.labels.tolist() == a.labels.tolist() + b.labels.tolist()
