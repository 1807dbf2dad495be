"""Build the sequence-to-sequence models: `build(folder)` writes assets/seq2seq_<task>.npz/.json.

For each task (Chinese numerals, dates), from one seeded draw split three ways:
1. the attention model, its score (Luong's general or Bahdanau's additive) and width
   chosen on the validation draw's exact match (ties: validation loss);
2. the same encoder-decoder without attention (the baseline, and the teacher-forced
   half of the exposure-bias comparison);
3. the same without attention trained free running (the decoder reads its own output).
All three are scored on the held-out draw: exact match, by input length, per-character
accuracy fed the truth and fed their own output, beam search, and the inputs where a beam
fixes a greedy mistake (a search over the whole draw). The dates card also records a run
of the page's "train your own" settings, timed on one thread as the app trains.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from lstm_core.serving import assets
from lstm_core.training.backend import hardware, machine_load, threads
from lstm_core.training.trainer import run_to_end
from lstm_core.seq2seq import evaluate
from lstm_core.seq2seq.data import Draws, draw_splits
from lstm_core.seq2seq.tasks import TASKS
from lstm_core.seq2seq.train import Seq2SeqConfig, Seq2SeqTraining
from lstm_core.seq2seq.translator import VARIANTS, Translator, asset_name


@dataclass(frozen=True)
class BuildConfig:
    """Sizes of the shipped runs; each model trains in a minute or two on one core."""

    train: int = 20_000
    validation: int = 2_000
    test: int = 5_000
    epochs: int = 15
    patience: int = 3  # epochs without a lower validation loss before stopping
    embedding_dim: int = 32
    candidates: tuple[tuple[str, int], ...] = (("general", 64), ("additive", 64))
    beam_widths: tuple[int, ...] = (2, 3, 5)
    fix_width: int = 5  # the beam that searches for fixes of greedy mistakes
    timing_inputs: int = 200
    seed: int = 0


def _fit(config: Seq2SeqConfig, draws: Draws, label: str) -> Seq2SeqTraining:
    job = Seq2SeqTraining(config, draws)

    def said(report) -> None:
        print(f"  {label} epoch {report.epoch}: loss {report.train['loss']:.4f} val_loss "
              f"{report.validation['loss']:.4f} val_exact {job.validation_exact[-1] if job.validation_exact else '-'} "
              f"{report.seconds:.0f} s", flush=True)

    while not job.finished:
        job.run_epoch()
        said(job.trainer.reports[-1])
    return job


def _summary(job: Seq2SeqTraining) -> dict:
    return {"config": {k: v for k, v in asdict(job.config).items() if k not in ("validation", "test", "examples")},
            "epochs_run": job.epochs_run, "best_epoch": job.best_epoch, "training_seconds": round(job.seconds, 1),
            "history": {k: [round(v, 4) for v in vals] for k, vals in job.history.items()}}


def _select(base: Seq2SeqConfig, draws: Draws, build: BuildConfig) -> tuple[Seq2SeqTraining, list[dict]]:
    """Train every candidate; keep the best by validation exact match, then validation loss."""
    tried, best, best_key = [], None, None
    for attention, units in build.candidates:
        job = _fit(replace(base, attention=attention, units=units), draws, f"{attention}/{units}")
        network = job.network(np.float32)
        exact = float(evaluate.exact_match(evaluate.greedy_outputs(network, job.codec, draws.validation.sources),
                                           draws.validation.targets).mean())
        loss = min(job.history["val_loss"])
        tried.append({"attention": attention, "units": units, "validation_exact": round(exact, 4),
                      "validation_loss": float(f"{loss:.4g}"), "epochs_run": job.epochs_run, "best_epoch": job.best_epoch,
                      "training_seconds": round(job.seconds, 1)})
        key = (exact, -loss)
        if best_key is None or key > best_key:
            best, best_key = job, key
    return best, tried


def _scores(network, codec, draws: Draws, build: BuildConfig, beams: bool) -> dict:
    outputs = evaluate.greedy_outputs(network, codec, draws.test.sources)
    correct = evaluate.exact_match(outputs, draws.test.targets)
    scores = {"exact": round(float(correct.mean()), 4), "errors": int((~correct).sum()),
              "by_length": evaluate.by_length(draws.test.sources, correct),
              "characters": asdict(evaluate.character_accuracy(network, codec, draws.test))}
    if beams:
        scores["beam_exact"] = {str(w): evaluate.beam_exact(network, codec, draws.test, w) for w in build.beam_widths}
        scores["beam_fixes"] = evaluate.beam_fixes(network, codec, draws.test, outputs, build.fix_width).to_dict()
    return scores


def _validation_exact(network, codec, draws: Draws) -> float:
    return round(float(evaluate.exact_match(evaluate.greedy_outputs(network, codec, draws.validation.sources),
                                            draws.validation.targets).mean()), 4)


def _timing(translator, sources, count: int) -> dict:
    """Milliseconds to translate one input with NumPy (median and 95th percentile of `count`)."""
    times = []
    for text in sources[:count]:
        started = time.perf_counter()
        translator.translate([text])
        times.append((time.perf_counter() - started) * 1000)
    return {"inputs": len(times), "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(float(np.percentile(times, 95)), 2), "machine_load": machine_load()}




def train_your_own() -> dict:
    """The page's default run (dates), timed as the build runs TensorFlow, scored on its own held-out draw."""
    config = Seq2SeqConfig()
    started = time.perf_counter()
    job = Seq2SeqTraining(config)
    run_to_end(job.trainer)  # the trainer alone: the page scores validation after each epoch too
    wall = time.perf_counter() - started
    network = job.network()
    exact = float(evaluate.exact_match(evaluate.greedy_outputs(network, job.codec, job.draws.test.sources),
                                       job.draws.test.targets).mean())
    return {"config": asdict(config), "seconds_training": round(job.seconds, 1), "seconds_with_setup": round(wall, 1),
            "test_exact": round(exact, 4), "test_size": len(job.draws.test), "target": "95% exact within 60 s",
            "tensorflow_threads": {**threads(), "note": "0 means TensorFlow's default (every core); deterministic kernels"},
            "machine_load": machine_load()}


