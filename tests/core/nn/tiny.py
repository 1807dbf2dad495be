"""A tiny random network shared by the tests that need one to save or trace."""

import numpy as np

from lstm_core.nn.network import Network, NetworkSpec


def tiny_network(seed=0):
    """6 tokens, 3-d embedding, one LSTM layer of 4 units, 2 outputs; weights from `seed`."""
    spec = NetworkSpec(vocab_size=6, embedding_dim=3, units=(4,), output_dim=2)
    rng = np.random.default_rng(seed)
    shapes = {
        "embedding": (6, 3), "lstm_0/kernel": (3, 16), "lstm_0/recurrent_kernel": (4, 16),
        "lstm_0/bias": (16,), "dense/kernel": (4, 2), "dense/bias": (2,),
    }
    return Network(spec, {k: rng.normal(size=s) for k, s in shapes.items()})
