"""Hostile-student benchmark (issue 22): each attack played against one `streamlit run app.py`.

While one attacker plays an attack through the pages (browserless websocket clients, the
protocol of benchmarks/st_client.py, uploads included), an innocent student types on the
Sentiment page and times every rerun. For each attack it prints:
- the server's peak resident memory during the attack (and before it);
- the seconds until the attacker's page answered, and the first words of the answer;
- the innocent session's rerun median and p95 meanwhile;
- the server's CPU use in the 3 s after the attacker's tab closed (idle is a few percent:
  more means something the attacker started is still running).

    python benchmarks/bench_hostile.py                      # every attack, on its own server
    python benchmarks/bench_hostile.py --only imdb_word big_lstm
    python benchmarks/bench_hostile.py --url http://127.0.0.1:8501 --pid 12345   # a server already running

The issue's targets: under 1.5 GB, an answer within 5 s in the reader's language, the
innocent reruns under 0.5 s, nothing running once the tab closes. Run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from functools import cache
from typing import Awaitable, Callable

from timing import ROOT  # noqa: F401 - first: puts the repository on sys.path

import numpy as np

from st_client import RunFailed, Server, StudentClient, browser_cookie, cpu_seconds, rss_bytes
from streamlit.proto.Common_pb2 import DoubleArray, StringArray

from lstm_core.nn.network import NetworkSpec
from lstm_core.serving import assets
from lstm_core.string_table import text
from tests.helpers import imdb_npz, zip_bytes  # the same hostile files the tests build

TIMEOUT = 60.0  # seconds an attack may take before it counts as "no answer"


def label(key: str) -> str:
    """An option as the English page shows it: select boxes and radios send their label."""
    return text(key, "en")


@dataclass
class Server_:
    """Where the server is, and how to watch it (pid None: memory and CPU are not measured)."""

    ws: str
    http: str
    pid: int | None


@dataclass(frozen=True)
class Answer:
    """What the attacker's page said, and how long its decisive step (the upload, the press) took."""

    text: str
    seconds: float


@dataclass
class Outcome:
    name: str
    rss_before: float = float("nan")  # GB
    rss_peak: float = float("nan")  # GB
    answer_seconds: float = float("nan")
    answer: str = ""
    innocent: list[float] = field(default_factory=list)
    cpu_after_close: float = float("nan")  # fraction of one core
    errors: list[str] = field(default_factory=list)


# ---- the attacks' files ----------------------------------------------------------------------------
def model_zip(units: int | None = None, **card_fields) -> bytes:
    """A valid sentiment model zip (weights matching the card's hash), its card changed as asked."""
    network, shipped = assets.load_model("sentiment_en")
    card = shipped.to_dict()
    architecture = dict(card["architecture"])
    if units is not None:
        architecture["units"] = [units]
        spec = NetworkSpec.from_dict(architecture)
        weights = {name: np.zeros(shape, np.float16) for name, shape in spec.weight_shapes().items()}  # compress to nothing
    else:
        weights = network.weights
    data = assets.weights_to_bytes(weights)
    card = {**card, **card_fields, "architecture": architecture, "weights_sha256": assets.sha256_bytes(data)}
    return zip_bytes({"weights.npz": data, "card.json": json.dumps(card).encode()})


def daily_csv(days: int = 3_000) -> bytes:
    t = np.arange(days)
    values = 20 + 5 * np.sin(2 * np.pi * t / 365) + np.random.default_rng(0).normal(0, 0.5, days)
    dates = np.datetime64("2015-01-01") + t
    return ("date,value\n" + "\n".join(f"{d},{v:.3f}" for d, v in zip(dates, values)) + "\n").encode()


# ---- the attacks: each returns what the attacker's page answered ---------------------------------------
def first_alert(client: StudentClient, seconds: float, kinds=("error", "warning")) -> Answer:
    found = [body for kind, body in client.alerts if kind in kinds]
    return Answer(found[0] if found else "(no message) " + " | ".join(body for _, body in client.alerts)[:200], seconds)


async def sentiment_imdb(client: StudentClient, server: Server_, npz: bytes, index: bytes | None) -> Answer:
    await client.open_page("sentiment")
    await client.set_widget("sentiment_dataset_en", string_value=label("sentiment.dataset.imdb"))
    if index is not None:
        await client.upload("sentiment_imdb_index", "imdb_word_index.json", index, server.http)
    await client.upload("sentiment_imdb_file", "imdb.npz", npz, server.http)
    return first_alert(client, await client.set_widget("sentiment_train", trigger_value=True))


