"""Sampling rules (temperature, top-k, top-p, seeded draws) and the Kneser-Ney baseline."""

from collections import Counter

import numpy as np
import pytest

from lstm_core.generate import sampling
from lstm_core.generate.ngram import NGramConfig, NGramModel
from lstm_core.text.vocab import Vocabulary


def random_distribution(size: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).dirichlet(np.full(size, 0.3))


@pytest.mark.parametrize("seed", range(5))
def test_temperature_zero_is_argmax(seed):
    p = random_distribution(50, seed)
    greedy = sampling.apply_temperature(p, 0.0)
    assert greedy.argmax() == p.argmax() and greedy.max() == 1.0 and greedy.sum() == 1.0
    draws = {sampling.draw(sampling.reshape(p, sampling.SamplingConfig(0.0)), np.random.default_rng(s)) for s in range(20)}
    assert draws == {int(p.argmax())}


def test_temperature_sharpens_and_flattens():
    p = random_distribution(30, 1)
    h = [sampling.entropy_bits(sampling.apply_temperature(p, t)) for t in (0.3, 1.0, 3.0)]
    assert h[0] < h[1] < h[2] < np.log2(30)
    np.testing.assert_allclose(sampling.apply_temperature(p, 1.0), p, atol=1e-12)


@pytest.mark.parametrize("k", [1, 3, 10, 49])
def test_top_k_keeps_exactly_k(k):
    p = random_distribution(50, k)
    kept = sampling.top_k_filter(p, k)
    assert (kept > 0).sum() == k
    assert set(np.flatnonzero(kept)) == set(np.argsort(-p)[:k])
    np.testing.assert_allclose(kept.sum(), 1.0)


def test_top_k_larger_than_vocabulary_keeps_all():
    p = random_distribution(20, 0)
    np.testing.assert_allclose(sampling.top_k_filter(p, 10_000), p)


@pytest.mark.parametrize("top_p", [0.1, 0.5, 0.9, 0.99])
def test_top_p_keeps_the_smallest_set_reaching_p(top_p):
    p = random_distribution(40, int(top_p * 100))
    kept = sampling.top_p_filter(p, top_p)
    chosen = np.flatnonzero(kept)
    mass = p[chosen].sum()
    assert mass >= top_p - 1e-12
    # Minimal: dropping the least likely kept entry falls below p, and nothing less
    # likely than a dropped entry was kept.
    assert mass - p[chosen].min() < top_p
    assert p[chosen].min() >= p[np.setdiff1d(np.arange(40), chosen)].max()
    np.testing.assert_allclose(kept.sum(), 1.0)


def test_top_p_zero_keeps_one():
    p = random_distribution(40, 3)
    kept = sampling.top_p_filter(p, 0.0)
    assert (kept > 0).sum() == 1 and kept.argmax() == p.argmax()


@pytest.mark.parametrize("temperature", [0.0, 0.01, 0.7, 1.0, 2.5, 3.0])
@pytest.mark.parametrize("top_k", [None, 1, 5])
@pytest.mark.parametrize("top_p", [None, 0.0, 0.8])
def test_reshaped_probabilities_sum_to_one(temperature, top_k, top_p):
    p = random_distribution(64, 7)
    q = sampling.reshape(p, sampling.SamplingConfig(temperature, top_k, top_p))
    assert np.all(q >= 0) and abs(q.sum() - 1.0) < 1e-9
    assert set(np.flatnonzero(q)) <= set(np.flatnonzero(p))


def test_same_seed_same_draws_and_zero_probability_never_drawn():
    p = np.array([0.0, 0.2, 0.0, 0.5, 0.3, 0.0])
    first = [sampling.draw(p, np.random.default_rng(9)) for _ in range(3)]
    rng_a, rng_b = np.random.default_rng(4), np.random.default_rng(4)
    a = [sampling.draw(p, rng_a) for _ in range(200)]
    b = [sampling.draw(p, rng_b) for _ in range(200)]
    assert a == b and len(set(first)) == 1
    assert set(a) <= {1, 3, 4}
    counts = Counter(a)
    assert counts[3] > counts[4] > counts[1] > 0


