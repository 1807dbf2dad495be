"""What a translator's model card records, typed: one task's three models and how each did.

A shipped card (`assets/seq2seq_<task>.json`, written by `lstm_core.build.seq2seq_build`)
holds, besides the common `ModelCard` fields, every variant's architecture, training
history and held-out scores; the page and the lesson read them through these dataclasses,
never through nested lookups.
"""

from __future__ import annotations

from dataclasses import dataclass

from lstm_core.seq2seq.evaluate import BeamFixes, CharacterAccuracy
from lstm_core.seq2seq.model import Seq2SeqSpec
from lstm_core.serving.cards import ModelCard, plain

VARIANTS = ("attention", "plain", "free_running")  # with attention; without; without, trained free running
MIN_POINT = 30  # held-out inputs of one length needed for a point on the page's chart (its table lists every length)


@dataclass(frozen=True)
class LengthPoint:
    """Exact match of the held-out inputs of one length."""

    count: int
    exact: float


@dataclass(frozen=True)
class VariantResults:
    """One model of the card: its architecture, its training, its held-out scores."""

    spec: Seq2SeqSpec
    exact: float  # greedy exact match on the held-out draw
    errors: int
    by_length: dict[int, LengthPoint]  # input length in characters -> exact match
    characters: CharacterAccuracy  # fed the truth, fed its own output
    beam_fixes: BeamFixes | None  # a beam over every greedy mistake (not for the free-running model)
    history: dict[str, tuple[float, ...]]  # per epoch: loss, val_loss, val_exact, seconds
    epochs_run: int
    best_epoch: int

    @classmethod
    def from_entry(cls, entry) -> "VariantResults":
        metrics, training = entry["metrics"], entry["training"]
        fixes = metrics.get("beam_fixes")
        return cls(
            Seq2SeqSpec.from_dict(plain(entry["architecture"])), float(metrics["exact"]), int(metrics["errors"]),
            {int(n): LengthPoint(int(p["count"]), float(p["exact"])) for n, p in metrics["by_length"].items()},
            CharacterAccuracy(**plain(metrics["characters"])),
            BeamFixes.from_dict(plain(fixes)) if fixes is not None else None,
            {k: tuple(float(v) for v in values) for k, values in training["history"].items()},
            int(training["epochs_run"]), int(training["best_epoch"]),
        )


@dataclass(frozen=True)
class TrainYourOwn:
    """The page's default training run, measured during the build (an upper bound on a shared machine)."""

    seconds: float
    test_exact: float
    test_size: int
    load: float  # the machine's 5-minute load average then
    cores: int


@dataclass(frozen=True)
class TranslatorResults:
    """A task's card, typed."""

    task: str
    sizes: dict[str, int]  # "train", "validation", "test"
    seed: int
    variants: dict[str, VariantResults]
    train_your_own: TrainYourOwn | None  # the dates card only

    @property
    def test_size(self) -> int:
        return self.sizes["test"]

    @classmethod
    def from_card(cls, card: ModelCard) -> "TranslatorResults":
        split = card.data["split"]
        run = card.detail("train_your_own")
        own = None
        if run is not None and "machine_load" in run:
            own = TrainYourOwn(float(run["seconds_training"]), float(run["test_exact"]), int(run["test_size"]),
                               float(run["machine_load"]["load_5min"]), int(run["machine_load"]["cores"]))
        return cls(card.task, {k: int(v) for k, v in split["sizes"].items()}, int(split["seed"]),
                   {v: VariantResults.from_entry(card.details["models"][v]) for v in VARIANTS}, own)
