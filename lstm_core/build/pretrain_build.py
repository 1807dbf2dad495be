"""Rebuild the pretrained Chinese classifier: `python -m lstm_core.build pretrain`.
The configuration that won the validation search (`lstm_core.build.pretrain_search`,
record in pretrain_search.json) is trained on the Sentiment page's split (seed 0): its
language models come from `pretrain_stages` (trained now, or read from the build cache),
then the classifier is fine-tuned on the training labels with early stopping on
validation. The card scores it, the Sentiment page's from-scratch LSTM and the TF-IDF
baseline on the same validation and test splits and on the hand-written reviews of other
domains (`lstm_core.sentiment.other_domains`), all with the weights that ship.
"""

from __future__ import annotations

from pathlib import Path

from lstm_core.build import pretrain_stages
from lstm_core.build.pretrain_search import CANDIDATES, RECORD
from lstm_core.build.sentiment_build import disagreements
from lstm_core.build.sentiment_search import read_record
from lstm_core.compress import curves
from lstm_core.message import Message
from lstm_core.serving import assets
from lstm_core.serving.cards import plain
from lstm_core.pretrain import finetune
from lstm_core.pretrain.finetune import PRETRAINED_NAME
from lstm_core.sentiment import other_domains, sentiment_data
from lstm_core.sentiment.classifier import evaluate, load_baseline, load_named
from lstm_core.training.backend import hardware, machine_load, one_thread_per_training

# The candidate with the highest validation accuracy + macro-F1 in the search record.
CHOSEN = "words_pd_concat_slow"
SEED = 0  # the Sentiment page's split
# Candidates of pretrain_search that were not trained, and why (the card says so beside what was tried).
NOT_TRIED = {
    name: "not run: the time left for the search went to the word-model candidates, whose language models were "
          "already in the build cache (stage 1, the word model of People's Daily, took 4,959 s on one shared core)"
    for name in ("chars_pd", "words_reviews_only", "words_pd_no_review_lm", "words_pd_plain")
}


def search_card() -> dict:
    """What was tried on validation before the chosen configuration (from the search record)."""
    return {
        "command": "python -m lstm_core.build.pretrain_search",
        "selection": "highest validation accuracy + validation macro-F1, scored as shipped (float16 weights, NumPy "
                     "classifier reading up to max_steps tokens); the test split and the other-domain reviews were "
                     "read by no candidate",
        "chosen": CHOSEN,
        "tried": read_record(RECORD)["zh"],
        "not_tried": NOT_TRIED,
    }


def scores(classifier, data, reviews) -> dict:
    """Validation, test and other-domain scores of anything with predict_proba (the card's three columns)."""
    out = {}
    for split in ("validation", "test"):
        part = getattr(data, split)
        out[split] = evaluate(classifier.predict_proba(list(part.texts)), part.labels, len(data.classes)).to_dict()
    out["other_domains"] = other_domains.score(classifier.predict_proba, data.classes, reviews)
    return out


def build(folder: Path) -> None:
    one_thread_per_training()  # as in the search, so the same config and seed give the same weights
    config = CANDIDATES[CHOSEN]
    data = sentiment_data.load("reviews", seed=SEED)
    reviews = other_domains.load("zh")
    language_model = pretrain_stages.review(data, config)
    trainings = finetune.fine_tune(language_model, data, config,
                                   on_epoch=lambda r: print(f"{PRETRAINED_NAME} epoch {r.epoch}: {r.logs} ({r.seconds:.0f} s)"))
    probe = finetune.classifier_of(trainings, {}, PRETRAINED_NAME, Message(f"model.title.{PRETRAINED_NAME}"))
    mine = scores(probe, data, reviews)
    scratch, tfidf = load_named("sentiment_zh"), load_baseline("zh")
    theirs = {"scratch": scores(scratch, data, reviews), "tfidf": scores(tfidf, data, reviews)}
    base_card = plain(assets.read_card("sentiment_zh").baseline)
    test_texts = list(data.test.texts)
    card = {
        "title": "Chinese review sentiment, an LSTM fine-tuned from a language model (ULMFiT)",
        "task": "2-class sentiment of reviews",
        "data": {"name": data.name, "cleaning": data.cleaning.to_dict(), "split": data.describe_split(),
                 "note": "the Sentiment page's data, deduplication and split (lstm_core.sentiment.sentiment_data, seed 0)"},
        "config": vars(config).copy(),
        "language_models": {"general": pretrain_stages.general(config.start).summary if config.start != "random" else None,
                            "reviews": language_model.summary},
        "search": search_card(),
        "members": [t.summary() for t in trainings],
        "training_seconds": round(sum(t.trainer.seconds for t in trainings), 1),
        "training_hardware": hardware(),
        "machine_load": machine_load(),  # after fine-tuning: the timings are upper bounds when the machine was shared
        "metrics": mine["test"],
        "validation": mine["validation"],
        "other_domains": {"pretrained": mine["other_domains"], **{k: v["other_domains"] for k, v in theirs.items()},
                          "source": "assets/other_domains/zh.tsv, written by hand for LSTM Lab; a test set only"},
        "compared": {k: {"validation": v["validation"], "test": v["test"]} for k, v in theirs.items()},
        "baseline": {**base_card, "metrics": theirs["tfidf"]["test"]},
        "lstm_minus_baseline": {"accuracy": round(mine["test"]["accuracy"] - theirs["tfidf"]["test"]["accuracy"], 4),
                                "macro_f1": round(mine["test"]["macro_f1"] - theirs["tfidf"]["test"]["macro_f1"], 4)},
        "disagreements": disagreements(test_texts, data.test.labels, probe.predict_proba(test_texts),
                                       tfidf.predict_proba(test_texts), data.classes),
        "reference_texts": sorted(data.validation.texts, key=len)[len(data.validation) // 2:][:40],
    }
    classifier = finetune.classifier_of(trainings, card, PRETRAINED_NAME, probe.title)
    written = assets.save_model(PRETRAINED_NAME, classifier.network, classifier.card, folder)
    curves.update((PRETRAINED_NAME,), folder)  # the Cost tab's pruning and quantization curves of the new weights
    print(f"{PRETRAINED_NAME}: test {written.metrics['accuracy']:.4f}, validation {written.details['validation']['accuracy']:.4f}; "
          f"TF-IDF test {theirs['tfidf']['test']['accuracy']:.4f}; from scratch {theirs['scratch']['test']['accuracy']:.4f}")
