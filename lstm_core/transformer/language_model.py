"""A character language model made of a causal Transformer, beside the character LSTM.

It reads the same corpus, split and vocabulary as the shipped character LSTM
(`lstm_core.generate.charlm`) and is scored the same way: every held-out document read as
"\\n" + text, each next character's -log2 p averaged. It answers the generation loop's two
questions (`start`, `advance`, see `lstm_core.generate.language_model.LanguageModel`)
with a key/value cache, and `read` keeps every attention map of a text, so a page can
draw which earlier characters each position looked at. It has no gates: there is no
cell state to gate, only attention.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lstm_core.generate import charlm
from lstm_core.message import Message, Title, UserError
from lstm_core.nn import blas
from lstm_core.serving.cards import ModelCard
from lstm_core.transformer.cache import KVCache, step
from lstm_core.transformer.encoder import Transformer, TransformerSpec
from lstm_core.text.vocab import Vocabulary


@dataclass(frozen=True)
class TransformerLMConfig:
    """Data, model and training settings of one Transformer language model."""

    language: str
    max_vocab_size: int  # the character LSTM's, so both predict over the same characters
    width: int = 64
    heads: int = 4
    layers: int = 2
    ffn_width: int = 256
    sequence_length: int = 192  # training windows; also the longest context it has learned to use
    batch_size: int = 64
    epochs: int = 20  # at most; each epoch is `windows_per_epoch` windows
    windows_per_epoch: int | None = None  # None: every window of the text each epoch
    learning_rate: float = 2e-3  # halved whenever an epoch does not improve validation
    dropout: float = 0.0
    patience: int = 3
    max_seconds: float | None = None
    validation_fraction: float = 0.05  # the character LSTM's validation split
    seed: int = 0


def spec_for(config: TransformerLMConfig, vocab_size: int) -> TransformerSpec:
    """A causal Transformer over character ids, a softmax over the vocabulary at every position."""
    return TransformerSpec("tokens", vocab_size=vocab_size, width=config.width, heads=config.heads,
                           layers=config.layers, ffn_width=config.ffn_width, causal=True, output_dim=vocab_size,
                           per_step_output=True, dropout=config.dropout)


def log_probs_of(model: Transformer, inputs: list[np.ndarray], targets: list[np.ndarray], batch: int = 32) -> list[np.ndarray]:
    """log2 p(target_t | inputs_<=t) for many sequences, batched by length as the LSTM's are.

    Shorter sequences of a batch are padded at the end: a causal model's earlier positions
    never see what follows them, so padding there changes nothing.
    """
    return charlm.log_probs_by_length(lambda ids, _lengths: model.forward(ids).outputs, model.spec.output_dim,
                                      inputs, targets, batch)


@dataclass(frozen=True)
class AttentionReading:
    """A text as the model read it: what each position attended to, and what it predicted."""

    labels: tuple[str, ...]  # "⏎" (the start) and then the text's characters
    unknown: tuple[bool, ...]  # per label: outside the vocabulary
    attention: tuple[np.ndarray, ...]  # per block: (heads, T, T), row t = position t's weights
    bits: np.ndarray  # (T-1,) -log2 p of each character of the text given those before it
    cut: int  # characters dropped beyond the context (0 if none)


def attention_shares(weights: np.ndarray, recent: int) -> tuple[float, float]:
    """For a causal map (T, T): the mean share of attention on the `recent` positions ending at each row, and on position 0."""
    rows = np.arange(weights.shape[0])
    near = (rows[None, :] <= rows[:, None]) & (rows[None, :] > rows[:, None] - recent)  # (T, T)
    return float((weights * near).sum(axis=1).mean()), float(weights[:, 0].mean())


@dataclass
class TransformerLanguageModel:
    """A character Transformer (shipped), usable by the generation loop."""

    model: Transformer
    vocab: Vocabulary
    card: ModelCard = field(default_factory=ModelCard)
    key: str = "transformer_lm"
    title: Title = Message("model.title.transformer_lm")
    context: int = 192  # the longest text it was trained to read; `read` cuts beyond it

    # ---- the generation interface ---------------------------------------------------
    def start(self) -> tuple[np.ndarray, KVCache]:
        return self.advance(KVCache.empty(self.model), self.vocab.index[charlm.NEWLINE])

    def advance(self, state: KVCache, token_id: int) -> tuple[np.ndarray, KVCache]:
        return step(self.model, int(token_id), state)

    # ---- quality and attention --------------------------------------------------------
    def bits_on_documents(self, docs: list[str]) -> tuple[float, int]:
        """(total bits, characters predicted), exactly as `charlm.bits_on_documents` scores an LSTM."""
        return charlm.bits_on_documents(self.model, self.vocab, docs, log_probs_of)

    def read(self, text: str) -> AttentionReading:
        """Every attention map of "\\n" + text (cut to the context), and each character's bits."""
        chars = list(text)
        if not chars:
            raise UserError("nothing to read", Message("error.trace.empty"))
        cut = max(0, len(chars) - (self.context - 1))
        chars = chars[: self.context - 1]
        encoded = self.vocab.encode([charlm.NEWLINE, *chars])
        with blas.one_thread():
            result = self.model.forward(encoded.ids[None])
        probs = result.outputs[0]
        bits = -np.log2(np.maximum(probs[np.arange(len(chars)), encoded.ids[1:]], 1e-30))
        labels = ("⏎", *chars)
        return AttentionReading(labels, tuple(encoded.unknown), tuple(a[0] for a in result.attention), bits, cut)
