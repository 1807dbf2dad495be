"""Training an encoder-decoder, one epoch per call, for the page and for the build alike.

`Seq2SeqTraining` is a job of the app's one training queue (`lstm_core.ui.live_training`):
each `run_epoch` fits one pass through the one training loop (`lstm_core.training.trainer`),
then decodes the validation draw greedily with the NumPy network, so the curves show
what the model does at test time (exact match), not only its loss. The weights kept at
the end are those of the epoch with the lowest validation loss.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from lstm_core.message import Message, UserError
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.serving.budget import RecurrentWork
from lstm_core.training.trainer import TrainConfig, Trainer
from lstm_core.seq2seq.data import Draws, codec_for, draw_splits, training_arrays
from lstm_core.seq2seq.evaluate import BeamFixes, beam_fixes, exact_match, greedy_outputs
from lstm_core.seq2seq.model import ATTENTION_KINDS, Seq2SeqNetwork, Seq2SeqSpec
from lstm_core.seq2seq.tasks import task as task_named
from lstm_core.seq2seq.translator import Translator
from lstm_core.training.seq2seq_keras import build_seq2seq, export_weights


@dataclass(frozen=True)
class Seq2SeqConfig:
    """One training run; the page's widgets take their defaults and bounds from here."""

    task: str = "dates"
    attention: str = "general"  # "none" for the encoder-decoder without attention
    free_running: bool = False  # the decoder reads its own previous output while training
    units: int = 64  # the encoder's and the decoder's LSTM
    embedding_dim: int = 32
    examples: int = 10_000  # training draw; 10,000 dates reach about 97% exact in two epochs
    validation: int = 500  # scored after every epoch (greedy exact match)
    test: int = 2_000  # the held-out draw of a page run
    epochs: int = 3
    batch_size: int = 64
    learning_rate: float = 3e-3
    patience: int = 0  # >0: stop after this many epochs without a lower validation loss
    seed: int = 0

    LIMITS = {"units": (4, 256), "embedding_dim": (2, 64), "examples": (100, 50_000), "epochs": (1, 30)}

    def __post_init__(self) -> None:
        task_named(self.task)  # a UserError for an unknown task
        if self.attention not in ATTENTION_KINDS:
            raise ValueError(f"attention must be one of {ATTENTION_KINDS}, not {self.attention!r}")
        for name, (low, high) in self.LIMITS.items():
            value = getattr(self, name)
            if not low <= value <= high:
                raise UserError(f"{name} must be between {low} and {high}, not {value}",
                                Message("error.seq2seq.setting", {"setting": Message(f"seq2seq.{name}"),
                                                                  "low": low, "high": high}))

    def spec(self) -> Seq2SeqSpec:
        task = task_named(self.task)
        codec = codec_for(task)
        return Seq2SeqSpec(codec.source_size, codec.target_size, task.max_source, task.max_target,
                           self.embedding_dim, self.units, self.attention)

    def work(self) -> "EncoderDecoderWork":
        """The run's size for the server's work budget (`lstm_core.serving.budget`)."""
        spec = self.spec()
        encoder = RecurrentWork(self.examples, spec.max_source, spec.embedding_dim, (spec.units,), self.epochs,
                                batch_size=self.batch_size)
        decoder = RecurrentWork(self.examples, spec.max_target + 1, spec.embedding_dim, (spec.units,), self.epochs,
                                outputs_per_step=spec.target_vocab, batch_size=self.batch_size)
        # Attention compares every decoder step with every encoder step: T_out x T_in x H, and combines [c; h].
        per_example = (spec.max_target + 1) * (2 * spec.max_source * spec.units + 2 * spec.units * spec.units)
        attention = 0.0 if spec.attention == "none" else 3.0 * self.epochs * self.examples * per_example
        # Free running steps the decoder one character at a time: about twice the time (measured), counted so.
        return EncoderDecoderWork(encoder, decoder, attention, 2.0 if self.free_running else 1.0)


@dataclass(frozen=True)
class EncoderDecoderWork:
    """An encoder's and a decoder's `RecurrentWork`, plus attention's multiply-adds."""

    encoder: RecurrentWork
    decoder: RecurrentWork
    attention: float
    decoder_factor: float = 1.0  # 2 when the decoder trains free running, one step at a time

    def multiply_adds(self) -> float:
        return self.encoder.multiply_adds() + self.decoder_factor * (self.decoder.multiply_adds() + self.attention)


