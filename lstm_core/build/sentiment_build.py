"""Rebuild the shipped sentiment models: `python -m lstm_core.build sentiment`.

For each language: load and split the data with seed 0, fit the TF-IDF baseline
(regularisation chosen on validation), train the LSTM configuration that won the
validation search (`lstm_core.build.sentiment_search`) with early stopping on
validation, then score both on the same test split with the float16 weights that
ship. The card records both results, whichever is better, and a few test reviews on
which the two disagree.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from lstm_core.build.sentiment_search import CANDIDATES, DATASET, SEED, read_record
from lstm_core.message import Message
from lstm_core.sentiment import sentiment_data, tfidf_baseline
from lstm_core.sentiment.classifier import SHIPPED_NAMES, evaluate
from lstm_core.sentiment.sentiment_train import SentimentConfig, train_all
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.string_table import both
from lstm_core.text.corpora import tweet_cleaning
from lstm_core.training.backend import one_thread_per_training

# The candidate with the highest validation accuracy + macro-F1 in the search record
# (`python -m lstm_core.build.sentiment_search`, lstm_core/build/sentiment_search.json).
CHOSEN = {"zh": "words_w2v_x3", "en": "words_w2v_bs32"}
SHIPPED_CONFIG = {language: CANDIDATES[language][name] for language, name in CHOSEN.items()}
EXAMPLES_PER_SIDE = 5  # disagreements shown on the page: LSTM right, then baseline right


def disagreements(texts, labels, lstm: np.ndarray, base: np.ndarray, classes) -> list[dict]:
    """A few test texts where exactly one of the two models is right (shortest first)."""
    lstm_pred, base_pred = lstm.argmax(1), base.argmax(1)
    rows = []
    for lstm_right in (True, False):
        chosen = np.flatnonzero(((lstm_pred == labels) if lstm_right else (base_pred == labels)) & (lstm_pred != base_pred))
        chosen = sorted(chosen, key=lambda i: (len(texts[i]), i))[:EXAMPLES_PER_SIDE]
        rows += [
            {
                "text": texts[i][:200],
                "true": classes[labels[i]],
                "lstm": f"{classes[lstm_pred[i]]} ({lstm[i].max():.2f})",
                "baseline": f"{classes[base_pred[i]]} ({base[i].max():.2f})",
            }
            for i in chosen
        ]
    return rows


def search_card(language: str) -> dict:
    """What was tried on validation before this configuration was chosen (from the search record)."""
    record = read_record()
    return {
        "command": f"python -m lstm_core.build.sentiment_search {language}",
        "selection": "highest validation accuracy + validation macro-F1, scored as shipped (float16 weights, NumPy "
                     "classifier reading up to max_steps tokens); the test split was read by no candidate",
        "chosen": CHOSEN[language],
        "tried": record[language],
        "baseline_validation": record.get("baseline_validation", {}).get(language),
        "test_readings": record.get("test_readings", {}).get(language, []),
    }


def build_language(language: str, folder: Path, config: SentimentConfig | None = None) -> ModelCard:
    """Train, score and save one language's classifier and baseline; returns the card."""
    name = SHIPPED_NAMES[language]
    data = sentiment_data.load(DATASET[language], seed=SEED)
    test_texts, test_labels = list(data.test.texts), data.test.labels

    fitted = tfidf_baseline.fit(
        (data.train.texts, data.train.labels), (data.validation.texts, data.validation.labels),
        tfidf_baseline.BaselineConfig(language=language),
    )
    base_proba = fitted.predict_proba(test_texts)
    base_metrics = evaluate(base_proba, test_labels, len(data.classes))
    base_bytes = fitted.save()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}_baseline.npz").write_bytes(base_bytes)

    def progress(report):
        logs = report.logs
        print(f"{name} epoch {report.epoch}: " + ", ".join(f"{k} {v:.4f}" for k, v in logs.items()) + f" ({report.seconds:.0f} s)")

    title = both(Message(f"model.title.{name}"))  # the card's display_title, from the string table
    trained = train_all(data, config or SHIPPED_CONFIG[language], name, title, on_epoch=progress)
    lstm_proba = trained.classifier.predict_proba(test_texts)
    analyzer, ngrams = tfidf_baseline.ANALYZERS[language]
    card = {
        **trained.classifier.card.to_dict(),
        "baseline": {
            "name": f"TF-IDF ({analyzer} {ngrams[0]}-{ngrams[1]}-grams) + logistic regression, C={fitted.C} "
            "chosen on validation macro-F1",
            "file": f"{name}_baseline.npz",
            "sha256": assets.sha256_bytes(base_bytes),
            "metrics": base_metrics.to_dict(),
        },
        "lstm_minus_baseline": {
            "accuracy": round(trained.metrics.accuracy - base_metrics.accuracy, 4),
            "macro_f1": round(trained.metrics.macro_f1 - base_metrics.macro_f1, 4),
        },
        "search": search_card(language),
        "disagreements": disagreements(test_texts, test_labels, lstm_proba, base_proba, data.classes),
        "reference_texts": sorted(data.validation.texts, key=len)[len(data.validation) // 2 :][:40],
    }
    if language == "en":
        card["data"]["repair"] = vars(tweet_cleaning()).copy()
    return assets.save_model(name, trained.classifier.network, card, folder)


def build(folder: Path) -> None:
    one_thread_per_training()  # as in the search, so the same config and seed give the same weights
    for language in ("zh", "en"):
        card = build_language(language, folder).to_dict()
        print(
            f"{card['name']}: LSTM accuracy {card['metrics']['accuracy']:.4f} macro-F1 {card['metrics']['macro_f1']:.4f}; "
            f"baseline {card['baseline']['metrics']['accuracy']:.4f} / {card['baseline']['metrics']['macro_f1']:.4f}"
        )
