"""The models the Gates page can look inside, and what a look returns.

A page that ships a model adds one `Entry` to `SHIPPED`; a page where a user trains
a model puts the resulting `Traceable` into the session (see `lstm_core.ui.models`).
Either way the Gates page sees the same interface: give it text, get a `ModelTrace`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol

from lstm_core.nn.network import LayerTrace


@dataclass(frozen=True)
class ModelTrace:
    """One input run through a model, with every layer's gates."""

    labels: tuple[str, ...]  # what each time step read: a token, a character, a value
    unknown: tuple[bool, ...]  # True where the step's token was out of vocabulary
    layers: tuple[LayerTrace, ...]
    summary: dict[str, str]  # the model's conclusion, {"en": "positive (0.93)", "zh": "正面 (0.93)"}
    steps_before_cut: int = 0  # >0: the input had this many steps and was cut to max_steps

    @property
    def steps(self) -> int:
        return len(self.labels)


class Traceable(Protocol):
    """What the Gates page needs from a model."""

    key: str  # unique, stable; used in URLs and widget keys
    title: dict[str, str]  # {"en": ..., "zh": ...}
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
    title: dict[str, str]
    loader: str  # "module:function" returning a Traceable; imported only when chosen


SHIPPED: tuple[Entry, ...] = (
    Entry("brackets", {"en": "Bracket depth counter (toy)", "zh": "括号深度计数器（玩具模型）"}, "lstm_core.gates.brackets:load_traceable"),
    Entry("forecast_sunspots", {"en": "Forecaster: Sunspots per year, 1700-2008", "zh": "预测模型：太阳黑子年均数，1700-2008"}, "lstm_core.forecast.forecast_models:load_sunspots"),
    Entry("forecast_co2", {"en": "Forecaster: Mauna Loa CO2, monthly, 1958-2001", "zh": "预测模型：莫纳罗亚 CO2 浓度（月度），1958-2001"}, "lstm_core.forecast.forecast_models:load_co2"),
    Entry("forecast_nile", {"en": "Forecaster: Nile river flow at Aswan, 1871-1970", "zh": "预测模型：尼罗河阿斯旺年流量，1871-1970"}, "lstm_core.forecast.forecast_models:load_nile"),
    Entry("forecast_elnino", {"en": "Forecaster: El Niño sea surface temperature, monthly, 1950-2010", "zh": "预测模型：厄尔尼诺海面温度（月度），1950-2010"}, "lstm_core.forecast.forecast_models:load_elnino"),
    Entry("forecast_elec_equip", {"en": "Forecaster: Electrical equipment orders (euro area), monthly", "zh": "预测模型：电气设备订单（欧元区，月度）"}, "lstm_core.forecast.forecast_models:load_elec_equip"),
    Entry("forecast_stock", {"en": "Forecaster: Google share price, weekly, 2018-2019", "zh": "预测模型：谷歌股价（周度），2018-2019"}, "lstm_core.forecast.forecast_models:load_stock"),
    Entry("forecast_sine", {"en": "Forecaster: Sine wave with noise (period 24)", "zh": "预测模型：带噪声的正弦波（周期 24）"}, "lstm_core.forecast.forecast_models:load_sine"),
    Entry("sentiment_zh", {"en": "Sentiment: Chinese reviews (LSTM)", "zh": "情感分析：中文评论（LSTM）"}, "lstm_core.sentiment.classifier:load_traceable_zh"),
    Entry("sentiment_en", {"en": "Sentiment: English tweets (LSTM)", "zh": "情感分析：英文推文（LSTM）"}, "lstm_core.sentiment.classifier:load_traceable_en"),
    Entry("charlm_zh", {"en": "Text generation: Chinese characters (LSTM)", "zh": "文本生成：中文字符（LSTM）"}, "lstm_core.generate.language_model:load_traceable_zh"),
    Entry("charlm_en", {"en": "Text generation: English characters (LSTM)", "zh": "文本生成：英文字符（LSTM）"}, "lstm_core.generate.language_model:load_traceable_en"),
    Entry("gan_sine_generator", {"en": "GAN generator: sine windows", "zh": "GAN 生成器：正弦窗口"}, "lstm_core.gan.shipped:load_generator"),
    Entry("gan_sine_discriminator", {"en": "GAN discriminator: sine windows", "zh": "GAN 判别器：正弦窗口"}, "lstm_core.gan.shipped:load_discriminator"),
)


def load(entry: Entry) -> Traceable:
    module_name, function = entry.loader.split(":")
    return getattr(importlib.import_module(module_name), function)()
