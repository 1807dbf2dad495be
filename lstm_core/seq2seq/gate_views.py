"""A translator's two LSTMs as the Gates page sees them (two `registry.Traceable`s).

Type an input for either. The encoder's trace has one step per input character. The
decoder's has one step per character it writes: the step reads the character written
before (the start mark first) and starts from the encoder's last state, so the Gates
page's step-through recomputes its first step from that state, not from zeros.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lstm_core.nn.trace import ModelTrace
from lstm_core.message import Message, Title
from lstm_core.nn.network import LayerTrace
from lstm_core.seq2seq.data import START
from lstm_core.seq2seq.translator import Translator, load_translator

REFERENCE_TEXTS = 40  # inputs the Gates page searches for spans where chosen units fire


@dataclass
class _View:
    """What the encoder's and the decoder's views share: naming, the example input, the corpus."""

    translator: Translator = field(repr=False)
    key: str = ""
    title: Title = field(default_factory=dict)
    input_kind: str = "text"
    default_text: str = ""
    max_steps: int = 0
    part = ""  # "encoder" or "decoder" (a class attribute, not a field)

    def __post_init__(self) -> None:
        tr = self.translator
        self.key = self.key or f"{tr.key}_{self.part}"
        self.title = self.title or Message(f"model.title.seq2seq_{self.part}", {"model": tr.title})
        self.default_text, self.max_steps = tr.task.example, tr.network.spec.max_source

    def reference_texts(self) -> list[str]:
        rng = np.random.default_rng(11)
        return [self.translator.task.draw(rng)[0] for _ in range(REFERENCE_TEXTS)]


class EncoderView(_View):
    """The encoder LSTM: one step per input character."""

    part = "encoder"

    def trace_text(self, text: str) -> ModelTrace:
        decoding = self.translator.decode(text)
        encoded = decoding.encoded
        layer = LayerTrace("lstm_0", encoded.gates, encoded.inputs, self.translator.network.encoder_lstm)
        summary = Message("model.summary.seq2seq_encoder", {"steps": encoded.gates.steps, "output": decoding.output})
        return ModelTrace(tuple(decoding.source), (False,) * len(decoding.source), (layer,), summary)


class DecoderView(_View):
    """The decoder LSTM: one step per character written, labelled with what the step read."""

    part = "decoder"

    def trace_text(self, text: str) -> ModelTrace:
        decoding = self.translator.decode(text)
        layer = LayerTrace("lstm_0", decoding.gates, decoding.inputs, self.translator.network.decoder_lstm,
                           initial_state=decoding.encoded.final)
        labels = self.translator.step_labels((START, *decoding.ids[:-1]))  # <s>, then each character written
        summary = Message("model.summary.seq2seq_decoder", {"steps": len(labels), "output": decoding.output})
        return ModelTrace(labels, (False,) * len(labels), (layer,), summary)


def views(translator: Translator) -> tuple[EncoderView, DecoderView]:
    return EncoderView(translator), DecoderView(translator)


def load_encoder(task: str) -> EncoderView:
    return EncoderView(load_translator(task))


def load_decoder(task: str) -> DecoderView:
    return DecoderView(load_translator(task))
