"""The shipped taggers and baseline: `load_tagger("zh")`, its one-way twin, and the CRF.

All three come from `python -m lstm_core.build tagging` (see its model card,
`assets/tagger_zh.json`); every file is checked against the SHA-256 its card records.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.tagging.crf import CrfConfig, CrfSegmenter
from lstm_core.tagging.tagger import Tagger
from lstm_core.tagging.tagger_files import load_taggers

NAME = "tagger_zh"
LANGUAGES = ("zh",)


def _check(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"the shipped tagger reads Chinese only ('zh'), not {language!r}")


def load_tagger(language: str = "zh", folder: Path = assets.ASSETS) -> Tagger:
    """The shipped character BiLSTM: `segment(text)`, `tag(text)`, `entities(text)`."""
    _check(language)
    return load_taggers(NAME, folder)["bidirectional"]


def load_forward_tagger(language: str = "zh", folder: Path = assets.ASSETS) -> Tagger:
    """The same features read left to right only (the page's "why bidirectional")."""
    _check(language)
    return load_taggers(NAME, folder)["forward"]


def load_both(folder: Path = assets.ASSETS) -> tuple[Tagger, Tagger]:
    """(two-way, one-way) from one read of the weights file."""
    taggers = load_taggers(NAME, folder)
    return taggers["bidirectional"], taggers["forward"]


def load_crf(folder: Path = assets.ASSETS) -> CrfSegmenter:
    """The CRF baseline the card describes, its file checked against the card's SHA-256."""
    card = assets.read_card(NAME, folder)
    try:
        entry, config = card.detail("crf"), CrfConfig(**card.config["crf"])
    except (KeyError, TypeError) as error:
        raise assets.AssetError(f"the tagger card names no CRF: {error}", "bad_architecture") from error
    packed = assets.read_verified(entry["file"], entry["sha256"], folder)  # checked before it is unpacked
    return CrfSegmenter(gzip.decompress(packed) if entry["file"].endswith(".gz") else packed, config)


def tagger_card(folder: Path = assets.ASSETS) -> ModelCard:
    return assets.read_card(NAME, folder)