# Each attack's files, built (and cached) before the innocent session starts timing: building
# them shares the machine's cores with the server.
@cache
def files(name: str) -> tuple[bytes, ...]:
    if name == "imdb_word":
        return imdb_npz([[1] * 200] * 50), json.dumps({"x" * 3_900_000: 1}).encode()
    if name == "imdb_pickle":
        return (imdb_npz([[1] * 300_000] * 5_000),)
    if name == "card_refs":
        return (model_zip(reference_texts=[" ".join(["word"] * 3_000)] * 2_000, max_steps=100_000),)
    if name == "big_lstm":
        return (model_zip(units=2_048),)
    if name == "season_365":
        return (daily_csv(),)
    if name == "csv_columns":
        row = ",".join("1" * 100_000)
        return ((",".join(f"c{j}" for j in range(100_000)) + "\n" + row + "\n" + row + "\n").encode(),)
    if name == "csv_cr":
        return (("value\r" + "\r".join(str(i % 10) for i in range(150_000)) + "\r").encode(),)
    return ()


async def imdb_word(client, server) -> Answer:
    """A 4 kB imdb.npz and a word index whose one word (3.9 MB) every rank maps to."""
    return await sentiment_imdb(client, server, *files("imdb_word"))


async def imdb_pickle(client, server) -> Answer:
    """A 3 kB imdb.npz: 5,000 reviews sharing one pickled list of 300,000 ranks."""
    return await sentiment_imdb(client, server, *files("imdb_pickle"), None)


async def upload_model(client: StudentClient, server: Server_, data: bytes) -> Answer:
    await client.open_page("sentiment")
    answer = first_alert(client, await client.upload("sentiment_upload", "model.zip", data, server.http))
    if not any(kind == "error" for kind, _ in client.alerts):
        # Accepted: read a 150-word text with it, then open it on Gates (its reference traces).
        await client.open_page("sentiment")  # the "use my model" switch appears once the model is in the session
        if "sentiment_use_own" not in client.widgets:
            return Answer("(accepted; no switch to use it) " + answer.text, answer.seconds)
        await client.set_widget("sentiment_use_own", bool_value=True)
        seconds = await client.set_widget("sentiment_text", string_value=" ".join(["the flight was late but the crew"] * 21))  # 147 words: read with occlusion
        seconds += await client.open_page("gates")
        answer = Answer("(accepted) " + first_alert(client, 0).text, answer.seconds + seconds)
    return answer


async def card_refs(client, server) -> Answer:
    """A valid model whose card lists 2,000 reference texts of 3,000 words and a large max_steps."""
    return await upload_model(client, server, *files("card_refs"))


async def big_lstm(client, server) -> Answer:
    """A valid 2,048-unit LSTM whose weights compress to nothing (a 38 kB zip)."""
    return await upload_model(client, server, *files("big_lstm"))


async def forecast_upload(client: StudentClient, server: Server_, csv: bytes) -> float:
    await client.open_page("forecast")
    await client.set_widget("forecast_series", string_value=label("forecast.upload_option"))
    return await client.upload("forecast_upload", "series.csv", csv, server.http)


async def season_365(client, server) -> Answer:
    """Daily data with its natural season, 365 steps."""
    await forecast_upload(client, server, *files("season_365"))
    seconds = await client.set_widget("forecast_season", double_value=365)
    said = [t for t in client.texts if "Holt-Winters" in t and "365" in t] + [body for _, body in client.alerts]
    return Answer(said[0] if said else "(no message)", seconds)


async def csv_columns(client, server) -> Answer:
    """A 1 MB CSV with 100,000 columns."""
    return first_alert(client, await forecast_upload(client, server, *files("csv_columns")))


async def csv_cr(client, server) -> Answer:
    """150,000 rows ended by a lone carriage return (the row limit used to count only "\\n")."""
    return first_alert(client, await forecast_upload(client, server, *files("csv_cr")))


async def lesson_link(client, server) -> Answer:
    """A link whose lesson is a Markdown image of another host."""
    seconds = await client.open_page("", query="lesson=%21%5Bx%5D%28http%3A%2F%2Felsewhere.invalid%2Fx.png%29")
    return first_alert(client, seconds)


async def step_superscript(client, server) -> Answer:
    return first_alert(client, await client.open_page("", query="lesson=temperature&step=%C2%B2"))


