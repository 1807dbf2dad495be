"""The validation search behind the order-aware LSTMs: `python -m lstm_core.build.order_search zh [name ...]`.

Each candidate is an amount of rule-made counterfactual text (`lstm_core.generalize.
counterfactual`) added to the training split. For each, the Sentiment page's chosen LSTM
configuration (one seed) and the TF-IDF baseline are both fitted on exactly the same
augmented training data and scored on validation only: the normal validation split and a
counterfactual validation set made by the same generators from the validation split. The
test split and the hand-written contrast set are never read here. Every result is
appended to `order_search.json` beside this file; `order_build` names the winner.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from lstm_core.build import sentiment_search as search
from lstm_core.build.sentiment_build import CHOSEN
from lstm_core.build.sentiment_search import CANDIDATES as SENTIMENT_CANDIDATES
from lstm_core.explain.contrast import polar
from lstm_core.generalize import counterfactual as cf
from lstm_core.message import Message
from lstm_core.sentiment import tfidf_baseline
from lstm_core.sentiment.classifier import classifier_from, evaluate
from lstm_core.sentiment.sentiment_data import LabelledTexts, SentimentData
from lstm_core.sentiment.sentiment_train import Metrics, card_for, fit_members, merged_network

RECORD = Path(__file__).with_name("order_search.json")
# The Sentiment page's chosen configuration, one seed (its "x3" ensemble would triple the time).
CONFIG = {language: replace(SENTIMENT_CANDIDATES[language][name], members=1) for language, name in CHOSEN.items()}
# Validation accuracy of that one-seed configuration without augmentation (lstm_core/build/sentiment_search.json:
# zh "words_w2v", en "words_w2v_bs32"); a candidate may lose at most TOLERANCE of it.
REFERENCE_VALIDATION = {"zh": 0.8566, "en": 0.7668}
TOLERANCE = 0.015
GENERATOR_SEED = 2020  # training examples; the validation set uses GENERATOR_SEED + 1
VALIDATION_MIX = (500, 1000)  # contrast pairs, negation texts made from the validation split


@dataclass(frozen=True)
class Mix:
    """How much generated text joins the training split."""

    contrast_pairs: int  # each makes two texts: the same clauses both ways round
    negations: int  # negation-template texts


CANDIDATES: dict[str, Mix] = {
    "contrast2k": Mix(2000, 0),
    "contrast2k_neg2k": Mix(2000, 2000),
    "contrast6k_neg4k": Mix(6000, 4000),
}


def polar_labels(part: LabelledTexts, classes: tuple[str, ...]) -> np.ndarray:
    """(N,) 0 negative, 1 positive, -1 any other class (the tweets' neutral)."""
    polar = {"negative": 0, "positive": 1}
    return np.array([polar.get(classes[k], -1) for k in part.labels], np.int32)


def generate(part: LabelledTexts, classes: tuple[str, ...], language: str, mix: Mix, seed: int,
             min_df: int = 5) -> tuple[cf.Generated, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Counterfactual texts made from one split only (words and clauses from that split), and the sentiment words used."""
    rng = np.random.default_rng(seed)
    polar = polar_labels(part, classes)
    parts, words = [cf.contrast_examples(part.texts, polar, language, mix.contrast_pairs, rng)], ((), ())
    if mix.negations:
        words = cf.sentiment_words(part.texts, polar, language, min_df=min_df)
        parts.append(cf.negation_examples(words, language, mix.negations, rng))
    return cf.combine(parts), words


def class_ids(generated: cf.Generated, classes: tuple[str, ...]) -> np.ndarray:
    """Polar labels as the data set's class ids."""
    return np.array([classes.index(cf.POLARITIES[k]) for k in generated.labels], np.int32)


def augment(data: SentimentData, mix: Mix) -> tuple[SentimentData, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The data set with generated text (from its training split) added to the training split, and the sentiment words."""
    extra, words = generate(data.train, data.classes, data.language, mix, GENERATOR_SEED)
    train = LabelledTexts(data.train.texts + extra.texts, np.concatenate([data.train.labels, class_ids(extra, data.classes)]))
    return replace(data, train=train), words


def validation_counterfactuals(data: SentimentData) -> cf.Generated:
    """The generated validation set: the same generators run on the validation split (fewer words there: min_df 2)."""
    return generate(data.validation, data.classes, data.language, Mix(*VALIDATION_MIX), GENERATOR_SEED + 1, min_df=2)[0]


def polar_accuracy(predict_proba, classes, generated: cf.Generated) -> float:
    return round(float((polar(predict_proba(list(generated.texts)), classes) == generated.labels).mean()), 4)


def fit_both(data: SentimentData, config, on_epoch=None):
    """The LSTM (float16, as it ships) and the TF-IDF baseline fitted on the same (augmented) data."""
    trainers = fit_members(data, config, on_epoch)
    title = {"en": "order", "zh": "order"}
    lstm = classifier_from(merged_network(trainers), card_for(trainers[0], Metrics(0, 0, ()), title), "order", Message("x"))
    base = tfidf_baseline.fit((data.train.texts, data.train.labels), (data.validation.texts, data.validation.labels),
                              tfidf_baseline.BaselineConfig(language=data.language))
    return trainers, lstm, base


def validation_scores(data: SentimentData, model_proba, generated: cf.Generated) -> dict:
    scores = evaluate(model_proba(list(data.validation.texts)), data.validation.labels, len(data.classes))
    return {"accuracy": scores.accuracy, "macro_f1": scores.macro_f1,
            "counterfactual_accuracy": polar_accuracy(model_proba, data.classes, generated)}


def try_mix(data: SentimentData, name: str, mix: Mix) -> dict:
    """Fit both models on the training split + `mix` and score them on validation only."""
    language = data.language
    augmented, _ = augment(data, mix)
    trainers, lstm, base = fit_both(augmented, CONFIG[language],
                                    lambda r: print(f"{language} {name} epoch {r.epoch}: {r.logs} ({r.seconds:.0f} s)", flush=True))
    generated = validation_counterfactuals(data)
    return {
        "name": name,
        "mix": vars(mix).copy(),
        "training_texts": len(augmented.train),
        "lstm_validation": validation_scores(data, lstm.predict_proba, generated),
        "tfidf_validation": {**validation_scores(data, base.predict_proba, generated), "C": base.C},
        "epochs_run": trainers[0].epochs_run,
        "best_epoch": trainers[0].best_epoch,
        "training_seconds": round(trainers[0].seconds, 1),
    }


def read_record() -> dict[str, list[dict]]:
    """Every try so far, by language."""
    return search.read_record(RECORD)


def choose(rows: list[dict], language: str) -> str:
    """Highest counterfactual validation accuracy among tries whose validation accuracy stays within TOLERANCE."""
    floor = REFERENCE_VALIDATION[language] - TOLERANCE
    kept = [r for r in rows if r["lstm_validation"]["accuracy"] >= floor] or rows
    return max(kept, key=lambda r: (r["lstm_validation"]["counterfactual_accuracy"], r["lstm_validation"]["accuracy"]))["name"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lstm_core.build.order_search")
    parser.add_argument("language", choices=sorted(CONFIG))
    parser.add_argument("names", nargs="*", help="candidates to train (default: all not yet in the record)")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    search.run_search(args.language, args.names, list(CANDIDATES), lambda data, name: try_mix(data, name, CANDIDATES[name]),
                      RECORD, args.threads, lambda row: f"LSTM {row['lstm_validation']} TF-IDF {row['tfidf_validation']}")


if __name__ == "__main__":
    main()
