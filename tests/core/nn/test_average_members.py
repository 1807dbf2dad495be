"""average_members: seeds merged into one network whose answer is the softmax of their mean logits."""

import numpy as np
import pytest

from lstm_core.nn.ensemble import average_members
from lstm_core.nn.network import Network, NetworkSpec


def _random_network(spec: NetworkSpec, seed: int) -> Network:
    rng = np.random.default_rng(seed)
    return Network(spec, {name: rng.normal(0, 0.5, shape).astype(np.float32) for name, shape in spec.weight_shapes().items()})


@pytest.mark.parametrize("units", [(5,), (4, 3)])
def test_merged_equals_mean_logits(units):
    spec = NetworkSpec(vocab_size=11, embedding_dim=3, units=units, output_dim=3)
    members = [_random_network(spec, seed) for seed in range(3)]
    merged = average_members(members)
    assert merged.spec.embedding_dim == 9 and merged.spec.units == tuple(3 * u for u in units)
    ids = [np.array([2, 5, 7, 1]), np.array([3, 10])]
    logits = np.mean([np.log(m.predict(ids)) for m in members], axis=0)  # log-softmax = logits - const
    expected = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    assert np.allclose(merged.predict(ids), expected, atol=1e-5)
    trace = merged.trace(ids[0])  # the running verdict of the merged network is the ensemble's, step by step
    running = merged.head(trace.layers[-1].gates.hidden)
    assert np.allclose(running[-1], expected[0], atol=1e-5)


def test_refuses_mixed_or_bidirectional_members():
    spec = NetworkSpec(vocab_size=5, embedding_dim=2, units=(3,), output_dim=2)
    with pytest.raises(ValueError):
        average_members([_random_network(spec, 0), _random_network(NetworkSpec(vocab_size=5, embedding_dim=2, units=(4,), output_dim=2), 1)])
    both_ways = NetworkSpec(vocab_size=5, embedding_dim=2, units=(3,), output_dim=2, bidirectional=True)
    with pytest.raises(ValueError):
        average_members([_random_network(both_ways, 0)] * 2)
