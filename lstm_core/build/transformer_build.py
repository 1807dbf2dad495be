"""A small Transformer and a small LSTM language model, trained alike: writes transformer_lm_en.

The shipped character LSTMs (charlm_zh, charlm_en) were trained on a GPU; this machine has
two shared CPU cores. A fair look at what came after the LSTM is therefore two small
models, trained here with the same parameters' worth of weights, the same characters and
the same number of them, and scored on the same held-out text as the shipped LSTM and its
Kneser-Ney baseline (whose numbers come from the charlm_en card).

English only: the Chinese vocabulary has 3,002 characters, so at this size most of either
model would be its embedding and its 3,002-way output layer (about 3,002 x 2 x 64 = 384 k
weights of 215 k), and the CPU time here fits one language's sweep, not two.

    python -m lstm_core.build transformer_lm                      # all of it (about an hour, one thread)
    python -m lstm_core.build.transformer_build fit RUNS FAMILY I   # one configuration, kept in RUNS
    python -m lstm_core.build.transformer_build finish RUNS         # choose on validation, score, write
    python -m lstm_core.build transformer_cost                      # re-measure the cost curves only
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from lstm_core.build import charlm_build
from lstm_core.build.transformer_card import LANGUAGE, card_for, cost_section
from lstm_core.generate import charlm
from lstm_core.generate.charlm_train import Run, fit, fit_windows
from lstm_core.serving import assets
from lstm_core.training.backend import deterministic
from lstm_core.training.transformer_keras import build_transformer, export_transformer
from lstm_core.transformer import shipped
from lstm_core.transformer.language_model import TransformerLMConfig, spec_for

# The budget every configuration gets: 6 epochs of 5,200 windows of 192 characters, about 6.0 M
# characters (1.8 passes over the training text). 192 covers the longest tweet, so the
# Transformer reads every held-out document whole, at positions it was trained on.
BUDGET = dict(sequence_length=192, batch_size=64, epochs=6, windows_per_epoch=5_200, learning_rate=2e-3, patience=3,
              seed=0)
VOCAB = 160  # the charlm_en vocabulary (119 characters in fact)
# Tried per family; the lowest validation bits per character ships. About 215 k weights each.
SWEEP = {
    "lstm": (
        charlm.CharLMConfig(LANGUAGE, max_vocab_size=VOCAB, embedding_dim=48, units=192, **BUDGET),
        charlm.CharLMConfig(LANGUAGE, max_vocab_size=VOCAB, embedding_dim=64, units=128, layers=2, **BUDGET),
    ),
    "transformer": (
        TransformerLMConfig(LANGUAGE, VOCAB, width=64, heads=2, layers=4, ffn_width=256, **BUDGET),
        TransformerLMConfig(LANGUAGE, VOCAB, width=96, heads=2, layers=2, ffn_width=384, **BUDGET),
    ),
}


def prepared() -> charlm_build.Prepared:
    """The charlm_en corpus, split and vocabulary, exactly."""
    return charlm_build.prepare(LANGUAGE, SWEEP["lstm"][0])


def fit_one(family: str, index: int, data: charlm_build.Prepared, log_to=print) -> Run:
    """Train SWEEP[family][index] through the one trainer."""
    config = SWEEP[family][index]
    if family == "lstm":
        return fit(config, len(data.vocab), data.fit_ids, data.validation_ids, log_to)
    spec = spec_for(config, len(data.vocab))
    label = f"transformer {config.layers}x{config.width}, {config.heads} heads"
    return fit_windows(config, lambda: build_transformer(spec, config.sequence_length, config.sequence_length),
                       lambda model: export_transformer(model, spec), data.fit_ids, data.validation_ids, label, log_to)


def save_run(run: Run, runs: Path, family: str, index: int) -> None:
    runs.mkdir(parents=True, exist_ok=True)
    (runs / f"{family}_{index}.npz").write_bytes(assets.weights_to_bytes(run.weights))
    summary = {**run.summary(), "family": family, "index": index}
    (runs / f"{family}_{index}.json").write_text(json.dumps(summary, indent=1))


def fit_all(runs: Path, data: charlm_build.Prepared, log_to=print) -> None:
    """Every configuration of the sweep not yet in `runs`, one after the other."""
    for family, configs in SWEEP.items():
        for index in range(len(configs)):
            if not (runs / f"{family}_{index}.json").exists():
                save_run(fit_one(family, index, data, log_to), runs, family, index)


def finish(runs: Path, folder: Path = assets.ASSETS, log_to=print) -> dict:
    """Choose each family's run on validation, score both on the held-out text, measure costs, write."""
    data = prepared()
    summaries = [json.loads(p.read_text()) for p in sorted(runs.glob("*.json"))]
    tried = {family: sorted((s for s in summaries if s["family"] == family), key=lambda s: s["index"])
             for family in shipped.FAMILIES}
    chosen = {family: min(runs_of, key=lambda s: s["validation_bits_per_char"]) for family, runs_of in tried.items()}
    for family, summary in chosen.items():
        if summary["config"] != _as_dict(SWEEP[family][summary["index"]]):
            raise ValueError(f"run {family}_{summary['index']} was trained with another configuration than SWEEP's")
    weights = {family: assets.round_trip(assets.weights_from_bytes((runs / f"{family}_{s['index']}.npz").read_bytes()))
               for family, s in chosen.items()}
    card = card_for(data, weights, chosen, tried, assets.read_card(charlm.MODEL_NAMES[LANGUAGE], folder), log_to)
    pair = shipped.from_arrays(assets.card_of(card), {f"{f}/{k}": v for f, w in weights.items() for k, v in w.items()})
    card["cost"] = cost_section(pair, data, log_to)
    return assets.write_asset(shipped.NAME, assets.weights_to_bytes(shipped.pack(pair.transformer.model, pair.lstm.network)),
                              card, folder)


def _as_dict(config) -> dict:
    return json.loads(json.dumps(Run(config, {}, [], 0, 0.0, 0.0, "").summary()["config"]))


def build(folder: Path) -> None:
    """The whole sweep in a temporary folder, then `finish` (registered as "transformer_lm")."""
    with tempfile.TemporaryDirectory() as runs:
        data = prepared()
        fit_all(Path(runs), data)
        finish(Path(runs), folder)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The Transformer and LSTM language models, in steps (see the module doc).")
    sub = parser.add_subparsers(dest="step", required=True)
    fit_parser = sub.add_parser("fit")
    fit_parser.add_argument("runs", type=Path)
    fit_parser.add_argument("family", choices=sorted(SWEEP))
    fit_parser.add_argument("index", type=int)
    sub.add_parser("finish").add_argument("runs", type=Path)
    args = parser.parse_args(argv)
    deterministic(seed=0, threads=1)
    if args.step == "fit":
        save_run(fit_one(args.family, args.index, prepared(), lambda m: print(m, flush=True)), args.runs, args.family,
                 args.index)
    else:
        finish(args.runs)


if __name__ == "__main__":
    main(sys.argv[1:])
