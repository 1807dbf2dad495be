"""Load benchmark: N simulated students on one `streamlit run app.py`, optional trainers.

Each student is a browserless websocket client (benchmarks/st_client.py): it opens Home,
Sentiment, Text generation and Gates in turn and types three texts on each page but
Home (a rerun carrying the text widget's new value, as a browser sends when a student
types and presses Enter), thinking `--think` seconds between actions. By default every
student types texts of their own (benchmarks/student_texts.py: seeded pools, no text
shared across the class), so no cache serves one student's text to another;
`--shared-texts` gives everyone the same three texts per page, as before. Students
start spread over the first think time, as a class does. `--trainers` extra sessions
press Train on Sentiment (default settings) at the start. The script starts its own
server on a free 127.0.0.1 port, talks to nothing else, and stops after `--duration`
seconds (students still running are cut off, their finished actions count).

    python benchmarks/bench_load.py --students 30 --duration 90                  # own texts
    python benchmarks/bench_load.py --students 30 --duration 90 --shared-texts   # one set for all
    python benchmarks/bench_load.py --students 10 --trainers 3 --duration 240 --warm-train
    python benchmarks/bench_load.py --url ws://127.0.0.1:8080/_stcore/stream --students 30  # e.g. nginx

Prints, per action (typing on each page, all typed actions, page opens), the median and
p95, then errors, the server's peak RSS and the CPU seconds it used.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field

from st_client import RunFailed, Server, StudentClient
from student_texts import ClassTexts

# (page url path, widget key typed into, three texts of --shared-texts); Home has nothing to type into.
PAGES = (
    ("", None, ()),
    ("sentiment", "sentiment_text", ("I loved this film, the actors were wonderful",
                                     "What a slow, boring and terrible evening",
                                     "The service was fine, nothing special")),
    ("generate", "generate_prompt_charlm_zh", ("今天天气", "中国人民", "北京大学的学生")),
    ("gates", "gates_text", ("((a)(b))", "(((x)))y", "(a(b(c)d)e)")),
)
TITLES = {"sentiment": "type on Sentiment", "generate": "type on Text generation", "gates": "type on Gates"}


@dataclass
class Tally:
    """What every client measured, in seconds."""

    typed: list[float] = field(default_factory=list)
    opened: list[float] = field(default_factory=list)
    per_page: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    trainings: list[float] = field(default_factory=list)
    rss: dict[str, int] = field(default_factory=dict)  # server RSS at named moments, bytes
    cpu: float = float("nan")  # CPU seconds the server used while the students played


def texts_of(number: int, path: str, shared: tuple[str, ...], own: ClassTexts | None) -> tuple[str, ...]:
    """What a student types on a page: their own texts, or the shared ones rotated (Sentiment's numbered)."""
    if not shared:
        return ()
    if own is not None:
        return own.for_student(number, path)
    shift = number % len(shared)
    rotated = shared[shift:] + shared[:shift]
    return tuple(f"{text} {number}" for text in rotated) if path == "sentiment" else rotated


async def student(number: int, url: str, think: float, tally: Tally, stop_at: float, own: ClassTexts | None) -> None:
    """One student's visit: every page once, typing that page's texts."""
    rng = random.Random(number)
    await asyncio.sleep(rng.uniform(0, think))
    client = StudentClient(url)
    try:
        await client.connect()
        for path, key, shared in PAGES:
            if time.monotonic() > stop_at:
                return
            tally.opened.append(await client.open_page(path))
            for text in texts_of(number, path, shared, own):
                await asyncio.sleep(think * rng.uniform(0.8, 1.2))
                if time.monotonic() > stop_at:
                    return
                seconds = await client.set_widget(key, string_value=text)
                tally.typed.append(seconds)
                tally.per_page.setdefault(path, []).append(seconds)
            await asyncio.sleep(think * rng.uniform(0.8, 1.2))
    except (RunFailed, OSError, asyncio.TimeoutError, Exception) as error:  # every failure is a counted error
        tally.errors.append(f"student {number}: {type(error).__name__}: {error}")
    finally:
        await client.close()


async def trainer(number: int, url: str, tally: Tally, stop_at: float) -> None:
    """Open Sentiment, press Train, and wait until the training (and any wait in the queue) is over."""
    client = StudentClient(url, timeout=max(stop_at - time.monotonic(), 5))
    try:
        await client.connect()
        await client.open_page("sentiment")
        started = time.perf_counter()
        await client.set_widget("sentiment_train", trigger_value=True)
        # Each epoch ends in st.rerun(), so the press returns when a run finishes normally:
        # the training's last one, or the one that shows the place in the queue (Cancel is
        # drawn only there). That part is a fragment with run_every, which a browser reruns
        # every second; this client does the same until the fragment starts the training.
        while "sentiment_cancel" in client.last_run_keys and time.monotonic() < stop_at:
            await asyncio.sleep(1.0)
            await client.rerun_fragment(client.widgets["sentiment_cancel"].fragment_id)
        tally.trainings.append(time.perf_counter() - started)
    except Exception as error:
        tally.errors.append(f"trainer {number}: {type(error).__name__}: {error}")
    finally:
        await client.close()


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def sample_memory(server: Server | None, stop: asyncio.Event) -> None:
    while server is not None and not stop.is_set():
        server.sample_rss()
        await asyncio.sleep(0.5)


async def warm_up(url: str, tally: Tally, server: Server | None, train: bool) -> None:
    """One visit first, so model loading is not counted as load; with `train`, one training too.

    The first training imports TensorFlow, which stays in the process for good; a warm-up
    training separates that one-off cost (`rss` "at rest" vs "after warm-up training")
    from what the measured trainings leave behind.
    """
    warm = StudentClient(url)
    await warm.connect()
    for path, _, _ in PAGES:
        await warm.open_page(path)
    await warm.close()
    if server is not None:
        tally.rss["at rest"] = server.sample_rss()
    if train:
        await trainer(-1, url, Tally(), time.monotonic() + 600)
        if server is not None:
            await asyncio.sleep(5)
            tally.rss["after warm-up training"] = server.sample_rss()


async def settled(server: Server | None, tally: Tally, seconds: float = 10.0) -> None:
    """RSS once every client has stopped and the server has had `seconds` to let go."""
    if server is not None:
        await asyncio.sleep(seconds)
        tally.rss["settled after the run"] = server.sample_rss()


async def run(args, server: Server | None, url: str) -> Tally:
    tally = Tally()
    stop = asyncio.Event()
    memory = asyncio.create_task(sample_memory(server, stop))
    await warm_up(url, tally, server, args.warm_train)
    own = None if args.shared_texts else ClassTexts(args.students, per_page=3, seed=args.seed)
    cpu_before = server.cpu_seconds() if server is not None else 0.0
    stop_at = time.monotonic() + args.duration
    jobs = [student(i, url, args.think, tally, stop_at, own) for i in range(args.students)]
    jobs += [trainer(i, url, tally, stop_at) for i in range(args.trainers)]
    await asyncio.gather(*jobs)
    if server is not None:
        tally.cpu = server.cpu_seconds() - cpu_before
    stop.set()
    await memory
    await settled(server, tally)
    return tally


def row(name: str, values: list[float]) -> str:
    if not values:
        return f"| {name} | - | - | 0 |"
    return f"| {name} | {statistics.median(values):.2f} s | {pct(values, 0.95):.2f} s | {len(values)} |"


def report(args, tally: Tally, server: Server | None) -> None:
    texts = "the same texts for all (--shared-texts)" if args.shared_texts else f"their own texts (seed {args.seed})"
    print(f"students={args.students} trainers={args.trainers} think={args.think}s duration={args.duration}s, "
          f"students type {texts}")
    print("| action | median | p95 | n |\n|---|---|---|---|")
    for path, _, _ in PAGES[1:]:
        print(row(TITLES[path], tally.per_page.get(path, [])))
    print(row("all typed actions", tally.typed))
    print(row("page opens", tally.opened))
    if tally.trainings:
        print(f"trainings: {len(tally.trainings)} took " + ", ".join(f"{s:.0f}s" for s in tally.trainings))
    print(f"errors: {len(tally.errors)}")
    for line in tally.errors[:10]:
        print("  " + line)
    if server is not None:
        print(f"server peak RSS: {server.peak_rss / 2**30:.2f} GB")
        for moment, value in tally.rss.items():
            print(f"  RSS {moment}: {value / 2**30:.2f} GB")
        actions = len(tally.typed) + len(tally.opened)
        print(f"server CPU while students played: {tally.cpu:.1f} s, {1000 * tally.cpu / max(actions, 1):.0f} ms "
              f"per action ({actions} actions; less sensitive to other jobs than the times above)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=5)
    parser.add_argument("--trainers", type=int, default=0, help="sessions that press Train on Sentiment")
    parser.add_argument("--think", type=float, default=3.0, help="seconds between a student's actions")
    parser.add_argument("--duration", type=float, default=90.0, help="seconds before every client stops")
    parser.add_argument("--warm-train", action="store_true",
                        help="press Train once before the run, so TensorFlow's one-off import is not counted")
    parser.add_argument("--shared-texts", action="store_true",
                        help="every student types the same three texts per page (the benchmark before own texts)")
    parser.add_argument("--seed", type=int, default=0, help="which texts the students are dealt (own texts)")
    parser.add_argument("--url", help="an already running server's /_stcore/stream websocket (no own server)")
    args = parser.parse_args()
    if args.url:
        report(args, asyncio.run(run(args, None, args.url)), None)
        return
    with Server() as server:
        tally = asyncio.run(run(args, server, server.ws_url))
        report(args, tally, server)


if __name__ == "__main__":
    main()
