"""The models the Gates page can look inside, and what a look returns.

A page that ships a model adds one `Entry` to `SHIPPED`; a page where a user trains
a model puts the resulting `Traceable` into the session (see `lstm_core.ui.models`).
Either way the Gates page sees the same interface: give it text, get a `ModelTrace`.
"""

from __future__ import annotations

import importlib
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


@dataclass(frozen=True)
class Entry:
    """A shipped model: how to name it and where its loader lives."""

    key: str
    title: Message  # translated by `lstm_core.ui`
    loader: str  # "module:function" returning a Traceable; imported only when chosen


def _forecaster(series_key: str) -> Message:
    return Message("model.title.forecaster", {"series": Message(f"series.title.{series_key}")})


SHIPPED: tuple[Entry, ...] = (
    Entry("brackets", Message("model.title.brackets"), "lstm_core.gates.brackets:load_traceable"),
    Entry("forecast_sunspots", _forecaster("sunspots"), "lstm_core.forecast.forecast_models:load_sunspots"),
    Entry("forecast_co2", _forecaster("co2"), "lstm_core.forecast.forecast_models:load_co2"),
    Entry("forecast_nile", _forecaster("nile"), "lstm_core.forecast.forecast_models:load_nile"),
    Entry("forecast_elnino", _forecaster("elnino"), "lstm_core.forecast.forecast_models:load_elnino"),
    Entry("forecast_elec_equip", _forecaster("elec_equip"), "lstm_core.forecast.forecast_models:load_elec_equip"),
    Entry("forecast_stock", _forecaster("stock"), "lstm_core.forecast.forecast_models:load_stock"),
    Entry("forecast_sine", _forecaster("sine"), "lstm_core.forecast.forecast_models:load_sine"),
    Entry("sentiment_zh", Message("model.title.sentiment_zh"), "lstm_core.sentiment.classifier:load_traceable_zh"),
    Entry("sentiment_en", Message("model.title.sentiment_en"), "lstm_core.sentiment.classifier:load_traceable_en"),
    Entry("charlm_zh", Message("model.entry.charlm_zh"), "lstm_core.generate.language_model:load_traceable_zh"),
    Entry("charlm_en", Message("model.entry.charlm_en"), "lstm_core.generate.language_model:load_traceable_en"),
    Entry("gan_sine_generator", Message("model.title.gan_sine_generator"), "lstm_core.gan.shipped:load_generator"),
    Entry("gan_sine_discriminator", Message("model.title.gan_sine_discriminator"), "lstm_core.gan.shipped:load_discriminator"),
)


def load(entry: Entry) -> Traceable:
    module_name, function = entry.loader.split(":")
    return getattr(importlib.import_module(module_name), function)()
