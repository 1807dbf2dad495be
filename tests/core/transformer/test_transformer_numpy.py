"""The NumPy Transformer against Keras 3 (random weights, several shapes, masks), and its attention's rules."""

import numpy as np
import pytest

import keras  # noqa: E402  (a missing install must fail, not skip)

from lstm_core.training.transformer_keras import (  # noqa: E402
    attention_maps, build_transformer, export_transformer, load_into_transformer,
)
from lstm_core.transformer.attention import causal_mask, positional_encoding  # noqa: E402
from lstm_core.transformer.encoder import Transformer, TransformerSpec  # noqa: E402

# One length-1 case: Keras warns that a softmax over one key is always 1 (it is, and so is ours).
pytestmark = pytest.mark.filterwarnings("ignore:You are using a softmax over axis")

SHAPES = [  # (spec, batch, length)
    (TransformerSpec("tokens", vocab_size=11, width=8, heads=2, layers=2, ffn_width=16, causal=True, output_dim=11), 3, 7),
    (TransformerSpec("tokens", vocab_size=5, width=4, heads=1, layers=1, ffn_width=3, causal=True, output_dim=5), 1, 1),
    (TransformerSpec("tokens", vocab_size=30, width=12, heads=3, layers=3, ffn_width=20, causal=True, output_dim=30), 2, 40),
    (TransformerSpec("values", input_dim=5, width=12, heads=3, layers=1, ffn_width=8, causal=False, output_dim=4,
                     per_step_output=False), 4, 9),
    (TransformerSpec("values", input_dim=3, width=6, heads=2, layers=2, ffn_width=10, causal=False, output_dim=2,
                     per_step_output=False), 5, 30),
]


def inputs_for(spec: TransformerSpec, batch: int, length: int, rng) -> np.ndarray:
    """Random ids (some of them padding, id 0) or vectors front-padded with zero rows, as the memory task pads."""
    if spec.input_kind == "tokens":
        return rng.integers(1, spec.vocab_size, (batch, length))
    x = rng.normal(size=(batch, length, spec.input_dim)).astype("float32")
    for row in range(1, batch):
        x[row, : rng.integers(0, length)] = 0.0  # row 0 unpadded, the others padded in front
    return x


def twins(spec: TransformerSpec, length: int, seed: int):
    """A Keras model with random (not initial) weights everywhere, and the NumPy model holding the same."""
    keras.utils.set_random_seed(seed)
    model = build_transformer(spec, max_length=length)
    rng = np.random.default_rng(seed)
    weights = {k: (v + rng.normal(0, 0.3, v.shape)).astype("float32") for k, v in export_transformer(model, spec).items()}
    load_into_transformer(model, spec, weights)
    return model, Transformer(spec, weights)


@pytest.mark.parametrize("index", range(len(SHAPES)))
def test_forward_and_attention_equal_keras(index):
    spec, batch, length = SHAPES[index]
    model, net = twins(spec, length, seed=index)
    x = inputs_for(spec, batch, length, np.random.default_rng(index))
    ours = net.forward(x)
    theirs = model.predict(x, verbose=0)
    np.testing.assert_allclose(ours.outputs, theirs, atol=2e-5)
    for mine, keras_map in zip(ours.attention, attention_maps(model, spec, x), strict=True):
        assert mine.shape == (batch, spec.heads, length, length)
        np.testing.assert_allclose(mine, keras_map, atol=2e-5)
    assert export_transformer(model, spec).keys() == net.weights.keys()
    assert net.parameter_count() == model.count_params()


def test_padding_in_a_token_batch_is_masked_like_keras():
    """Id 0 is padding: a whole-sequence (non-causal) model ignores it, as the Keras mask does."""
    spec = TransformerSpec("tokens", vocab_size=9, width=8, heads=2, layers=2, ffn_width=8, causal=False, output_dim=3,
                           per_step_output=False)
    model, net = twins(spec, 12, seed=7)
    x = np.random.default_rng(7).integers(1, 9, (3, 12))
    x[1, :5] = 0
    x[2, :11] = 0
    np.testing.assert_allclose(net.forward(x).outputs, model.predict(x, verbose=0), atol=2e-5)


@pytest.mark.parametrize("index", range(len(SHAPES)))
def test_attention_rows_sum_to_one_and_padding_gets_nothing(index):
    spec, batch, length = SHAPES[index]
    _, net = twins(spec, length, seed=index)
    x = inputs_for(spec, batch, length, np.random.default_rng(index + 10))
    trace = net.forward(x)
    for maps in trace.attention:  # (B, h, T, T)
        rows = maps.sum(axis=-1)  # (B, h, T)
        np.testing.assert_allclose(rows[np.broadcast_to(trace.valid[:, None], rows.shape)], 1.0, atol=1e-6)
        assert (maps >= 0).all()
        assert np.abs(maps * ~trace.valid[:, None, None, :]).max() == 0.0  # no weight on a padded key


def test_causal_mask_no_position_attends_to_a_later_one():
    spec, batch, length = SHAPES[2]
    _, net = twins(spec, length, seed=2)
    x = inputs_for(spec, batch, length, np.random.default_rng(3))
    later = ~causal_mask(length)
    for maps in net.forward(x).attention:
        assert np.abs(maps[..., later]).max() == 0.0
    # And so nothing later changes an earlier output.
    changed = x.copy()
    changed[:, 25:] = np.random.default_rng(4).integers(1, spec.vocab_size, changed[:, 25:].shape)
    np.testing.assert_allclose(net.forward(changed).outputs[:, :25], net.forward(x).outputs[:, :25], atol=1e-6)
    assert not np.allclose(net.forward(changed).outputs[:, 25:], net.forward(x).outputs[:, 25:])


def test_without_the_causal_mask_early_positions_see_later_ones():
    spec = TransformerSpec("tokens", vocab_size=30, width=12, heads=3, layers=1, ffn_width=20, causal=False,
                           output_dim=30)
    _, net = twins(spec, 10, seed=5)
    maps = net.forward(np.random.default_rng(5).integers(1, 30, (1, 10))).attention[0]
    assert maps[..., ~causal_mask(10)].max() > 0.0


def test_positional_encoding_is_the_sinusoid():
    pe = positional_encoding(50, 8)
    assert pe.shape == (50, 8)
    np.testing.assert_allclose(pe[0], [0, 1] * 4, atol=1e-7)
    np.testing.assert_allclose(pe[7, 0], np.sin(7.0), atol=1e-6)
    np.testing.assert_allclose(pe[7, 3], np.cos(7.0 / 10000 ** (2 / 8)), atol=1e-6)
    np.testing.assert_allclose(positional_encoding(5, 8, start=45), pe[45:], atol=1e-6)
    assert len({tuple(np.round(row, 4)) for row in pe}) == 50  # every position distinct


def test_spec_round_trips_and_refuses_wrong_weights():
    spec = SHAPES[0][0]
    assert TransformerSpec.from_dict(spec.to_dict()) == spec
    _, net = twins(spec, 7, seed=0)
    weights = dict(net.weights)
    weights["dense/bias"] = np.zeros(3, np.float32)
    with pytest.raises(ValueError, match="dense/bias"):
        Transformer(spec, weights)
    with pytest.raises(ValueError, match="missing"):
        Transformer(spec, {k: v for k, v in net.weights.items() if k != "embedding"})
    with pytest.raises(ValueError):
        TransformerSpec(width=10, heads=3)
