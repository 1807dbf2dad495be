"""A small Transformer encoder in NumPy: embedding + positions, attention blocks, a dense head.

The block is the "pre-norm" one that GPT-2 and nanoGPT use (Xiong et al. 2020 showed it
trains without a warm-up): x = x + Attention(LayerNorm(x)); x = x + FFN(LayerNorm(x)),
with a last LayerNorm before the head. Inputs are token ids (an embedding, for a
language model) or vectors (a dense projection, for the memory task's one-hot steps);
either is scaled by √d and the sinusoidal positions are added. A language model is
causal (each position sees only itself and the past) and predicts at every position; a
classifier sees the whole sequence and answers at its last position, as the recurrent
cells do. The Keras twin is `lstm_core.training.transformer_keras`; its weights, copied
out, are these:

    embedding (V, d) | input/kernel (D, d), input/bias (d,)
    block_{k}/norm_1/gamma, beta (d,)   block_{k}/attention/{query,key,value,output}/kernel (d, d), .../bias (d,)
    block_{k}/norm_2/gamma, beta (d,)   block_{k}/ffn_1/kernel (d, F), bias (F,)   block_{k}/ffn_2/kernel (F, d), bias (d,)
    norm_final/gamma, beta (d,)         dense/kernel (d, K), dense/bias (K,)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property

import numpy as np

from lstm_core.message import Message, UserError
from lstm_core.transformer.attention import (
    AttentionWeights, allowed_keys, layer_norm, positional_encoding, self_attention, softmax,
)


@dataclass(frozen=True)
class TransformerSpec:
    """Architecture of one Transformer; stored in its card so it can be rebuilt."""

    input_kind: str = "tokens"  # "tokens" (ids, 0 = padding) or "values" (vectors; all-zero = padding)
    vocab_size: int = 0  # token inputs
    input_dim: int = 0  # value inputs
    width: int = 64  # d: every position's vector, the residual stream
    heads: int = 2  # width is split between them
    layers: int = 2
    ffn_width: int = 256  # F: the feed-forward layer inside each block
    causal: bool = True  # a language model; False lets every position see the whole sequence
    output_dim: int = 1
    per_step_output: bool = True  # a prediction at every position; else at the last one
    dropout: float = 0.0  # used in training only

    def __post_init__(self) -> None:
        if self.input_kind not in ("tokens", "values"):
            raise ValueError(f"input_kind must be 'tokens' or 'values', not {self.input_kind!r}")
        if self.width < 2 or self.width % 2 or self.width % self.heads:
            raise ValueError("width must be even and a multiple of heads")
        if min(self.heads, self.layers, self.ffn_width, self.output_dim) < 1:
            raise ValueError("heads, layers, ffn_width and output_dim must be at least 1")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "TransformerSpec":
        return cls(**data)

    def weight_shapes(self) -> dict[str, tuple[int, ...]]:
        """The shape of every weight array, by name (checked before a file is unpacked)."""
        d, f = self.width, self.ffn_width
        if self.input_kind == "tokens":
            shapes = {"embedding": (self.vocab_size, d)}
        else:
            shapes = {"input/kernel": (self.input_dim, d), "input/bias": (d,)}
        for k in range(self.layers):
            block = f"block_{k}"
            for norm in ("norm_1", "norm_2"):
                shapes |= {f"{block}/{norm}/gamma": (d,), f"{block}/{norm}/beta": (d,)}
            for part in ("query", "key", "value", "output"):
                shapes |= {f"{block}/attention/{part}/kernel": (d, d), f"{block}/attention/{part}/bias": (d,)}
            shapes |= {f"{block}/ffn_1/kernel": (d, f), f"{block}/ffn_1/bias": (f,),
                       f"{block}/ffn_2/kernel": (f, d), f"{block}/ffn_2/bias": (d,)}
        return shapes | {"norm_final/gamma": (d,), "norm_final/beta": (d,),
                         "dense/kernel": (d, self.output_dim), "dense/bias": (self.output_dim,)}


@dataclass(frozen=True)
class TransformerTrace:
    """What one forward pass computed, kept so a page can draw it."""

    outputs: np.ndarray  # (B, T, K) per step, or (B, K) at the last position
    attention: tuple[np.ndarray, ...]  # per block: (B, heads, T, T), rows sum to 1
    valid: np.ndarray  # (B, T) bool: the positions that were not padding


@dataclass
class Transformer:
    """NumPy inference for a `TransformerSpec` with its weights."""

    spec: TransformerSpec
    weights: dict[str, np.ndarray] = field(repr=False)

    def __post_init__(self) -> None:
        expected = self.spec.weight_shapes()
        if set(self.weights) != set(expected):
            raise ValueError(f"weights do not match the spec: missing {sorted(set(expected) - set(self.weights))}, "
                             f"unexpected {sorted(set(self.weights) - set(expected))}")
        self.weights = {k: np.asarray(v, np.float32) for k, v in self.weights.items()}
        for name, shape in expected.items():
            if self.weights[name].shape != shape:
                raise ValueError(f"{name} has shape {self.weights[name].shape}, the spec needs {shape}")
        w = self.weights
        self.attention = [
            AttentionWeights(*((w[f"block_{k}/attention/{p}/kernel"], w[f"block_{k}/attention/{p}/bias"])
                               for p in ("query", "key", "value", "output")), heads=self.spec.heads)
            for k in range(self.spec.layers)
        ]

    # ---- the pieces of a block, shared with the step-by-step path (lstm_core.transformer.cache) ----
    def embed(self, x: np.ndarray, start: int = 0) -> np.ndarray:
        """Inputs (B, T) ids or (B, T, D) vectors -> (B, T, d): scaled embedding plus positions."""
        if self.spec.input_kind == "tokens":
            z = self.weights["embedding"][np.asarray(x, np.int64)]
        else:
            z = np.asarray(x, np.float32) @ self.weights["input/kernel"] + self.weights["input/bias"]
        return z * np.float32(np.sqrt(self.spec.width)) + positional_encoding(z.shape[-2], self.spec.width, start)

    def valid(self, x: np.ndarray) -> np.ndarray:
        """(B, T) bool: padding is id 0, or an all-zero input vector."""
        x = np.asarray(x)
        return x != 0 if self.spec.input_kind == "tokens" else np.any(x != 0, axis=-1)

    def norm(self, name: str, x: np.ndarray) -> np.ndarray:
        return layer_norm(x, self.weights[f"{name}/gamma"], self.weights[f"{name}/beta"])

    def feed_forward(self, k: int, x: np.ndarray) -> np.ndarray:
        """The block's two dense layers, ReLU between: (..., d) -> (..., d)."""
        w = self.weights
        hidden = np.maximum(x @ w[f"block_{k}/ffn_1/kernel"] + w[f"block_{k}/ffn_1/bias"], 0.0)
        return hidden @ w[f"block_{k}/ffn_2/kernel"] + w[f"block_{k}/ffn_2/bias"]

    @cached_property
    def _fused(self) -> list[tuple[np.ndarray, np.ndarray]]:
        w = self.weights
        return [(np.concatenate([w[f"block_{k}/attention/{p}/kernel"] for p in ("query", "key", "value")], axis=1),
                 np.concatenate([w[f"block_{k}/attention/{p}/bias"] for p in ("query", "key", "value")]))
                for k in range(self.spec.layers)]

    def fused_projection(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Block k's query, key and value kernels side by side (d, 3d) and biases (3d,), for one-position steps."""
        return self._fused[k]

    def head(self, x: np.ndarray) -> np.ndarray:
        """Last LayerNorm, dense layer and softmax: (..., d) -> (..., K)."""
        return softmax(self.norm("norm_final", x) @ self.weights["dense/kernel"] + self.weights["dense/bias"])

    # ---- a batch of sequences at once ---------------------------------------------------
    def forward(self, x: np.ndarray) -> TransformerTrace:
        """Run a batch (B, T) of ids or (B, T, D) of vectors; keeps every attention map."""
        x = np.asarray(x)
        if x.ndim < 2 or x.shape[1] == 0:
            raise UserError("cannot run an empty sequence", Message("error.trace.empty"))
        valid = self.valid(x)
        allowed = allowed_keys(valid, self.spec.causal)  # (B, T, T)
        h = self.embed(x)  # (B, T, d)
        maps = []
        for k in range(self.spec.layers):
            mixed, weights = self_attention(self.attention[k], self.norm(f"block_{k}/norm_1", h), allowed)
            h = h + mixed
            h = h + self.feed_forward(k, self.norm(f"block_{k}/norm_2", h))
            maps.append(weights)
        out = self.head(h if self.spec.per_step_output else h[:, -1])
        return TransformerTrace(out, tuple(maps), valid)

    def predict(self, x: np.ndarray, batch_size: int = 256) -> np.ndarray:
        """Outputs for many sequences of one length, in batches (attention maps dropped)."""
        parts = [self.forward(x[s : s + batch_size]).outputs for s in range(0, len(x), batch_size)]
        return np.concatenate(parts)

    def parameter_count(self) -> int:
        return int(sum(w.size for w in self.weights.values()))
