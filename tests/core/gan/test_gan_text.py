"""The toy language of the text GAN: exact validity, samplers, encodings."""

import numpy as np

from lstm_core.gan import text_gan as text


def test_validity_known_answers():
    assert text.is_valid("(a()a)aa(())")
    assert text.is_valid("aaaaaaaaaaaa")
    assert not text.is_valid("())(aaaaaaaa")  # closes before it opens
    assert not text.is_valid("((aaaaaaaaaa")  # never closed
    assert not text.is_valid("(a)")  # wrong length
    assert not text.is_valid("(a()a)aa(()]")  # not in the alphabet


def test_samplers():
    rng = np.random.default_rng(0)
    words = text.valid_words(200, rng)
    assert len(words) == 200 and text.valid_share(words) == 1.0
    # 15,511 valid words (the Motzkin number M_12) among 3^12 = 531,441 strings: 2.9%
    share = text.valid_share(text.random_strings(20_000, rng))
    assert abs(share - 15511 / 3**12) < 0.005


def test_encodings():
    hot = text.one_hot(["(a()a)aa(())"])
    assert hot.shape == (1, 12, 3) and hot.sum() == 12 and hot[0, 1, 2] == 1
    x, y = text.lm_arrays(["(a()a)aa(())"])
    assert x[0, 0] == 1 and x[0, 1:].tolist() == y[0, :-1].tolist() and y[0, 0] == text.LM_TOKENS.index("(")
