"""The Keras twin of the encoder-decoder LSTM (`lstm_core.seq2seq.model`), for training.

One model reads one int array per example: the source ids (0 pads) followed by the
decoder's input ids ([start, y_1, ..., y_n], 0 pads), because the one training loop
fits (x, y) pairs of arrays. It returns logits (B, T_out, V); its own `compute_loss`
is the cross-entropy over real target positions only (padding is 0).

Two ways to feed the decoder while training (Williams & Zipser 1989; Bengio et al. 2015):
- teacher forcing: at step t it reads the true y_{t-1} (all steps at once, fast);
- free running: it reads its own previous choice, argmax of its last output, as it must
  at test time. No gradient flows through that choice.
Keras is imported inside the functions, so importing this module never loads it. The
spec is any object with `Seq2SeqSpec`'s fields; the weights come back as the flat
NumPy dict `Seq2SeqNetwork` reads.
"""

from __future__ import annotations

import numpy as np

START = 1  # the decoder's first input (lstm_core.seq2seq.data.START)
MASKED_SCORE = -1e9  # an attention score for padding: softmax gives it zero weight


def _layers(spec, free_running: bool) -> dict:
    """The model's layers by attribute name; Keras names them as `export_weights` reads them."""
    from keras import layers

    # Made in this order on purpose: each initialiser takes its seed when its layer is made,
    # so the order fixes the starting weights of a seeded run (and of the shipped models).
    units = spec.units
    made = {"encoder_embedding": layers.Embedding(spec.source_vocab, spec.embedding_dim, name="encoder_embedding"),
            "encoder": layers.LSTM(units, return_sequences=True, return_state=True, name="encoder_lstm"),
            "decoder_embedding": layers.Embedding(spec.target_vocab, spec.embedding_dim, name="decoder_embedding"),
            "decoder": layers.LSTM(units, return_sequences=True, return_state=True, name="decoder_lstm")}
    if free_running:  # only its cell is called, step by step: build the layer's weights here
        made["decoder"].build((None, None, spec.embedding_dim))
    if spec.attention == "general":
        made["attention_kernel"] = layers.Dense(units, use_bias=False, name="attention")
    elif spec.attention == "additive":
        made |= {"query": layers.Dense(spec.attention_dim, use_bias=False, name="attention_query"),
                 "key": layers.Dense(spec.attention_dim, name="attention_key"),
                 "score": layers.Dense(1, use_bias=False, name="attention_score")}
    if spec.attention != "none":
        made["combine"] = layers.Dense(units, activation="tanh", name="combine")
    made["output_layer"] = layers.Dense(spec.target_vocab, name="output")
    return made


def _forward(model, spec, free_running: bool, x, training):
    """Logits (B, T_out, V) for x = source ids then decoder input ids."""
    from keras import ops

    source, decoder_inputs = x[:, : spec.max_source], x[:, spec.max_source:]
    source_mask = ops.not_equal(source, 0)
    states, h, c = model.encoder(model.encoder_embedding(source), mask=source_mask, training=training)
    keys = model.key(states) if spec.attention == "additive" else states
    if free_running:
        return _free_running(model, spec, states, keys, source_mask, [h, c], decoder_inputs.shape[1], training)
    hidden, _, _ = model.decoder(model.decoder_embedding(decoder_inputs), initial_state=[h, c], training=training)
    return _head(model, spec, hidden, states, keys, source_mask)


def _free_running(model, spec, states, keys, source_mask, state, steps: int, training):
    """Decode `steps` characters, each step reading the argmax of the one before."""
    from keras import ops

    previous = ops.full((ops.shape(states)[0],), START, dtype="int32")
    logits = []
    for _ in range(steps):
        hidden, state = model.decoder.cell(model.decoder_embedding(previous), state, training=training)
        logits.append(_head(model, spec, hidden[:, None, :], states, keys, source_mask)[:, 0])
        previous = ops.cast(ops.argmax(logits[-1], axis=-1), "int32")
    return ops.stack(logits, axis=1)


