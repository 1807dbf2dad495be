"""Rebuild the label-count curve: `python -m lstm_core.build pretrain_curve` (after `pretrain`).

For each size in `label_curve.SEEDS` and each seed, a stratified sample of the training
split's labels trains three models with the configurations already chosen on validation
(nothing is tuned per size): TF-IDF + logistic regression (C chosen on validation, as
shipped), the LSTM trained from scratch (one member of its configuration) and the pretrained
classifier (one member of its configuration; its head trains alone until its validation loss
stalls at most, from the same language models, which read every training review's text
without labels). Each is scored on the validation and test
splits; `assets/pretrain_curve.json` keeps every run.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path


from lstm_core.build import pretrain_stages
from lstm_core.build.pretrain_build import CHOSEN, SEED
from lstm_core.build.pretrain_search import CANDIDATES
from lstm_core.build.sentiment_build import SHIPPED_CONFIG
from lstm_core.message import Message
from lstm_core.pretrain import finetune, label_curve
from lstm_core.sentiment import sentiment_data, tfidf_baseline
from lstm_core.sentiment.classifier import classifier_from, evaluate
from lstm_core.sentiment.sentiment_data import LabelledTexts
from lstm_core.sentiment.sentiment_train import Metrics, card_for, fit_members, merged_network
from lstm_core.training.backend import clear, hardware, machine_load, one_thread_per_training


def _scores(predict_proba, data) -> dict:
    out = {}
    for split in ("validation", "test"):
        part = getattr(data, split)
        metrics = evaluate(predict_proba(list(part.texts)), part.labels, len(data.classes))
        out[split] = {"accuracy": metrics.accuracy, "macro_f1": metrics.macro_f1}
    return out


def run_tfidf(data, rows) -> dict:
    fitted = tfidf_baseline.fit(([data.train.texts[r] for r in rows], data.train.labels[rows]),
                                (data.validation.texts, data.validation.labels), tfidf_baseline.BaselineConfig("zh"))
    return {**_scores(fitted.predict_proba, data), "C": fitted.C}


def run_scratch(data, rows, seed: int) -> dict:
    config = SHIPPED_CONFIG["zh"]
    config = replace(config, members=1, seed=seed, epochs=label_curve.epochs_for(len(rows), config.batch_size, config.epochs))
    sample = replace(data, train=LabelledTexts(tuple(data.train.texts[r] for r in rows), data.train.labels[rows]))
    trainers = fit_members(sample, config)
    classifier = classifier_from(merged_network(trainers), card_for(trainers[0], Metrics(0, 0, ()), {"en": "", "zh": ""}),
                                 "scratch", Message("x"))
    return {**_scores(classifier.predict_proba, data), "epochs_run": trainers[0].epochs_run,
            "best_epoch": trainers[0].best_epoch, "training_seconds": round(trainers[0].seconds, 1)}


def run_pretrained(language_model, data, rows, seed: int) -> dict:
    config = CANDIDATES[CHOSEN]
    epochs = label_curve.epochs_for(len(rows), config.batch_size, config.epochs)
    # a sample gets more epochs for as many updates (epochs_for); the head trains alone for the same share of them,
    # or until its validation loss stalls (else a stall would end the run before the LSTM ever trained). At full
    # size the LSTM joins in epoch 2, before a stall of `patience` epochs can show, so the shipped run is the same.
    head_epochs = max(1, round(config.head_epochs * epochs / config.epochs))
    config = replace(config, members=1, seed=seed, epochs=epochs, head_epochs=head_epochs, unfreeze_on_stall=True)
    trainings = finetune.fine_tune(language_model, data, config, train_rows=rows)
    classifier = finetune.classifier_of(trainings, {}, "pretrained", Message("x"))
    summary = trainings[0].summary()
    return {**_scores(classifier.predict_proba, data), "epochs_run": summary["epochs_run"],
            "best_epoch": summary["best_epoch"], "unfrozen_after": summary["unfrozen_after"],
            "training_seconds": summary["training_seconds"]}


def record_of(data, runs: list[dict], seconds: float) -> dict:
    """The curve's record: how the runs were made, every run, and whether the pretrained LSTM leads at every size."""
    return {
        "title": "Accuracy against the number of labelled reviews",
        "data": {"name": data.name, "split": data.describe_split()},
        "method": "stratified samples of the training split's labels (sklearn train_test_split, random_state = seed); "
                  "the configurations chosen on validation at full size, nothing tuned per size; every LSTM may train "
                  f"up to {label_curve.MIN_UPDATES} batches (at most {label_curve.MAX_EPOCHS} epochs) with early stopping "
                  "on the full validation split, the same for all (the pretrained LSTM's head trains alone for the share of "
                  f"its epochs it has at full size, {CANDIDATES[CHOSEN].head_epochs} of {CANDIDATES[CHOSEN].epochs}, "
                  "or until its validation loss stalls, whichever comes first); the pretrained "
                  "model's language models read every "
                  "training review's text without labels; the from-scratch LSTM builds its vocabulary from its sample",
        "configs": {"pretrained": CHOSEN, "scratch": "the Sentiment page's configuration, one member",
                    "tfidf": "character 1-3-grams + logistic regression, C chosen on validation"},
        "seeds": {str(k): v for k, v in label_curve.SEEDS.items()},
        "runs": runs,
        "ahead_everywhere": {split: label_curve.ahead_everywhere(runs, split) for split in ("validation", "test")},
        "training_seconds": round(seconds, 1),
        "training_hardware": hardware(),
        "machine_load": machine_load(),
    }


def build(folder: Path) -> None:
    """Every size and seed of `label_curve.SEEDS`, smallest first; the record is rewritten after each size,
    so an interrupted build leaves the sizes it finished (the record's `seeds` says which)."""
    one_thread_per_training()
    data = sentiment_data.load("reviews", seed=SEED)
    language_model = pretrain_stages.review(data, CANDIDATES[CHOSEN])  # the shipped model's: same seed, same split
    started, runs, target = time.perf_counter(), [], folder / label_curve.ASSET.name
    for size, seeds in label_curve.SEEDS.items():
        for seed in range(seeds):
            rows = label_curve.label_sample(data.train.labels, size, seed)
            for model, run in (("tfidf", lambda: run_tfidf(data, rows)), ("scratch", lambda: run_scratch(data, rows, seed)),
                               ("pretrained", lambda: run_pretrained(language_model, data, rows, seed))):
                result = {"model": model, "size": len(rows), "seed": seed, **run()}
                clear()  # the next run builds a new Keras model; the old ones' graphs can go
                runs.append(result)
                print(f"{model} {len(rows)} seed {seed}: validation {result['validation']['accuracy']:.4f} "
                      f"test {result['test']['accuracy']:.4f}", flush=True)
        record = record_of(data, runs, time.perf_counter() - started)
        target.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"label curve: pretrained ahead everywhere {record['ahead_everywhere']}")
