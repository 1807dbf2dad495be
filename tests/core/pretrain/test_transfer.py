"""Moving a language model's weights: vocabulary mapping, the classifier's start, unfreezing and rates."""

import numpy as np
import pytest

from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.pretrain import transfer
from lstm_core.text.vocab import Vocabulary

OLD = Vocabulary(("<pad>", "<unk>", "\n", "好", "不"))
NEW = Vocabulary(("<pad>", "<unk>", "不", "很", "好", "\n"))


def language_model(seed: int = 0, vocab: Vocabulary = OLD) -> Network:
    rng = np.random.default_rng(seed)
    spec = NetworkSpec(vocab_size=len(vocab), embedding_dim=3, units=(4,), output_dim=len(vocab), per_step_output=True)
    return Network(spec, {name: rng.normal(size=shape) for name, shape in spec.weight_shapes().items()})


def test_carried_rows_keep_known_tokens_and_start_new_ones_at_the_mean():
    table = np.arange(15, dtype=np.float32).reshape(5, 3)
    rows = transfer.carried_rows(OLD, NEW, table)
    assert rows.shape == (6, 3)
    for token in ("<pad>", "<unk>", "不", "好", "\n"):
        assert np.array_equal(rows[NEW.index[token]], table[OLD.index[token]]), token
    assert np.allclose(rows[NEW.index["很"]], table[2:].mean(axis=0))  # new: the mean of the known tokens


def test_mapped_language_model_predicts_the_same_for_shared_tokens():
    lm = language_model()
    mapped = transfer.map_vocabulary(lm, OLD, NEW)
    assert mapped.spec.vocab_size == mapped.spec.output_dim == len(NEW)
    for name in ("lstm_0/kernel", "lstm_0/recurrent_kernel", "lstm_0/bias"):
        assert np.array_equal(mapped.weights[name], lm.weights[name])
    old_ids, new_ids = [OLD.index[c] for c in "\n好不"], [NEW.index[c] for c in "\n好不"]
    before, after = lm.trace(np.array(old_ids)).outputs, mapped.trace(np.array(new_ids)).outputs
    # Same hidden states; the logits of shared tokens are the same, so their ratios are too.
    shared = [OLD.index[c] for c in "好不\n"], [NEW.index[c] for c in "好不\n"]
    ratio = before[:, shared[0]] / before[:, shared[0]].sum(axis=1, keepdims=True)
    assert np.allclose(ratio, after[:, shared[1]] / after[:, shared[1]].sum(axis=1, keepdims=True), atol=1e-6)


def test_classifier_start_is_the_language_models_own_weights():
    lm = language_model(1)
    start = transfer.classifier_start(lm)
    assert set(start) == {"embedding", "lstm_0/kernel", "lstm_0/recurrent_kernel", "lstm_0/bias"}
    assert all(start[name] is lm.weights[name] for name in start)
    spec = transfer.classifier_spec(lm.spec, classes=2, dropout=0.3)
    assert (spec.vocab_size, spec.embedding_dim, spec.units, spec.output_dim) == (len(OLD), 3, (4,), 2)
    assert not spec.per_step_output
    assert {k: v for k, v in spec.weight_shapes().items() if not k.startswith("dense")} == {
        k: v.shape for k, v in start.items()}


def test_gradual_unfreezing_and_rates_go_from_the_top_down():
    spec = NetworkSpec(vocab_size=5, embedding_dim=3, units=(4, 4), output_dim=2)
    assert transfer.layer_names(spec) == ["dense", "lstm_1", "lstm_0", "embedding"]
    assert transfer.unfreeze_epochs(spec, gradual=True) == (("dense", 1), ("lstm_1", 2), ("lstm_0", 3), ("embedding", 4))
    assert {epoch for _, epoch in transfer.unfreeze_epochs(spec, gradual=False)} == {1}
    rates = dict(transfer.layer_rates(spec, 2.6))
    assert rates["dense"] == 1 and np.isclose(rates["lstm_1"], 1 / 2.6) and np.isclose(rates["embedding"], 2.6 ** -3)
    assert set(dict(transfer.layer_rates(spec, 1.0)).values()) == {1.0}
    with pytest.raises(ValueError):
        transfer.layer_rates(spec, 0.5)


def test_map_vocabulary_refuses_a_classifier():
    spec = NetworkSpec(vocab_size=5, embedding_dim=3, units=(4,), output_dim=2)
    rng = np.random.default_rng(0)
    classifier = Network(spec, {k: rng.normal(size=s) for k, s in spec.weight_shapes().items()})
    with pytest.raises(ValueError, match="language model"):
        transfer.map_vocabulary(classifier, OLD, NEW)