async def word_lists(client, server) -> Answer:
    """Forty different user-word lists on Tokens (each used to copy jieba's 14 MB dictionary)."""
    await client.open_page("tokens")
    before = rss_bytes(server.pid) if server.pid else 0
    slowest = 0.0
    for i in range(40):
        slowest = max(slowest, await client.set_widget("tokens_user_words", string_value=f"创新办{i}, 云计算, 新词{i}"))
    after = rss_bytes(server.pid) if server.pid else 0
    return Answer(f"40 lists: {(after - before) / 2**20:+.0f} MB resident (time: the slowest of the 40 reruns)", slowest)


async def word2vec_tab(cookie: str | None, server: Server_, epochs: int) -> StudentClient:
    """A tab on Tokens' training step with `epochs` set, Train not yet pressed."""
    client = StudentClient(server.ws, timeout=600, cookie=cookie)
    await client.connect()
    await client.open_page("tokens")
    await client.set_widget("tokens_section", string_array_value=StringArray(data=[label("tokens.section.train")]))
    await client.set_widget("tokens_epochs", double_array_value=DoubleArray(data=[epochs]))
    return client


async def closed_tab(client, server) -> Answer:
    """A training's tab is closed mid-training: how soon does the next student's training run?"""
    await client.close()  # this attack drives its own tabs
    attacker = await word2vec_tab(browser_cookie(), server, 60)  # about a minute of People's Daily (5 M token-epochs allowed)
    pressed = asyncio.create_task(attacker.set_widget("tokens_train", trigger_value=True))
    await asyncio.sleep(3)
    victim = await word2vec_tab(browser_cookie(), server, 2)
    await victim.set_widget("tokens_train", trigger_value=True)
    queued = "tokens_cancel" in victim.last_run_keys
    pressed.cancel()
    await attacker.close()  # the tab closes
    closed = time.perf_counter()
    while "tokens_cancel" in victim.last_run_keys and time.perf_counter() - closed < 120:
        await asyncio.sleep(0.5)
        await victim.rerun_fragment(victim.widgets["tokens_cancel"].fragment_id)
    waited = time.perf_counter() - closed
    await victim.close()
    state = "queued, then" if queued else "not queued (!),"
    return Answer(f"next student {state} trained (2 epochs) and done {waited:.1f} s after the tab closed (time: that)", waited)


async def two_tabs(client, server) -> Answer:
    """Two tabs of one browser: a training queued in the first, Train pressed in the second."""
    cookie = browser_cookie()
    await client.close()
    first = await word2vec_tab(cookie, server, 40)
    pressed = asyncio.create_task(first.set_widget("tokens_train", trigger_value=True))
    await asyncio.sleep(2)
    second = StudentClient(server.ws, cookie=cookie)
    await second.connect()
    await second.open_page("generate")
    answer = first_alert(second, await second.set_widget("generate_train", trigger_value=True))
    pressed.cancel()
    await first.close()
    await second.close()
    return answer


async def word2vec_six(client, server) -> Answer:
    """Six students press word2vec's Train at once (it used to run outside the queue)."""
    await client.close()
    tabs = [await word2vec_tab(browser_cookie(), server, 40) for _ in range(6)]
    started = time.perf_counter()
    presses = [asyncio.create_task(tab.set_widget("tokens_train", trigger_value=True)) for tab in tabs]
    await asyncio.sleep(4)
    waiting = sum("tokens_cancel" in tab.last_run_keys for tab in tabs)
    seconds = time.perf_counter() - started
    for press in presses:
        press.cancel()
    for tab in tabs:
        await tab.close()
    return Answer(f"{waiting} of 6 waiting in the queue after 4 s (one slot per two cores)", seconds)


ATTACKS: dict[str, Callable[[StudentClient, Server_], Awaitable[Answer]]] = {
    "imdb_word": imdb_word, "imdb_pickle": imdb_pickle, "card_refs": card_refs, "big_lstm": big_lstm,
    "season_365": season_365, "csv_columns": csv_columns, "csv_cr": csv_cr, "closed_tab": closed_tab,
    "two_tabs": two_tabs, "word_lists": word_lists, "word2vec_six": word2vec_six, "lesson_link": lesson_link,
    "step_superscript": step_superscript,
}


