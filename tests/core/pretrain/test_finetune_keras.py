"""Fine-tuning through the one training loop: the weights carried into Keras, unfreezing, rates per layer."""

from dataclasses import replace

import numpy as np
import pytest

from lstm_core.training.network_keras import export_weights
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.training.trainer import TrainConfig, Trainer
from lstm_core.pretrain import transfer
from lstm_core.training.pretrain_keras import classifier_from_language_model

pytestmark = pytest.mark.slow  # trains models: not in the fast lane

LM_SPEC = NetworkSpec(vocab_size=12, embedding_dim=5, units=(6,), output_dim=12, per_step_output=True)
RNG = np.random.default_rng(0)
LM = Network(LM_SPEC, {k: RNG.normal(scale=0.5, size=s) for k, s in LM_SPEC.weight_shapes().items()})
SPEC = transfer.classifier_spec(LM_SPEC, classes=2, dropout=0.0)
X = RNG.integers(1, 12, size=(48, 7)).astype(np.int32)
X[::3, 5:] = 0  # some padding
Y = (X[:, 0] > 6).astype(np.int32)


def build():
    return classifier_from_language_model(SPEC, transfer.classifier_start(LM), 7)


def test_the_keras_classifier_starts_with_the_language_models_weights_and_equals_numpy():
    model = build()
    weights = export_weights(model, SPEC)
    for name, array in transfer.classifier_start(LM).items():
        assert np.allclose(weights[name], array, atol=1e-7), name
    network = Network(SPEC, weights)
    sequences = [row[row > 0] for row in X]  # the NumPy pass reads unpadded sequences
    assert np.allclose(network.predict(sequences), model.predict(X, verbose=0), atol=1e-5)


def _weights_after_each_epoch(config: TrainConfig, trainer: Trainer | None = None) -> list[dict[str, np.ndarray]]:
    trainer = trainer or Trainer(build, (X, Y), config)
    seen = [export_weights(trainer.model, SPEC)]
    while not trainer.finished:
        trainer.run_epoch()
        seen.append(export_weights(trainer.model, SPEC))
    return seen


def _moved(before: dict, after: dict) -> set[str]:
    return {name.split("/")[0] for name in before if not np.array_equal(before[name], after[name])}


def test_gradual_unfreezing_trains_the_head_then_the_lstm_then_the_embedding():
    config = TrainConfig(epochs=3, batch_size=16, learning_rate=0.01, unfreeze=transfer.unfreeze_epochs(SPEC, True))
    seen = _weights_after_each_epoch(config)
    assert _moved(seen[0], seen[1]) == {"dense"}
    assert _moved(seen[1], seen[2]) == {"dense", "lstm_0"}
    assert _moved(seen[2], seen[3]) == {"dense", "lstm_0", "embedding"}


def test_a_stall_while_the_lstm_is_frozen_unfreezes_it_from_the_best_weights_at_half_the_rate():
    # min_delta so large that only epoch 1 counts as better: every later epoch is a stall
    late = (("dense", 1), ("lstm_0", 10), ("embedding", 10))
    config = TrainConfig(epochs=5, batch_size=16, learning_rate=0.01, patience=1, min_delta=1e9, unfreeze=late,
                         unfreeze_on_stall=True)
    trainer = Trainer(build, (X, Y), config, validation=(X, Y))
    seen = _weights_after_each_epoch(config, trainer)
    assert _moved(seen[0], seen[1]) == {"dense"}
    assert _moved(seen[1], seen[2]) == set()  # epoch 2 stalled: back to epoch 1's weights
    assert trainer.released_at == 2 and trainer.learning_rate == 0.005
    assert _moved(seen[2], seen[3]) == {"dense", "lstm_0", "embedding"}  # every layer joined
    assert trainer.epochs_run == 3 and trainer.best_epoch == 1  # the next stall ends the run
    plain = Trainer(build, (X, Y), replace(config, unfreeze_on_stall=False), validation=(X, Y))
    seen = _weights_after_each_epoch(plain.config, plain)
    assert plain.epochs_run == 2 and plain.released_at == 0  # without it the stall ends the run, the LSTM untrained
    assert all(_moved(seen[0], after) <= {"dense"} for after in seen[1:])


def test_a_rate_factor_scales_a_layers_steps():
    rates = (("dense", 1.0), ("lstm_0", 0.0), ("embedding", 1.0))
    seen = _weights_after_each_epoch(TrainConfig(epochs=1, batch_size=16, learning_rate=0.01, layer_rates=rates))
    assert _moved(seen[0], seen[1]) == {"dense", "embedding"}  # factor 0: the LSTM stays as it was
    base = TrainConfig(epochs=1, batch_size=16, learning_rate=0.01, seed=3)
    plain = _weights_after_each_epoch(base)
    scaled = _weights_after_each_epoch(replace(base, layer_rates=(("embedding", 1.0), ("lstm_0", 1.0), ("dense", 1.0))))
    for name in plain[1]:  # every factor 1: the same steps as plain Adam
        assert np.allclose(plain[1][name], scaled[1][name], atol=1e-6), name


def test_bad_fine_tuning_settings_are_refused():
    with pytest.raises(ValueError):
        TrainConfig(layer_rates=(("dense", -1.0),))
    with pytest.raises(ValueError):
        TrainConfig(unfreeze=(("dense", 0),))
    with pytest.raises(ValueError):
        TrainConfig(optimizer="sgd", layer_rates=(("dense", 1.0),))
    with pytest.raises(ValueError):  # a stall needs a patience to be seen, and frozen layers to release
        TrainConfig(unfreeze=(("dense", 1),), unfreeze_on_stall=True)
    with pytest.raises(ValueError):
        TrainConfig(patience=2, unfreeze_on_stall=True)
