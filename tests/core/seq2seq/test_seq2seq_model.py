"""The NumPy encoder-decoder against its Keras twin, and the decoding rules (greedy, beam)."""

from __future__ import annotations

import keras  # noqa: F401  (a missing install must fail, not skip)
import numpy as np
import pytest

from lstm_core.seq2seq.beam import beam_search
from lstm_core.seq2seq.data import END, codec_for, draw_splits, training_arrays
from lstm_core.seq2seq.model import ATTENTION_KINDS, Seq2SeqNetwork, Seq2SeqSpec
from lstm_core.seq2seq.tasks import TASKS
from lstm_core.training.seq2seq_keras import build_seq2seq, export_weights, load_weights

TASK = TASKS["dates"]
CODEC = codec_for(TASK)
DRAWS = draw_splits(TASK, 40, 1, 1, seed=2)


def _spec(attention: str) -> Seq2SeqSpec:
    return Seq2SeqSpec(CODEC.source_size, CODEC.target_size, TASK.max_source, TASK.max_target, 6, 10, attention, 7)


def _random_network(attention: str, seed: int = 0, scale: float = 1.5) -> Seq2SeqNetwork:
    """Random weights large enough that the decoder's choices vary from step to step."""
    rng = np.random.default_rng(seed)
    spec = _spec(attention)
    return Seq2SeqNetwork(spec, {k: rng.normal(0, scale / np.sqrt(s[0]), s).astype(np.float32)
                                 for k, s in spec.weight_shapes().items()})


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


@pytest.mark.parametrize("attention", ATTENTION_KINDS)
def test_numpy_equals_keras_teacher_forced_and_free_running(attention):
    spec = _spec(attention)
    network = _random_network(attention, seed=1)
    x, _ = training_arrays(CODEC, DRAWS.train, spec.max_source, spec.max_target)
    x = x[:8]
    forced, free = build_seq2seq(spec), build_seq2seq(spec, free_running=True)
    for model in (forced, free):
        load_weights(model, spec, network.weights)
    exported = export_weights(forced, spec)
    assert all(np.array_equal(exported[k], network.weights[k]) for k in network.weights)
    keras_forced = _log_softmax(np.asarray(forced(x)))  # (B, T_out, V)
    for row, source in enumerate(DRAWS.train.sources[:8]):
        numpy_forced = network.teacher_forced(CODEC.source_ids(source), x[row, spec.max_source:])
        np.testing.assert_allclose(numpy_forced, keras_forced[row], atol=2e-5)
    keras_free = np.asarray(free(x)).argmax(axis=-1)
    numpy_free = network.greedy_batch([CODEC.source_ids(s) for s in DRAWS.train.sources[:8]])
    np.testing.assert_array_equal(numpy_free, keras_free)


def test_free_running_keras_model_trains_and_exports_the_same_weight_names():
    spec = _spec("additive")
    assert set(export_weights(build_seq2seq(spec, free_running=True), spec)) == set(spec.weight_shapes())


@pytest.mark.parametrize("attention", ["general", "additive"])
def test_attention_rows_sum_to_one_and_padding_gets_no_weight(attention):
    network = _random_network(attention, seed=2)
    sources = [CODEC.source_ids(s) for s in DRAWS.train.sources[:6]]
    for ids in sources:
        encoded = network.encode(ids)
        h = np.random.default_rng(0).normal(size=(3, network.spec.units)).astype(np.float32)
        weights, context = network.attend(h, encoded.states, encoded.keys)
        np.testing.assert_allclose(weights.sum(axis=1), 1.0, rtol=1e-6)
        np.testing.assert_allclose(context, weights @ encoded.states, rtol=1e-5, atol=1e-6)
    # a padded batch: the same weights on the real steps, none on the padding
    lengths = np.array([len(s) for s in sources])
    states = np.zeros((len(sources), lengths.max(), network.spec.units), np.float32)
    keys = np.zeros((len(sources), lengths.max(), network.encode(sources[0]).keys.shape[1]), np.float32)
    for row, ids in enumerate(sources):
        enc = network.encode(ids)
        states[row, : len(ids)], keys[row, : len(ids)] = enc.states, enc.keys
    h = np.ones((len(sources), network.spec.units), np.float32)
    mask = np.arange(lengths.max())[None] < lengths[:, None]
    batch, _ = network.attend(h, states, keys, mask)
    assert (batch[~mask] == 0).all()
    for row, ids in enumerate(sources):
        enc = network.encode(ids)
        np.testing.assert_allclose(batch[row, : len(ids)], network.attend(h[row:row + 1], enc.states, enc.keys)[0][0],
                                   rtol=1e-5)


@pytest.mark.parametrize("attention", ATTENTION_KINDS)
def test_beam_width_one_is_greedy_and_no_beam_scores_below_greedy(attention):
    network = _random_network(attention, seed=3)  # scale 1.5: outputs of full length, choices not all certain
    sources = [CODEC.source_ids(s) for s in DRAWS.train.sources[:20]]
    greedy = network.greedy_batch(sources)
    differs = 0
    for row, ids in enumerate(sources):
        encoded = network.encode(ids)
        one = beam_search(network, encoded, 1)
        written = list(greedy[row])
        cut = written.index(END) + 1 if END in written else len(written)
        assert one.best.ids == tuple(written[:cut]) == one.greedy.ids
        # its log-probability is the sum of the chosen characters' log-probabilities
        forced = network.teacher_forced(ids, [1, *one.best.ids[:-1]])
        assert one.best.log_prob == pytest.approx(forced[np.arange(cut), list(one.best.ids)].sum(), abs=1e-4)
        for width in (2, 3, 5, 8):
            result = beam_search(network, encoded, width)
            assert result.best.log_prob >= one.best.log_prob - 1e-9
            assert all(len(step.candidates) <= width for step in result.steps)
            differs += result.best.ids != one.best.ids
    assert differs > 0  # random weights: the beam must find something greedy missed somewhere


def test_beam_candidates_are_ranked_and_scored_consistently():
    network = _random_network("general", seed=4, scale=3.0)
    encoded = network.encode(CODEC.source_ids(DRAWS.train.sources[0]))
    result = beam_search(network, encoded, 4)
    for step in result.steps:
        scores = [c.log_prob for c in step.candidates]
        assert scores == sorted(scores, reverse=True)
        assert all(len(c.ids) == step.step + 1 for c in step.candidates)
    assert [c.log_prob for c in result.finished] == sorted((c.log_prob for c in result.finished), reverse=True)
    assert result.best == result.finished[0]
    with pytest.raises(ValueError):
        beam_search(network, encoded, 0)


def test_weights_that_do_not_fit_the_spec_are_refused():
    spec = _spec("general")
    weights = {k: np.zeros(s, np.float32) for k, s in spec.weight_shapes().items()}
    weights["attention/kernel"] = np.zeros((3, 3), np.float32)
    with pytest.raises(ValueError):
        Seq2SeqNetwork(spec, weights)
    with pytest.raises(ValueError):
        Seq2SeqSpec(10, 10, 5, 5, attention="dot")
