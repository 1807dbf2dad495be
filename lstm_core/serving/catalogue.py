"""The catalogue: every shipped model the app can open, by key.

A page that ships a model adds one `Entry` to `SHIPPED`; a page where a user trains
a model puts the resulting `Traceable` into the session (see `lstm_core.ui.session_models`).
Either way the Gates page sees the same interface (`lstm_core.nn.trace`): give it text,
get a `ModelTrace`. An entry's loader imports its model family only when called: the
families pull in pandas, scikit-learn and jieba (0.15-0.6 s each), which a page that
opens no model should not pay for at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

from lstm_core.message import Message
from lstm_core.nn.trace import Traceable


@dataclass(frozen=True)
class Entry:
    """A shipped model: how to name it and how to load it."""

    key: str
    title: Message  # translated by `lstm_core.ui`
    loader: Callable[[], Traceable]  # imports the model's module when called, not before


# ---- loaders: each imports its module on first use -----------------------------------------------
def _brackets() -> Traceable:
    from lstm_core.brackets.counter import load_traceable  # on first use: cheap start-up

    return load_traceable()


def _forecaster(series_key: str) -> Traceable:
    from lstm_core.forecast.forecast_models import load_forecaster  # on first use: cheap start-up

    return load_forecaster(series_key)


def _sentiment(name: str) -> Traceable:
    from lstm_core.sentiment.classifier import load_named  # on first use: cheap start-up

    return load_named(name)


def _language_model(language: str) -> Traceable:
    from lstm_core.generate.language_model import load_language_model  # on first use: cheap start-up

    return load_language_model(language)


def _gan_generator() -> Traceable:
    from lstm_core.gan.shipped import load_generator  # on first use: cheap start-up

    return load_generator()


def _gan_discriminator() -> Traceable:
    from lstm_core.gan.shipped import load_discriminator  # on first use: cheap start-up

    return load_discriminator()


def _tagger(direction: str) -> Traceable:
    from lstm_core.tagging.shipped import load_forward_tagger, load_tagger  # on first use: cheap start-up

    return load_tagger("zh") if direction == "bidirectional" else load_forward_tagger("zh")


def _seq2seq(task: str, part: str) -> Traceable:
    from lstm_core.seq2seq.gate_views import load_decoder, load_encoder  # on first use: cheap start-up

    return (load_encoder if part == "encoder" else load_decoder)(task)


def _seq2seq_entry(task: str, part: str) -> Entry:
    model = Message("model.title.seq2seq", {"task": Message(f"seq2seq.task.{task}"),
                                             "variant": Message("seq2seq.variant.attention")})
    return Entry(f"seq2seq_{task}_{part}", Message(f"model.title.seq2seq_{part}", {"model": model}),
                 partial(_seq2seq, task, part))


def _forecast_entry(series_key: str) -> Entry:
    title = Message("model.title.forecaster", {"series": Message(f"series.title.{series_key}")})
    return Entry(f"forecast_{series_key}", title, partial(_forecaster, series_key))


SHIPPED: tuple[Entry, ...] = (
    Entry("brackets", Message("model.title.brackets"), _brackets),
    *(_forecast_entry(key) for key in ("sunspots", "co2", "nile", "elnino", "elec_equip", "stock", "sine")),
    Entry("sentiment_zh", Message("model.title.sentiment_zh"), partial(_sentiment, "sentiment_zh")),
    Entry("pretrain_zh", Message("model.title.pretrain_zh"), partial(_sentiment, "pretrain_zh")),
    Entry("sentiment_en", Message("model.title.sentiment_en"), partial(_sentiment, "sentiment_en")),
    Entry("charlm_zh", Message("model.entry.charlm_zh"), partial(_language_model, "zh")),
    Entry("charlm_en", Message("model.entry.charlm_en"), partial(_language_model, "en")),
    Entry("gan_sine_generator", Message("model.title.gan_sine_generator"), _gan_generator),
    Entry("gan_sine_discriminator", Message("model.title.gan_sine_discriminator"), _gan_discriminator),
    Entry("tagger_zh", Message("model.title.tagger_bi"), partial(_tagger, "bidirectional")),
    Entry("tagger_zh_forward", Message("model.title.tagger_uni"), partial(_tagger, "forward")),
    *(_seq2seq_entry(task, part) for task in ("dates", "zh_numerals") for part in ("encoder", "decoder")),
)


def load(entry: Entry) -> Traceable:
    """The entry's model, loaded now."""
    return entry.loader()
