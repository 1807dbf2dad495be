"""B/I/E/S labels and the constrained Viterbi decoding, against hand-worked answers."""

import numpy as np
import pytest

from lstm_core.tagging import bies
from lstm_core.tagging.bies import B, E, I, S


def test_labels_and_words_round_trip():
    words = ["一九九八年", "新年", "讲话", "。"]
    labels = bies.labels_of(words)
    assert labels == [B, I, I, I, E, B, E, B, E, S]
    assert bies.words_of("".join(words), labels) == words
    assert bies.is_valid(labels)


@pytest.mark.parametrize("labels, valid", [
    ([S], True), ([B, E], True), ([B, I, I, E, S], True), ([B], False), ([E], False), ([I, E], False),
    ([B, S], False), ([S, I], False), ([B, E, E], False), ([], True),
])
def test_validity(labels, valid):
    assert bies.is_valid(labels) == valid


def test_viterbi_prefers_the_best_valid_string_over_the_best_labels():
    # Per character, the most likely labels are B, B, E: not a segmentation (B cannot follow B).
    p = np.array([[0.7, 0.0, 0.0, 0.3], [0.6, 0.3, 0.0, 0.1], [0.0, 0.0, 0.9, 0.1]])
    # Valid strings and their products: S B E = .3*.6*.9 = .162; B I E = .7*.3*.9 = .189; S S S = .003;
    # B E S = 0 (P(E) at 2nd char is 0). The best is B I E.
    assert bies.viterbi(np.log(p + 1e-12)[None]).tolist() == [[B, I, E]]


def test_viterbi_is_always_valid_and_batches_like_one_by_one():
    rng = np.random.default_rng(0)
    lengths = np.array([1, 2, 7, 30, 5])
    batch = np.log(rng.dirichlet(np.ones(4), size=(5, 30)))
    together = bies.viterbi(batch, lengths)
    for row, length in enumerate(lengths):
        alone = bies.viterbi(batch[row:row + 1, :length])[0]
        assert together[row, :length].tolist() == alone.tolist()
        assert (together[row, length:] == -1).all()
        assert bies.is_valid(alone.tolist())


def test_viterbi_brute_force_on_short_rows():
    import itertools

    rng = np.random.default_rng(1)
    for _ in range(20):
        log_p = np.log(rng.dirichlet(np.ones(4), size=4))
        best = max((c for c in itertools.product(range(4), repeat=4) if bies.is_valid(c)),
                   key=lambda c: sum(log_p[t, c[t]] for t in range(4)))
        assert tuple(bies.viterbi(log_p[None])[0]) == best


def test_word_tags_sum_over_each_word():
    # two tags (0, 1); word 1 = chars 0-1 (B, E), word 2 = char 2 (S)
    probs = np.full((3, 4, 2), 1e-6)
    probs[0, B] = [0.6, 0.4]
    probs[1, E] = [0.1, 0.9]  # log .6 + log .1 < log .4 + log .9: the word takes tag 1
    probs[2, S] = [0.8, 0.2]
    assert bies.word_tags(np.log(probs.reshape(3, 8)), [B, E, S], 2) == [1, 0]
