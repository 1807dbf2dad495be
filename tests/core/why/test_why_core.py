"""The memory task, the article's cell and gradient norms against distance."""

import numpy as np
import pytest

from lstm_core.brackets.counter import load_traceable, true_depth
from lstm_core.nn.cell import LSTMWeights, sigmoid
from lstm_core.why.article_cell import article_trace, compare
from lstm_core.why.cells import MemoryNet, pack, unpack
from lstm_core.why.gradients import clip_by_norm, norms_by_distance
from lstm_core.why.memory_task import MemoryTask, make_data, make_splits


def test_memory_task_puts_the_class_first_and_distractors_after():
    task = MemoryTask(distance=6, classes=3, distractors=4)
    data = make_data(task, 50, np.random.default_rng(0))
    assert data.x.shape == (50, 7, 7) and task.chance == pytest.approx(1 / 3)
    tokens = data.x.argmax(axis=2)
    assert np.array_equal(tokens[:, 0], data.y)
    assert np.all(tokens[:, 1:] >= 3) and np.all(data.x.sum(axis=2) == 1)


def test_varied_training_rows_are_front_padded_and_keep_the_marker():
    task = MemoryTask(distance=9)
    data = make_data(task, 200, np.random.default_rng(1), varied=True)
    for row, label in zip(data.x, data.y):
        real = np.flatnonzero(row.sum(axis=1))
        assert real[-1] == 9 and np.array_equal(real, np.arange(real[0], 10))  # zeros first, then a run
        assert row[real[0]].argmax() == label and np.all(row[real[1:]].argmax(axis=1) >= task.classes)
    lengths = {len(np.flatnonzero(r.sum(axis=1))) for r in data.x}
    assert min(lengths) == 2 and max(lengths) == 10


def test_splits_are_seeded_and_distinct():
    task = MemoryTask(distance=4)
    a, b = make_splits(task, (30, 10, 10), seed=0), make_splits(task, (30, 10, 10), seed=0)
    assert np.array_equal(a.test.x, b.test.x)
    assert not np.array_equal(a.validation.x, a.test.x)
    with pytest.raises(ValueError):
        MemoryTask(distance=0)


def test_article_cell_state_never_goes_negative_and_never_forgets_more_than_half():
    rng = np.random.default_rng(0)
    weights = LSTMWeights(rng.normal(0, 2, (3, 16)), rng.normal(0, 2, (4, 16)), rng.normal(0, 2, 16))
    tr = article_trace(weights, rng.normal(0, 2, (200, 3)))
    assert tr.cell.min() >= 0.0  # the candidate enters squared
    assert tr.forget.min() >= 0.5  # sigmoid of a non-negative product
    assert tr.hidden.min() >= 0.0 and tr.hidden.max() < sigmoid(1.0)  # sigmoid(o_t) < sigmoid(1)
    c_prev = np.vstack([np.zeros(4), tr.cell[:-1]])
    np.testing.assert_allclose(tr.cell, c_prev * tr.forget + tr.input * tr.candidate)


def test_on_the_bracket_counter_only_the_right_cell_counts():
    counter = load_traceable()
    text = "(a(b(c)d)e)(((x)y"
    result = compare(counter.network, counter.vocab.encode(text).ids)
    depth = true_depth(text)
    unit, _ = counter.depth_unit()
    assert np.array_equal(result.right_prediction, depth)
    assert (result.article_prediction == depth).mean() < 0.5
    assert result.right.cell[:, unit].min() < 0 <= result.article.cell.min()  # the right counter goes negative


def test_clip_by_norm():
    g = np.array([[3.0, 4.0]])
    np.testing.assert_allclose(clip_by_norm(g, 1.0), [[0.6, 0.8]])
    assert clip_by_norm(g, 10.0) is g


def small_net(kind: str, seed: int = 0) -> MemoryNet:
    rng = np.random.default_rng(seed)
    width = {"rnn": 1, "gru": 3, "lstm": 4}[kind] * 6
    bias = rng.normal(0, 0.1, (2, width) if kind == "gru" else width)
    weights = {"kernel": rng.normal(0, 0.5, (12, width)), "recurrent_kernel": rng.normal(0, 0.4, (6, width)),
               "bias": bias, "dense/kernel": rng.normal(size=(6, 4)), "dense/bias": np.zeros(4)}
    return MemoryNet(kind, {k: np.asarray(v, np.float32) for k, v in weights.items()})


@pytest.mark.parametrize("kind", ["rnn", "gru", "lstm"])
def test_gradient_norms_follow_the_recurrent_scale(kind):
    data = make_data(MemoryTask(distance=30), 4, np.random.default_rng(2))
    net = small_net(kind)
    norms = norms_by_distance(net, data.x, data.y)
    assert norms.shape == (31,) and np.all(norms > 0)
    small = norms_by_distance(net, data.x, data.y, scale=0.5)
    assert small[-1] / small[0] < norms[-1] / norms[0]  # smaller recurrent weights: faster vanishing
    clipped = norms_by_distance(net, data.x, data.y, scale=3.0, clip=1e-3)
    assert np.linalg.norm(clipped) <= 1e-3 * 1.0001


def test_numpy_gradient_equals_a_finite_difference_of_the_loss():
    net = small_net("gru", seed=4)
    x = make_data(MemoryTask(distance=5), 1, np.random.default_rng(0)).x[0].astype(np.float64)
    grad = net.input_gradients(x, 2)
    eps = 1e-6
    bumped = [x.copy(), x.copy()]
    bumped[0][1, 7] += eps
    bumped[1][1, 7] -= eps
    losses = [-np.log(net.probabilities(b)[2]) for b in bumped]
    assert grad[1, 7] == pytest.approx((losses[0] - losses[1]) / (2 * eps), rel=1e-4)


def test_pack_and_unpack_round_trip():
    nets = {kind: small_net(kind) for kind in ("rnn", "lstm")}
    back = unpack(pack(nets, "init"), "init")
    assert set(back) == {"rnn", "lstm"}
    assert np.array_equal(back["lstm"].weights["recurrent_kernel"], nets["lstm"].weights["recurrent_kernel"])


def test_a_unit_that_counts_down_reads_the_depth_as_well_as_one_that_counts_up():
    from lstm_core.why.article_cell import read_depth

    depth = np.array([0, 1, 2, 1, 2, 3, 2, 1, 0], dtype=float)
    up, down = read_depth(0.5 * depth + 0.1, depth), read_depth(-2.0 * depth + 3.0, depth)
    assert up.r == pytest.approx(1.0) and down.r == pytest.approx(-1.0)
    np.testing.assert_allclose(up.depth, depth, atol=1e-9)
    np.testing.assert_allclose(down.depth, depth, atol=1e-9)  # drawn the right way up
    flat = read_depth(np.ones(9), depth)
    assert flat.r == 0.0 and np.allclose(flat.depth, depth.mean())


def test_on_the_shipped_counter_the_standard_cell_tracks_depth_and_the_article_s_does_not():
    from lstm_core.brackets.counter import true_depth
    from lstm_core.serving import catalogue
    from lstm_core.why.article_cell import compare, read_depth

    counter = catalogue.load(next(e for e in catalogue.SHIPPED if e.key == "brackets"))
    text = "(a(b(c)d)e)((((x)y"
    result, (unit, _) = compare(counter.network, counter.vocab.encode(list(text)).ids), counter.depth_unit()
    depth = true_depth(text)
    right, article = read_depth(result.right.cell[:, unit], depth), read_depth(result.article.cell[:, unit], depth)
    assert abs(right.r) > 0.9 and abs(right.r) > abs(article.r) + 0.2, (right.r, article.r)
