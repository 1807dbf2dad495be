"""The validation search behind the shipped sentiment LSTMs: `python -m lstm_core.build.sentiment_search zh [name ...]`.

Each candidate is one `SentimentConfig` trained on the training split with early stopping
on validation loss; it is then scored on the validation split exactly as it ships
(float16 weights, read by the NumPy classifier). The test split is never read here. Every
result is appended to `sentiment_search.json` beside this file, which the build copies
into the model card, and `SHIPPED_CONFIG` in `sentiment_build` names the winner.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from lstm_core.message import Message
from lstm_core.sentiment import sentiment_data
from lstm_core.sentiment.classifier import classifier_from, evaluate
from lstm_core.sentiment.sentiment_train import Metrics, SentimentConfig, card_for, fit_members, merged_network
from lstm_core.training.backend import deterministic

RECORD = Path(__file__).with_name("sentiment_search.json")
DATASET = {"zh": "reviews", "en": "tweets"}  # the data set of each language's model
SEED = 0  # the data split's seed (the search and every build on the sentiment data use the same split)

_ZH_WORDS = SentimentConfig(token_unit="words", embedding_dim=64, units=64, dropout=0.3, epochs=8, max_length=80,
                            vocab_size=8000, learning_rate=3e-3, patience=2)
_ZH_CHARS = replace(_ZH_WORDS, token_unit="characters", max_length=150, vocab_size=4000)
_EN_WORDS = SentimentConfig(embedding_dim=64, units=64, dropout=0.3, epochs=8, max_length=50, vocab_size=8000, patience=2)

# name -> config, most promising first; the first of each language is the configuration shipped before the search.
CANDIDATES: dict[str, dict[str, SentimentConfig]] = {
    "zh": {
        "words": _ZH_WORDS,
        "chars": _ZH_CHARS,
        "words_w2v": replace(_ZH_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.2),
        "chars_drop": replace(_ZH_CHARS, input_dropout=0.2, dropout=0.5),
        "words_w2v_lr1e-3": replace(_ZH_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.2, learning_rate=1e-3),
        "words_w2v_20k": replace(_ZH_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.2, vocab_size=20000),
        "words_w2v_150": replace(_ZH_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.2, max_length=150),
        "words_w2v_bs32": replace(_ZH_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.2, batch_size=32),
        "words_w2v_drop": replace(_ZH_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.3, dropout=0.5),
        "words_w2v_x3": replace(_ZH_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.2, members=3),
    },
    "en": {
        "words": _EN_WORDS,
        "words_w2v": replace(_EN_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.2),
        "words_drop": replace(_EN_WORDS, input_dropout=0.3, dropout=0.5),
        "words_bi": replace(_EN_WORDS, bidirectional=True, input_dropout=0.2),
        "words_w2v_lr1e-3": replace(_EN_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.2, learning_rate=1e-3),
        "words_w2v_drop": replace(_EN_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.3, dropout=0.5),
        "words_w2v_128": replace(_EN_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.2, units=128),
        "words_w2v_bs32": replace(_EN_WORDS, embedding_dim=100, pretrained=True, input_dropout=0.2, batch_size=32),
    },
}


def read_record(path: Path = RECORD) -> dict[str, list[dict]]:
    """Every try so far, by language: [{"name", "config", "validation": {...}, ...}]."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"zh": [], "en": []}


def run_search(language: str, names: list[str], candidates: list[str], try_one: Callable[[object, str], dict],
               path: Path, threads: int, describe: Callable[[dict], str]) -> None:
    """Train `names` (default: the candidates not yet in the record at `path`), writing each row as it comes.

    Shared by this search and lstm_core.build.order_search: deterministic kernels, the
    card's data split, and a record re-read before each write (the other language's
    search may run at the same time and write to the same file).
    """
    deterministic(seed=0, threads=threads)
    data = sentiment_data.load(DATASET[language], seed=SEED)
    done = {row["name"] for row in read_record(path)[language]}
    for name in names or [n for n in candidates if n not in done]:
        row = try_one(data, name)
        record = read_record(path)
        record[language] = [r for r in record[language] if r["name"] != name] + [row]
        path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{language} {name}: {describe(row)}", flush=True)


def try_config(data, name: str, config: SentimentConfig) -> dict:
    """Train one candidate on `data` (a `SentimentData`) and score it on the validation split as it would ship."""
    language = data.language
    trainers = fit_members(data, config, lambda r: print(f"{language} {name} epoch {r.epoch}: {r.logs} ({r.seconds:.0f} s)", flush=True))
    trainer, title = trainers[0], {"en": name, "zh": name}
    classifier = classifier_from(merged_network(trainers), card_for(trainer, Metrics(0, 0, ()), title), name, Message("x"))
    scores = evaluate(classifier.predict_proba(list(data.validation.texts)), data.validation.labels, len(data.classes))
    return {
        "name": name,
        "config": vars(config).copy(),
        "validation": {"accuracy": scores.accuracy, "macro_f1": scores.macro_f1},
        "epochs_run": trainer.epochs_run if len(trainers) == 1 else [t.epochs_run for t in trainers],
        "best_epoch": trainer.best_epoch if len(trainers) == 1 else [t.best_epoch for t in trainers],
        "training_seconds": round(sum(t.seconds for t in trainers), 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lstm_core.build.sentiment_search")
    parser.add_argument("language", choices=sorted(CANDIDATES))
    parser.add_argument("names", nargs="*", help="candidates to train (default: all not yet in the record)")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    tries = CANDIDATES[args.language]
    run_search(args.language, args.names, list(tries), lambda data, name: try_config(data, name, tries[name]),
               RECORD, args.threads, lambda row: f"validation {row['validation']}")


if __name__ == "__main__":
    main()
