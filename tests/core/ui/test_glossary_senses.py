"""Each glossary form links its own sense only: a look-alike in another sense stays plain text.

The cases are the ones a reader met (issue 23): a day's temperature is not sampling
temperature, candidate words are not the candidate g_t, jieba's 未登录词 is not `<unk>` (it
is the out-of-vocabulary word's entry), the 门 of the page name 门控激活 is not a gate, 三种单元 are not units. Each row: a text,
its language, the term that must (or must not) be linked there.
"""

from __future__ import annotations

import pytest

from lstm_core.ui.glossary_links import link_terms

CASES = [
    # (language, text, term, linked?)
    ("en", "one step at a time (a character, a word, a day's temperature)", "temperature", False),
    ("en", "pick how to draw (temperature, top-k, top-p)", "temperature", True),
    ("zh", "一次读入一步（一个字、一个词、一天的气温）", "temperature", False),
    ("zh", "选择采样方式（温度、top-k、top-p）", "temperature", True),
    ("en", "a graph of candidate words, a DAG", "candidate", False),
    ("en", "keep only the most likely candidates, so a high temperature", "candidate", False),
    ("en", "the new **candidate** `g` to write", "candidate", True),
    ("zh", "候选词构成的有向无环图", "candidate", False),
    ("zh", "写入多少新的**候选值** `g`", "candidate", True),
    ("en", "3. **HMM for unknown words.** Runs of single characters", "unk", False),
    ("zh", "3. **用 HMM 识别未登录词。** 剩下的连续单字", "unk", False),
    ("zh", "3. **用 HMM 识别未登录词。** 剩下的连续单字", "oov", True),
    ("zh", "词表外的词都变成同一个编号", "unk", True),
    ("zh", "词表外的词都变成同一个编号", "oov", False),
    ("en", "every word outside the vocabulary becomes the unknown token", "unk", True),
    ("en", "a test word never seen in training is an out-of-vocabulary word", "oov", True),
    ("en", "a test word never seen in training is an out-of-vocabulary word", "unk", False),
    ("zh", "打开**门控激活**页面并选择一个预测模型", "gate", False),
    ("zh", "GRU（门控循环单元）有两个门", "gate", True),
    ("zh", "GRU（门控循环单元）", "gru", True),
    ("zh", "以及若干**门**，每个单元上", "gate", True),
    ("en", "Open the **Gates** page and pick a forecaster", "gate", False),
    ("en", "open it on the Gates page.", "gate", False),
    ("en", "the cell state `c`, and **gates**, each a number", "gate", True),
    ("zh", "三种单元在同一个记忆任务上", "unit", False),
    ("zh", "宽度相同（32 个单元）的普通 RNN", "unit", True),
    ("en", "a SimpleRNN and the C-RNN-GAN", "rnn", False),
    ("en", "a plain RNN squashes its state", "rnn", True),
    ("en", "the forget gate decides what to keep", "forget_gate", True),
    ("en", "Keras' unit_forget_bias starts it at 1", "unit", False),
]


@pytest.mark.parametrize("language, text, term, linked", CASES)
def test_a_form_links_only_its_own_sense(language, text, term, linked):
    _, found = link_terms(text, language, lambda name: f"glossary?term={name}")
    assert (term in found) == linked, (text, sorted(found))


def test_a_look_alike_is_left_exactly_as_written():
    text = "a day's temperature, then the temperature of sampling"
    out, found = link_terms(text, "en", lambda name: f"g?{name}")
    assert out == "a day's temperature, then the [temperature](g?temperature) of sampling" and found == {"temperature"}
