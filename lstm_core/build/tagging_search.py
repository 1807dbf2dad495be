"""The validation search behind the shipped taggers: `python -m lstm_core.build.tagging_search [names]`.

Each candidate (a tagger configuration or a CRF setting) is trained on the training split
and scored on the validation split only; the record (`tagging_search.json`, beside this
file) keeps every candidate's configuration, validation scores and training time, and
`tagging_build.CHOSEN` names the winners. Trained candidates are kept in a cache folder
outside the repository (`LSTM_LAB_CACHE`, default ~/.cache/lstm_lab), so the build reuses
the chosen one instead of training it again; the build retrains anything missing from it.
Candidates already in the record are skipped. Training uses one thread (`--threads`).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from lstm_core.tagging import crf as crf_module, evaluation
from lstm_core.tagging.corpus import people_daily_split
from lstm_core.tagging.tagger_files import as_shipped, save_tagger
from lstm_core.tagging.tagger_train import TaggerConfig, TaggerTraining, prepare
from lstm_core.training.backend import deterministic

RECORD = Path(__file__).with_name("tagging_search.json")
SLICE = 10_000  # sentences (about a quarter of the training split) for the cheap comparisons
SLICE_EPOCHS = 4

# name -> what is compared. The first two share a training slice and differ in one thing.
TAGGERS: dict[str, TaggerConfig] = {
    "slice_chars_bigrams": TaggerConfig(sentences=SLICE, epochs=SLICE_EPOCHS),
    "slice_chars_only": TaggerConfig(sentences=SLICE, epochs=SLICE_EPOCHS, bigram_dim=0),
    "bi128": TaggerConfig(epochs=6),  # the winner of the slice, on all training sentences
}
# CRF settings compared on the same slice (fewer L-BFGS iterations); the build trains the winner on
# every training sentence. A larger c1 (L1) drops more features: a smaller model file.
CRF_SLICE_ITERATIONS = 100
CRFS: dict[str, crf_module.CrfConfig] = {
    "crf_slice_c1_0.1": crf_module.CrfConfig(window=2, c1=0.1, c2=0.01, max_iterations=CRF_SLICE_ITERATIONS),
    "crf_slice_c1_1.0": crf_module.CrfConfig(window=2, c1=1.0, c2=0.01, max_iterations=CRF_SLICE_ITERATIONS),
}


def cache_folder() -> Path:
    folder = Path(os.environ.get("LSTM_LAB_CACHE", Path.home() / ".cache" / "lstm_lab")) / "tagging"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def read_record() -> dict:
    return json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.is_file() else {}


def write_record(record: dict) -> None:
    RECORD.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def run_tagger(name: str, config: TaggerConfig) -> dict:
    """Train one tagger candidate, cache it, and score it on validation."""
    split = people_daily_split()
    prepared = prepare(split.train, split.validation, config)
    training = TaggerTraining(prepared, config)
    while not training.finished:
        report = training.run_epoch()
        print(f"{name} epoch {report.epoch}: {report.logs} ({report.seconds:.0f} s)", flush=True)
    tagger = training.tagger(float16=False)
    save_tagger(tagger, name, {"config": config.to_dict()}, cache_folder())
    known = evaluation.known_words(split.train[: config.sentences or None])
    scores = evaluation.score_tagger(as_shipped(tagger), split.validation, known)  # scored as it would ship
    return {"kind": "tagger", "config": config.to_dict(), "validation": scores.as_dict(), "epochs_run": training.epochs_run,
            "kept_epoch": training.best_epoch, "seconds": round(training.seconds, 1),
            "history": {k: [round(v, 4) for v in values] for k, values in training.history.items()}}


def run_crf(name: str, config: crf_module.CrfConfig, sentences: int = SLICE) -> dict:
    """Train one CRF on the first `sentences` training sentences (0: all), cache it, score it on validation."""
    split = people_daily_split()
    train = split.train[: sentences or None]
    path = cache_folder() / f"{name}.crfsuite"
    started = time.perf_counter()
    crf_module.train_crf(([w for w, _ in s] for s in train), config, path)
    seconds = time.perf_counter() - started
    segmenter = crf_module.CrfSegmenter.from_file(path, config)
    scores = evaluation.score_segmenter(segmenter.segment, split.validation, evaluation.known_words(train))
    return {"kind": "crf", "config": config.to_dict(), "sentences": sentences, "validation": scores.as_dict(),
            "seconds": round(seconds, 1), "model_bytes": path.stat().st_size}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lstm_core.build.tagging_search", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"candidates (default: all of {', '.join([*TAGGERS, *CRFS])})")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    deterministic(seed=0, threads=args.threads)
    record = read_record()
    for name in args.names or [*TAGGERS, *CRFS]:
        if name in record:
            print(f"{name}: already in the record", flush=True)
            continue
        entry = run_tagger(name, TAGGERS[name]) if name in TAGGERS else run_crf(name, CRFS[name])
        record = {**read_record(), name: entry}
        write_record(record)
        print(f"{name}: {json.dumps(entry['validation']['word'])}", flush=True)


if __name__ == "__main__":
    main()
