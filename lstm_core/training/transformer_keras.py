"""The Keras twin of the small Transformer, and its weights handed back to NumPy.

The same network as `lstm_core.transformer.encoder.Transformer`, built from Keras'
own layers (Embedding or Dense, `MultiHeadAttention`, LayerNormalization, Dense) plus
one small layer that scales the inputs by √d and adds the sinusoidal positions. Layer
names follow the NumPy weight names ("embedding", "block_0_attention", "norm_final",
"dense", ...). Padding (id 0, or an all-zero input vector) is turned into an explicit
attention mask here, not left to Keras' implicit mask propagation, so the NumPy pass can
do exactly the same. Keras is imported inside the functions: importing this loads no
TensorFlow.
"""

from __future__ import annotations

import functools

import numpy as np

from lstm_core.transformer.attention import NORM_EPSILON, positional_encoding
from lstm_core.transformer.encoder import TransformerSpec

ATTENTION_PARTS = ("query", "key", "value", "output")  # the order of MultiHeadAttention's weights


@functools.cache
def _positions_layer():
    """The class of the input layer that scales by √d and adds positions (made on first use)."""
    import keras

    class ScaleAndPosition(keras.layers.Layer):
        """x · √d + PE[:T], PE a constant table of `max_length` sinusoidal positions."""

        def __init__(self, width: int, max_length: int, **kwargs):
            super().__init__(**kwargs)
            self.width, self.max_length = width, max_length
            self.table = positional_encoding(max_length, width)

        def call(self, x):
            length = keras.ops.shape(x)[1]
            return x * np.sqrt(self.width).astype("float32") + keras.ops.convert_to_tensor(self.table)[None, :length]

        def get_config(self):
            return {**super().get_config(), "width": self.width, "max_length": self.max_length}

    return ScaleAndPosition


def build_transformer(spec: TransformerSpec, max_length: int, sequence_length: int | None = None):
    """The uncompiled Keras model for a spec: (B, T) ids or (B, T, D) vectors -> (B, T, K) or (B, K).

    max_length: the longest sequence it can take (the positions table's size).
    """
    import keras

    if spec.input_kind == "tokens":
        inputs = keras.Input((sequence_length,), dtype="int32", name="tokens")
        x = keras.layers.Embedding(spec.vocab_size, spec.width, name="embedding")(inputs)
        valid = keras.ops.not_equal(inputs, 0)  # (B, T), padding is id 0
    else:
        inputs = keras.Input((sequence_length, spec.input_dim), name="values")
        x = keras.layers.Dense(spec.width, name="input")(inputs)
        valid = keras.ops.any(keras.ops.not_equal(inputs, 0.0), axis=-1)
    # A causal model masks the future only (its text is never padded in front; padding at the end
    # is never seen by the positions before it); a whole-sequence model masks its padding.
    allowed = None if spec.causal else keras.ops.logical_and(valid[:, None, :], keras.ops.ones_like(valid)[:, :, None])
    x = _positions_layer()(spec.width, max_length, name="positions")(x)
    if spec.dropout:
        x = keras.layers.Dropout(spec.dropout, name="input_dropout")(x)
    for k in range(spec.layers):
        block = f"block_{k}"
        h = keras.layers.LayerNormalization(epsilon=NORM_EPSILON, name=f"{block}_norm_1")(x)
        h = keras.layers.MultiHeadAttention(spec.heads, spec.width // spec.heads, name=f"{block}_attention")(
            h, h, attention_mask=allowed, use_causal_mask=spec.causal)
        if spec.dropout:
            h = keras.layers.Dropout(spec.dropout, name=f"{block}_attention_dropout")(h)
        x = keras.layers.Add(name=f"{block}_add_1")([x, h])
        h = keras.layers.LayerNormalization(epsilon=NORM_EPSILON, name=f"{block}_norm_2")(x)
        h = keras.layers.Dense(spec.ffn_width, activation="relu", name=f"{block}_ffn_1")(h)
        h = keras.layers.Dense(spec.width, name=f"{block}_ffn_2")(h)
        if spec.dropout:
            h = keras.layers.Dropout(spec.dropout, name=f"{block}_ffn_dropout")(h)
        x = keras.layers.Add(name=f"{block}_add_2")([x, h])
    x = keras.layers.LayerNormalization(epsilon=NORM_EPSILON, name="norm_final")(x)
    if not spec.per_step_output:
        x = x[:, -1]  # the answer is read at the last position, as the recurrent cells do
    outputs = keras.layers.Dense(spec.output_dim, activation="softmax", name="dense")(x)
    return keras.Model(inputs, outputs)


