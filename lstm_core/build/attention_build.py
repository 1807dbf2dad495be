"""Rebuild the Explain tab's models: `python -m lstm_core.build attention`.

For each language: the shipped sentiment model's data, split (seed 0), vocabulary and
text length; a few attention classifiers trained through `lstm_core.training.trainer`, the one
kept chosen on validation accuracy only; then, on the test split, the chosen model and
the shipped TF-IDF baseline; on the hand-written contrast set, the attention model, the
shipped LSTM and the TF-IDF baseline; and a decision tree fitted to mimic the shipped
LSTM (`lstm_core.explain.rules`). All of it goes into the card assets/attention_<lang>.json.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from lstm_core.build.sentiment_build import DATASET, SEED, SHIPPED_CONFIG
from lstm_core.explain import contrast, rules
from lstm_core.explain.attention import SHIPPED_NAMES, classifier_from
from lstm_core.message import Message
from lstm_core.nn.network import NetworkSpec
from lstm_core.sentiment import sentiment_data
from lstm_core.sentiment.classifier import SHIPPED_NAMES as LSTM_NAMES, evaluate, load_baseline, load_named, tokenize
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard, plain
from lstm_core.string_table import both
from lstm_core.text.vocab import pad
from lstm_core.training import backend
from lstm_core.training.backend import one_thread_per_training
from lstm_core.training.attention_keras import build_attention_model, export_attention_weights
from lstm_core.training.trainer import TrainConfig, train

# One LSTM of 64 units with a random 64-dimensional embedding: the shipped LSTMs before their
# validation search (which added word-vector starts and, for Chinese, three merged seeds).
EMBEDDING_DIM, UNITS, DROPOUT = 64, 64, 0.3
MAX_EPOCHS, PATIENCE = 5, 1  # validation loss bottoms out after one or two epochs on these sets
# Tried on validation accuracy (ties: lower validation loss); nothing here looked at the test split.
CANDIDATES = (
    {"attention_dim": 32, "learning_rate": 3e-3},
    {"attention_dim": 64, "learning_rate": 3e-3},
    {"attention_dim": 32, "learning_rate": 1e-3},
)


def encode(texts, classifier, max_length: int) -> np.ndarray:
    """Padded ids with the shipped model's vocabulary (an empty text becomes one <unk>)."""
    unit = classifier.token_unit
    return pad([classifier.vocab.encode(tokenize(t, classifier.language, unit) or ["<unk>"]).ids for t in texts], max_length)


def train_candidate(spec: NetworkSpec, candidate: dict, train_data, validation, max_length: int, batch_size: int) -> dict:
    """Fit one candidate (early stopping on validation loss); its weights and validation numbers."""
    config = TrainConfig(epochs=MAX_EPOCHS, batch_size=batch_size, learning_rate=candidate["learning_rate"], seed=SEED,
                         metrics=("accuracy",), patience=PATIENCE)
    result = train(lambda: build_attention_model(spec, candidate["attention_dim"], max_length), train_data, config, validation,
                   on_epoch=lambda r: print(f"  {candidate} epoch {r.epoch}: {r.logs} ({r.seconds:.0f} s)", flush=True))
    weights = export_attention_weights(result.model, spec)
    kept = result.kept_epoch - 1
    backend.clear()
    return {
        "candidate": candidate, "weights": weights, "history": {k: [round(v, 4) for v in vals] for k, vals in result.history.items()},
        "validation_accuracy": round(result.history["val_accuracy"][kept], 4),
        "validation_loss": round(result.history["val_loss"][kept], 4),
        "epochs_run": result.epochs_run, "kept_epoch": result.kept_epoch, "seconds": round(result.seconds, 1),
    }


def contrast_scores(language: str, models: dict, labels) -> dict:
    """Accuracy and pair accuracy of each model ({name: predict_proba}) on the contrast set."""
    pairs = contrast.load(language)
    return {"pairs": len(pairs.pairs), "source": "assets/contrast/" + f"{language}.tsv, written by hand for LSTM Lab",
            **{name: contrast.score(predict, labels, pairs).to_dict() for name, predict in models.items()}}


def rules_card(lstm, data) -> dict:
    """A decision tree that mimics the shipped LSTM, with fidelity and accuracy on the test split."""
    extracted = rules.extract(lambda texts: lstm.predict_proba(texts).argmax(axis=1), data, lstm.language, lstm.token_unit)
    return {
        "mimics": lstm.card.name, "features": "presence of a token or a pair of adjacent tokens (min_df 5, at most "
        f"{rules.MAX_FEATURES})", "depths_tried": list(rules.DEPTHS), "min_samples_leaf": rules.MIN_LEAF,
        "validation_fidelity": {str(d): f for d, f in extracted.validation_fidelity.items()}, "depth": extracted.depth,
        "test_fidelity": extracted.test_fidelity, "test_accuracy": extracted.test_accuracy,
        "lstm_test_accuracy": extracted.model_test_accuracy, "tree": extracted.tree.to_dict(),
    }


