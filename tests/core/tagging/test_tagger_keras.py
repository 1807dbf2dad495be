"""The NumPy tagger computes what its Keras twin computes (random weights, several shapes, padded batches)."""

import keras
import numpy as np
import pytest

from lstm_core.tagging.features import CharFeatures, padded
from lstm_core.tagging.tagger import Tagger, spec_for
from lstm_core.training import tagger_keras as tk

TEXTS = ["研究生命起源", "我", "结婚的和尚未结婚的，１９９８年ABC😀", "北京"]


@pytest.mark.parametrize("bidirectional", [True, False], ids=["bi", "uni"])
@pytest.mark.parametrize("char_dim, bigram_dim, units, tags", [(5, 3, 4, 3), (8, 2, 7, 1), (3, 6, 2, 5)])
def test_numpy_tagger_equals_keras(bidirectional, char_dim, bigram_dim, units, tags):
    features = CharFeatures.build(TEXTS[:2] + ["北京人"], bigram_min_count=1)
    shape = tk.TaggerShape(len(features.chars), len(features.bigrams), char_dim, bigram_dim, units, 4 * tags, bidirectional)
    keras.utils.set_random_seed(units)
    model = tk.build_tagger(shape)
    weights = tk.export_tagger(model, shape)
    tagger = Tagger(features, tuple(f"t{i}" for i in range(tags)), weights,
                    spec_for(char_dim, bigram_dim, units, tags, bidirectional))
    ids, _ = padded([features.encode(text) for text in TEXTS])  # padding (id 0) after the shorter texts
    expected = model.predict(tk.keras_inputs(ids), verbose=0)
    for row, got in enumerate(tagger.joint_probabilities(TEXTS)):
        np.testing.assert_allclose(got, expected[row, : len(TEXTS[row])], atol=1e-5)
    # the traced pass (what Gates shows) gives the same outputs as the batched one
    traced = tagger.network.trace(tagger.inputs(features.encode(TEXTS[2])))
    np.testing.assert_allclose(traced.outputs, expected[2, : len(TEXTS[2])], atol=1e-5)
    assert [layer.name for layer in traced.layers] == (["lstm_0_forward", "lstm_0_backward"] if bidirectional else ["lstm_0"])


def test_weights_go_back_into_keras():
    features = CharFeatures.build(TEXTS, bigram_min_count=1)
    shape = tk.TaggerShape(len(features.chars), len(features.bigrams), 4, 2, 3, 8, True)
    keras.utils.set_random_seed(0)
    source = tk.export_tagger(tk.build_tagger(shape), shape)
    keras.utils.set_random_seed(1)
    target = tk.build_tagger(shape)
    tk.load_tagger_weights(target, source, shape)
    assert all(np.array_equal(source[k], v) for k, v in tk.export_tagger(target, shape).items())


def test_frozen_embeddings_stay_frozen_and_length_batches_cover_every_sentence():
    features = CharFeatures.build(TEXTS, bigram_min_count=1)
    shape = tk.TaggerShape(len(features.chars), len(features.bigrams), 4, 2, 3, 8, False)
    start = {"char_embedding": np.ones((len(features.chars), 4)), "bigram_embedding": np.zeros((len(features.bigrams), 2))}
    model = tk.build_tagger(shape, frozen_embeddings=start)
    assert not model.get_layer("char_embedding").trainable
    ids = [features.encode(t) for t in TEXTS * 5]
    labels = [np.zeros(len(t), np.int32) for t in TEXTS * 5]
    batches = tk.length_batches(ids, labels, batch_size=3, seed=0)
    rows = sum(len(batches[i][1]) for i in range(len(batches)))
    assert rows == len(ids)
    x, y = batches[0]
    assert x["chars"].shape == y.shape
