"""Checks of what the lessons say about the Sentiment page's LSTMs: running verdicts, swaps, occlusion.

A class is a label of the model ("negative", "positive", ...); a text names it in words and
the data's `expect` holds the check's label to those words. Probabilities are the facts
the text quotes.
"""

from __future__ import annotations

import numpy as np

from lstm_core.lessons import shipped
from lstm_core.sentiment.classifier import PAGE_DEFAULTS, tokenize

CHECKS = ("running", "swap", "unknown_word")


def _reading(model, text: str) -> dict:
    reading = model.read(text)
    k = reading.predicted
    facts = {"label": model.labels[k], "p": float(reading.probabilities[k])}
    if reading.attribution is not None:
        order = np.argsort(-reading.attribution, kind="stable")
        facts |= {"heaviest": reading.tokens[order[0]], "heaviest_two": sorted(reading.tokens[i] for i in order[:2])}
    if reading.running is not None:
        labels = [model.labels[int(row.argmax())] for row in reading.running]
        stays = next(t for t in range(len(labels)) if all(label == labels[-1] for label in labels[t:]))
        rise = np.diff(reading.running[:, k], prepend=reading.running[0, k])  # (T,) the verdict class's gain per token
        facts |= {"settles_at": reading.tokens[stays], "jumps_at": reading.tokens[int(rise.argmax())],
                  "jump": float(rise.max()), "_running": reading, "_labels": labels}
    return facts


def running(language: str, text: str, at: list[str], alone: str = "") -> dict:
    """The verdict, the running verdict at each token in `at` (its first use), the baseline's, and `alone`'s verdict."""
    model = shipped.model(PAGE_DEFAULTS[language])
    facts = _reading(model, text)
    reading, labels = facts.pop("_running"), facts.pop("_labels")
    where = [reading.tokens.index(token) for token in at]
    facts |= {"labels_at": [labels[i] for i in where],
              "p_at": [float(reading.running[i].max()) for i in where]}
    base = shipped.baseline(language).predict_proba([text])[0]
    facts |= {"base_label": model.labels[int(base.argmax())], "base_p": float(base.max())}
    if alone:
        facts |= {f"alone_{name}": value for name, value in _reading(model, alone).items() if not name.startswith("_")}
    return facts


def swap(language: str, text: str, swapped: str) -> dict:
    """The Sentiment page's LSTM and the order-aware LSTM on a text and on its clauses swapped.

    `swapped` must hold the same tokens as `text` in another order. Also, from the order-aware
    model's card and from the page's model scored on the contrast set, how many of its "but" pairs each LSTM
    gets right (both texts).
    """
    if sorted(tokenize(text, language, "words")) != sorted(tokenize(swapped, language, "words")):
        raise ValueError(f"{swapped!r} is not {text!r} with its clauses swapped")
    facts = {}
    for prefix, model in (("", shipped.model(PAGE_DEFAULTS[language])), ("order_", shipped.order_model(language))):
        for which, sentence in (("", text), ("swapped_", swapped)):
            reading = {k: v for k, v in _reading(model, sentence).items() if not k.startswith("_")}
            facts |= {f"{prefix}{which}{name}": value for name, value in reading.items()}
    card = f"order_{language}"
    facts |= {
        "swapped_text": swapped,
        "but_pairs": shipped.fact(card, "contrast.lstm.by_change.contrast.texts") // 2,
        "but_pairs_right": shipped.page_contrast(language)["contrast"]["pair_accuracy"],
        "order_but_pairs_right": shipped.fact(card, "contrast.lstm.by_change.contrast.pair_accuracy"),
    }
    return facts


def unknown_word(language: str, text: str) -> dict:
    """The tokens of `text` that the Sentiment page's word-level LSTM reads as `<unk>`."""
    model = shipped.model(PAGE_DEFAULTS[language])
    encoded, _ = model.encode(text)
    return {"unknown": [tok for tok, unk in zip(encoded.tokens, encoded.unknown) if unk],
            "token_unit": model.token_unit}
