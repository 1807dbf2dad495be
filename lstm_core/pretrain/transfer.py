"""Carrying a language model's weights into a new vocabulary and into a classifier (ULMFiT).

Howard and Ruder (2018) fine-tune in three stages: a language model learns general text,
then the task's own (unlabelled) text, then it becomes a classifier. Between stages only
weights move, and this module moves them, in NumPy:
- `map_vocabulary`: the language model on a new vocabulary. A token both vocabularies
  know keeps its embedding row and its output column; a new one starts from the mean of
  the known ones (the paper's rule), so it begins as an "average token".
- `classifier_start`: the weights a classifier takes from a language model: the embedding
  and every LSTM layer, exactly; only the dense head is new.
- `unfreeze_epochs` and `layer_rates`: gradual unfreezing (the top layer trains first, one
  more layer joins each epoch) and discriminative learning rates (each layer down gets the
  rate divided by 2.6 in the paper), as the `TrainConfig` of the one training loop takes them.
"""

from __future__ import annotations

import numpy as np

from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.text.vocab import Vocabulary


def carried_rows(old: Vocabulary, new: Vocabulary, table: np.ndarray) -> np.ndarray:
    """(len(new), D): `table`'s row for every token `old` knows, the mean known row for the others.

    table: (len(old), D), one row per token of `old` (an embedding, or a transposed output layer).
    Padding keeps whatever row 0 the old table had.
    """
    known = table[2:].mean(axis=0) if len(old) > 2 else np.zeros(table.shape[1], table.dtype)
    rows = np.tile(known, (len(new), 1)).astype(table.dtype)
    for token_id, token in enumerate(new.tokens):
        if token in old.index:
            rows[token_id] = table[old.index[token]]
    return rows


def map_vocabulary(language_model: Network, old: Vocabulary, new: Vocabulary) -> Network:
    """The language model reading and predicting `new`'s tokens; its LSTM layers are untouched."""
    spec = language_model.spec
    if not spec.per_step_output or spec.input_kind != "tokens":
        raise ValueError("map_vocabulary takes a language model (token inputs, a prediction at every step)")
    weights = dict(language_model.weights)
    weights["embedding"] = carried_rows(old, new, language_model.weights["embedding"])
    weights["dense/kernel"] = carried_rows(old, new, language_model.weights["dense/kernel"].T).T
    weights["dense/bias"] = carried_rows(old, new, language_model.weights["dense/bias"][:, None])[:, 0]
    mapped = NetworkSpec(vocab_size=len(new), embedding_dim=spec.embedding_dim, units=spec.units,
                         output_dim=len(new), per_step_output=True)
    return Network(mapped, weights)


def classifier_spec(language_model: NetworkSpec, classes: int, dropout: float, pooling: str = "last") -> NetworkSpec:
    """A classifier with the language model's embedding and LSTM layers and a `classes`-way head reading `pooling`."""
    return NetworkSpec(vocab_size=language_model.vocab_size, embedding_dim=language_model.embedding_dim,
                       units=language_model.units, output_dim=classes, dropout=dropout, pooling=pooling)


def classifier_start(language_model: Network) -> dict[str, np.ndarray]:
    """The embedding and LSTM weights a classifier starts from: the language model's own arrays."""
    return {name: array for name, array in language_model.weights.items() if not name.startswith("dense/")}


def layer_names(spec: NetworkSpec) -> list[str]:
    """The Keras layers of a one-way token network, from the top: dense, lstm_{k} down to 0, embedding."""
    return ["dense"] + [f"lstm_{k}" for k in reversed(range(len(spec.units)))] + ["embedding"]


def unfreeze_epochs(spec: NetworkSpec, gradual: bool, head_epochs: int = 1) -> tuple[tuple[str, int], ...]:
    """Layer -> the first epoch it trains in: with `gradual`, the head alone for `head_epochs` epochs, then one
    more layer each epoch; otherwise every layer from epoch 1."""
    if not gradual:
        return tuple((name, 1) for name in layer_names(spec))
    return tuple((name, 1 if depth == 0 else head_epochs + depth) for depth, name in enumerate(layer_names(spec)))


def layer_rates(spec: NetworkSpec, decay: float) -> tuple[tuple[str, float], ...]:
    """Layer -> learning-rate factor: 1 for the head, divided by `decay` for each layer further down."""
    if decay < 1:
        raise ValueError("decay is at least 1 (1: one learning rate for every layer)")
    return tuple((name, decay ** -depth) for depth, name in enumerate(layer_names(spec)))
