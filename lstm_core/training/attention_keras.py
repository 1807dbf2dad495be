"""The Keras twin of the attention classifier of the Explain tab, and its weights for NumPy.

Embedding -> LSTM (every step) -> attention pooling -> Dense(softmax), after Yang et al.
(2016); `lstm_core.explain.attention` runs the same weights in NumPy. Keras is imported
inside the functions.
"""

from __future__ import annotations

import numpy as np

from lstm_core.nn.network import NetworkSpec
from lstm_core.training.network_keras import export_weights


def build_attention_model(spec: NetworkSpec, attention_dim: int, sequence_length: int | None = None,
                          recurrent_dropout: float = 0.0, l2: float = 0.0):
    """Embedding -> LSTM (every step) -> Dropout -> attention pooling -> Dense(softmax), uncompiled.

    recurrent_dropout and l2 act as in `build_keras`.

    Attention pooling (Yang et al. 2016): u_t = tanh(W h_t + b), a_t = softmax_t(u_t · v),
    s = sum_t a_t h_t; padded steps (id 0) get no weight. Layer and weight names match
    `lstm_core.explain.attention`: "embedding", "lstm_0", "attention" (W, b, v), "dense".
    """
    import keras

    class AttentionPooling(keras.layers.Layer):
        def build(self, input_shape):
            units = input_shape[-1]
            self.W = self.add_weight(shape=(units, attention_dim), initializer="glorot_uniform", name="W")
            self.b = self.add_weight(shape=(attention_dim,), initializer="zeros", name="b")
            self.v = self.add_weight(shape=(attention_dim,), initializer="glorot_uniform", name="v")

        def call(self, hidden, mask=None):  # hidden (B, T, H), mask (B, T)
            ops = keras.ops
            scores = ops.tensordot(ops.tanh(ops.tensordot(hidden, self.W, 1) + self.b), self.v, 1)  # (B, T)
            if mask is not None:
                scores = ops.where(mask, scores, -1e9)
            weights = ops.softmax(scores, axis=-1)
            return ops.sum(hidden * weights[..., None], axis=1)  # (B, H)

        def compute_mask(self, inputs, mask=None):
            return None  # the pooled vector has no time axis left to mask

    if spec.bidirectional or len(spec.units) != 1 or spec.input_kind != "tokens":
        raise ValueError("the attention model has token inputs and one one-way LSTM layer")
    inputs = keras.Input(shape=(sequence_length,), dtype="int32", name="tokens")
    x = keras.layers.Embedding(spec.vocab_size, spec.embedding_dim, mask_zero=True, name="embedding")(inputs)
    penalty = keras.regularizers.L2(l2) if l2 > 0 else None
    x = keras.layers.LSTM(spec.units[0], return_sequences=True, name="lstm_0", recurrent_dropout=recurrent_dropout,
                          kernel_regularizer=penalty, recurrent_regularizer=penalty)(x)
    if spec.dropout > 0:
        x = keras.layers.Dropout(spec.dropout, name="dropout_0")(x)
    pooled = AttentionPooling(name="attention")(x)
    outputs = keras.layers.Dense(spec.output_dim, activation="softmax", name="dense", kernel_regularizer=penalty)(pooled)
    return keras.Model(inputs, outputs)


def export_attention_weights(model, spec: NetworkSpec) -> dict[str, np.ndarray]:
    """`export_weights` plus the attention pooling's attention/W, attention/b, attention/v."""
    W, b, v = model.get_layer("attention").get_weights()
    return {**export_weights(model, spec), **{k: np.asarray(a, np.float32) for k, a in
                                               (("attention/W", W), ("attention/b", b), ("attention/v", v))}}
