"""Data-parallel training on two simulated devices gives single-device training's losses."""

import pytest

from lstm_core.compress.distributed import TOLERANCE, TinyTask, in_fresh_process

pytestmark = pytest.mark.slow  # trains models or re-evaluates model cards: not in the fast lane


def test_two_mirrored_replicas_split_batches_and_match_one_device():
    # A fresh process: logical CPUs can only be configured before TensorFlow starts.
    run = in_fresh_process(TinyTask(samples=64, batch_size=16, epochs=2), timeout=300)
    assert run["devices"] == ["/device:CPU:0", "/device:CPU:1"]
    assert run["per_replica_batch"] == [8, 8]  # each replica gets half of every batch of 16
    assert len(run["single_losses"]) == len(run["mirrored_losses"]) == 2
    assert run["single_losses"][1] < run["single_losses"][0]  # it does learn
    assert run["largest_relative_gap"] <= TOLERANCE  # averaged gradients: the same updates
    assert run["largest_weight_gap"] < 1e-5
