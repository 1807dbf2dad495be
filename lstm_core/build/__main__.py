"""Rebuild every shipped asset: `python -m lstm_core.build [name ...]`.

Each builder trains (or computes) one asset family from installed data with a fixed
seed and writes weights and model cards into assets/. With no names, all are rebuilt
in order. Builders import TensorFlow themselves; the app never runs this.
"""

from __future__ import annotations

import argparse
import importlib
import time

from lstm_core.nn.assets import ASSETS

# name -> "module:function"; each function takes the assets folder and writes into it.
BUILDERS: dict[str, str] = {
    "brackets": "lstm_core.build.brackets_build:build",
    "forecasters": "lstm_core.build.forecast_build:build",
    "sentiment": "lstm_core.build.sentiment_build:build",
    "word_vectors": "lstm_core.build.embedding_build:build",
    "language_models": "lstm_core.build.charlm_build:build",
    "why_memory": "lstm_core.build.why_build:build",
    "gan": "lstm_core.build.gan_build:build",
    "attention": "lstm_core.build.attention_build:build",  # after sentiment: it reuses its vocabularies
    "compression": "lstm_core.compress.curves:build",  # after the models it compresses
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
        module_name, function = BUILDERS[name].split(":")
        getattr(importlib.import_module(module_name), function)(ASSETS)
        print(f"built {name} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
