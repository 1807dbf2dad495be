"""Benchmark the Gates foundation: python benchmarks/bench_gates.py

Prints (numbered as in the issue; TensorFlow's part runs last)
1. the NumPy trace of one 100-step input against Keras `model.predict` on the same
   weights, for every shipped model (target: 5x faster or better);
2. the Gates page's rerun time after a widget change, server side (target: median
   under 150 ms);
3. the time from `streamlit run app.py` to the first page rendered in headless
   Chromium (target: under 8 s).
"""

import subprocess
import sys
import time

from timing import ROOT, median_ms, open_page, rerun_times  # first: puts the repository on sys.path

import numpy as np

from lstm_core.serving import catalogue
from lstm_core.training.network_keras import build_keras, load_into_keras


def bench_trace() -> None:
    print("1. one 100-step input: NumPy trace vs keras model.predict (median ms)")
    for entry in catalogue.SHIPPED:
        model = catalogue.load(entry)
        # Text models hold their Network; forecasters hold it inside their Forecaster.
        network = getattr(model, "network", None) or model.forecaster.network
        steps = 100
        if network.spec.input_kind == "tokens":
            x = np.random.default_rng(0).integers(2, network.spec.vocab_size, steps)
            batch = x[None, :]
        else:
            x = np.random.default_rng(0).normal(size=(steps, network.spec.input_dim)).astype("float32")
            batch = x[None]
        keras_model = build_keras(network.spec, steps)
        load_into_keras(keras_model, network)
        keras_model.predict(batch, verbose=0)  # first call builds the graph
        numpy_ms = median_ms(lambda: network.trace(x), 30)
        keras_ms = median_ms(lambda: keras_model.predict(batch, verbose=0), 10)
        print(f"   {entry.key:28s} numpy {numpy_ms:7.2f}   keras {keras_ms:7.2f}   speed-up {keras_ms / numpy_ms:5.1f}x")


def bench_rerun() -> None:
    at, _ = open_page("pages/gates.py")
    texts = ["(a(b(c)d)e)(((x)y", "((((a))))", "(x(y(z)))((", "((a)(b)(c)(d(e(f))))"]
    times = rerun_times(at, lambda k: at.text_area(key="gates_text").input(texts[k % len(texts)] * 3), 20)
    print(f"2. Gates page rerun after a text change: median {times.median_ms():.0f} ms, "
          f"max {times.max_ms():.0f} ms over {len(times)} reruns (AppTest, server side)")


def bench_first_paint() -> None:
    from playwright.sync_api import sync_playwright

    port = 8765
    start = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true", f"--server.port={port}",
         "--browser.gatherUsageStats=false"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            while True:
                try:
                    page.goto(f"http://127.0.0.1:{port}/", timeout=2000)
                    break
                except Exception:
                    time.sleep(0.1)
            page.wait_for_selector("h1", timeout=60_000)
            print(f"3. streamlit run -> first page rendered in Chromium: {time.perf_counter() - start:.1f} s")
            browser.close()
    finally:
        server.terminate()


if __name__ == "__main__":
    # TensorFlow goes last: once loaded, its idle thread pools slow the other timings.
    parts = {"rerun": bench_rerun, "paint": bench_first_paint, "trace": bench_trace}
    for name in sys.argv[1:] or parts:  # e.g. `bench_gates.py rerun` for one part
        parts[name]()