def _head(model, spec, hidden, states, keys, source_mask):
    """Logits (B, T_out, V) from decoder states (B, T_out, H), attending over the encoder's."""
    from keras import ops

    if spec.attention == "none":
        return model.output_layer(hidden)
    if spec.attention == "general":
        scores = ops.einsum("bth,bsh->bts", model.attention_kernel(hidden), keys)
    else:
        mixed = ops.tanh(model.query(hidden)[:, :, None, :] + keys[:, None, :, :])  # (B, T_out, T_in, A)
        scores = ops.squeeze(model.score(mixed), axis=-1)
    scores = ops.where(source_mask[:, None, :], scores, MASKED_SCORE)
    context = ops.einsum("bts,bsh->bth", ops.softmax(scores, axis=-1), states)
    return model.output_layer(model.combine(ops.concatenate([context, hidden], axis=-1)))


def masked_loss(y, y_pred):
    """Mean cross-entropy over the target positions that are not padding (id 0)."""
    import keras
    from keras import ops

    real = ops.cast(ops.not_equal(y, 0), "float32")
    loss = keras.losses.sparse_categorical_crossentropy(y, y_pred, from_logits=True)
    return ops.sum(loss * real) / ops.maximum(ops.sum(real), 1.0)


def build_seq2seq(spec, free_running: bool = False):
    """The uncompiled Keras model of `spec` (a `Seq2SeqSpec`), its weights built."""
    import keras

    class Seq2Seq(keras.Model):
        def __init__(self):
            super().__init__(name="seq2seq")
            for name, layer in _layers(spec, free_running).items():
                setattr(self, name, layer)

        def call(self, x, training=False):
            return _forward(self, spec, free_running, x, training)

        def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
            return masked_loss(y, y_pred)  # the compiled loss would count padding

    model = Seq2Seq()
    model(np.zeros((1, spec.max_source + spec.max_target + 1), np.int32))  # build every weight now
    return model


def _lstm_arrays(layer) -> list:
    return layer.cell.get_weights()  # kernel, recurrent_kernel, bias (Keras order i, f, g, o)


def export_weights(model, spec) -> dict[str, np.ndarray]:
    """The Keras model's weights under the names `Seq2SeqSpec.weight_shapes` gives."""
    out = {"encoder/embedding": model.encoder_embedding.get_weights()[0],
           "decoder/embedding": model.decoder_embedding.get_weights()[0]}
    for part, layer in (("encoder", model.encoder), ("decoder", model.decoder)):
        kernel, recurrent, bias = _lstm_arrays(layer)
        out |= {f"{part}/lstm/kernel": kernel, f"{part}/lstm/recurrent_kernel": recurrent, f"{part}/lstm/bias": bias}
    if spec.attention == "general":
        out["attention/kernel"] = model.attention_kernel.get_weights()[0]
    elif spec.attention == "additive":
        key_kernel, key_bias = model.key.get_weights()
        out |= {"attention/query_kernel": model.query.get_weights()[0], "attention/key_kernel": key_kernel,
                "attention/key_bias": key_bias, "attention/score_kernel": model.score.get_weights()[0][:, 0]}
    if spec.attention != "none":
        out["combine/kernel"], out["combine/bias"] = model.combine.get_weights()
    out["output/kernel"], out["output/bias"] = model.output_layer.get_weights()
    return {k: np.asarray(v, np.float32) for k, v in out.items()}


def load_weights(model, spec, weights: dict[str, np.ndarray]) -> None:
    """Put NumPy weights (as `export_weights` names them) into a model built by `build_seq2seq`."""
    model.encoder_embedding.set_weights([weights["encoder/embedding"]])
    model.decoder_embedding.set_weights([weights["decoder/embedding"]])
    for part, layer in (("encoder", model.encoder), ("decoder", model.decoder)):
        layer.cell.set_weights([weights[f"{part}/lstm/{k}"] for k in ("kernel", "recurrent_kernel", "bias")])
    if spec.attention == "general":
        model.attention_kernel.set_weights([weights["attention/kernel"]])
    elif spec.attention == "additive":
        model.query.set_weights([weights["attention/query_kernel"]])
        model.key.set_weights([weights["attention/key_kernel"], weights["attention/key_bias"]])
        model.score.set_weights([weights["attention/score_kernel"][:, None]])
    if spec.attention != "none":
        model.combine.set_weights([weights["combine/kernel"], weights["combine/bias"]])
    model.output_layer.set_weights([weights["output/kernel"], weights["output/bias"]])
