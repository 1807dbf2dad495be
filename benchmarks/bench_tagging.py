"""Sequence labelling benchmark: `python benchmarks/bench_tagging.py [--live] [--set FIELD=VALUE ...]`.

Prints (1) every test-split number and target of the shipped tagger's model card (word F1,
precision, recall, OOV recall, parts of speech and names for the BiLSTM, the left-to-right
LSTM, the CRF and jieba with and without its HMM), re-scoring the BiLSTM on the whole test
split to show the card holds; (2) NumPy segmentation speed on one core over the first 1,000
test sentences (target: at least 20,000 characters a second), with parts of speech too, the
CRF and jieba beside it, and one traced sentence (what Gates and the strip cost); (3) with
--live, the page's "train your own" run with its defaults (`tagger_train.LIVE`), timed, and
its test word F1 against jieba's (target: above jieba within 60 s on two cores).
"""

from __future__ import annotations

import argparse
import time

from timing import ROOT  # noqa: F401  (first: puts the repository on sys.path)

from lstm_core.nn.blas import one_thread
from lstm_core.tagging import evaluation, shipped
from lstm_core.tagging.corpus import people_daily_split, test_sentences, text_of


def card_numbers(card) -> None:
    print("== test split (from the model card) ==")
    print(f"{'method':14s} {'F1':>6s} {'P':>6s} {'R':>6s} {'OOV-R':>6s} {'POS-F1':>7s} {'name-F1':>7s} "
          f"{'PER':>6s} {'LOC':>6s} {'ORG':>6s} {'chars/s':>9s}")
    for method, scores in card.detail("test").items():
        pos = scores.get("pos", {}).get("f1")
        names = scores.get("entities", {}).get("f1")
        by_type = scores.get("entities_by_type", {})
        cells = [f"{v:7.4f}" if v is not None else "      –" for v in (pos, names)]
        types = [f"{by_type[k]['f1']:6.3f}" if k in by_type else "     –" for k in ("PER", "LOC", "ORG")]
        print(f"{method:14s} {scores['word']['f1']:6.4f} {scores['word']['precision']:6.4f} {scores['word']['recall']:6.4f} "
              f"{scores['oov_recall']:6.4f} {' '.join(cells)} {' '.join(types)} {card['speed_characters_per_second'][method]:9,d}")
    print("== targets ==")
    for name, target in card.detail("targets").items():
        print(f"{'met   ' if target['met'] else 'MISSED'} {name}: {target['value']}")
    check = card.detail("float16_check_validation")
    print(f"float16 weights, validation word F1 {check['float16']['word']['f1']} (float32 {check['float32']['word']['f1']}), "
          f"name F1 {check['float16']['entities']['f1']} (float32 {check['float32']['entities']['f1']})")


def speeds() -> None:
    one_thread()  # as the app runs: one BLAS thread
    bi, forward = shipped.load_both()
    crf = shipped.load_crf()
    texts = [text_of(s) for s in test_sentences()[:1000]]
    characters = sum(map(len, texts))
    print(f"== speed, first 1,000 test sentences ({characters:,} characters), best of 3, one core ==")
    runs = {
        "BiLSTM segment (NumPy, batched)": bi.segment_many,
        "BiLSTM segment + POS + names": bi.read_many,
        "left-to-right LSTM segment": forward.segment_many,
        "CRF segment (CRFsuite)": lambda many: [crf.segment(t) for t in many],
        "jieba precise, HMM on": lambda many: [evaluation.jieba_segment(True)(t) for t in many],
    }
    for name, run in runs.items():
        print(f"{name:34s} {evaluation.characters_per_second(run, texts):10,.0f} characters/s")
    sentence = max(texts[:50], key=len)
    started = time.perf_counter()
    for _ in range(10):
        bi.trace_text(sentence)
    print(f"trace of one {len(sentence)}-character sentence (both directions, every gate): "
          f"{(time.perf_counter() - started) * 100:.1f} ms")
    print("re-scoring the BiLSTM on the whole test split...")
    split = people_daily_split()
    scores = evaluation.score_tagger(bi, split.test, evaluation.known_words(split.train))
    print(f"BiLSTM test word F1 {scores.words.f1:.4f}, OOV recall {scores.oov_recall:.4f}, name F1 {scores.entities.f1:.4f} "
          f"(card: {bi.card.detail('test')['bilstm']['word']['f1']}, {bi.card.detail('test')['bilstm']['oov_recall']}, "
          f"{bi.card.detail('test')['bilstm']['entities']['f1']})")


def parse_setting(item: str) -> tuple[str, object]:
    """"units=64" -> ("units", 64), typed like the LIVE field."""
    from lstm_core.tagging.tagger_train import LIVE

    name, _, text = item.partition("=")
    default = getattr(LIVE, name, None)
    if not text or not hasattr(LIVE, name):
        raise SystemExit(f"--set {item!r}: expected FIELD=VALUE with a TaggerConfig field")
    if isinstance(default, bool):
        return name, text.lower() in ("1", "true", "yes")
    return name, (float(text) if default is None else type(default)(text))


def live(settings: list[str]) -> None:
    """The page's default live run, one TensorFlow thread as the page trains, scored on the whole test split."""
    from dataclasses import replace

    from lstm_core.tagging.tagger_train import LIVE, TaggerTraining, prepare
    from lstm_core.training.backend import one_thread_per_training

    one_thread_per_training()
    config = replace(LIVE, **dict(parse_setting(s) for s in settings))
    split = people_daily_split()
    started = time.perf_counter()
    job = TaggerTraining(prepare(split.train, split.validation, config), config)
    prepared_at = time.perf_counter() - started
    while not job.finished:
        report = job.run_epoch()
        print(f"epoch {report.epoch}: {report.logs} at {time.perf_counter() - started:.1f} s", flush=True)
    tagger = job.tagger()
    total = time.perf_counter() - started
    scores = evaluation.score_tagger(tagger, split.test, evaluation.known_words(split.train[: config.sentences]))
    jieba = shipped.tagger_card().detail("test")["jieba_no_hmm"]["word"]["f1"]
    print(f"== live run {config.to_dict()} ==")
    print(f"prepared in {prepared_at:.1f} s; trained {job.epochs_run} epochs, {total:.1f} s from the click to the weights "
          f"(the page then scores the test split); test word F1 {scores.words.f1:.4f} against jieba's {jieba:.4f}: "
          f"{'passes' if scores.words.f1 > jieba else 'does NOT pass'} (target: within 60 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--live", action="store_true", help="also time the page's live training run")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                        help="change one LIVE setting of the live run, e.g. --set units=64 (repeatable)")
    args = parser.parse_args()
    card_numbers(shipped.tagger_card())
    speeds()
    if args.live:
        live(args.set)


if __name__ == "__main__":
    main()
