"""The shipped pair of small language models: a Transformer and an LSTM of about the same size.

Both were trained on the same characters of the same corpus, with the same budget
(`python -m lstm_core.build transformer_lm`, see `lstm_core.build.transformer_build`),
and ship in one file, `assets/transformer_lm_en.npz`, their arrays prefixed
"transformer/" and "lstm/"; the card beside it holds both architectures, the choices made
on validation, the held-out bits per character and the cost per generated character.
`Comparison` is that card read into types: what the page and the lesson say comes from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.generate.language_model import CharLanguageModel
from lstm_core.message import Message
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard, plain
from lstm_core.text.vocab import Vocabulary
from lstm_core.transformer.cost import CostPoint
from lstm_core.transformer.encoder import Transformer, TransformerSpec
from lstm_core.transformer.language_model import TransformerLanguageModel

NAME = "transformer_lm_en"  # written by `python -m lstm_core.build transformer_lm`
FAMILIES = ("lstm", "transformer")


def pack(transformer: Transformer, lstm: Network) -> dict[str, np.ndarray]:
    """One flat dict of both models' arrays, prefixed by family."""
    return {**{f"transformer/{k}": v for k, v in transformer.weights.items()},
            **{f"lstm/{k}": v for k, v in lstm.weights.items()}}


def specs(card: ModelCard) -> tuple[TransformerSpec, NetworkSpec]:
    models = card.details["models"]
    return (TransformerSpec.from_dict(plain(models["transformer"]["architecture"])),
            NetworkSpec.from_dict(plain(models["lstm"]["architecture"])))


@dataclass(frozen=True)
class ModelPair:
    """The two shipped models, ready for the generation loop, and their card."""

    transformer: TransformerLanguageModel
    lstm: CharLanguageModel
    card: ModelCard


def from_arrays(card: ModelCard, weights: dict[str, np.ndarray]) -> ModelPair:
    """Both models from the card and the unpacked arrays."""
    t_spec, l_spec = specs(card)
    vocab = Vocabulary(tuple(card.details["vocabulary"]))
    part = {family: {k.split("/", 1)[1]: v for k, v in weights.items() if k.startswith(f"{family}/")}
            for family in FAMILIES}
    transformer = TransformerLanguageModel(Transformer(t_spec, part["transformer"]), vocab, card,
                                           context=int(card.details["models"]["transformer"]["config"]["sequence_length"]))
    lstm = CharLanguageModel(Network(l_spec, part["lstm"]), vocab, card, key=f"{NAME}_lstm",
                             title=Message("model.title.transformer_lm_lstm"), default_text="I love ")
    return ModelPair(transformer, lstm, card)


def load(folder=assets.ASSETS) -> ModelPair:
    """The shipped pair, its weights checked against the card's SHA-256 and shapes first."""
    card = assets.read_card(NAME, folder)
    t_spec, l_spec = specs(card)
    expected = {f"transformer/{k}": s for k, s in t_spec.weight_shapes().items()}
    expected |= {f"lstm/{k}": s for k, s in l_spec.weight_shapes().items()}
    return from_arrays(card, assets.weights_from_bytes(assets.read_weights(card, folder), expected))


@dataclass(frozen=True)
class Tried:
    """One configuration of the sweep: its shape, its validation bits per character, whether it shipped."""

    family: str
    config: dict
    validation_bits: float
    chosen: bool


