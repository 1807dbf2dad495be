"""average_members: seeds merged into one network whose answer is the softmax of their mean logits."""

import numpy as np
import pytest

from lstm_core.nn.ensemble import average_members
from lstm_core.nn.network import Network, NetworkSpec


def _random_network(spec: NetworkSpec, seed: int) -> Network:
    rng = np.random.default_rng(seed)
    return Network(spec, {name: rng.normal(0, 0.5, shape).astype(np.float32) for name, shape in spec.weight_shapes().items()})


@pytest.mark.parametrize("units,pooling", [((5,), "last"), ((4, 3), "last"), ((5,), "concat"), ((4, 3), "concat")])
def test_merged_equals_mean_logits(units, pooling):
    spec = NetworkSpec(vocab_size=11, embedding_dim=3, units=units, output_dim=3, pooling=pooling)
    members = [_random_network(spec, seed) for seed in range(3)]
    merged = average_members(members)
    assert merged.spec.embedding_dim == 9 and merged.spec.units == tuple(3 * u for u in units)
    ids = [np.array([2, 5, 7, 1]), np.array([3, 10])]
    logits = np.mean([np.log(m.predict(ids)) for m in members], axis=0)  # log-softmax = logits - const
    expected = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    assert np.allclose(merged.predict(ids), expected, atol=1e-5)
    trace = merged.trace(ids[0])  # the running verdict of the merged network is the ensemble's, step by step
    running = merged.head(merged.running_features(trace.layers[-1].gates.hidden))
    assert np.allclose(running[-1], expected[0], atol=1e-5)
    alone = [np.log(m.head(m.running_features(m.trace(ids[0]).layers[-1].gates.hidden))) for m in members]
    mean = np.exp(np.mean(alone, axis=0))  # every step's verdict is the members' mean logits, not only the last
    assert np.allclose(running, mean / mean.sum(axis=1, keepdims=True), atol=1e-5)


def test_refuses_mixed_or_bidirectional_members():
    spec = NetworkSpec(vocab_size=5, embedding_dim=2, units=(3,), output_dim=2)
    with pytest.raises(ValueError):
        average_members([_random_network(spec, 0), _random_network(NetworkSpec(vocab_size=5, embedding_dim=2, units=(4,), output_dim=2), 1)])
    both_ways = NetworkSpec(vocab_size=5, embedding_dim=2, units=(3,), output_dim=2, bidirectional=True)
    with pytest.raises(ValueError):
        average_members([_random_network(both_ways, 0)] * 2)


def test_concat_pooling_reads_last_mean_and_max_of_the_states():
    spec = NetworkSpec(vocab_size=11, embedding_dim=3, units=(4,), output_dim=2, pooling="concat")
    network = _random_network(spec, 5)
    assert spec.weight_shapes()["dense/kernel"] == (12, 2) and "pooling" in spec.to_dict()
    assert "pooling" not in NetworkSpec(vocab_size=11, embedding_dim=3, units=(4,), output_dim=2).to_dict()
    ids = np.array([2, 5, 7, 1, 9])
    hidden = network.trace(ids).layers[-1].gates.hidden
    features = np.concatenate([hidden[-1], hidden.mean(axis=0), hidden.max(axis=0)])
    assert np.allclose(network.trace(ids).outputs, network.head(features), atol=1e-6)
    running = network.running_features(hidden)
    assert np.allclose(running[2], np.concatenate([hidden[2], hidden[:3].mean(axis=0), hidden[:3].max(axis=0)]), atol=1e-6)
    with pytest.raises(ValueError):
        NetworkSpec(vocab_size=5, embedding_dim=2, units=(3,), output_dim=2, pooling="concat", bidirectional=True)
    with pytest.raises(ValueError):
        NetworkSpec(vocab_size=5, embedding_dim=2, units=(3,), output_dim=2, pooling="average")
