"""What every model family hands the Gates page: one input traced through a model.

`ModelTrace` is a model's answer with every layer's gates; `Traceable` is the interface
a model offers to be looked inside (give it text, get a trace). Shipped models are listed
in `lstm_core.serving.catalogue`; a model a student trains offers the same interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from lstm_core.message import Message, Title
from lstm_core.nn.network import LayerTrace


@dataclass(frozen=True)
class ModelTrace:
    """One input run through a model, with every layer's gates."""

    labels: tuple[str, ...]  # what each time step read: a token, a character, a value
    unknown: tuple[bool, ...]  # True where the step's token was out of vocabulary
    layers: tuple[LayerTrace, ...]
    summary: Message  # the model's conclusion, e.g. Message("model.summary.sentiment", {"label": ..., "p": 0.93})
    steps_before_cut: int = 0  # >0: the input had this many steps and was cut to max_steps

    @property
    def steps(self) -> int:
        return len(self.labels)


class Traceable(Protocol):
    """What the Gates page needs from a model."""

    key: str  # unique, stable; used in URLs and widget keys
    title: Title  # a Message, or the display_title an uploaded model card holds
    input_kind: str  # "text", or "numbers" (comma-separated values, for forecasters)
    default_text: str
    max_steps: int  # longer inputs are cut to this many steps, with a notice

    def trace_text(self, text: str) -> ModelTrace:
        """Trace one input (already cleaned by `inputs.clean`), cut to max_steps steps.

        Raise ValueError with a readable message if it cannot be traced.
        """

    def reference_texts(self) -> list[str]:
        """A small corpus to search for spans where chosen units fire."""
