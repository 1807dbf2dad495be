"""The encoder-decoder LSTM in NumPy: encode once, then decode one character at a time.

Sutskever et al. (2014): an encoder LSTM reads the input; its last state starts a decoder
LSTM, which writes the output one character at a time, each step reading the character
written before. Without attention, that one state is all the decoder knows of the input.

With attention (Luong et al. 2015), at every output step t the decoder's state h_t is
compared with every encoder state e_s:

    general:  score(h_t, e_s) = (h_t W_a) · e_s                          (Luong's score)
    additive: score(h_t, e_s) = v · tanh(h_t W_q + e_s W_k + b_k)         (Bahdanau's score)
    a_t = softmax_s(score(h_t, e_s))       the attention weights (one row of the heatmap)
    c_t = sum_s a_ts e_s                  the context vector
    h~_t = tanh([c_t; h_t] W_c + b_c)     attention's hidden state
    p(y_t) = softmax(h~_t W_o + b_o)      without attention: softmax(h_t W_o + b_o)

Both LSTMs are `lstm_core.nn.cell` (its `trace` and `step_from_input_gates`), so their
gates are the very numbers the Gates page shows. The Keras twin
(`lstm_core.training.seq2seq_keras`) computes the same; a test proves it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cached_property

import numpy as np

from lstm_core.nn.cell import GateTrace, LSTMWeights, step_from_input_gates, trace
from lstm_core.seq2seq.data import START

ATTENTION_KINDS = ("none", "general", "additive")


@dataclass(frozen=True)
class Seq2SeqSpec:
    """The architecture, stored in the model card so the network can be rebuilt."""

    source_vocab: int
    target_vocab: int
    max_source: int  # the longest input a model reads
    max_target: int  # the longest output it writes, without the end mark
    embedding_dim: int = 32
    units: int = 128  # the encoder's and the decoder's LSTM
    attention: str = "general"  # one of ATTENTION_KINDS
    attention_dim: int = 64  # the additive score's hidden width

    def __post_init__(self) -> None:
        if self.attention not in ATTENTION_KINDS:
            raise ValueError(f"attention must be one of {ATTENTION_KINDS}, not {self.attention!r}")
        if min(self.source_vocab, self.target_vocab, self.max_source, self.max_target, self.embedding_dim,
               self.units, self.attention_dim) < 1:
            raise ValueError("every size of a Seq2SeqSpec must be at least 1")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Seq2SeqSpec":
        return cls(**data)

    def weight_shapes(self) -> dict[str, tuple[int, ...]]:
        """Every weight array by name (uploads and assets are checked against it before unpacking)."""
        e, h, a = self.embedding_dim, self.units, self.attention_dim
        shapes = {"encoder/embedding": (self.source_vocab, e), "decoder/embedding": (self.target_vocab, e)}
        for part in ("encoder", "decoder"):
            shapes |= {f"{part}/lstm/kernel": (e, 4 * h), f"{part}/lstm/recurrent_kernel": (h, 4 * h),
                       f"{part}/lstm/bias": (4 * h,)}
        if self.attention == "general":
            shapes["attention/kernel"] = (h, h)
        elif self.attention == "additive":
            shapes |= {"attention/query_kernel": (h, a), "attention/key_kernel": (h, a), "attention/key_bias": (a,),
                       "attention/score_kernel": (a,)}
        if self.attention != "none":
            shapes |= {"combine/kernel": (2 * h, h), "combine/bias": (h,)}
        return shapes | {"output/kernel": (h, self.target_vocab), "output/bias": (self.target_vocab,)}


@dataclass(frozen=True)
class Encoded:
    """What the encoder made of one input: its gates and what attention compares with."""

    gates: GateTrace  # (T, H) each; gates.hidden are the encoder states e_s
    inputs: np.ndarray  # (T, E) the embedded characters
    keys: np.ndarray  # (T, H) for the general score (e_s itself), (T, A) for the additive one

    @property
    def states(self) -> np.ndarray:
        return self.gates.hidden

    @property
    def final(self) -> tuple[np.ndarray, np.ndarray]:
        """(h, c) after the last character: the decoder's first state."""
        return self.gates.hidden[-1], self.gates.cell[-1]


@dataclass(frozen=True)
class DecoderStep:
    """One output step for a batch of B rows (beams or inputs); arrays (B, ...)."""

    gates: tuple[np.ndarray, ...]  # (i, f, g, o, c, h), each (B, H)
    attention: np.ndarray | None  # (B, T) weights over the input, rows sum to 1; None without attention
    context: np.ndarray | None  # (B, H)
    log_probs: np.ndarray  # (B, V) log p(next character)

    @property
    def state(self) -> tuple[np.ndarray, np.ndarray]:
        return self.gates[5], self.gates[4]


def log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


