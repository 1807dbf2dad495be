"""The Keras twin of the character tagger, its batches, and its weights handed back to NumPy.

The network (Huang, Xu and Yu 2015; Ma, Ganchev and Weiss 2018 for segmentation): each
character's embedding and the embedding of the bigram ending on it, concatenated; one LSTM
layer read in both directions (or left to right only); a softmax over the joint labels
(B/I/E/S x part of speech) at every character. Layer names match the NumPy weight names
of `lstm_core.tagging.tagger`: "char_embedding", "bigram_embedding", "lstm_0" and "dense".

Sentences are batched by length (each batch padded to its own longest sentence, not the
corpus's), which makes an epoch about four times cheaper than padding every sentence to
the longest. Keras is imported inside the functions and the batches class is made on
first use, so importing this module loads no TensorFlow.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from lstm_core.tagging.features import padded


@dataclass(frozen=True)
class TaggerShape:
    """The sizes of one tagger network."""

    chars: int  # character vocabulary (id 0 padding)
    bigrams: int
    char_dim: int
    bigram_dim: int
    units: int
    labels: int  # joint labels: 4 positions x tags
    bidirectional: bool = True
    dropout: float = 0.2  # on the embeddings and on the LSTM's outputs, in training only


def build_tagger(shape: TaggerShape, frozen_embeddings: dict[str, np.ndarray] | None = None, bigrams: bool = True):
    """The uncompiled Keras tagger: inputs "chars" and "bigrams", (N, T) ids each; output (N, T, labels).

    frozen_embeddings: start both embeddings from these arrays and never train them (the
    one-way model reads exactly the features the two-way model learned). bigrams=False
    keeps the bigram embedding at zero (a characters-only model with the same weight names).
    """
    import keras

    inputs = [keras.Input(shape=(None,), dtype="int32", name=name) for name in ("chars", "bigrams")]
    embedded = []
    for name, ids, size, dim in (("char_embedding", inputs[0], shape.chars, shape.char_dim),
                                 ("bigram_embedding", inputs[1], shape.bigrams, shape.bigram_dim)):
        options = {}
        if frozen_embeddings is not None:
            options = {"embeddings_initializer": keras.initializers.Constant(frozen_embeddings[name]), "trainable": False}
        elif name == "bigram_embedding" and not bigrams:
            options = {"embeddings_initializer": "zeros", "trainable": False}
        # Both mask padding (id 0 in both columns): Concatenate joins masks with "or", so an
        # unmasked input would unmask every padded step (and the backward pass would start there).
        embedded.append(keras.layers.Embedding(size, dim, mask_zero=True, name=name, **options)(ids))
    x = keras.layers.Concatenate(name="features")(embedded)
    x = keras.layers.Dropout(shape.dropout, name="feature_dropout")(x)
    if shape.bidirectional:
        x = keras.layers.Bidirectional(keras.layers.LSTM(shape.units, return_sequences=True), name="lstm_0")(x)
    else:
        x = keras.layers.LSTM(shape.units, return_sequences=True, name="lstm_0")(x)
    x = keras.layers.Dropout(shape.dropout, name="lstm_dropout")(x)
    outputs = keras.layers.Dense(shape.labels, activation="softmax", name="dense")(x)
    return keras.Model(inputs, outputs)


def export_tagger(model, shape: TaggerShape) -> dict[str, np.ndarray]:
    """The Keras tagger's arrays, named as `lstm_core.tagging.tagger.Tagger` reads them."""
    weights = {name: model.get_layer(name).get_weights()[0] for name in ("char_embedding", "bigram_embedding")}
    arrays = model.get_layer("lstm_0").get_weights()
    groups = ("lstm_0_forward", "lstm_0_backward") if shape.bidirectional else ("lstm_0",)
    for g, name in enumerate(groups):
        weights.update(zip((f"{name}/kernel", f"{name}/recurrent_kernel", f"{name}/bias"), arrays[3 * g: 3 * g + 3]))
    weights["dense/kernel"], weights["dense/bias"] = model.get_layer("dense").get_weights()
    return {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}


def trained_weights(trainer, shape: TaggerShape) -> dict[str, np.ndarray]:
    """The best epoch's weights of a tagger being fitted by `lstm_core.training.trainer.Trainer`, as NumPy arrays."""
    return export_tagger(trainer.best_weights_restored(), shape)


def load_tagger_weights(model, weights: dict[str, np.ndarray], shape: TaggerShape) -> None:
    """Put NumPy weights into a Keras tagger built by `build_tagger` (for the equality test)."""
    for name in ("char_embedding", "bigram_embedding"):
        model.get_layer(name).set_weights([weights[name]])
    groups = ("lstm_0_forward", "lstm_0_backward") if shape.bidirectional else ("lstm_0",)
    model.get_layer("lstm_0").set_weights([weights[f"{g}/{part}"] for g in groups
                                           for part in ("kernel", "recurrent_kernel", "bias")])
    model.get_layer("dense").set_weights([weights["dense/kernel"], weights["dense/bias"]])


def keras_inputs(ids: np.ndarray) -> dict[str, np.ndarray]:
    """(N, T, 2) ids as the model's two named inputs."""
    return {"chars": ids[..., 0], "bigrams": ids[..., 1]}


@functools.cache
def _batches_class():
    import keras

    class LengthBatches(keras.utils.PyDataset):
        """Sentences in batches of similar length, reshuffled every epoch from a seed."""

        def __init__(self, ids: list[np.ndarray], labels: list[np.ndarray], batch_size: int, seed: int,
                     shuffle: bool = True):
            super().__init__()
            self.ids, self.labels, self.batch_size, self.shuffle = ids, labels, batch_size, shuffle
            self.rng = np.random.default_rng(seed)
            self.lengths = np.array([len(x) for x in ids])
            self.order = self._batches()

        def _batches(self) -> list[np.ndarray]:
            # Sort by length with a little noise, so batches differ from epoch to epoch.
            jitter = self.rng.uniform(0, 4, len(self.ids)) if self.shuffle else np.zeros(len(self.ids))
            order = np.argsort(self.lengths + jitter, kind="stable")
            batches = [order[i:i + self.batch_size] for i in range(0, len(order), self.batch_size)]
            if self.shuffle:
                self.rng.shuffle(batches)
            return batches

        def __len__(self) -> int:
            return len(self.order)

        def __getitem__(self, index: int):
            rows = self.order[index]
            x, _ = padded([self.ids[r] for r in rows])
            y = np.zeros(x.shape[:2], dtype=np.int32)
            for row, r in enumerate(rows):
                y[row, : len(self.labels[r])] = self.labels[r]
            return keras_inputs(x), y

        def on_epoch_end(self) -> None:
            if self.shuffle:
                self.order = self._batches()

    return LengthBatches


def length_batches(ids: list[np.ndarray], labels: list[np.ndarray], batch_size: int, seed: int, shuffle: bool = True):
    """A Keras PyDataset of (inputs, labels) batches of similar-length sentences."""
    return _batches_class()(ids, labels, batch_size, seed, shuffle)