def build_task(name: str, folder: Path, build: BuildConfig = BuildConfig()) -> dict:
    task = TASKS[name]
    draws = draw_splits(task, build.train, build.validation, build.test, build.seed)
    base = Seq2SeqConfig(task=name, embedding_dim=build.embedding_dim, examples=build.train, validation=build.validation,
                         test=build.test, epochs=build.epochs, patience=build.patience, seed=build.seed)
    print(f"{name}: choosing the attention model on validation", flush=True)
    chosen, tried = _select(base, draws, build)
    units = chosen.config.units
    jobs = {"attention": chosen,
            "plain": _fit(replace(base, attention="none", units=units), draws, "plain"),
            "free_running": _fit(replace(base, attention="none", units=units, free_running=True), draws, "free")}
    # float16 halves the file; kept only if no model's validation exact match moves.
    full = {v: job.network(np.float32) for v, job in jobs.items()}
    half = {v: job.network(np.float16) for v, job in jobs.items()}
    codec = chosen.codec
    precision = {v: {"float32": _validation_exact(full[v], codec, draws), "float16": _validation_exact(half[v], codec, draws)}
                 for v in VARIANTS}
    dtype = np.float16 if all(p["float16"] >= p["float32"] for p in precision.values()) else np.float32
    shipped = half if dtype == np.float16 else full
    weights = {f"{v}/{k}": w for v in VARIANTS for k, w in shipped[v].weights.items()}
    models = {v: {"architecture": shipped[v].spec.to_dict(), "parameters": shipped[v].parameter_count(),
                  "training": _summary(jobs[v]), "decoder_reads": "its own previous output" if v == "free_running"
                  else "the true previous character (teacher forcing)",
                  "metrics": _scores(shipped[v], codec, draws, build, beams=v != "free_running")}
              for v in VARIANTS}
    card = {
        "title": f"Encoder-decoder LSTM: {name}",
        "task": name,
        "data": {"rule": task.rule.__doc__, "source": "generated by lstm_core.seq2seq.tasks (cn2an for the numerals)",
                 "distribution": task.distribution, "split": draws.describe(),
                 "test_lengths": {k: v["count"] for k, v in models["attention"]["metrics"]["by_length"].items()}},
        "models": models,
        "selection": {"criterion": "validation exact match (greedy), ties by the lowest validation loss",
                      "attention_placement": "Luong et al. 2015: the decoder's state after each step is the query; "
                      "scores tried: general (Luong) and additive (Bahdanau)",
                      "tried": tried, "chosen": {"attention": chosen.config.attention, "units": units},
                      "epochs": "each model: at most "
                      f"{build.epochs} epochs, stopped after {build.patience} without a lower validation loss, "
                      "best epoch's weights kept"},
        "baseline": {"name": "the same encoder-decoder without attention", "variant": "plain",
                     "metrics": {"exact": models["plain"]["metrics"]["exact"]}},
        "precision": {"validation_exact": precision, "shipped": np.dtype(dtype).name},
        "timing": _timing(Translator(shipped["attention"], task, asset_name(name), asset_name(name)),
                          draws.test.sources, build.timing_inputs),
        "build": asdict(build),
        "hardware": hardware(),
        "weights_dtype": np.dtype(dtype).name,
    }
    if name == "dates":
        print("dates: the page's default train-your-own run", flush=True)
        card["train_your_own"] = train_your_own()
    data = assets.weights_to_bytes(weights, dtype)
    card = assets.write_asset(asset_name(name), data, card, folder)
    print(f"{name}: attention {models['attention']['metrics']['exact']}, plain {models['plain']['metrics']['exact']}, "
          f"free running {models['free_running']['metrics']['exact']}", flush=True)
    return card


def build(folder: Path, config: BuildConfig = BuildConfig()) -> None:
    for name in TASKS:
        build_task(name, folder, config)


if __name__ == "__main__":
    import sys

    from lstm_core.training.backend import deterministic

    deterministic(seed=0, threads=1)
    started = time.perf_counter()
    for name in sys.argv[1:] or TASKS:
        build_task(name, assets.ASSETS)
    print(f"built seq2seq in {time.perf_counter() - started:.0f} s")
