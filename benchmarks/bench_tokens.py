"""Benchmark of the tokens page: `python benchmarks/bench_tokens.py`.

Prints segmentation throughput against plain `jieba.lcut`, the memory 40 different user-word
lists cost, t-SNE on 1,000 words and PCA on 10,000, the cached rerun of a projection, and
the page's rerun time after widget changes.
"""

from __future__ import annotations

import gc
import os
import time

from timing import open_page, rerun_times, timed  # first: puts the repository on sys.path

import jieba

from lstm_core.embeddings import projection, word_vectors
from lstm_core.text import corpora, segmentation as text


def load() -> str:
    with open("/proc/loadavg") as file:
        return file.read().split()[0]


def segmentation() -> None:
    raw = "".join("".join(s) for s in corpora.peoples_daily_sentences()[:8_000])  # ~300k characters
    text.segment("预热")  # load the dictionary before timing
    jieba.lcut("预热")
    ours = timed(lambda: text.segment(raw), 3).best()
    plain = timed(lambda: jieba.lcut(raw), 3).best()
    with_words = timed(lambda: text.segment(raw, user_words=["创新办", "云计算"]), 3).best()
    print(f"segmentation on {len(raw):,} characters (best of 3):")
    print(f"  text.segment           {len(raw) / ours:12,.0f} chars/s")
    print(f"  text.segment + words   {len(raw) / with_words:12,.0f} chars/s")
    print(f"  jieba.lcut (global)    {len(raw) / plain:12,.0f} chars/s")
    import random
    rng = random.Random(0)
    pasted = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(5_000))[: text.TAG_LIMIT]
    tags = timed(lambda: (text.pos_tags(pasted, hmm=False), text.keywords(pasted, "tfidf", 8, hmm=False),
                          text.keywords(pasted, "textrank", 8, hmm=False))).best()
    print(f"  5,000 random characters pasted: tags and both keyword lists without the HMM in {tags:.2f} s (bound 2 s)")
    fresh = timed(lambda: text.tokenizer(("新词甲", "新词乙"))).best()
    print(f"  a new user-word set: first call builds a private tokenizer in {fresh * 1000:.0f} ms")


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))


def user_word_lists(lists: int = 40) -> None:
    """Memory of `lists` different word lists through segmentation, POS tags and keywords (issue 22: +443 MB before)."""
    sample = "李小福是创新办主任也是云计算方面的专家。人工智能正在改变世界，它将带来巨大的机会和挑战。" * 20
    text.segment(sample), text.pos_tags(sample[:200]), text.keywords(sample[:200])
    gc.collect()
    before = rss_mb()
    for i in range(lists):
        words = (f"创新办{i}", "云计算", f"新词{i}号")
        text.segment(sample, user_words=words), text.pos_tags(sample[:200], user_words=words)
        text.keywords(sample[:200], user_words=words)
    gc.collect()
    print(f"{lists} different user-word lists: +{rss_mb() - before:.0f} MB resident "
          f"(tokenizers kept: {text.tokenizer.cache_info().currsize})")


def projections() -> None:
    kv = word_vectors.load_word_vectors("zh")
    words = kv.index_to_key[:1_000]
    # CPU time is printed beside wall time: on a shared machine the wall time mostly measures the neighbours.
    for dimensions in (2, 3):
        tsne = timed(lambda: projection.project(words, kv[words], projection.ProjectionConfig("tsne", dimensions, seed=0)))
        wall, cpu = tsne.wall[0], tsne.cpu[0]
        print(f"t-SNE, 1,000 words, {dimensions}D:  {wall:6.2f} s wall, {cpu:6.2f} s CPU (target < 10 s)")
    many = kv.index_to_key[:10_000]
    seconds = timed(lambda: projection.project(many, kv[many], projection.ProjectionConfig("pca", 2)), 3).best()
    print(f"PCA, 10,000 words, 2D:   {seconds:6.3f} s (target < 1 s)")


def page_reruns() -> None:
    at, first = open_page("pages/tokens.py")
    print(f"page first run (cold process: jieba, sklearn, plotly loads): {first:.2f} s")
    seg = rerun_times(at, lambda i: at.toggle(key="tokens_hmm").set_value(i % 2 == 0), 7)
    print(f"rerun after HMM toggle (segmentation):     median {seg.median_ms():6.0f} ms")
    words = rerun_times(at, lambda i: at.text_input(key="tokens_user_words").input(["创新办", "云计算", ""][i % 3]), 7)
    print(f"rerun after user-word change:              median {words.median_ms():6.0f} ms")
    at.segmented_control(key="tokens_section").set_value("numbers").run()
    num = rerun_times(at, lambda i: at.slider(key="tokens_pad_length").set_value(3 + i % 4), 7)
    print(f"rerun after padded-length change (numbers): median {num.median_ms():6.0f} ms")
    at.segmented_control(key="tokens_section").set_value("vectors").run()
    vec = rerun_times(at, lambda i: at.slider(key="tokens_top").set_value(5 + i % 3), 7)
    print(f"rerun after neighbour count (vectors, map cached): median {vec.median_ms():6.0f} ms")
    at.segmented_control(key="tokens_method").set_value("tsne").run()
    at.slider(key="tokens_top_n_zh").set_value(1000).run()
    started = time.perf_counter()
    at.segmented_control(key="tokens_method").set_value("pca").run()
    at.segmented_control(key="tokens_method").set_value("tsne").run()
    print(f"switching back to a t-SNE map already computed: {(time.perf_counter() - started) * 1000:.0f} ms for two reruns (cached)")


if __name__ == "__main__":
    print(f"load average at start: {load()} on {__import__('os').cpu_count()} cores")
    segmentation()
    user_word_lists()
    projections()
    page_reruns()
