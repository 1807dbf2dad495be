"""Training curves under regularization, augmentation and ensembles, and the worked case (7.3-7.4).

`python -m lstm_core.build generalize` trains the small Chinese-review LSTM of
`lstm_core.generalize.experiments` once per variant, then takes one classifier step by
step (plain -> + augmentation -> + regularization -> + attention -> + ensemble -> pruned
and quantized), scoring every step on the test split and on the hand-written contrast set
(assets/contrast/zh.tsv), and writes everything to assets/generalize.json. Every choice
(which regularizer, how much to prune) is made on the validation split; the test split
and the contrast set are only scored.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from lstm_core.compress import pruned, quantized
from lstm_core.compress.quantize import float32_bytes, quantize_weights
from lstm_core.explain import contrast
from lstm_core.generalize.experiments import (
    NAME,
    Setup, Variant, accuracy, contrast_score, encode, ms_per_prediction, predict, stack, train_attention, train_variant,
)
from lstm_core.embeddings.word_vectors import load_word_vectors
from lstm_core.generalize.augment import synonym_table
from lstm_core.sentiment import tfidf_baseline
from lstm_core.sentiment.sentiment_data import load

SETUP = Setup(epochs=6)  # 6 epochs: the plain model overfits from epoch 2; the build stays near 10 minutes
VARIANTS = (
    Variant("none"),
    Variant("dropout", dropout=0.5),
    Variant("recurrent_dropout", recurrent_dropout=0.3),
    Variant("l2", l2=1e-4),
    Variant("early_stopping", patience=2),
    Variant("augmentation", augment_copies=1),
)
REGULARIZERS = ("dropout", "recurrent_dropout", "l2")  # the worked case keeps the best on validation
ENSEMBLE_SEEDS = (0, 1, 2)
PRUNE_FRACTIONS = (0.5, 0.25)  # structured: hidden units removed; the largest within 1 point on validation
ATTENTION_DIM = 32  # the attention step's pooling size (as the smaller of the Explain tab's candidates)


def _summary(run, encoded) -> dict:
    return {"settings": run.variant.settings(), "history": run.history, "kept_epoch": run.kept_epoch,
            "best_validation_epoch": run.best_validation_epoch, "seconds": round(run.seconds, 1),
            "validation_accuracy": round(accuracy(run.val_proba, encoded.y_val), 4),
            "test_accuracy": round(accuracy(run.test_proba, encoded.y_test), 4)}


def _step(name: str, predictors, val_proba, test_proba, encoded, stored_bytes: int, **extra) -> dict:
    """One row of the worked case: accuracies (test and contrast set), size and time per prediction.

    predictors: one function per member, from id sequences to probabilities (averaged for the contrast set).
    """
    contrast = contrast_score(predictors, encoded.vocab)
    return {"step": name, "available": True, "validation_accuracy": round(accuracy(val_proba, encoded.y_val), 4),
            "test_accuracy": round(accuracy(test_proba, encoded.y_test), 4), "bytes": int(stored_bytes),
            "ms_per_prediction": round(ms_per_prediction(predictors, encoded.x_test), 3),
            "contrast_accuracy": contrast["accuracy"], "contrast_pair_accuracy": contrast["pair_accuracy"], **extra}


def _lstm_step(name: str, runs, encoded, **extra) -> dict:
    """A step made of plain LSTMs (one, or an ensemble averaged), stored as float32."""
    networks = [r.network for r in runs]
    return _step(name, [n.predict for n in networks], np.mean([r.val_proba for r in runs], axis=0),
                 np.mean([r.test_proba for r in runs], axis=0), encoded,
                 sum(float32_bytes(n.weights) for n in networks), **extra)


def _compress(networks, encoded) -> tuple[list, float, int]:
    """Structured pruning (fraction chosen on validation), then int8: the members, the fraction, the bytes."""
    base = accuracy(np.mean([predict(n, encoded.x_val) for n in networks], axis=0), encoded.y_val)
    for fraction in PRUNE_FRACTIONS:
        small = [quantized(pruned(n, fraction, structured=True), 8) for n in networks]
        if accuracy(np.mean([predict(n, encoded.x_val) for n in small], axis=0), encoded.y_val) >= base - 0.01:
            break
    stored = sum(quantize_weights(pruned(n, fraction, structured=True).weights, 8).stored_bytes for n in networks)
    return small, fraction, stored


def worked_case(runs: dict, regularized: list, attended, encoded) -> list[dict]:
    """plain -> + augmentation -> + regularization -> + attention -> + ensemble -> pruned and quantized.

    attended: (run, classifier) of the regularized model with attention pooling. The ensemble
    averages the regularized LSTMs without attention, so that pruning (which knows the LSTM's
    weights only) applies to its members.
    """
    run, model = attended
    attention_bytes = float32_bytes({**run.network.weights, **model.attention})
    steps = [
        _lstm_step("plain", [runs["none"]], encoded),
        _lstm_step("augmentation", [runs["augmentation"]], encoded),
        _lstm_step("regularization", [regularized[0]], encoded, settings=regularized[0].variant.settings()),
        _step("attention", [lambda ids: model.forward_ids(ids)[0]], run.val_proba, run.test_proba, encoded,
              attention_bytes, settings=run.variant.settings(), attention_dim=ATTENTION_DIM),
        _lstm_step("ensemble", regularized, encoded, seeds=list(ENSEMBLE_SEEDS), members="the regularized LSTM "
                   "(last state, no attention) with each seed"),
    ]
    small, fraction, stored = _compress([r.network for r in regularized], encoded)
    steps.append(_step("compressed", [n.predict for n in small],
                       np.mean([predict(n, encoded.x_val) for n in small], axis=0),
                       np.mean([predict(n, encoded.x_test) for n in small], axis=0), encoded, stored,
                       pruned_units=fraction, bits=8))
    return steps


def _tfidf_contrast(tfidf) -> dict:
    scored = contrast.score(tfidf.predict_proba, ("negative", "positive"), contrast.load("zh"))
    return {"contrast_accuracy": scored.accuracy, "contrast_pair_accuracy": scored.pair_accuracy}


def _synonyms(encoded) -> dict:
    return synonym_table(load_word_vectors("zh"), list(encoded.vocab.tokens[2:]))


def build(folder: Path, setup: Setup = SETUP) -> dict:
    """Train every variant, the ensembles and the worked case; write `<folder>/generalize.json`."""
    started = time.perf_counter()
    data = load("reviews", setup.seed)
    encoded = encode(data, setup)
    synonyms = _synonyms(encoded)
    runs = {}
    for variant in VARIANTS:
        runs[variant.name] = train_variant(variant, encoded, setup, synonyms)
        print(f"  {variant.name}: test {accuracy(runs[variant.name].test_proba, encoded.y_test):.4f} "
              f"({runs[variant.name].seconds:.0f} s)", flush=True)
    chosen = max(REGULARIZERS, key=lambda n: accuracy(runs[n].val_proba, encoded.y_val))
    combined = replace(next(v for v in VARIANTS if v.name == chosen), name="regularized", augment_copies=1, patience=2)
    regularized = [train_variant(replace(combined, seed=s), encoded, setup, synonyms) for s in ENSEMBLE_SEEDS]
    attended = train_attention(replace(combined, seed=ENSEMBLE_SEEDS[0]), encoded, setup, synonyms, ATTENTION_DIM)
    tfidf = tfidf_baseline.fit((list(encoded.train_texts), encoded.y_train),
                               (list(data.validation.texts), data.validation.labels))
    tf_val, tf_test = tfidf.predict_proba(list(data.validation.texts)), tfidf.predict_proba(list(data.test.texts))
    lstm_val = np.mean([r.val_proba for r in regularized], axis=0)
    lstm_test = np.mean([r.test_proba for r in regularized], axis=0)
    stacked_test, meta = stack([lstm_val, tf_val], encoded.y_val, [lstm_test, tf_test])
    card = {
        "title": "Generalization: regularization, augmentation and ensembles of a small sentiment LSTM",
        "data": {"name": data.name, "language": "zh", "cleaning": data.cleaning.to_dict(), "split": data.describe_split(),
                 "subset": {"train": len(encoded.x_train), "of": len(data.train), "seed": setup.seed,
                            "note": "a seeded subset of the training part keeps the build near 10 minutes on 2 "
                                    "cores; validation and test parts are complete"}},
        "setup": asdict(setup),
        "tokens": "jieba words (precise mode), vocabulary from the training subset (count >= 2)",
        "augmentation": {"method": "EDA (Wei & Zou 2019): one of synonym replacement, random insertion, random "
                                   "swap, random deletion per copy, alpha 0.1", "copies": 1,
                         "synonyms": "nearest neighbours in assets/word_vectors_zh (cosine >= 0.5, at most 5)",
                         "words_with_neighbours": len(synonyms)},
        "variants": {name: _summary(run, encoded) for name, run in runs.items()},
        "chosen_regularizer": {"name": chosen, "by": "validation accuracy of the variants " + ", ".join(REGULARIZERS)},
        "ensembles": {
            "seeds": {"members": [_summary(r, encoded) for r in regularized],
                      "validation_accuracy": round(accuracy(lstm_val, encoded.y_val), 4),
                      "test_accuracy": round(accuracy(lstm_test, encoded.y_test), 4)},
            "stacked": {"what": "logistic regression on the seed ensemble's and the TF-IDF model's probabilities, "
                                "fitted on the validation split", **meta,
                        "test_accuracy": round(accuracy(stacked_test, encoded.y_test), 4)},
        },
        "baseline": {"name": "TF-IDF (characters 1-3) + logistic regression on the same training subset",
                     "C": tfidf.C, "validation_accuracy": round(accuracy(tf_val, encoded.y_val), 4),
                     "test_accuracy": round(accuracy(tf_test, encoded.y_test), 4),
                     **_tfidf_contrast(tfidf)},
        "worked_case": worked_case(runs, regularized, attended, encoded),
        "contrast_set": {"file": "assets/contrast/zh.tsv", "pairs": len(contrast.load("zh").pairs),
                         "scored": "each step's verdict (positive vs negative) on both texts of every pair; a test "
                                   "set only, nothing was trained or chosen on it"},
    }
    card["build_seconds"] = round(time.perf_counter() - started, 1)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{NAME}.json").write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return card