class Seq2SeqTraining:
    """An encoder-decoder being fitted, one epoch per `run_epoch` (a job of the training queue)."""

    def __init__(self, config: Seq2SeqConfig, draws: Draws | None = None) -> None:
        task = task_named(config.task)
        self.config, self.task, self.codec = config, task, codec_for(task)
        self.draws = draws or draw_splits(task, config.examples, config.validation, config.test, config.seed)
        self.spec = config.spec()
        x, y = training_arrays(self.codec, self.draws.train, self.spec.max_source, self.spec.max_target)
        validation = training_arrays(self.codec, self.draws.validation, self.spec.max_source, self.spec.max_target)
        fit = TrainConfig(epochs=config.epochs, batch_size=config.batch_size, learning_rate=config.learning_rate,
                          seed=config.seed, patience=config.patience)
        self.trainer = Trainer(lambda: build_seq2seq(self.spec, config.free_running), (x, y), fit, validation)
        self.validation_exact: list[float] = []

    seconds = property(lambda self: self.trainer.seconds)
    epochs_run = property(lambda self: self.trainer.epochs_run)
    best_epoch = property(lambda self: self.trainer.best_epoch)
    stopped = property(lambda self: self.trainer.stopped)
    finished = property(lambda self: self.trainer.finished)

    def stop(self) -> None:
        self.trainer.stop()

    def progress(self, within_epoch: float = 0.0) -> float:
        return (self.epochs_run + within_epoch) / self.config.epochs

    @property
    def history(self) -> dict[str, list[float]]:
        """{"loss": [...], "val_loss": [...], "val_exact": [...], "seconds": [...]} per epoch."""
        return {**self.trainer.history(), "val_exact": list(self.validation_exact),
                "seconds": [round(r.seconds, 2) for r in self.trainer.reports]}

    def current_network(self) -> Seq2SeqNetwork:
        return Seq2SeqNetwork(self.spec, export_weights(self.trainer.model, self.spec))

    def run_epoch(self, on_batch=None, should_stop=None) -> dict[str, float]:
        """Fit one epoch, then score the validation draw greedily; returns the epoch's logs."""
        report = self.trainer.run_epoch(on_batch, should_stop)
        outputs = greedy_outputs(self.current_network(), self.codec, self.draws.validation.sources)
        self.validation_exact.append(round(float(exact_match(outputs, self.draws.validation.targets).mean()), 4))
        return {**report.logs, "val_exact": self.validation_exact[-1]}

    def network(self, dtype=np.float16) -> Seq2SeqNetwork:
        """The best epoch's weights, as they will be after saving in `dtype`."""
        model = self.trainer.best_weights_restored()
        return Seq2SeqNetwork(self.spec, assets.round_trip(export_weights(model, self.spec), dtype))


FIX_WIDTH = 5  # the beam that looks for fixes of a finished run's greedy mistakes (as the build's)
MAX_FIX_SEARCH = 300  # greedy mistakes searched at most, so a poor model's search stays short


@dataclass(frozen=True)
class TrainedTranslator:
    """A finished page run: its translator, its held-out score, its curves."""

    translator: Translator
    test_exact: float  # on the run's own held-out draw, float16 weights
    test_size: int
    history: dict[str, list[float]]
    seconds: float
    epochs_run: int
    best_epoch: int
    stopped: bool
    beam_fixes: BeamFixes  # a beam over the held-out draw's greedy mistakes: which it puts right


def finish(job: Seq2SeqTraining, key: str, title: dict[str, str]) -> TrainedTranslator:
    """Wrap the best weights as a translator with its card, scored on the run's held-out draw.

    `title` is the display title in every language (language code -> text), as the card stores it.
    """
    network = job.network()
    test = job.draws.test
    outputs = greedy_outputs(network, job.codec, test.sources)
    exact = float(exact_match(outputs, test.targets).mean())
    card = ModelCard(title=title["en"], display_title=title, task=job.task.name,
                     data={"source": "generated by lstm_core.seq2seq.tasks", "distribution": job.task.distribution,
                           "split": job.draws.describe()},
                     config=asdict(job.config), metrics={"exact": round(exact, 4), "test_size": len(test)},
                     training_seconds=round(job.seconds, 1),
                     details={"epochs_run": job.epochs_run, "best_epoch": job.best_epoch,
                              "history": {k: [round(v, 4) for v in vals] for k, vals in job.history.items()}})
    translator = Translator(network, job.task, key, title, card)
    fixes = beam_fixes(network, job.codec, test, outputs, FIX_WIDTH, limit=MAX_FIX_SEARCH)
    return TrainedTranslator(translator, exact, len(test), job.history, job.seconds, job.epochs_run, job.best_epoch,
                             job.stopped, fixes)



def uploaded_run(translator: Translator) -> TrainedTranslator:
    """A translator read from a model file, as a finished run: what its card recorded, nothing re-measured."""
    card = translator.card
    history = {k: [float(v) for v in vals] for k, vals in (card.detail("history") or {}).items()}
    return TrainedTranslator(translator, float(card.metrics.get("exact", 0.0)), int(card.metrics.get("test_size", 0)),
                             history, float(card.training_seconds or 0.0), int(card.detail("epochs_run", 0)),
                             int(card.detail("best_epoch", 0)), False, BeamFixes(FIX_WIDTH, 0, 0, 0, ()))