def build_language(language: str, folder: Path) -> ModelCard:
    """Train, choose on validation, score and save one language's attention classifier."""
    shipped_config = SHIPPED_CONFIG[language]
    # The LSTM trained from scratch (by name: the Sentiment page's Chinese model may be another).
    lstm, baseline = load_named(LSTM_NAMES[language]), load_baseline(language)
    data = sentiment_data.load(DATASET[language], seed=SEED)
    max_length = shipped_config.max_length
    x_train, x_val = encode(data.train.texts, lstm, max_length), encode(data.validation.texts, lstm, max_length)
    spec = NetworkSpec(vocab_size=len(lstm.vocab), embedding_dim=EMBEDDING_DIM, units=(UNITS,),
                       output_dim=len(data.classes), dropout=DROPOUT)
    runs = [train_candidate(spec, c, (x_train, data.train.labels), (x_val, data.validation.labels), max_length,
                            shipped_config.batch_size) for c in CANDIDATES]
    best = max(runs, key=lambda run: (run["validation_accuracy"], -run["validation_loss"]))
    name = SHIPPED_NAMES[language]
    title = both(Message(f"explain.title.{name}"))
    card = {
        "title": title["en"], "display_title": title,
        "task": f"{len(data.classes)}-class sentiment of {data.name}, LSTM hidden states pooled by attention (Yang et al. 2016)",
        "language": language, "labels": list(data.classes), "token_unit": lstm.token_unit, "tokens": lstm.card.detail("tokens"),
        "max_steps": 300, "max_length": max_length, "attention_dim": best["candidate"]["attention_dim"],
        "data": {**plain(lstm.card.data), "vocabulary": f"the shipped {lstm.card.name}'s ({len(lstm.vocab)} tokens)"},
        "config": {"embedding_dim": EMBEDDING_DIM, "units": UNITS, "dropout": DROPOUT, "max_epochs": MAX_EPOCHS,
                   "patience": PATIENCE, "batch_size": shipped_config.batch_size, "seed": SEED, **best["candidate"]},
        "tried": [{k: v for k, v in run.items() if k not in ("weights", "history")} for run in runs],
        "chosen_on": "validation accuracy (ties: validation loss)",
        "training_seconds": round(sum(run["seconds"] for run in runs), 1), "history": best["history"],
        "vocabulary": list(lstm.vocab.tokens),
    }
    weights = assets.round_trip(best["weights"])  # score exactly what ships (float16)
    model = classifier_from(weights, {**card, "architecture": spec.to_dict()})
    metrics = evaluate(model.predict_proba(list(data.test.texts)), data.test.labels, len(data.classes))
    base_metrics = evaluate(baseline.predict_proba(list(data.test.texts)), data.test.labels, len(data.classes))
    card.update({
        "metrics": metrics.to_dict(),
        "baseline": {"name": lstm.card.baseline["name"], "file": lstm.card.baseline["file"], "metrics": base_metrics.to_dict()},
        "lstm": {"name": lstm.card.name, "metrics": plain(lstm.card.metrics)},
        "contrast": contrast_scores(language, {"attention": model.predict_proba, "lstm": lstm.predict_proba,
                                                "tfidf": baseline.predict_proba}, data.classes),
        "rules": rules_card(lstm, data),
        "architecture": spec.to_dict(), "parameters": int(sum(w.size for w in weights.values())), "weights_dtype": "float16",
    })
    return assets.write_asset(name, assets.weights_to_bytes(best["weights"]), card, folder)


def build(folder: Path) -> None:
    one_thread_per_training()  # the build shares the machine; one core is enough for these sizes
    for language in ("zh", "en"):
        card = build_language(language, folder).to_dict()
        c = card["contrast"]
        print(f"{card['name']}: test accuracy {card['metrics']['accuracy']:.4f} macro-F1 {card['metrics']['macro_f1']:.4f}; "
              f"TF-IDF {card['baseline']['metrics']['accuracy']:.4f} / {card['baseline']['metrics']['macro_f1']:.4f}; "
              f"contrast (accuracy, pairs) attention {c['attention']}, LSTM {c['lstm']}, TF-IDF {c['tfidf']}; "
              f"rules depth {card['rules']['depth']} fidelity {card['rules']['test_fidelity']}", flush=True)
