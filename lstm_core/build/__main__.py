"""Rebuild every shipped asset: `python -m lstm_core.build [name ...]`.

Each builder trains (or computes) one asset family from installed data with a fixed
seed and writes weights and model cards into assets/. With no names, all are rebuilt
in order. Builders import TensorFlow themselves; the app never runs this.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Callable

from lstm_core.nn.assets import ASSETS


# One function per asset family: it imports its builder when called and writes into the folder.
def _brackets(folder: Path) -> None:
    from lstm_core.build.brackets_build import build

    build(folder)


def _forecasters(folder: Path) -> None:
    from lstm_core.build.forecast_build import build

    build(folder)


def _sentiment(folder: Path) -> None:
    from lstm_core.build.sentiment_build import build

    build(folder)


def _word_vectors(folder: Path) -> None:
    from lstm_core.build.embedding_build import build

    build(folder)


def _language_models(folder: Path) -> None:
    from lstm_core.build.charlm_build import build

    build(folder)


def _why_memory(folder: Path) -> None:
    from lstm_core.build.why_build import build

    build(folder)


def _gan(folder: Path) -> None:
    from lstm_core.build.gan_build import build

    build(folder)


def _generalize(folder: Path) -> None:
    from lstm_core.build.generalize_build import build

    build(folder)


def _attention(folder: Path) -> None:
    from lstm_core.build.attention_build import build

    build(folder)


def _compression(folder: Path) -> None:
    from lstm_core.compress.curves import build

    build(folder)


BUILDERS: dict[str, Callable[[Path], None]] = {
    "brackets": _brackets,
    "forecasters": _forecasters,
    "sentiment": _sentiment,
    "word_vectors": _word_vectors,
    "language_models": _language_models,
    "why_memory": _why_memory,
    "gan": _gan,
    "attention": _attention,  # after sentiment: it reuses its vocabularies
    "compression": _compression,  # after the models it compresses
    "generalize": _generalize,  # after the word vectors it draws synonyms from
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lstm_core.build", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"assets to rebuild (default: all of {', '.join(BUILDERS)})")
    args = parser.parse_args(argv)
    unknown = set(args.names) - set(BUILDERS)
    if unknown:
        parser.error(f"unknown asset(s) {sorted(unknown)}; choose from {sorted(BUILDERS)}")
    from lstm_core.nn.backend import deterministic

    deterministic(seed=0)  # same seed, same weights: deterministic kernels cost a little speed, worth it here
    for name in args.names or BUILDERS:
        started = time.perf_counter()
        BUILDERS[name](ASSETS)
        print(f"built {name} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
