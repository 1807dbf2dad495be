"""jieba's three modes on fixed sentences, as exact lists.

A test that only checks "full and search are supersets of precise" passes when the
two modes are swapped; the order and content below do not.
"""

import pytest

from lstm_core.text import segment

CASES = {
    "我来到北京清华大学": {
        "precise": ["我", "来到", "北京", "清华大学"],
        "full": ["我", "来到", "北京", "清华", "清华大学", "华大", "大学"],
        "search": ["我", "来到", "北京", "清华", "华大", "大学", "清华大学"],
    },
    "小明硕士毕业于中国科学院计算所": {
        "precise": ["小明", "硕士", "毕业", "于", "中国科学院", "计算所"],
        # full mode lists every dictionary word; without the HMM, 小明 is two characters
        "full": ["小", "明", "硕士", "毕业", "于", "中国", "中国科学院", "科学", "科学院", "学院", "计算", "计算所"],
        # search mode cuts precisely, then adds the known words inside long words before them
        "search": ["小明", "硕士", "毕业", "于", "中国", "科学", "学院", "科学院", "中国科学院", "计算", "计算所"],
    },
}


@pytest.mark.parametrize("sentence", CASES)
@pytest.mark.parametrize("mode", ["precise", "full", "search"])
def test_each_mode_gives_exactly_jiebas_tokens(sentence, mode):
    assert segment(sentence, mode) == CASES[sentence][mode]
