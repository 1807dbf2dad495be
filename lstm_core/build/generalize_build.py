"""Training curves under regularization, augmentation and ensembles, and the worked case (7.3-7.4).

`python -m lstm_core.build generalize` trains the small Chinese-review LSTM of
`lstm_core.generalize.experiments` once per variant, then takes one classifier step by
step (plain -> + augmentation -> + regularization -> + ensemble -> pruned and quantized)
and writes everything to assets/generalize.json. Every choice (which regularizer, how
much to prune) is made on the validation split; the test split is only scored.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from lstm_core.compress import pruned, quantized
from lstm_core.compress.quantize import float32_bytes, quantize_weights
from lstm_core.generalize.experiments import (
    NAME,
    Setup, Variant, accuracy, encode, ms_per_prediction, predict, stack, train_variant,
)

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
CONTRAST = "contrast"  # assets/contrast/ from the "explain" branch, scored when present
ATTENTION = "attention_zh.json"


def _summary(run, encoded) -> dict:
    return {"settings": run.variant.settings(), "history": run.history, "kept_epoch": run.kept_epoch,
            "best_validation_epoch": run.best_validation_epoch, "seconds": round(run.seconds, 1),
            "validation_accuracy": round(accuracy(run.val_proba, encoded.y_val), 4),
            "test_accuracy": round(accuracy(run.test_proba, encoded.y_test), 4)}


def _step(name: str, networks, val_proba, test_proba, encoded, stored_bytes: int | None = None, **extra) -> dict:
    """One row of the worked case: accuracies, size and time per prediction."""
    return {"step": name, "available": True, "validation_accuracy": round(accuracy(val_proba, encoded.y_val), 4),
            "test_accuracy": round(accuracy(test_proba, encoded.y_test), 4),
            "bytes": int(stored_bytes if stored_bytes is not None else sum(float32_bytes(n.weights) for n in networks)),
            "ms_per_prediction": round(ms_per_prediction(networks, encoded.x_test), 3),
            "contrast_accuracy": None, **extra}


def _compress(networks, encoded) -> tuple[list, float, int]:
    """Structured pruning (fraction chosen on validation), then int8: the members, the fraction, the bytes."""
    base = accuracy(np.mean([predict(n, encoded.x_val) for n in networks], axis=0), encoded.y_val)
    for fraction in PRUNE_FRACTIONS:
        small = [quantized(pruned(n, fraction, structured=True), 8) for n in networks]
        if accuracy(np.mean([predict(n, encoded.x_val) for n in small], axis=0), encoded.y_val) >= base - 0.01:
            break
    stored = sum(quantize_weights(pruned(n, fraction, structured=True).weights, 8).stored_bytes for n in networks)
    return small, fraction, stored


def worked_case(runs: dict, regularized: list, encoded, folder: Path) -> list[dict]:
    """plain -> + augmentation -> + regularization -> (+ attention) -> + ensemble -> pruned and quantized."""
    plain, augmented, first = runs["none"], runs["augmentation"], regularized[0]
    steps = [
        _step("plain", [plain.network], plain.val_proba, plain.test_proba, encoded),
        _step("augmentation", [augmented.network], augmented.val_proba, augmented.test_proba, encoded),
        _step("regularization", [first.network], first.val_proba, first.test_proba, encoded,
              settings=first.variant.settings()),
    ]
    attention = (folder / ATTENTION).is_file()
    steps.append({"step": "attention", "available": False, "note": (
        "assets/attention_zh.json exists but was trained on the full data, not this subset: not comparable"
        if attention else "the attention model (branch 'explain', assets/attention_zh.json) was not present")})
    members = [r.network for r in regularized]
    mean_val = np.mean([r.val_proba for r in regularized], axis=0)
    mean_test = np.mean([r.test_proba for r in regularized], axis=0)
    steps.append(_step("ensemble", members, mean_val, mean_test, encoded, seeds=list(ENSEMBLE_SEEDS)))
    small, fraction, stored = _compress(members, encoded)
    steps.append(_step("compressed", small, np.mean([predict(n, encoded.x_val) for n in small], axis=0),
                       np.mean([predict(n, encoded.x_test) for n in small], axis=0), encoded, stored,
                       pruned_units=fraction, bits=8))
    return steps


def _synonyms(encoded) -> dict:
    from lstm_core.embeddings.word_vectors import load_word_vectors
    from lstm_core.generalize.augment import synonym_table

    return synonym_table(load_word_vectors("zh"), list(encoded.vocab.tokens[2:]))


def build(folder: Path, setup: Setup = SETUP) -> dict:
    """Train every variant, the ensembles and the worked case; write `<folder>/generalize.json`."""
    from lstm_core.sentiment import tfidf_baseline
    from lstm_core.sentiment.sentiment_data import load

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
                     "test_accuracy": round(accuracy(tf_test, encoded.y_test), 4)},
        "worked_case": worked_case(runs, regularized, encoded, folder),
        "contrast_set": ("assets/contrast/ present but not scored by this build" if (folder / CONTRAST).is_dir()
                         else "assets/contrast/ (branch 'explain') was not present: no contrast-set column"),
    }
    card["build_seconds"] = round(time.perf_counter() - started, 1)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{NAME}.json").write_text(json.dumps(card, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return card
