"""Benchmark the Gates foundation: python benchmarks/bench_gates.py

Prints (numbered as in the issue; TensorFlow's part runs last)
1. the NumPy trace of one 100-step input against Keras `model.predict` on the same
   weights, for every shipped model (target: 5x faster or better);
2. the Gates page's rerun time after a widget change, server side (target: median
   under 150 ms);
3. the time from `streamlit run app.py` to the first page rendered in headless
   Chromium (target: under 8 s).
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from lstm_core.gates import registry  # noqa: E402
from lstm_core.nn.keras_models import build_keras, load_into_keras  # noqa: E402


def median_ms(function, repeats=30) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_trace() -> None:
    print("1. one 100-step input: NumPy trace vs keras model.predict (median ms)")
    for entry in registry.SHIPPED:
        model = registry.load(entry)
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
        numpy_ms = median_ms(lambda: network.trace(x))
        keras_ms = median_ms(lambda: keras_model.predict(batch, verbose=0), repeats=10)
        print(f"   {entry.key:28s} numpy {numpy_ms:7.2f}   keras {keras_ms:7.2f}   speed-up {keras_ms / numpy_ms:5.1f}x")


def bench_rerun() -> None:
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")  # AppTest warns about bare mode on every rerun otherwise

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/gates.py")
    at.run()
    texts = ["(a(b(c)d)e)(((x)y", "((((a))))", "(x(y(z)))((", "((a)(b)(c)(d(e(f))))"]
    times = []
    for k in range(20):
        start = time.perf_counter()
        at.text_area(key="gates_text").input(texts[k % len(texts)] * 3).run()
        times.append((time.perf_counter() - start) * 1000)
        assert not at.exception
    print(f"2. Gates page rerun after a text change: median {statistics.median(times):.0f} ms, "
          f"max {max(times):.0f} ms over {len(times)} reruns (AppTest, server side)")


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
