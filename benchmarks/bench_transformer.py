"""Benchmark of "What came after": `python benchmarks/bench_transformer.py [--contexts 10 100 1000 ...]`.

Prints, for the shipped small Transformer, the small LSTM beside it and the shipped charlm_en
LSTM, the milliseconds and the bytes one generated character costs at each context (NumPy,
one BLAS thread; the same measurement `python -m lstm_core.build transformer_cost` writes into
the card), beside the card's numbers; and the page's rerun time (AppTest, server side) when
the typed text changes. On a shared machine the times are upper bounds.
"""

from __future__ import annotations

from timing import open_page, rerun_times  # first: puts the repository on sys.path

import argparse

from lstm_core.build.transformer_card import CONTEXTS, LANGUAGE, REPEATS, STEPS
from lstm_core.build.charlm_build import prepare
from lstm_core.generate import charlm
from lstm_core.generate.language_model import load_language_model
from lstm_core.transformer import cost, shipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contexts", type=int, nargs="*", default=list(CONTEXTS))
    args = parser.parse_args()
    pair = shipped.load()
    data = prepare(LANGUAGE)
    ids = charlm.stream(data.vocab, data.heldout_docs)[: cost.REAL_PREFIX + STEPS]
    card = pair.card["cost"]["models"]
    for name, model in (("transformer", pair.transformer), ("lstm", pair.lstm), ("shipped_lstm", load_language_model("en"))):
        points = cost.measure(model, ids, tuple(args.contexts), STEPS, REPEATS)
        in_card = {p["context"]: p for p in card[name]}
        for p in points:
            was = in_card.get(p.context)
            shown = f" (card {1e3 * was['seconds_per_char']:.3f} ms)" if was else ""
            print(f"{name:13s} context {p.context:>7,}: {1e3 * p.seconds_per_char:8.3f} ms/char{shown}, "
                  f"{p.state_bytes:>12,} bytes, {p.multiply_adds:>12,} multiply-adds")
    at, first = open_page("pages/practical.py")
    texts = [f"the cat sat on the mat {i}" for i in range(5)] + ["x" * 500]  # each new: no cached reading
    times = rerun_times(at, lambda i: at.text_input(key="practical_after_text").set_value(texts[i]), len(texts))
    print(f"practical page: first run {first:.1f} s; rerun after typing a new text: median {times.median_ms():.0f} ms, "
          f"max {times.max_ms():.0f} ms over {len(times)} reruns (all tabs run)")


if __name__ == "__main__":
    main()
