"""The shipped pair of small language models: a Transformer and an LSTM of about the same size.

Both were trained on the same characters of the same corpus, with the same budget
(`python -m lstm_core.build transformer_lm`, see `lstm_core.build.transformer_build`),
and ship in one file, `assets/transformer_lm_en.npz`, their arrays prefixed
"transformer/" and "lstm/"; the card beside it holds both architectures, the choices made
on validation, the held-out bits per character and the cost per generated character.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.generate.language_model import CharLanguageModel
from lstm_core.message import Message
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.serving import assets
from lstm_core.text.vocab import Vocabulary
from lstm_core.transformer.encoder import Transformer, TransformerSpec
from lstm_core.transformer.language_model import TransformerLanguageModel

NAME = "transformer_lm_en"  # written by `python -m lstm_core.build transformer_lm`
FAMILIES = ("lstm", "transformer")


def pack(transformer: Transformer, lstm: Network) -> dict[str, np.ndarray]:
    """One flat dict of both models' arrays, prefixed by family."""
    return {**{f"transformer/{k}": v for k, v in transformer.weights.items()},
            **{f"lstm/{k}": v for k, v in lstm.weights.items()}}


def specs(card: dict) -> tuple[TransformerSpec, NetworkSpec]:
    return (TransformerSpec.from_dict(card["models"]["transformer"]["architecture"]),
            NetworkSpec.from_dict(card["models"]["lstm"]["architecture"]))


@dataclass(frozen=True)
class ModelPair:
    """The two shipped models, ready for the generation loop, and their card."""

    transformer: TransformerLanguageModel
    lstm: CharLanguageModel
    card: dict


def from_arrays(card: dict, weights: dict[str, np.ndarray]) -> ModelPair:
    """Both models from the card and the unpacked arrays."""
    t_spec, l_spec = specs(card)
    vocab = Vocabulary(tuple(card["vocabulary"]))
    part = {family: {k.split("/", 1)[1]: v for k, v in weights.items() if k.startswith(f"{family}/")}
            for family in FAMILIES}
    transformer = TransformerLanguageModel(Transformer(t_spec, part["transformer"]), vocab, card,
                                           context=card["models"]["transformer"]["config"]["sequence_length"])
    lstm = CharLanguageModel(Network(l_spec, part["lstm"]), vocab, card, key=f"{NAME}_lstm",
                             title=Message("model.title.transformer_lm_lstm"), default_text="I love ")
    return ModelPair(transformer, lstm, card)


def load(folder=assets.ASSETS) -> ModelPair:
    """The shipped pair, its weights checked against the card's SHA-256 and shapes first."""
    card = assets.read_card(NAME, folder)
    data = assets.read_verified(card["weights_file"], card["weights_sha256"], folder)
    t_spec, l_spec = specs(card)
    expected = {f"transformer/{k}": s for k, s in t_spec.weight_shapes().items()}
    expected |= {f"lstm/{k}": s for k, s in l_spec.weight_shapes().items()}
    return from_arrays(card, assets.weights_from_bytes(data, expected))


@dataclass(frozen=True)
class Comparison:
    """Where each model wins, in the card's numbers (what the page and the lesson say)."""

    bits: dict[str, float]  # held-out bits per character: transformer, lstm, shipped_lstm, ngram
    parameters: dict[str, int]  # transformer, lstm, shipped_lstm
    ngram_order: int
    budget_characters: int
    training_seconds: dict[str, float]  # transformer, lstm (this machine, shared)
    characters_per_second: dict[str, int]
    contexts: tuple[int, ...]
    milliseconds: dict[str, tuple[float, ...]]  # per character at each context: transformer, lstm, shipped_lstm
    state_bytes: dict[str, tuple[int, ...]]  # kept to write the next character, at each context
    multiply_adds: dict[str, tuple[int, ...]]  # per character at each context, counted on paper
    time_crossover: float | None  # context from which the Transformer is slower than the small LSTM
    memory_crossover: float  # context from which its cache holds more than the small LSTM's state
    heldout_characters: int

    @staticmethod
    def from_card(card: dict) -> "Comparison":
        models, reference, cost = card["models"], card["reference"], card["cost"]
        curves = cost["models"]
        return Comparison(
            bits={**{f: models[f]["metrics"]["heldout_bits_per_char"] for f in FAMILIES},
                  "shipped_lstm": reference["shipped_lstm"]["heldout_bits_per_char"],
                  "ngram": reference["baseline"]["heldout_bits_per_char"]},
            parameters={**{f: models[f]["parameters"] for f in FAMILIES},
                        "shipped_lstm": reference["shipped_lstm"]["parameters"]},
            ngram_order=reference["baseline"]["order"],
            budget_characters=card["budget"]["characters"],
            training_seconds={f: models[f]["training_seconds"] for f in FAMILIES},
            characters_per_second={f: models[f]["characters_per_second"] for f in FAMILIES},
            contexts=tuple(cost["contexts"]),
            milliseconds={name: tuple(1e3 * p["seconds_per_char"] for p in points) for name, points in curves.items()},
            state_bytes={name: tuple(p["state_bytes"] for p in points) for name, points in curves.items()},
            multiply_adds={name: tuple(p["multiply_adds"] for p in points) for name, points in curves.items()},
            time_crossover=cost["crossover"]["time_vs_lstm"],
            memory_crossover=cost["crossover"]["memory_vs_lstm"],
            heldout_characters=models["transformer"]["heldout_characters_predicted"],
        )

    @property
    def overhead_bound(self) -> bool:
        """At the shortest context, is the Transformer's time ratio to the LSTM over twice its arithmetic ratio?

        Then most of its extra time there is the overhead of many small NumPy operations, not arithmetic.
        """
        time_ratio = self.milliseconds["transformer"][0] / self.milliseconds["lstm"][0]
        work_ratio = self.multiply_adds["transformer"][0] / self.multiply_adds["lstm"][0]
        return time_ratio > 2 * work_ratio

    @property
    def better_bits(self) -> str:
        """"transformer" or "lstm": the small model with fewer held-out bits per character."""
        return "transformer" if self.bits["transformer"] < self.bits["lstm"] else "lstm"
