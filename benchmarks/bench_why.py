"""Benchmark of the "Why an LSTM" page and Gates saliency: `python benchmarks/bench_why.py`.

Prints:
- the saliency of one output (the prediction after the last character) of a
  200-character text through the shipped Chinese character language model, with the
  page's trace already done (target: under 300 ms), and with the trace included;
- the live three-cell run (RNN, GRU, LSTM, the page's default settings) at distances
  40 and 80, with TensorFlow on two threads (target: under 60 s each).
"""

from __future__ import annotations

import time

from timing import median_ms  # first: puts the repository on sys.path

from lstm_core.generate import language_model
from lstm_core.nn import blas
from lstm_core.why.live import LiveConfig, LiveRun
from lstm_core.gates.saliency import saliency


def bench_saliency() -> None:
    blas.one_thread()  # as the app runs it
    model = language_model.load_language_model("zh")
    text = (model.default_text + "本报讯记者从国家统计局获悉，今年全国经济运行总体平稳，") * 20
    traced = model.trace_text(text[:200])
    print(f"charlm_zh, {traced.steps} steps, H={model.network.spec.units}:")
    print(f"  saliency of the last output, trace at hand: {median_ms(lambda: saliency(model.network, traced.layers), 7):.0f} ms (target < 300)")
    both = median_ms(lambda: saliency(model.network, model.trace_text(text[:200]).layers), 7)
    print(f"  trace + saliency:                           {both:.0f} ms")


def bench_live(distance: int) -> None:
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(2)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    started = time.perf_counter()
    run = LiveRun(LiveConfig(distance=distance))
    built = time.perf_counter() - started
    while not run.finished:
        run.run_epoch()
    total = time.perf_counter() - started
    scores = ", ".join(f"{k} {v[-1]:.0%}" for k, v in run.history.items())
    print(f"live run at distance {distance}, {run.epochs_run} epochs: {total:.1f} s (models built in {built:.1f} s); "
          f"held-out accuracy {scores} (target < 60 s)")


if __name__ == "__main__":
    bench_saliency()
    for d in (40, 80):
        bench_live(d)
