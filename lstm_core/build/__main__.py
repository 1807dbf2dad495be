"""Rebuild every shipped asset: `python -m lstm_core.build [name ...]`.

Each builder trains (or computes) one asset family from installed data with a fixed
seed and writes weights and model cards into assets/. With no names, all are rebuilt
in order. Builders import TensorFlow themselves; the app never runs this.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from typing import Callable

from lstm_core.serving.assets import ASSETS
from lstm_core.training.backend import deterministic


def _build_with(module: str, folder: Path) -> None:
    """Import `module` now, not before (builders pull in TensorFlow), and run its `build(folder)`."""
    importlib.import_module(module).build(folder)


def _build_apart(module: str, folder: Path) -> None:
    """Run `python -m module folder` in a process of its own, with TensorFlow's settings its `__main__` chooses.

    For a builder whose shipped results were trained without op determinism, which this
    process turns on for good (TensorFlow cannot turn it off again).
    """
    subprocess.run([sys.executable, "-m", module, str(folder)], check=True)


# name -> builder; every builder module has the same `build(folder)` that writes into the assets folder.
BUILDERS: dict[str, Callable[[Path], None]] = {
    "brackets": partial(_build_with, "lstm_core.build.brackets_build"),
    "forecasters": partial(_build_with, "lstm_core.build.forecast_build"),
    "word_vectors": partial(_build_with, "lstm_core.build.embedding_build"),
    "sentiment": partial(_build_with, "lstm_core.build.sentiment_build"),  # after word_vectors: zh starts from them
    "language_models": partial(_build_with, "lstm_core.build.charlm_build"),
    # Apart: the three cells shipped were trained with one thread and TensorFlow's default kernels; its
    # deterministic kernels train the plain RNN differently (distance 40: 78% instead of 52% on test).
    "why_memory": partial(_build_apart, "lstm_core.build.why_build"),
    "gan": partial(_build_with, "lstm_core.build.gan_build"),
    "attention": partial(_build_with, "lstm_core.build.attention_build"),  # after sentiment: it reuses its vocabularies
    "compression": partial(_build_with, "lstm_core.compress.curves"),  # after the models it compresses
    "generalize": partial(_build_with, "lstm_core.build.generalize_build"),  # after the word vectors it draws synonyms from
    "order": partial(_build_with, "lstm_core.build.order_build"),  # after sentiment: its card compares with those models
    "pretrain": partial(_build_with, "lstm_core.build.pretrain_build"),  # after sentiment: its card compares with them
    "pretrain_curve": partial(_build_with, "lstm_core.build.pretrain_curve_build"),  # after pretrain: same language models
    "tagging": partial(_build_with, "lstm_core.build.tagging_build"),
    "seq2seq": partial(_build_with, "lstm_core.build.seq2seq_build"),
    "transformer_lm": partial(_build_with, "lstm_core.build.transformer_build"),  # after language_models: same split
    "transformer_cost": partial(_build_with, "lstm_core.build.transformer_card"),  # re-measures transformer_lm's costs
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lstm_core.build", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"assets to rebuild (default: all of {', '.join(BUILDERS)})")
    args = parser.parse_args(argv)
    unknown = set(args.names) - set(BUILDERS)
    if unknown:
        parser.error(f"unknown asset(s) {sorted(unknown)}; choose from {sorted(BUILDERS)}")

    deterministic(seed=0)  # same seed, same weights: deterministic kernels cost a little speed, worth it here
    for name in args.names or BUILDERS:
        started = time.perf_counter()
        BUILDERS[name](ASSETS)
        print(f"built {name} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