@dataclass(frozen=True)
class Comparison:
    """Where each model wins, in the card's numbers (what the page and the lesson say)."""

    bits: dict[str, float]  # held-out bits per character: transformer, lstm, shipped_lstm, ngram
    parameters: dict[str, int]  # transformer, lstm, shipped_lstm
    ngram_order: int
    budget_characters: int
    training_seconds: dict[str, float]  # transformer, lstm (this machine, shared), shipped_lstm (its GPU)
    characters_per_second: dict[str, int]  # transformer, lstm
    training_curves: dict[str, tuple[tuple[int, float], ...]]  # (characters trained on, validation bits) per epoch
    tried: tuple[Tried, ...]
    curves: dict[str, tuple[CostPoint, ...]]  # transformer, lstm, shipped_lstm: one point per context
    time_crossover: float | None  # context from which the Transformer is slower than the small LSTM
    memory_crossover: float  # context from which its cache holds more than the small LSTM's state
    cache_bytes_per_position: int
    cache_budget_bytes: int
    real_prefix: int  # characters really read before the cache is tiled out
    steps: int  # characters timed per run
    repeats: int  # runs per context (the median is kept)
    heldout_characters: int

    @staticmethod
    def from_card(card: ModelCard) -> "Comparison":
        d = card.details
        models, reference, cost = d["models"], d["reference"], d["cost"]
        per_epoch = {f: models[f]["config"]["windows_per_epoch"] * models[f]["config"]["sequence_length"]
                     for f in FAMILIES}
        return Comparison(
            bits={**{f: models[f]["metrics"]["heldout_bits_per_char"] for f in FAMILIES},
                  "shipped_lstm": reference["shipped_lstm"]["heldout_bits_per_char"],
                  "ngram": reference["baseline"]["heldout_bits_per_char"]},
            parameters={**{f: models[f]["parameters"] for f in FAMILIES},
                        "shipped_lstm": reference["shipped_lstm"]["parameters"]},
            ngram_order=reference["baseline"]["order"],
            budget_characters=d["budget"]["characters"],
            training_seconds={**{f: models[f]["training_seconds"] for f in FAMILIES},
                              "shipped_lstm": reference["shipped_lstm"]["training_seconds"]},
            characters_per_second={f: models[f]["characters_per_second"] for f in FAMILIES},
            training_curves={f: tuple((per_epoch[f] * e["epoch"], e["validation_bits_per_char"])
                                      for e in models[f]["training_log"]) for f in FAMILIES},
            tried=tuple(Tried(f, plain(run["config"]), run["validation_bits_per_char"],
                              plain(run["config"]) == plain(models[f]["config"]))
                        for f in FAMILIES for run in models[f]["configs_tried"]),
            curves={name: tuple(CostPoint(**plain(p)) for p in points) for name, points in cost["models"].items()},
            time_crossover=cost["crossover"]["time_vs_lstm"],
            memory_crossover=cost["crossover"]["memory_vs_lstm"],
            cache_bytes_per_position=cost["cache_bytes_per_position"],
            cache_budget_bytes=cost["cache_budget_bytes"],
            real_prefix=cost["real_prefix"], steps=cost["steps"], repeats=cost["repeats"],
            heldout_characters=models["transformer"]["heldout_characters_predicted"],
        )

    @property
    def contexts(self) -> tuple[int, ...]:
        return tuple(p.context for p in self.curves["transformer"])

    def milliseconds(self, name: str) -> tuple[float, ...]:
        """Per generated character at each context."""
        return tuple(1e3 * p.seconds_per_char for p in self.curves[name])

    def state_bytes(self, name: str) -> tuple[int, ...]:
        """Kept to write the next character, at each context."""
        return tuple(p.state_bytes for p in self.curves[name])

    def multiply_adds(self, name: str) -> tuple[int, ...]:
        """Per character at each context, counted on paper."""
        return tuple(p.multiply_adds for p in self.curves[name])

    @property
    def overhead_bound(self) -> bool:
        """At the shortest context, is the Transformer's time ratio to the LSTM over twice its arithmetic ratio?

        Then most of its extra time there is the overhead of many small NumPy operations, not arithmetic.
        """
        time_ratio = self.milliseconds("transformer")[0] / self.milliseconds("lstm")[0]
        work_ratio = self.multiply_adds("transformer")[0] / self.multiply_adds("lstm")[0]
        return time_ratio > 2 * work_ratio

    @property
    def still_improving(self) -> bool:
        """Did both small models reach their best validation score in their last epoch (stopped by the budget)?"""
        return all(points[-1][1] == min(bits for _, bits in points) for points in self.training_curves.values())

    @property
    def better_bits(self) -> str:
        """"transformer" or "lstm": the small model with fewer held-out bits per character."""
        return "transformer" if self.bits["transformer"] < self.bits["lstm"] else "lstm"


def comparison(folder=assets.ASSETS) -> Comparison:
    """The shipped card's numbers, typed (no weights loaded)."""
    return Comparison.from_card(assets.read_card(NAME, folder))