# ---- the innocent student and the measurement ---------------------------------------------------------
async def innocent(server: Server_, times: list[float], stop: asyncio.Event, errors: list[str]) -> None:
    """Types a new text on Sentiment (a fragment rerun) every 0.3 s and records how long each took."""
    client = StudentClient(server.ws)
    try:
        await client.connect()
        await client.open_page("sentiment")
        n = 0
        while not stop.is_set():
            n += 1
            times.append(await client.set_widget("sentiment_text", string_value=f"The crew was kind, flight {n} on time"))
            await asyncio.sleep(0.3)
    except Exception as error:  # noqa: BLE001 - every failure is reported
        errors.append(f"innocent: {type(error).__name__}: {error}")
    finally:
        await client.close()


async def watch_memory(pid: int | None, outcome: Outcome, stop: asyncio.Event) -> None:
    while pid and not stop.is_set():
        outcome.rss_peak = max(outcome.rss_peak, rss_bytes(pid) / 2**30)
        await asyncio.sleep(0.2)


async def play(name: str, server: Server_, timeout: float) -> Outcome:
    files(name)  # built before anything is timed
    before = rss_bytes(server.pid) / 2**30 if server.pid else float("nan")
    outcome = Outcome(name, rss_before=before, rss_peak=before)
    stop = asyncio.Event()
    watchers = [asyncio.create_task(watch_memory(server.pid, outcome, stop)),
                asyncio.create_task(innocent(server, outcome.innocent, stop, outcome.errors))]
    await asyncio.sleep(1.5)  # the innocent session is typing before the attack starts
    attacker = StudentClient(server.ws, timeout=timeout, cookie=browser_cookie())
    await attacker.connect()
    started = time.perf_counter()
    try:
        answer = await asyncio.wait_for(ATTACKS[name](attacker, server), timeout)
        outcome.answer, outcome.answer_seconds = answer.text, answer.seconds
    except asyncio.TimeoutError:
        outcome.answer, outcome.answer_seconds = f"(no answer within {timeout:.0f} s)", time.perf_counter() - started
    except (RunFailed, OSError, Exception) as error:  # noqa: BLE001 - a failed attack is a result too
        outcome.answer = f"(failed: {type(error).__name__}: {error})"
        outcome.answer_seconds = time.perf_counter() - started
    await asyncio.sleep(1.0)  # the innocent session keeps typing a moment after the answer
    stop.set()
    await asyncio.gather(*watchers)
    await attacker.close()  # the attacker's tab closes
    if server.pid:
        await asyncio.sleep(1.0)
        used = cpu_seconds(server.pid)
        await asyncio.sleep(3.0)
        outcome.cpu_after_close = (cpu_seconds(server.pid) - used) / 3.0
    return outcome


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def report(outcomes: list[Outcome]) -> None:
    print()
    print("| attack | RSS before → peak | answer after | answer | innocent median / p95 (n) | CPU 1-4 s after close |")
    print("| --- | --- | --- | --- | --- | --- |")
    for o in outcomes:
        median = statistics.median(o.innocent) if o.innocent else float("nan")
        answer = o.answer.replace("\n", " ").replace("|", "/")[:110]
        print(f"| {o.name} | {o.rss_before:.2f} → {o.rss_peak:.2f} GB | {o.answer_seconds:.1f} s | {answer} | "
              f"{median:.2f} / {pct(o.innocent, 0.95):.2f} s ({len(o.innocent)}) | {o.cpu_after_close:.0%} |")
        for error in o.errors:
            print(f"    {error}")


async def run_all(names: list[str], server: Server_, timeout: float) -> list[Outcome]:
    warm = StudentClient(server.ws)  # load the pages' models once, as a class server has long before
    await warm.connect()
    for page in ("", "sentiment", "tokens", "forecast", "generate", "gates"):
        await warm.open_page(page)
    await warm.close()
    outcomes = []
    for name in names:
        print(f"playing {name} ...", file=sys.stderr, flush=True)
        outcomes.append(await play(name, server, timeout))
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=list(ATTACKS), help="attacks to play (default: all, in order)")
    parser.add_argument("--url", help="a running server, http://host:port (default: start one)")
    parser.add_argument("--pid", type=int, help="with --url: the server's process id, to watch its memory and CPU")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds an attack may take")
    args = parser.parse_args()
    names = args.only or list(ATTACKS)
    if args.url:
        url = args.url.rstrip("/")
        server = Server_(url.replace("http", "ws", 1) + "/_stcore/stream", url, args.pid)
        report(asyncio.run(run_all(names, server, args.timeout)))
        return
    with Server() as running:
        server = Server_(running.ws_url, running.http_url, running.process.pid)
        outcomes = asyncio.run(run_all(names, server, args.timeout))
    report(outcomes)


if __name__ == "__main__":
    main()
