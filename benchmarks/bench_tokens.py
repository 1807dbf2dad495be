"""Benchmark of the tokens page: `python benchmarks/bench_tokens.py`.

Prints segmentation throughput against plain `jieba.lcut`, t-SNE on 1,000 words and PCA
on 10,000, the cached rerun of a projection, and the page's rerun time after widget changes.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from lstm_core.embeddings import projection, word_vectors  # noqa: E402
from lstm_core.text import corpora, segmentation as text  # noqa: E402


def timed(function, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def load() -> str:
    with open("/proc/loadavg") as file:
        return file.read().split()[0]


def segmentation() -> None:
    raw = "".join("".join(s) for s in corpora.peoples_daily_sentences()[:8_000])  # ~300k characters
    text.segment("预热")  # load the dictionary before timing
    jieba.lcut("预热")
    ours = timed(lambda: text.segment(raw), 3)
    plain = timed(lambda: jieba.lcut(raw), 3)
    with_words = timed(lambda: text.segment(raw, user_words=["创新办", "云计算"]), 3)
    print(f"segmentation on {len(raw):,} characters (best of 3):")
    print(f"  text.segment           {len(raw) / ours:12,.0f} chars/s")
    print(f"  text.segment + words   {len(raw) / with_words:12,.0f} chars/s")
    print(f"  jieba.lcut (global)    {len(raw) / plain:12,.0f} chars/s")
    fresh = timed(lambda: text.tokenizer(("新词甲", "新词乙")))
    print(f"  a new user-word set: first call builds a private tokenizer in {fresh * 1000:.0f} ms")


def projections() -> None:
    kv = word_vectors.load_word_vectors("zh")
    words = kv.index_to_key[:1_000]
    # CPU time is printed beside wall time: on a shared machine the wall time mostly measures the neighbours.
    for dimensions in (2, 3):
        started, cpu = time.perf_counter(), time.process_time()
        projection.project(words, kv[words], projection.ProjectionConfig("tsne", dimensions, seed=0))
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"t-SNE, 1,000 words, {dimensions}D:  {wall:6.2f} s wall, {cpu:6.2f} s CPU (target < 10 s)")
    many = kv.index_to_key[:10_000]
    seconds = timed(lambda: projection.project(many, kv[many], projection.ProjectionConfig("pca", 2)), 3)
    print(f"PCA, 10,000 words, 2D:   {seconds:6.3f} s (target < 1 s)")


def page_reruns() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/tokens.py")
    started = time.perf_counter()
    at.run()
    print(f"page first run (cold process: jieba, sklearn, plotly loads): {time.perf_counter() - started:.2f} s")

    def rerun_times(change, n: int = 7) -> list[float]:
        times = []
        for i in range(n):
            started = time.perf_counter()
            change(i).run()
            times.append(time.perf_counter() - started)
            assert not at.exception, at.exception
        return times

    seg = rerun_times(lambda i: at.toggle(key="tokens_hmm").set_value(i % 2 == 0))
    print(f"rerun after HMM toggle (segmentation):     median {statistics.median(seg) * 1000:6.0f} ms")
    words = rerun_times(lambda i: at.text_input(key="tokens_user_words").input(["创新办", "云计算", ""][i % 3]))
    print(f"rerun after user-word change:              median {statistics.median(words) * 1000:6.0f} ms")
    at.segmented_control(key="tokens_section").set_value("numbers").run()
    num = rerun_times(lambda i: at.slider(key="tokens_pad_length").set_value(3 + i % 4))
    print(f"rerun after padded-length change (numbers): median {statistics.median(num) * 1000:6.0f} ms")
    at.segmented_control(key="tokens_section").set_value("vectors").run()
    vec = rerun_times(lambda i: at.slider(key="tokens_top").set_value(5 + i % 3))
    print(f"rerun after neighbour count (vectors, map cached): median {statistics.median(vec) * 1000:6.0f} ms")
    at.segmented_control(key="tokens_method").set_value("tsne").run()
    at.slider(key="tokens_top_n_zh").set_value(1000).run()
    started = time.perf_counter()
    at.segmented_control(key="tokens_method").set_value("pca").run()
    at.segmented_control(key="tokens_method").set_value("tsne").run()
    print(f"switching back to a t-SNE map already computed: {(time.perf_counter() - started) * 1000:.0f} ms for two reruns (cached)")


if __name__ == "__main__":
    print(f"load average at start: {load()} on {__import__('os').cpu_count()} cores")
    segmentation()
    projections()
    page_reruns()
