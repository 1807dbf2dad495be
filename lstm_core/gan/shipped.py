"""The shipped sine GAN: loading it, and showing its two networks on the Gates page.

The generator reads noise, not a series, so on the Gates page one types a seed: the
noise drawn from it is traced, and each step is labelled with the value generated
there. The discriminator reads a window of numbers and says how real it looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lstm_core.forecast.forecast_models import parse_numbers
from lstm_core.gan.families import SineConfig, sine_windows
from lstm_core.gan.models import NumericGan
from lstm_core.gan.scores import Scores
from lstm_core.message import Message, Title, UserError
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.nn.trace import ModelTrace
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard

NAME = "gan_sine"  # assets/gan_sine.npz and .json, written by `python -m lstm_core.build gan`

MAX_SEED = 2**31 - 1


@dataclass(frozen=True)
class TextGenerator:
    """How one generator of balanced-bracket words did (the text GAN, the language model, random strings)."""

    valid_share: float
    distinct: int
    samples: tuple[str, ...]


@dataclass(frozen=True)
class ShippedResults:
    """What the shipped GAN's card records, typed."""

    chosen_epoch: int
    training_seconds: float
    scores: Scores  # the GAN's, against held-out real windows
    baseline: Scores  # the AR baseline's, on the same windows
    scored_on: str  # which windows, in words
    text_language: str  # the words the text GAN learns, in words
    text: dict[str, TextGenerator]  # "gan", "language_model", "random"

    @classmethod
    def from_card(cls, card: ModelCard) -> "ShippedResults":
        text = card.details["text_gan"]
        generators = {name: TextGenerator(float(text[name]["valid_share"]), int(text[name]["distinct"]),
                                          tuple(text[name]["samples"])) for name in ("gan", "language_model", "random")}
        return cls(int(card.details["selection"]["chosen_epoch"]), float(card.training_seconds),
                   Scores.from_card(card.metrics["gan"]), Scores.from_card(card.baseline), str(card.metrics["on"]),
                   str(text["language"]), generators)


def load(folder: Path = assets.ASSETS) -> tuple[NumericGan, ModelCard]:
    """The shipped GAN and its card, the weights checked against the card's SHA-256."""
    card = assets.read_card(NAME, folder)
    weights = assets.weights_from_bytes(assets.read_weights(card, folder))
    networks = []
    for part in ("generator", "discriminator"):
        prefix = f"{part}/"
        spec = NetworkSpec.from_dict(card.details[f"{part}_architecture"])
        networks.append(Network(spec, {k[len(prefix):]: v for k, v in weights.items() if k.startswith(prefix)}))
    noise = card.details["noise"]
    return NumericGan(*networks, noise["global"], noise["per_step"], noise["window"]), card


@dataclass
class GeneratorTraceable:
    """The shipped generator as the Gates page sees it (a `Traceable` (lstm_core.nn.trace))."""

    gan: NumericGan = field(repr=False)
    key: str = "gan_sine_generator"
    title: Title = Message("model.title.gan_sine_generator")
    input_kind: str = "numbers"
    default_text: str = "7"
    max_steps: int = 24  # the noise has one step per generated value

    def __post_init__(self) -> None:
        self.max_steps = self.gan.window

    @property
    def network(self) -> Network:
        """What the Gates page traces and takes gradients through (saliency over the noise steps)."""
        return self.gan.generator

    def trace_text(self, text: str) -> ModelTrace:
        values = parse_numbers(text)
        if len(values) != 1 or values[0] != int(values[0]) or not 0 <= values[0] <= MAX_SEED:
            raise UserError(f"type one whole number between 0 and {MAX_SEED}: the seed of the noise",
                            Message("error.numbers.seed", {"max": MAX_SEED}))

        seed = int(values[0])
        result = self.gan.generator.trace(self.gan.noise(1, seed)[0])
        generated = result.outputs[:, 0]
        summary = Message("model.summary.gan_generator", {"seed": seed, "count": len(generated),
                                                          "p_real": float(self.gan.judge(generated[None])[0])})
        labels = tuple(f"{v:.3f}" for v in generated)
        return ModelTrace(labels, (False,) * len(labels), result.layers, summary)

    def reference_texts(self) -> list[str]:
        return [str(seed) for seed in range(40)]


@dataclass
class DiscriminatorTraceable:
    """The shipped discriminator: type a window of numbers, see how real it looks."""

    gan: NumericGan = field(repr=False)
    key: str = "gan_sine_discriminator"
    title: Title = Message("model.title.gan_sine_discriminator")
    input_kind: str = "numbers"
    max_steps: int = 400

    @property
    def network(self) -> Network:
        """What the Gates page traces and takes gradients through (saliency over the window)."""
        return self.gan.discriminator

    @property
    def default_text(self) -> str:
        return ", ".join(f"{v:.3f}" for v in self.reference_windows(1)[0])

    def reference_windows(self, count: int) -> np.ndarray:
        return sine_windows(count, SineConfig(), np.random.default_rng(11))

    def trace_text(self, text: str) -> ModelTrace:
        values = parse_numbers(text)
        cut = len(values) if len(values) > self.max_steps else 0
        values = values[: self.max_steps]
        result = self.gan.discriminator.trace(values[:, None])
        p_real = float(result.outputs[0])
        verdict = "model.summary.gan_discriminator.real" if p_real >= 0.5 else "model.summary.gan_discriminator.generated"
        summary = Message(verdict, {"p_real": p_real, "window": self.gan.window})
        labels = tuple(f"{v:.4g}" for v in values)
        return ModelTrace(labels, (False,) * len(labels), result.layers, summary, cut)

    def reference_texts(self) -> list[str]:
        real = self.reference_windows(20)
        fake = self.gan.sample(20, seed=11)
        return [", ".join(f"{v:.3f}" for v in w) for w in np.vstack([real, fake])]


def load_generator() -> GeneratorTraceable:
    return GeneratorTraceable(load()[0])


def load_discriminator() -> DiscriminatorTraceable:
    return DiscriminatorTraceable(load()[0])