class Seq2SeqNetwork:
    """NumPy inference for a `Seq2SeqSpec` with its weights (float32 copies of what was stored)."""

    def __init__(self, spec: Seq2SeqSpec, weights: dict[str, np.ndarray]) -> None:
        expected = spec.weight_shapes()
        shapes = {k: tuple(np.shape(v)) for k, v in weights.items()}
        if shapes != expected:
            wrong = sorted(set(shapes.items()) ^ set(expected.items()))
            raise ValueError(f"weights do not fit the architecture: {wrong[:4]}")
        self.spec = spec
        self.weights = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
        self.encoder_lstm, self.decoder_lstm = (
            LSTMWeights(*(self.weights[f"{part}/lstm/{name}"] for name in ("kernel", "recurrent_kernel", "bias")))
            for part in ("encoder", "decoder")
        )

    def parameter_count(self) -> int:
        return int(sum(w.size for w in self.weights.values()))

    # ---- the encoder ----------------------------------------------------------------------------------
    def encode(self, source_ids: np.ndarray) -> Encoded:
        """Read one input, (T,) ids, T >= 1."""
        inputs = self.weights["encoder/embedding"][np.asarray(source_ids, dtype=np.int64)]  # (T, E)
        gates = trace(self.encoder_lstm, inputs)
        states = gates.hidden
        if self.spec.attention == "additive":
            keys = states @ self.weights["attention/key_kernel"] + self.weights["attention/key_bias"]  # (T, A)
        else:
            keys = states
        return Encoded(gates, inputs, keys)

    # ---- the decoder, one step for B rows at once ------------------------------------------------------------
    @cached_property
    def _decoder_input_gates(self) -> np.ndarray:
        """embedding · W + b of the decoder for every target id, (V, 4H): one row per character read."""
        return self.weights["decoder/embedding"] @ self.decoder_lstm.kernel + self.decoder_lstm.bias

    def attend(self, h: np.ndarray, states: np.ndarray, keys: np.ndarray, mask: np.ndarray | None = None):
        """Attention weights (B, T) and context vectors (B, H) for decoder states h (B, H).

        states and keys are (T, H) / (T, A) shared by every row, or (B, T, .) one per row;
        mask (B, T) marks real input steps when rows have inputs of different lengths.
        """
        w = self.weights
        if self.spec.attention == "general":
            query = h @ w["attention/kernel"]  # (B, H)
            scores = query @ keys.T if keys.ndim == 2 else np.einsum("bd,btd->bt", query, keys)
        else:
            query = h @ w["attention/query_kernel"]  # (B, A)
            mixed = np.tanh((keys[None] if keys.ndim == 2 else keys) + query[:, None, :])  # (B, T, A)
            scores = mixed @ w["attention/score_kernel"]  # (B, T)
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        weights = scores / scores.sum(axis=1, keepdims=True)
        context = weights @ states if states.ndim == 2 else np.einsum("bt,btd->bd", weights, states)
        return weights, context

    def head(self, h: np.ndarray, context: np.ndarray | None) -> np.ndarray:
        """Log-probabilities of the next character, (B, V)."""
        w = self.weights
        if context is not None:
            h = np.tanh(np.concatenate([context, h], axis=-1) @ w["combine/kernel"] + w["combine/bias"])
        return log_softmax(h @ w["output/kernel"] + w["output/bias"])

    def decoder_step(self, previous_ids: np.ndarray, state: tuple[np.ndarray, np.ndarray], states: np.ndarray,
                     keys: np.ndarray, mask: np.ndarray | None = None) -> DecoderStep:
        """Read the characters just written, (B,) ids, from state (h, c) each (B, H)."""
        h_prev, c_prev = state
        gates = step_from_input_gates(self.decoder_lstm, self._decoder_input_gates[previous_ids], h_prev, c_prev)
        h = gates[5]
        weights = context = None
        if self.spec.attention != "none":
            weights, context = self.attend(h, states, keys, mask)
        return DecoderStep(gates, weights, context, self.head(h, context))

    # ---- whole sequences ----------------------------------------------------------------------------------
    def teacher_forced(self, source_ids: np.ndarray, decoder_inputs: np.ndarray) -> np.ndarray:
        """Log-probabilities (T_out, V) when the decoder reads the given characters (training's view)."""
        encoded = self.encode(source_ids)
        inputs = self.weights["decoder/embedding"][np.asarray(decoder_inputs, dtype=np.int64)]
        hidden = trace(self.decoder_lstm, inputs, initial_state=encoded.final).hidden  # (T_out, H)
        context = self.attend(hidden, encoded.states, encoded.keys)[1] if self.spec.attention != "none" else None
        return self.head(hidden, context)

    def greedy_batch(self, sources: list[np.ndarray]) -> np.ndarray:
        """The most likely character at every step for many inputs at once: (N, max_target + 1) ids."""
        count = len(sources)
        lengths = np.array([len(s) for s in sources])
        encoded = [self.encode(s) for s in sources]
        longest, units = int(lengths.max()), self.spec.units
        states = np.zeros((count, longest, units), np.float32)
        keys = np.zeros((count, longest, encoded[0].keys.shape[1]), np.float32)
        for row, enc in enumerate(encoded):
            states[row, : lengths[row]], keys[row, : lengths[row]] = enc.states, enc.keys
        mask = np.arange(longest)[None, :] < lengths[:, None]
        state = (np.stack([e.final[0] for e in encoded]), np.stack([e.final[1] for e in encoded]))
        previous = np.full(count, START)
        written = np.zeros((count, self.spec.max_target + 1), np.int64)
        for t in range(self.spec.max_target + 1):
            out = self.decoder_step(previous, state, states, keys, mask)
            previous = written[:, t] = out.log_probs.argmax(axis=1)
            state = out.state
        return written
