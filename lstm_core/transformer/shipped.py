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
