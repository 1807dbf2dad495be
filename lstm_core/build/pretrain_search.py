"""The validation search behind the pretrained classifier: `python -m lstm_core.build.pretrain_search [name ...]`.
Each candidate is a `PretrainConfig`: which language model to start from, whether it first
reads the training reviews as a language model, and how the classifier is fine-tuned
(gradual unfreezing, a learning rate per layer, rates, seeds). It is trained on the training
split (labels) with early stopping on validation, then scored on the validation split as it
ships (float16 weights, read by the NumPy classifier). The test split is never read here.
Rows go to `pretrain_search.json` beside this file through the sentiment search's runner,
and `lstm_core.build.pretrain_build` copies the record into the model card.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from lstm_core.build import pretrain_stages
from lstm_core.build.sentiment_search import run_search
from lstm_core.message import Message
from lstm_core.pretrain import finetune
from lstm_core.pretrain.stages import PretrainConfig
from lstm_core.sentiment.classifier import evaluate

RECORD = Path(__file__).with_name("pretrain_search.json")
_WORDS = PretrainConfig()
_CHARS = PretrainConfig(start="charlm_zh", token_unit="characters", vocab_size=4000, max_length=150)

# name -> config, in the order they were tried.
CANDIDATES: dict[str, PretrainConfig] = {
    "words_pd": _WORDS,
    "chars_pd": _CHARS,
    "words_reviews_only": replace(_WORDS, start="random"),
    "words_pd_no_review_lm": replace(_WORDS, review_lm_epochs=0),
    "words_pd_no_gradual": replace(_WORDS, gradual=False),
    "words_pd_one_rate": replace(_WORDS, rate_decay=1.0),
    "words_pd_plain": replace(_WORDS, gradual=False, rate_decay=1.0),
    # one_rate learned slowly (best epoch 4 of 6); ULMFiT fine-tunes its classifier at a higher rate
    "words_pd_one_rate_fast": replace(_WORDS, rate_decay=1.0, learning_rate=5e-3),
    # the classifier read only the LSTM's last state; ULMFiT's head reads [last, mean, max] of all of them
    "words_pd_concat": replace(_WORDS, rate_decay=1.0, pooling="concat"),
    "words_pd_concat_slow": replace(_WORDS, rate_decay=1.0, pooling="concat", learning_rate=1e-3, epochs=8),
    "words_pd_concat_slow_x3": replace(_WORDS, rate_decay=1.0, pooling="concat", learning_rate=1e-3, epochs=8, members=3),
}


def config_of(row: dict) -> PretrainConfig:
    """The configuration a record row ran; a field added after the row was recorded takes its default, as it did."""
    return PretrainConfig(**row["config"])


def try_config(data, name: str, config: PretrainConfig) -> dict:
    """Train one candidate (its language models from the cache where they are) and score it on validation."""
    log = lambda text: print(f"{name}: {text}", flush=True)  # noqa: E731
    language_model = pretrain_stages.review(data, config, log)
    trainings = finetune.fine_tune(language_model, data, config,
                                   on_epoch=lambda r: log(f"classifier epoch {r.epoch}: {r.logs} ({r.seconds:.0f} s)"))
    classifier = finetune.classifier_of(trainings, {}, name, Message("x"))
    scores = evaluate(classifier.predict_proba(list(data.validation.texts)), data.validation.labels, len(data.classes))
    return {
        "name": name,
        "config": vars(config).copy(),
        "validation": {"accuracy": scores.accuracy, "macro_f1": scores.macro_f1},
        "review_lm_validation_bits_per_token": language_model.bits_per_token,
        "members": [training.summary() for training in trainings],
        "training_seconds": round(sum(t.trainer.seconds for t in trainings), 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lstm_core.build.pretrain_search")
    parser.add_argument("names", nargs="*", help="candidates to train (default: all not yet in the record)")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    run_search("zh", args.names, list(CANDIDATES), lambda data, name: try_config(data, name, CANDIDATES[name]),
               RECORD, args.threads, lambda row: f"validation {row['validation']}")


if __name__ == "__main__":
    main()
