"""The shipped models and cards the checks read, loaded once per process.

The checks run in the tests (every step, every quiz question) and, once per server, when a
lesson shows its numbers; a few models stay loaded (the app's own pages keep theirs in
Streamlit's cache, so a check never holds more than these).
"""

from __future__ import annotations

from functools import lru_cache

from lstm_core.message import Message
from lstm_core.nn.trace import Traceable
from lstm_core.serving import assets, catalogue


@lru_cache(maxsize=4)
def model(key: str) -> Traceable:
    """A model of the catalogue (the one the Gates page opens under the same key)."""
    entry = next((e for e in catalogue.SHIPPED if e.key == key), None)
    if entry is None:
        raise ValueError(f"no shipped model {key!r}; the catalogue has {[e.key for e in catalogue.SHIPPED]}")
    return catalogue.load(entry)


@lru_cache(maxsize=16)
def card(name: str) -> dict:
    """A model card (assets/<name>.json) as its JSON data, read and checked once; never change what it returns."""
    return assets.read_card(name).to_dict()


def fact(name: str, path: str) -> object:
    """One value of a card by its dotted path, e.g. fact("order_en", "contrast.lstm.accuracy")."""
    value: object = card(name)
    for part in path.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


@lru_cache(maxsize=2)
def order_model(language: str):
    """The order-aware sentiment LSTM of "Making LSTMs practical" (trained with counterfactual text)."""
    from lstm_core.sentiment.classifier import classifier_from  # the sentiment family, only when asked for

    network, order_card = assets.load_model(f"order_{language}")
    return classifier_from(network, order_card, f"order_{language}", Message(f"model.title.order_{language}"))


@lru_cache(maxsize=2)
def baseline(language: str):
    """The TF-IDF baseline the Sentiment page shows beside its LSTM."""
    from lstm_core.sentiment.classifier import load_baseline  # the sentiment family, only when asked for

    return load_baseline(language)


@lru_cache(maxsize=2)
def page_contrast(language: str) -> dict:
    """The Sentiment page's classifier on the contrast set, per kind of change (`contrast.model_by_change`)."""
    from lstm_core.explain import contrast  # the sentiment family, only when asked for
    from lstm_core.sentiment.classifier import PAGE_DEFAULTS  # the sentiment family, only when asked for

    return contrast.model_by_change(model(PAGE_DEFAULTS[language]), language)
