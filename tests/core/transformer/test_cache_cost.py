"""The key/value cache writes what the whole-sequence pass computes, and the cost measurement has its shape."""

import numpy as np
import pytest

from lstm_core.generate import charlm
from lstm_core.generate.language_model import CharLanguageModel, generate, sample
from lstm_core.generate.sampling import SamplingConfig
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.text.vocab import Vocabulary
from lstm_core.transformer import cost
from lstm_core.transformer.cache import KVCache, step
from lstm_core.transformer.encoder import Transformer, TransformerSpec
from lstm_core.transformer.language_model import TransformerLanguageModel, log_probs_of

VOCAB = Vocabulary.build(["\nthe cat sat on the mat, and the dog ate the hat."])


def random_weights(shapes: dict, seed: int, scale: float = 0.4) -> dict:
    rng = np.random.default_rng(seed)
    return {k: rng.normal(0, scale, s).astype("float32") for k, s in shapes.items()}


def transformer_lm(layers=2, width=8, heads=2, seed=0) -> TransformerLanguageModel:
    spec = TransformerSpec("tokens", vocab_size=len(VOCAB), width=width, heads=heads, layers=layers, ffn_width=12,
                           output_dim=len(VOCAB))
    return TransformerLanguageModel(Transformer(spec, random_weights(spec.weight_shapes(), seed)), VOCAB, context=64)


def lstm_lm(units=6) -> CharLanguageModel:
    spec = NetworkSpec(vocab_size=len(VOCAB), embedding_dim=4, units=(units,), output_dim=len(VOCAB), per_step_output=True)
    return CharLanguageModel(Network(spec, random_weights(spec.weight_shapes(), 1)), VOCAB)


def test_one_position_at_a_time_equals_the_whole_sequence():
    lm = transformer_lm()
    ids = VOCAB.encode("\nthe cat sat on the mat").ids
    whole = lm.model.forward(ids[None]).outputs[0]  # (T, V)
    cache = KVCache.empty(lm.model, capacity=4)  # small: the buffers must grow on the way
    for t, token in enumerate(ids):
        probs, cache = step(lm.model, token, cache)
        np.testing.assert_allclose(probs, whole[t], atol=1e-5)
    assert cache.length == len(ids)
    assert cache.nbytes == 2 * 2 * len(ids) * 8 * 4  # keys and values, 2 blocks, width 8, float32


def test_an_old_state_can_be_advanced_again_without_changing_the_new_one():
    lm = transformer_lm()
    _, state = lm.start()
    for token in VOCAB.encode("the ").ids:
        _, state = lm.advance(state, token)
    a_probs, a_state = lm.advance(state, VOCAB.index["c"])
    b_probs, _ = lm.advance(state, VOCAB.index["m"])  # a branch from the same state
    again, _ = lm.advance(a_state, VOCAB.index["a"])
    fresh = lm.model.forward(VOCAB.encode("\nthe ca").ids[None]).outputs[0, -1]
    np.testing.assert_allclose(again, fresh, atol=1e-5)
    assert not np.allclose(a_probs, b_probs)


def test_the_generation_loop_and_the_scorer_accept_the_transformer():
    lm = transformer_lm(seed=3)
    text = sample(lm, "the ", 30, temperature=0.0)
    assert len(text) == 30 and sample(lm, "the ", 30, temperature=0.0) == text  # greedy is deterministic
    steps = list(generate(lm, "the ", 5, SamplingConfig(temperature=1.0, seed=2)))
    assert len(steps) == 5 and all(s.candidates for s in steps)
    docs = ["the cat", "a dog sat on the hat"]
    bits, chars = lm.bits_on_documents(docs)
    assert chars == sum(len(d) + 1 for d in docs)
    ids = [VOCAB.encode("\n" + d + "\n").ids for d in docs]
    one_by_one = sum(-log_probs_of(lm.model, [s[:-1]], [s[1:]])[0].sum() for s in ids)
    assert bits == pytest.approx(one_by_one, rel=1e-5)  # batching with end padding changes nothing


def test_reading_a_text_keeps_every_attention_map_and_cuts_at_the_context():
    lm = transformer_lm()
    reading = lm.read("the cat")
    assert reading.labels == ("⏎", *"the cat")
    assert len(reading.attention) == 2 and reading.attention[0].shape == (2, 8, 8)
    assert reading.bits.shape == (7,) and reading.cut == 0
    long = lm.read("x" * 100)  # x is not in the vocabulary: read as <unk>
    assert len(long.labels) == lm.context and long.cut == 100 - (lm.context - 1)
    assert all(long.unknown[1:])


def test_cost_points_have_one_per_context_and_grow_only_for_the_transformer():
    ids = np.tile(VOCAB.encode("the cat sat on the mat. ").ids, 60)
    contexts = (10, 100, 1_500)
    t_points = cost.measure(transformer_lm(), ids, contexts, steps=3, repeats=1)
    l_points = cost.measure(lstm_lm(), ids, contexts, steps=3, repeats=1)
    for points in (t_points, l_points):
        assert [p.context for p in points] == list(contexts)
        assert all(p.seconds_per_char > 0 for p in points)
    assert [p.state_bytes for p in t_points] == [2 * 2 * c * 8 * 4 for c in contexts]  # linear in the context
    assert len({p.state_bytes for p in l_points}) == 1 == len({p.multiply_adds for p in l_points})
    assert l_points[0].state_bytes == 2 * 6 * 4
    work = [p.multiply_adds for p in t_points]
    assert work[2] - work[1] == (1_500 - 100) * 2 * 2 * 8  # 2 blocks x 2 (scores, values) x width per position
    assert l_points[0].multiply_adds == 4 * 6 * (4 + 6) + 6 * len(VOCAB)


def test_tiled_cache_has_the_real_positions_first():
    lm = transformer_lm()
    _, state = lm.start()
    for token in VOCAB.encode("the cat").ids:
        _, state = lm.advance(state, token)
    tiled = cost.tiled_cache(lm.model, state, 20)
    assert tiled.length == 20 and tiled.nbytes == 20 * state.nbytes // state.length
    real = state.buffers.keys[:, :, : state.length]
    np.testing.assert_array_equal(tiled.buffers.keys[:, :, : state.length], real)
    np.testing.assert_array_equal(tiled.buffers.keys[:, :, state.length : 2 * state.length], real)


def test_crossover_interpolates_where_a_growing_cost_passes_a_constant_one():
    assert cost.crossover([10, 100, 1000], [1.0, 2.0, 4.0], [3.0, 3.0, 3.0]) == pytest.approx(10 ** 2.5)
    assert cost.crossover([10, 100], [1.0, 2.0], [3.0, 3.0]) is None
    assert cost.crossover([10, 100], [4.0, 5.0], [3.0, 3.0]) == 10.0


def test_attention_shares_of_a_causal_map():
    from lstm_core.transformer.language_model import attention_shares

    uniform = np.tril(np.ones((4, 4))) / np.arange(1, 5)[:, None]  # row t spreads evenly over 0..t
    recent, start = attention_shares(uniform, 2)
    assert recent == pytest.approx((1 + 1 + 2 / 3 + 1 / 2) / 4)
    assert start == pytest.approx((1 + 1 / 2 + 1 / 3 + 1 / 4) / 4)
    assert attention_shares(np.eye(5), 1) == (1.0, 0.2)
