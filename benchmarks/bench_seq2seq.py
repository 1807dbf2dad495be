"""Benchmark of the Sequence to sequence page: `python benchmarks/bench_seq2seq.py [--skip-training]`.

Prints, for each task:
- exact match of the shipped models on the card's held-out draw, re-evaluated here with
  NumPy (target: at least 99% greedy with attention), and the no-attention model's exact
  match by input length on the same draw;
- the time to translate one input with NumPy, greedy and with a beam (target: under 20 ms);
- a page rerun after typing a new input (DESIGN.md: median under 150 ms).
Then the page's default "train your own" run (dates), trained as the page trains it: one
TensorFlow thread, one epoch per call, validation scored after each (target: 95% exact on
its held-out draw within 60 s).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from timing import open_page, rerun_times, timed  # first: puts the repository on sys.path

from lstm_core.nn import blas
from lstm_core.seq2seq import evaluate
from lstm_core.seq2seq.data import draw_splits
from lstm_core.seq2seq.tasks import TASKS
from lstm_core.seq2seq.translator import load_all


def bench_task(name: str) -> None:
    models = load_all(name)
    results = models["attention"].results
    sizes = results.sizes
    draws = draw_splits(TASKS[name], sizes["train"], sizes["validation"], sizes["test"], results.seed)
    print(f"{name}: held-out draw of {len(draws.test):,} inputs (seed {results.seed})")
    for variant, translator in models.items():
        outputs = evaluate.greedy_outputs(translator.network, translator.codec, draws.test.sources)
        exact = float(evaluate.exact_match(outputs, draws.test.targets).mean())
        target = " (target >= 99%)" if variant == "attention" else ""
        print(f"  {variant:13s} exact match {exact:.2%} (card {results.variants[variant].exact:.2%}){target}")
    by_length = {v: results.variants[v].by_length for v in ("attention", "plain")}
    print("  input length:  " + " ".join(f"{n:6d}" for n in by_length["plain"]))
    print("  inputs:        " + " ".join(f"{p.count:6d}" for p in by_length["plain"].values()))
    for variant, curve in by_length.items():
        print(f"  {variant:13s}  " + " ".join(f"{p.exact:6.3f}" for p in curve.values()))
    translator = models["attention"]
    texts = list(draws.test.sources[:200])
    for beam in (1, 3, 5):
        times = [timed(lambda text=text: translator.translate([text], beam=beam)).wall[0] * 1000 for text in texts]
        print(f"  translate one input, beam {beam}: median {statistics.median(times):.2f} ms, "
              f"p95 {np.percentile(times, 95):.2f} ms, max {max(times):.2f} ms (target < 20 ms)")
    decode = [timed(lambda text=text: translator.decode(text)).wall[0] * 1000 for text in texts]
    print(f"  decode one input with every step kept (the page's view): median {statistics.median(decode):.2f} ms")


def bench_page() -> None:
    at, first = open_page("pages/seq2seq.py")
    at.radio(key="seq2seq_task").set_value("dates").run()
    inputs = ["5 December 2026", "December 5, 2026", "1 Jan 1900", "2099年12月31日", "二〇〇八年八月八日"]
    times = rerun_times(at, lambda i: at.text_input(key="seq2seq_text").set_value(inputs[i % len(inputs)]), 10)
    print(f"page: first run {first * 1000:.0f} ms; rerun after a new input median {times.median_ms():.0f} ms "
          f"(cpu {times.cpu_median_ms():.0f} ms; DESIGN target < 150 ms)")


def bench_training() -> None:
    from lstm_core.training.backend import one_thread_per_training
    from lstm_core.seq2seq.train import Seq2SeqConfig, Seq2SeqTraining

    one_thread_per_training()  # as lstm_core.ui.live_training sets it before a page's first training
    config = Seq2SeqConfig()
    started = time.perf_counter()
    job = Seq2SeqTraining(config)
    built = time.perf_counter() - started
    while not job.finished:
        logs = job.run_epoch()
        print(f"  epoch {job.epochs_run}: {time.perf_counter() - started:.1f} s since the click, "
              f"validation exact {logs['val_exact']:.2%}")
    network = job.network()
    test = job.draws.test
    exact = float(evaluate.exact_match(evaluate.greedy_outputs(network, job.codec, test.sources), test.targets).mean())
    total = time.perf_counter() - started
    print(f"train your own (dates, defaults: {config.examples:,} examples, {config.epochs} epochs, {config.units} units, "
          f"attention {config.attention}, one TensorFlow thread): {total:.1f} s from the click "
          f"(data and model {built:.1f} s), {exact:.2%} exact on its {len(test):,} held-out inputs "
          f"(target: 95% within 60 s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-training", action="store_true", help="leave out the train-your-own run")
    args = parser.parse_args()
    blas.one_thread()  # as the app runs NumPy
    for task in TASKS:
        bench_task(task)
    bench_page()
    if not args.skip_training:
        bench_training()
