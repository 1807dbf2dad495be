"""Tagger files: the weights of one or more taggers sharing one set of embeddings, and their card.

`<name>.npz` holds the character and bigram embeddings once and each tagger's LSTM and
dense arrays under its role ("bidirectional/lstm_0_forward/kernel", "forward/lstm_0/kernel",
...); `<name>.json` is the model card, with the vocabularies, the tag set, each role's
architecture and the SHA-256 of the weights, checked at load (`lstm_core.serving.assets`).
The shipped file holds the two-way tagger and the one-way model that reads its features.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard, plain
from lstm_core.nn.network import NetworkSpec
from lstm_core.tagging.features import CharFeatures
from lstm_core.tagging.tagger import Tagger

EMBEDDINGS = ("char_embedding", "bigram_embedding")


def save_taggers(name: str, taggers: dict[str, Tagger], card: dict, folder: Path = assets.ASSETS,
                 dtype=np.float16) -> ModelCard:
    """Write `<name>.npz` and `<name>.json` for taggers that share features and embeddings."""
    first = next(iter(taggers.values()))
    for tagger in taggers.values():
        if tagger.features != first.features or tagger.tags != first.tags or any(
                not np.array_equal(tagger.weights[k], first.weights[k]) for k in EMBEDDINGS):
            raise ValueError("taggers saved together must share their vocabularies, tags and embeddings")
    arrays = {k: first.weights[k] for k in EMBEDDINGS}
    for role, tagger in taggers.items():
        arrays.update({f"{role}/{k}": v for k, v in tagger.network.weights.items()})
    card = {**card, "features": first.features.to_dict(), "tags": list(first.tags),
            "architectures": {role: tagger.spec.to_dict() for role, tagger in taggers.items()},
            "embedding_dims": {k: int(first.weights[k].shape[1]) for k in EMBEDDINGS},
            "parameter_counts": {role: tagger.parameter_count for role, tagger in taggers.items()},
            "weights_dtype": np.dtype(dtype).name}
    return assets.write_asset(name, assets.weights_to_bytes(arrays, dtype), card, folder)


def load_taggers(name: str, folder: Path = assets.ASSETS) -> dict[str, Tagger]:
    """Every tagger in `<name>.npz`, by role, its card checked and its SHA-256 verified first."""
    card = assets.read_card(name, folder)
    data = assets.read_weights(card, folder)
    try:
        features = CharFeatures.from_dict(card.detail("features"))
        tags = tuple(card.detail("tags"))
        specs = {role: NetworkSpec.from_dict(plain(spec)) for role, spec in card.detail("architectures").items()}
        dims = card.detail("embedding_dims")
        expected = {"char_embedding": (len(features.chars), dims["char_embedding"]),
                    "bigram_embedding": (len(features.bigrams), dims["bigram_embedding"])}
        for role, spec in specs.items():
            expected.update({f"{role}/{k}": shape for k, shape in spec.weight_shapes().items()})
    except (KeyError, TypeError, ValueError) as error:
        raise assets.AssetError(f"the tagger card has no valid architecture: {error}", "bad_architecture") from error
    arrays = assets.weights_from_bytes(data, expected)
    embeddings = {k: arrays[k] for k in EMBEDDINGS}
    taggers = {}
    for role, spec in specs.items():
        own = {k.split("/", 1)[1]: v for k, v in arrays.items() if k.startswith(f"{role}/")}
        key = "tagger_zh" if spec.bidirectional else "tagger_zh_forward"
        taggers[role] = Tagger(features, tags, {**embeddings, **own}, spec, card, key=key)
    return taggers


def save_tagger(tagger: Tagger, name: str, card: dict, folder: Path) -> ModelCard:
    """One tagger on its own, in float32 (the search's cache; the build compares it with float16)."""
    return save_taggers(name, {"tagger": tagger}, card, folder, dtype=np.float32)


def as_shipped(tagger: Tagger) -> Tagger:
    """The same tagger with its weights rounded to float16 and back, exactly as they ship."""
    return Tagger(tagger.features, tagger.tags, assets.round_trip(tagger.weights), tagger.spec, tagger.card, key=tagger.key)


def load_tagger_file(name: str, folder: Path) -> Tagger:
    return load_taggers(name, folder)["tagger"]
