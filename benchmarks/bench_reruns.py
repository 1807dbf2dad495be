"""Where a rerun's time goes, page by page (AppTest, no server, one session).

For Sentiment, Text generation and Gates, the same three texts the load benchmark
types are typed here; each rerun is timed, and the script runs are profiled with
cProfile (in the script thread). The profile is summed by where the time is spent
(our core, the page scripts, Plotly, Streamlit, NumPy, the rest) and the costliest
functions by cumulative time are listed.

    python benchmarks/bench_reruns.py               # all three pages
    python benchmarks/bench_reruns.py generate -n 20
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time

from timing import open_page  # first: puts the repository on sys.path and quiets TensorFlow

from bench_load import PAGES  # noqa: E402
from streamlit.runtime.scriptrunner import script_runner  # noqa: E402

BUCKETS = (("lstm_core/", "lstm_core"), ("/pages/", "page scripts"), ("plotly", "plotly"),
           ("streamlit", "streamlit"), ("numpy", "numpy"), ("pandas", "pandas"))


def profiled(profile: cProfile.Profile):
    """Wrap ScriptRunner._run_script so the profiler runs in the script's own thread."""
    original = script_runner.ScriptRunner._run_script

    def run_script(self, *args, **kwargs):
        profile.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            profile.disable()

    script_runner.ScriptRunner._run_script = run_script


def bucket_times(stats: pstats.Stats) -> dict[str, float]:
    """Own time (tottime) summed by the kind of file it was spent in."""
    totals: dict[str, float] = {}
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        name = next((label for part, label in BUCKETS if part in filename), "other")
        totals[name] = totals.get(name, 0.0) + tottime
    return totals


def profile_page(path: str, key: str, texts: tuple[str, ...], repeats: int) -> None:
    at, _ = open_page(f"pages/{path}.py")
    profile = cProfile.Profile()
    profiled(profile)
    seconds = []
    for i in range(repeats):
        widget = at.text_input(key=key) if path == "generate" else at.text_area(key=key)
        widget.input(f"{texts[i % len(texts)]}{' ' * (i // len(texts))}")
        started = time.perf_counter()
        at.run()
        seconds.append(time.perf_counter() - started)
        assert not at.exception, at.exception
    stats = pstats.Stats(profile)
    total = sum(bucket_times(stats).values())
    print(f"\n== {path}: typed rerun median {statistics.median(seconds) * 1000:.0f} ms, "
          f"max {max(seconds) * 1000:.0f} ms over {repeats} (AppTest, incl. its own overhead)")
    for name, value in sorted(bucket_times(stats).items(), key=lambda kv: -kv[1]):
        print(f"   {name:14s} {value / repeats * 1000:7.1f} ms/rerun  ({value / total:.0%})")
    print("   costliest calls of ours (cumulative ms per rerun):")
    ours = [(v[3], k) for k, v in stats.stats.items() if "lstm_core/" in k[0] or "/pages/" in k[0]]
    for cumulative, (filename, line, function) in sorted(ours, reverse=True)[:12]:
        short = "/".join(filename.rsplit("/", 2)[-2:])
        print(f"   {cumulative / repeats * 1000:7.1f}  {short}:{line} {function}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["sentiment", "generate", "gates"])
    parser.add_argument("-n", "--repeats", type=int, default=9, help="typed reruns per page")
    args = parser.parse_args()
    original = script_runner.ScriptRunner._run_script
    for path, key, texts in PAGES:
        if path in args.pages:
            profile_page(path, key, texts, args.repeats)
            script_runner.ScriptRunner._run_script = original


if __name__ == "__main__":
    main()
