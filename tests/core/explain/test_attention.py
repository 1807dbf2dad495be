"""The NumPy attention classifier equals its Keras twin; its saliency is the true gradient."""

import keras
import numpy as np

from lstm_core.explain.attention import AttentionClassifier, attention_shapes
from lstm_core.text.vocab import pad
from lstm_core.training.attention_keras import build_attention_model, export_attention_weights
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.text.vocab import Vocabulary

SPEC = NetworkSpec(vocab_size=9, embedding_dim=4, units=(5,), output_dim=2)


def classifier_and_keras(seed=0):
    keras.utils.set_random_seed(seed)
    model = build_attention_model(SPEC, attention_dim=3)
    rng = np.random.default_rng(seed)  # non-zero biases, so b matters too
    model.set_weights([w + rng.normal(0, 0.3, w.shape).astype("float32") for w in model.get_weights()])
    weights = export_attention_weights(model, SPEC)
    assert {k: v.shape for k, v in weights.items()} == attention_shapes(SPEC, 3)
    network = Network(SPEC, {k: v for k, v in weights.items() if not k.startswith("attention/")})
    attention = {k: v for k, v in weights.items() if k.startswith("attention/")}
    vocab = Vocabulary(tuple(["<pad>", "<unk>"] + list("abcdefg")))
    return AttentionClassifier(network, attention, vocab, "en", ["negative", "positive"]), model


def test_numpy_forward_equals_keras_with_padding():
    classifier, model = classifier_and_keras()
    sequences = [np.array([2, 3, 4]), np.array([5]), np.array([8, 7, 6, 5, 4, 3, 2])]
    expected = model.predict(pad(sequences, 7), verbose=0)
    probabilities, a, _ = classifier.forward_ids(sequences)
    np.testing.assert_allclose(probabilities, expected, atol=1e-5)
    np.testing.assert_allclose(a.sum(axis=1), 1.0, atol=1e-6)
    assert a[0, 3:].tolist() == [0.0] * 4 and a[1, 1:].tolist() == [0.0] * 6  # no weight on padding


def test_saliency_is_the_gradient_of_the_verdict():
    import tensorflow as tf

    classifier, model = classifier_and_keras(seed=1)
    ids = np.array([2, 5, 3, 8])
    target = int(classifier.forward_ids([ids])[0][0].argmax())
    embedded = tf.Variable(classifier.network.weights["embedding"][ids][None])  # (1, T, E)
    # The same model from its embeddings on: Keras' layers after the embedding, applied by hand.
    with tf.GradientTape() as tape:
        hidden = model.get_layer("lstm_0")(embedded)
        p = model.get_layer("dense")(model.get_layer("attention")(hidden))[0, target]
    expected = np.linalg.norm(tape.gradient(p, embedded).numpy()[0], axis=1)
    np.testing.assert_allclose(classifier.saliency(ids, target), expected, atol=1e-5)


def test_read_gives_one_score_per_token():
    classifier, _ = classifier_and_keras()
    reading = classifier.read("a b zz c")
    assert reading.tokens == ("a", "b", "zz", "c") and reading.unknown == (False, False, True, False)
    assert reading.attention.shape == reading.occlusion.shape == reading.saliency.shape == (4,)
    np.testing.assert_allclose(classifier.predict_proba(["a b zz c"])[0], reading.probabilities, atol=1e-6)