def export_transformer(model, spec: TransformerSpec) -> dict[str, np.ndarray]:
    """The Keras model's arrays, named as `lstm_core.transformer.encoder.Transformer` reads them."""
    d = spec.width
    weights: dict[str, np.ndarray] = {}
    if spec.input_kind == "tokens":
        weights["embedding"] = model.get_layer("embedding").get_weights()[0]
    else:
        weights["input/kernel"], weights["input/bias"] = model.get_layer("input").get_weights()
    for k in range(spec.layers):
        block = f"block_{k}"
        for norm in ("norm_1", "norm_2"):
            weights[f"{block}/{norm}/gamma"], weights[f"{block}/{norm}/beta"] = model.get_layer(f"{block}_{norm}").get_weights()
        arrays = model.get_layer(f"{block}_attention").get_weights()  # kernel (d, h, dk) or (h, dk, d), then its bias
        for part, kernel, bias in zip(ATTENTION_PARTS, arrays[0::2], arrays[1::2]):
            weights[f"{block}/attention/{part}/kernel"] = kernel.reshape(d, d)
            weights[f"{block}/attention/{part}/bias"] = bias.reshape(d)
        for ffn in ("ffn_1", "ffn_2"):
            weights[f"{block}/{ffn}/kernel"], weights[f"{block}/{ffn}/bias"] = model.get_layer(f"{block}_{ffn}").get_weights()
    weights["norm_final/gamma"], weights["norm_final/beta"] = model.get_layer("norm_final").get_weights()
    weights["dense/kernel"], weights["dense/bias"] = model.get_layer("dense").get_weights()
    return {k: np.asarray(v, np.float32) for k, v in weights.items()}


def load_into_transformer(model, spec: TransformerSpec, weights: dict[str, np.ndarray]) -> None:
    """Put NumPy weights back into a model made by `build_transformer` (for checks)."""
    h, dk, d = spec.heads, spec.width // spec.heads, spec.width
    if spec.input_kind == "tokens":
        model.get_layer("embedding").set_weights([weights["embedding"]])
    else:
        model.get_layer("input").set_weights([weights["input/kernel"], weights["input/bias"]])
    for k in range(spec.layers):
        block = f"block_{k}"
        for norm in ("norm_1", "norm_2"):
            model.get_layer(f"{block}_{norm}").set_weights([weights[f"{block}/{norm}/gamma"], weights[f"{block}/{norm}/beta"]])
        arrays = []
        for part in ATTENTION_PARTS:
            kernel, bias = weights[f"{block}/attention/{part}/kernel"], weights[f"{block}/attention/{part}/bias"]
            arrays += [kernel.reshape(h, dk, d), bias] if part == "output" else [kernel.reshape(d, h, dk), bias.reshape(h, dk)]
        model.get_layer(f"{block}_attention").set_weights(arrays)
        for ffn in ("ffn_1", "ffn_2"):
            model.get_layer(f"{block}_{ffn}").set_weights([weights[f"{block}/{ffn}/kernel"], weights[f"{block}/{ffn}/bias"]])
    model.get_layer("norm_final").set_weights([weights["norm_final/gamma"], weights["norm_final/beta"]])
    model.get_layer("dense").set_weights([weights["dense/kernel"], weights["dense/bias"]])


def attention_maps(model, spec: TransformerSpec, x: np.ndarray) -> list[np.ndarray]:
    """Every block's attention weights (B, heads, T, T) as Keras computes them (for checks)."""
    import keras

    outputs = []
    for k in range(spec.layers):
        layer = model.get_layer(f"block_{k}_attention")
        normed = keras.Model(model.input, model.get_layer(f"block_{k}_norm_1").output)(x)
        valid = np.asarray(x != 0 if spec.input_kind == "tokens" else np.any(x != 0, axis=-1))
        allowed = np.broadcast_to(valid[:, None, :], (*valid.shape, valid.shape[1]))
        _, scores = layer(normed, normed, attention_mask=allowed, use_causal_mask=spec.causal,
                          return_attention_scores=True)
        outputs.append(keras.ops.convert_to_numpy(scores))
    return outputs
