"""Where a rerun's time goes, page by page (AppTest, no server, one session).

For Sentiment, Text generation and Gates, texts of the kind the load benchmark's
students type are typed here, a different one each rerun (benchmarks/student_texts.py;
`--shared-texts` cycles the load benchmark's three shared texts instead); each rerun is
timed, wall clock and this process's CPU time (less disturbed by other jobs on a shared
machine), once without a profiler and once with cProfile (in the script thread). The profile is summed by where the time is spent
(our core, the page scripts, Plotly, Streamlit, NumPy, the rest) and the costliest
functions by cumulative time are listed.

    python benchmarks/bench_reruns.py               # all three pages
    python benchmarks/bench_reruns.py generate -n 20
    python benchmarks/bench_reruns.py --shared-texts
"""

from __future__ import annotations

import argparse
import cProfile
import pstats

from timing import Times, open_page, rerun_times  # first: puts the repository on sys.path and quiets TensorFlow

from bench_load import PAGES  # noqa: E402
from student_texts import ClassTexts  # noqa: E402
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


def type_texts(at, path: str, key: str, texts: list[str]) -> Times:
    """Type each text into the page's box and rerun; the reruns' wall and CPU times."""
    def change(i: int) -> None:
        widget = at.text_input(key=key) if path == "generate" else at.text_area(key=key)
        widget.input(texts[i])

    return rerun_times(at, change, len(texts))


def profile_page(path: str, key: str, texts: list[str], repeats: int) -> None:
    at, _ = open_page(f"pages/{path}.py")
    plain = type_texts(at, path, key, texts[:repeats])
    profile = cProfile.Profile()
    profiled(profile)
    type_texts(at, path, key, texts[repeats:])
    stats = pstats.Stats(profile)
    total = sum(bucket_times(stats).values())
    print(f"\n== {path}: typed rerun median {plain.median_ms():.0f} ms wall, {plain.cpu_median_ms():.0f} ms CPU "
          f"(mean {plain.cpu_mean_ms():.0f}) over {repeats} (AppTest, incl. its own overhead); under cProfile:")
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
    parser.add_argument("-n", "--repeats", type=int, default=9, help="typed reruns per page (and as many profiled)")
    parser.add_argument("--shared-texts", action="store_true", help="cycle the load benchmark's three shared texts")
    args = parser.parse_args()
    original = script_runner.ScriptRunner._run_script
    own = ClassTexts(students=2 * args.repeats, per_page=1, seed=1)
    for path, key, shared in PAGES:
        if path in args.pages:
            if args.shared_texts:
                texts = [shared[i % len(shared)] for i in range(2 * args.repeats)]
            else:
                texts = [own.for_student(i, path)[0] for i in range(2 * args.repeats)]
            profile_page(path, key, texts, args.repeats)
            script_runner.ScriptRunner._run_script = original


if __name__ == "__main__":
    main()
