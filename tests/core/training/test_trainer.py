"""The one training loop: reports, early stopping with the best weights, stopping, seeds."""

import numpy as np
import pytest


from lstm_core.training.network_keras import build_keras  # noqa: E402
from lstm_core.nn.network import NetworkSpec  # noqa: E402
from lstm_core.training.trainer import EpochReport, TrainConfig, Trainer, train  # noqa: E402

pytestmark = pytest.mark.slow  # trains models or re-evaluates model cards: not in the fast lane

SPEC = NetworkSpec(input_kind="values", units=(3,), output_dim=1, output_activation="linear")
RNG = np.random.default_rng(0)
X = RNG.normal(size=(32, 4, 1)).astype(np.float32)
TRAIN = (X, 2 * X[:, -1])  # learn to double the last value ...
OPPOSITE = (X, -2 * X[:, -1])  # ... while validation wants the opposite, so it only gets worse


def build():
    return build_keras(SPEC, 4)


def config(**changes):
    return TrainConfig(**{"epochs": 4, "batch_size": 8, "learning_rate": 0.05, "loss": "mse", "metrics": ("mae",),
                          **changes})


def test_reports_have_the_right_epochs_and_keys():
    seen = []
    result = train(build, TRAIN, config(epochs=3), validation=TRAIN, on_epoch=seen.append)
    assert [r.epoch for r in seen] == [1, 2, 3] and {r.epochs for r in seen} == {3}
    assert all(isinstance(r, EpochReport) for r in seen)
    assert all(set(r.train) == set(r.validation) == {"loss", "mae"} for r in seen)
    assert set(result.history) == {"loss", "mae", "val_loss", "val_mae"} and len(result.history["loss"]) == 3
    assert seen[-1].train["loss"] < seen[0].train["loss"]  # it learns
    assert [r.seconds for r in seen] == sorted(r.seconds for r in seen)
    assert seen[-1].best_epoch == int(np.argmin(result.history["val_loss"])) + 1


def test_early_stopping_restores_the_best_epochs_weights():
    trainer = Trainer(build, TRAIN, config(epochs=10, patience=2), validation=OPPOSITE)
    weights = []
    while not trainer.finished:
        trainer.run_epoch()
        weights.append(trainer.model.get_weights())
    losses = [r.validation["loss"] for r in trainer.reports]
    assert trainer.epochs_run == 3 and trainer.best_epoch == 1  # epoch 1 is best, 2 and 3 are worse: stop
    assert losses[1] > losses[0] and losses[2] > losses[0]
    restored = trainer.best_weights_restored().get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(restored, weights[0]))
    assert not all(np.array_equal(a, b) for a, b in zip(restored, weights[-1]))


def test_the_learning_rate_halves_after_an_epoch_without_improvement():
    result = train(build, TRAIN, config(epochs=3, halve_on_plateau=True), validation=OPPOSITE)
    assert [r.learning_rate for r in result.reports] == [0.05, 0.05, 0.025]  # epoch 1 always improves on nothing


def test_should_stop_ends_the_run_after_the_batch_that_asked():
    batches = []
    trainer = Trainer(build, TRAIN, config())
    trainer.run_epoch(on_batch=lambda done, total: batches.append((done, total)), should_stop=lambda: len(batches) >= 2)
    assert batches == [(1, 4), (2, 4)]
    assert trainer.stopped and trainer.finished and trainer.epochs_run == 1
    with pytest.raises(RuntimeError):
        trainer.run_epoch()
    stopped = Trainer(build, TRAIN, config())
    stopped.stop()
    assert stopped.finished and stopped.epochs_run == 0


def test_same_seed_same_losses_and_data_per_epoch():
    asked = []

    def data(epoch):
        asked.append(epoch)
        return TRAIN

    first = train(build, data, config(epochs=2, seed=3)).history["loss"]
    second = train(build, TRAIN, config(epochs=2, seed=3)).history["loss"]
    other = train(build, TRAIN, config(epochs=2, seed=4)).history["loss"]
    assert asked == [1, 2]
    assert first == second and first != other


def test_bad_configs_are_refused():
    for bad in ({"epochs": 0}, {"batch_size": 0}, {"learning_rate": 0.0}, {"patience": -1}, {"optimizer": "rmsprop"}):
        with pytest.raises(ValueError):
            TrainConfig(**bad)
