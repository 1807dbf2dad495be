"""Several small networks run as one: an ensemble merged into a wider `Network`.

Small LSTMs trained from different seeds disagree a lot; averaging a few of them is
the cheapest way to a steadier forecast (the "ensembles" of the article's chapter on
generalisation). Putting member m's units in columns [m*u, (m+1)*u) of every gate,
with zeros between members (block-diagonal weights), makes one network whose single
NumPy pass computes every member at once, and whose gates the Gates page can show.
"""

from __future__ import annotations

import numpy as np

from lstm_core.nn.network import Network, NetworkSpec


def merge_members(networks: list[Network]) -> Network:
    """Side-by-side copies of equal networks as one wider network with block-diagonal weights.

    Member m owns units [m*u, (m+1)*u) of every gate of every layer and outputs
    [m*K, (m+1)*K), so the merged pass equals running each member alone.
    """
    spec = networks[0].spec
    k = len(networks)
    if spec.pooling != "last":
        raise ValueError("merge_members takes networks that read their last state")
    merged_spec = NetworkSpec(
        input_kind="values", input_dim=spec.input_dim, units=tuple(u * k for u in spec.units),
        output_dim=spec.output_dim * k, output_activation=spec.output_activation,
    )
    weights = {}
    for layer, units in enumerate(spec.units):
        name = f"lstm_{layer}"
        d = spec.input_dim if layer == 0 else spec.units[layer - 1]
        kernel = np.zeros((spec.input_dim if layer == 0 else d * k, 4 * units * k), np.float32)
        recurrent = np.zeros((units * k, 4 * units * k), np.float32)
        bias = np.zeros(4 * units * k, np.float32)
        for m, net in enumerate(networks):
            w = net.weights
            rows = slice(None) if layer == 0 else slice(m * d, (m + 1) * d)
            for gate in range(4):  # Keras order i, f, g, o
                src = slice(gate * units, (gate + 1) * units)
                dst = slice(gate * units * k + m * units, gate * units * k + (m + 1) * units)
                kernel[rows, dst] = w[f"{name}/kernel"][:, src]
                recurrent[m * units : (m + 1) * units, dst] = w[f"{name}/recurrent_kernel"][:, src]
                bias[dst] = w[f"{name}/bias"][src]
        weights.update({f"{name}/kernel": kernel, f"{name}/recurrent_kernel": recurrent, f"{name}/bias": bias})
    last, out = spec.units[-1], spec.output_dim
    dense = np.zeros((last * k, out * k), np.float32)
    for m, net in enumerate(networks):
        dense[m * last : (m + 1) * last, m * out : (m + 1) * out] = net.weights["dense/kernel"]
    weights["dense/kernel"] = dense
    weights["dense/bias"] = np.concatenate([net.weights["dense/bias"] for net in networks])
    return Network(merged_spec, weights)


def split_members(network: Network, members: int) -> list[Network]:
    """Undo `merge_members`: the member networks of a merged one."""
    if members == 1:
        return [network]
    spec = network.spec
    units = tuple(u // members for u in spec.units)
    out = spec.output_dim // members
    single = NetworkSpec(input_kind="values", input_dim=spec.input_dim, units=units, output_dim=out,
                         output_activation=spec.output_activation)
    nets = []
    for m in range(members):
        w = {}
        for layer, u in enumerate(units):
            name, big = f"lstm_{layer}", u * members
            d = units[layer - 1] if layer else None
            rows = slice(None) if layer == 0 else slice(m * d, (m + 1) * d)
            cols = np.concatenate([np.arange(g * big + m * u, g * big + (m + 1) * u) for g in range(4)])
            w[f"{name}/kernel"] = network.weights[f"{name}/kernel"][rows][:, cols]
            w[f"{name}/recurrent_kernel"] = network.weights[f"{name}/recurrent_kernel"][m * u : (m + 1) * u][:, cols]
            w[f"{name}/bias"] = network.weights[f"{name}/bias"][cols]
        last = units[-1]
        w["dense/kernel"] = network.weights["dense/kernel"][m * last : (m + 1) * last, m * out : (m + 1) * out]
        w["dense/bias"] = network.weights["dense/bias"][m * out : (m + 1) * out]
        nets.append(Network(single, w))
    return nets


def average_members(networks: list[Network]) -> Network:
    """Token classifiers side by side as one wider network that answers softmax(mean of their logits).

    Member m owns embedding columns [m*E, (m+1)*E) and units [m*u, (m+1)*u) of every gate of
    every layer (block-diagonal weights, so no member reads another's state); the dense head
    stacks the members' kernels divided by M, so its logits are the members' mean logits. The
    result is one ordinary `Network`: its running verdict and its gates are the ensemble's.
    """
    spec, members = networks[0].spec, len(networks)
    if spec.input_kind != "tokens" or spec.bidirectional or spec.per_step_output:
        raise ValueError("average_members takes one-way token classifiers")
    if any(net.spec != spec for net in networks):
        raise ValueError("every member must have the same spec")
    merged = NetworkSpec(vocab_size=spec.vocab_size, embedding_dim=spec.embedding_dim * members,
                         units=tuple(u * members for u in spec.units), output_dim=spec.output_dim,
                         output_activation=spec.output_activation, dropout=spec.dropout, pooling=spec.pooling)
    weights = {"embedding": np.concatenate([net.weights["embedding"] for net in networks], axis=1)}
    widths = (spec.embedding_dim,) + tuple(spec.units[:-1])  # what each layer reads, per member
    for layer, (d, u) in enumerate(zip(widths, spec.units)):
        name = f"lstm_{layer}"
        kernel = np.zeros((d * members, 4 * u * members), np.float32)  # (M*D, 4*M*u)
        recurrent = np.zeros((u * members, 4 * u * members), np.float32)  # (M*u, 4*M*u)
        bias = np.zeros(4 * u * members, np.float32)
        for m, net in enumerate(networks):
            w = net.weights
            for gate in range(4):  # Keras order i, f, g, o
                src, dst = slice(gate * u, (gate + 1) * u), slice((gate * members + m) * u, (gate * members + m + 1) * u)
                kernel[m * d : (m + 1) * d, dst] = w[f"{name}/kernel"][:, src]
                recurrent[m * u : (m + 1) * u, dst] = w[f"{name}/recurrent_kernel"][:, src]
                bias[dst] = w[f"{name}/bias"][src]
        weights.update({f"{name}/kernel": kernel, f"{name}/recurrent_kernel": recurrent, f"{name}/bias": bias})
    # The head reads spec.pooled vectors side by side ([last, mean, max] with concat pooling), each of the
    # merged width: member m's rows of part p go to rows p*M*u + m*u of the merged kernel.
    u, parts = spec.units[-1], spec.pooled
    weights["dense/kernel"] = np.concatenate(
        [net.weights["dense/kernel"][p * u : (p + 1) * u] for p in range(parts) for net in networks], axis=0) / members
    weights["dense/bias"] = np.mean([net.weights["dense/bias"] for net in networks], axis=0)
    return Network(merged, weights)