def test_bad_settings_are_refused():
    with pytest.raises(ValueError):
        sampling.SamplingConfig(temperature=-1)
    with pytest.raises(ValueError):
        sampling.SamplingConfig(top_p=1.5)
    with pytest.raises(ValueError):
        sampling.normalise(np.zeros(3))


# ---------------------------------------------------------------- Kneser-Ney


def reference_kn(text: str, order: int, vocab: Vocabulary):
    """A plain dictionary implementation of the same interpolated Kneser-Ney, for checking."""
    ids = list(vocab.encode(text).ids)
    base = len(vocab)
    counts = [Counter() for _ in range(order + 1)]
    for k in range(1, order + 1):
        for i in range(len(ids) - k + 1):
            counts[k][tuple(ids[i : i + k])] += 1
    used = [None] * (order + 1)
    for k in range(1, order + 1):
        if k == order:
            used[k] = counts[k]
        else:
            used[k] = Counter(g[1:] for g in counts[k + 1])
    discount = []
    for k in range(order + 1):
        if k == 0:
            discount.append(0)
            continue
        n1 = sum(1 for c in used[k].values() if c == 1)
        n2 = sum(1 for c in used[k].values() if c == 2)
        discount.append(n1 / (n1 + 2 * n2) if n1 + n2 else 0.5)

    def prob(context: tuple, w: int, k: int) -> float:
        if k == 1:
            total = sum(used[1].values())
            freed = discount[1] * len(used[1])
            return (max(used[1][(w,)] - discount[1], 0) + freed / (base - 1)) / total
        h = context[-(k - 1) :]
        lower = prob(context, w, k - 1)
        total = sum(c for g, c in used[k].items() if g[:-1] == h)
        if total == 0:
            return lower
        types = sum(1 for g in used[k] if g[:-1] == h)
        return (max(used[k][h + (w,)] - discount[k], 0) + discount[k] * types * lower) / total

    return prob


def test_kneser_ney_matches_a_plain_reference():
    docs = ["abracadabra", "abra kadabra", "cadabra bra", "a bad cab"]
    vocab = Vocabulary.build(["\n" + d for d in docs])
    model = NGramModel.fit(docs, vocab, NGramConfig(order=3))
    reference = reference_kn("\n" + "\n".join(docs) + "\n", 3, vocab)
    for context in ["\nab", "\nca", " k", "zz"]:
        ids = tuple(int(i) for i in vocab.encode(context).ids)
        got = model.next_distribution(np.array(ids))
        want = np.array([0.0] + [reference(ids, w, min(3, len(ids) + 1)) for w in range(1, len(vocab))])
        np.testing.assert_allclose(got, want / want.sum(), atol=1e-12)
        assert abs(want.sum() - 1.0) < 1e-9  # the reference itself is a distribution


def test_ngram_scores_agree_with_its_distributions():
    docs = ["the cat sat on the mat", "the dog sat on the log", "a cat and a dog"]
    vocab = Vocabulary.build(["\n" + d for d in docs])
    model = NGramModel.fit(docs, vocab, NGramConfig(order=4))
    ids = vocab.encode("\nthe cat sat\n").ids
    logs = model.log_probs(ids)
    for t in range(1, len(ids)):
        p = model.next_distribution(ids[max(0, t - 3) : t])
        assert abs(np.log2(p[ids[t]]) - logs[t - 1]) < 1e-12
    seen = model.bits_per_char("the cat sat on the mat")
    unseen = model.bits_per_char("zebra quiz")
    assert seen < unseen


def test_a_certain_outcome_has_zero_entropy_not_minus_zero():
    """p = one-hot gave -0.0 bits, shown on the page as "-0.00"."""
    from lstm_core.generate.sampling import entropy_bits

    assert f"{entropy_bits(np.array([0.0, 1.0, 0.0])):.2f}" == "0.00"
