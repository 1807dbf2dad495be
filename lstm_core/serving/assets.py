"""Model files: the shipped ones in assets/, and the zip a student downloads and uploads.

A shipped model is `assets/<name>.npz` (arrays only, read with allow_pickle=False) plus
`assets/<name>.json`, its card (`lstm_core.serving.cards.ModelCard`): data, split, seed,
sizes, metrics, training time and the SHA-256 of the weights file, checked at load. The
architecture is rebuilt in code from the card's `architecture` entry, so nothing
executable is ever loaded from a file.

Every model a student can train, download or upload has one file format: a zip of
`weights.npz`, `card.json` and text members (`write_model_file` / `read_model_file`),
read back through the same checks as an upload. The models' own `save()` / `load(data)`
(forecaster, sentiment classifier, character language model, word vectors) write and
read it; pages never call these functions themselves.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from lstm_core.message import Message, Quoted, UserError
from lstm_core.serving.archive import ArchiveError, Limits, check_npz, open_zip, read_member
from lstm_core.serving.cards import LIMITS as CARD_LIMITS, CardError, ModelCard
from lstm_core.serving.limits import OVER_LIMIT_KINDS
from lstm_core.nn.network import Network

ASSETS = Path(__file__).resolve().parents[2] / "assets"
MAX_UPLOAD_BYTES = 25 * 1024 * 1024  # a model zip larger than this is refused unread
# The largest shipped model has 2.6 M weights (10 MB as float32); a trained one is smaller.
# A Transformer is many small arrays (16 per block): why_memory holds 140, transformer_lm_en 74.
WEIGHT_LIMITS = Limits(member_bytes=48 * 2**20, total_bytes=64 * 2**20, members=256)
UPLOAD_LIMITS = Limits(member_bytes=48 * 2**20, total_bytes=64 * 2**20, members=8)
MAX_TEXT_MEMBER = 2 * 2**20  # a vocabulary or other text file inside a model zip


class AssetError(UserError):
    """A model file is missing, altered, or not what a model card says (`message` for the page)."""

    def __init__(self, text: str, key: str, /, **values):
        super().__init__(text, Message(f"error.asset.{key}", values))


# Asset name prefix -> the `python -m lstm_core.build` name that writes it.
BUILT_BY = {
    "brackets": "brackets", "forecast_": "forecasters", "sentiment_": "sentiment",
    "word_vectors_": "word_vectors", "charlm_": "language_models", "why_memory": "why_memory", "gan_": "gan", "compression": "compression",
    "generalize": "generalize", "attention_": "attention", "order_": "order", "tagger_": "tagging", "seq2seq_": "seq2seq",
    "transformer_lm": "transformer_lm",
    "pretrain_curve": "pretrain_curve", "pretrain_": "pretrain",
}


def rebuild_hint(name: str) -> str:
    """The command that rebuilds the asset `name` (a file name or stem)."""
    stem = Path(name).stem
    build = next((b for prefix, b in BUILT_BY.items() if stem.startswith(prefix)), "")
    return f"python -m lstm_core.build {build}".rstrip()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def weights_to_bytes(weights: dict[str, np.ndarray], dtype=np.float16) -> bytes:
    """Serialise weights as a compressed .npz; float16 halves the size at no visible cost."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **{k: np.asarray(v, dtype=dtype) for k, v in weights.items()})
    return buffer.getvalue()


def weights_from_bytes(data: bytes, expected: dict[str, tuple[int, ...]] | None = None) -> dict[str, np.ndarray]:
    """The arrays of an `.npz`, checked (sizes, dtypes, `expected` shapes) before unpacking."""
    try:
        with check_npz(data, expected, WEIGHT_LIMITS) as archive:
            return {
                info.filename.removesuffix(".npy"): np.load(
                    io.BytesIO(read_member(archive, info.filename)), allow_pickle=False
                ).astype(np.float32)
                for info in archive.infolist()
            }
    except ArchiveError as error:
        raise AssetError(f"not a valid weights archive: {error}", "bad_weights", reason=error.message) from error
    except (ValueError, OSError) as error:
        raise AssetError(f"not a valid weights archive: {error}", "unreadable_weights") from error


def round_trip(weights: dict[str, np.ndarray], dtype=np.float16) -> dict[str, np.ndarray]:
    """The weights exactly as they will be after saving and loading."""
    return weights_from_bytes(weights_to_bytes(weights, dtype))


def card_of(card: ModelCard | Mapping) -> ModelCard:
    """A `ModelCard` from a card or from the plain dict a builder writes."""
    return card if isinstance(card, ModelCard) else ModelCard.from_dict(card)


def write_asset(name: str, data: bytes, card: ModelCard | Mapping, folder: Path = ASSETS) -> ModelCard:
    """Write `<name>.npz` and its card `<name>.json`, the card naming the file and its SHA-256."""
    folder.mkdir(parents=True, exist_ok=True)
    card = card_of(card).with_entries(name=name, weights_file=f"{name}.npz", weights_sha256=sha256_bytes(data))
    (folder / f"{name}.npz").write_bytes(data)
    (folder / f"{name}.json").write_text(card.to_json(), encoding="utf-8")
    return card


def save_model(name: str, network: Network, card: ModelCard | Mapping, folder: Path = ASSETS,
               dtype=np.float16) -> ModelCard:
    """Write `<name>.npz` and `<name>.json`; returns the card as written."""
    card = card_of(card).with_entries(architecture=network.spec.to_dict(), parameters=network.parameter_count(),
                                      weights_dtype=np.dtype(dtype).name)
    return write_asset(name, weights_to_bytes(network.weights, dtype), card, folder)


def _read_json(name: str, folder: Path) -> dict:
    path, command = folder / f"{name}.json", rebuild_hint(name)
    if not path.is_file():
        raise AssetError(f"no model card {path.name}; rebuild it with `{command}`", "no_card", file=path.name, command=command)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AssetError(f"the model card {path.name} is damaged ({error.__class__.__name__}); rebuild it with `{command}`",
                         "card_damaged", file=path.name, command=command) from error
    if not isinstance(record, dict):
        raise AssetError(f"the model card {path.name} is not a JSON object; rebuild it with `{command}`",
                         "card_damaged", file=path.name, command=command)
    return record


def read_card(name: str, folder: Path = ASSETS) -> ModelCard:
    """A shipped model card; a missing or damaged one is an AssetError naming the rebuild."""
    record = _read_json(name, folder)
    try:
        return ModelCard.from_dict(record)
    except CardError as error:
        command = rebuild_hint(name)
        raise AssetError(f"the model card {name}.json is damaged ({error}); rebuild it with `{command}`",
                         "card_damaged", file=f"{name}.json", command=command) from error


def read_record(name: str, folder: Path = ASSETS) -> dict:
    """A shipped record of results that is not a model's card (`compression.json`, `generalize.json`), as JSON data."""
    return _read_json(name, folder)


def read_verified(filename: str, sha256: str | None, folder: Path = ASSETS) -> bytes:
    """An asset file's bytes, refused unless they match the SHA-256 its card records."""
    path, command = folder / filename, rebuild_hint(filename)
    if Path(filename).name != filename:
        raise AssetError(f"{filename!r} is not a file name inside the assets folder", "outside_assets", file=filename)
    if not path.is_file():
        raise AssetError(f"{path.name} is missing; rebuild it with `{command}`", "missing", file=path.name, command=command)
    data = path.read_bytes()
    if sha256_bytes(data) != sha256:
        raise AssetError(f"{path.name} does not match the SHA-256 in its model card; rebuild it with `{command}`",
                         "altered", file=path.name, command=command)
    return data


def read_weights(card: ModelCard, folder: Path = ASSETS) -> bytes:
    """The weights file a shipped card names, checked against the SHA-256 it records."""
    return read_verified(card.weights_file or f"{card.name}.npz", card.weights_sha256, folder)


def _build_network(card: ModelCard, data: bytes) -> Network:
    if card.architecture is None:
        raise AssetError("the model card has no valid architecture: none given", "bad_architecture")
    weights = weights_from_bytes(data, card.architecture.weight_shapes())
    try:
        return Network(card.architecture, weights)
    except (KeyError, ValueError) as error:
        raise AssetError(f"weights do not fit the architecture in the card: {error}", "weights_misfit") from error


def load_model(name: str, folder: Path = ASSETS) -> tuple[Network, ModelCard]:
    """Load a shipped model and its card, verifying the SHA-256 first."""
    card = read_card(name, folder)
    return _build_network(card, read_weights(card, folder)), card


# ---- the file a student downloads and uploads ----------------------------------------------------
@dataclass(frozen=True)
class ModelFile:
    """What a model zip holds: its card, its weights (`.npz` bytes, hash-checked) and any text members."""

    card: ModelCard
    weights: bytes
    texts: Mapping[str, str]  # e.g. a word list, one per line


def write_model_file(card: ModelCard, weights: bytes, texts: Mapping[str, str] | None = None) -> bytes:
    """The one model file format: a zip of weights.npz, card.json (with the weights' SHA-256) and text members."""
    card = replace(card, weights_file=None, weights_sha256=sha256_bytes(weights))  # the weights are inside the zip
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("weights.npz", weights)
        archive.writestr("card.json", card.to_json())
        for filename, text in (texts or {}).items():
            archive.writestr(filename, text)
    return buffer.getvalue()


def read_model_file(data: bytes) -> ModelFile:
    """Read a zip written by `write_model_file`; anything else is refused with a clear message.

    Every size is checked before anything is unpacked, the inner weights.npz included,
    and the card is checked field by field (`lstm_core.serving.cards`), the bounds on what
    its model may cost the server included (`lstm_core.serving.limits`).
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise AssetError(f"the file is larger than {MAX_UPLOAD_BYTES // 2**20} MB", "upload_too_large",
                         megabytes=MAX_UPLOAD_BYTES // 2**20)
    try:
        with open_zip(data, UPLOAD_LIMITS) as archive:
            names = set(archive.namelist())
            if not {"weights.npz", "card.json"} <= names:
                raise AssetError("the zip needs weights.npz and card.json", "zip_members")
            card_size = archive.getinfo("card.json").file_size  # from the directory: checked before it is read
            if card_size > CARD_LIMITS.bytes:
                raise AssetError(f"card.json is larger than {CARD_LIMITS.bytes // 2**20} MB", "member_too_large",
                                 file="card.json", megabytes=CARD_LIMITS.bytes // 2**20)
            card = _uploaded_card(read_member(archive, "card.json"))
            texts = {}
            for info in archive.infolist():
                if info.filename in ("weights.npz", "card.json"):
                    continue
                if info.file_size > MAX_TEXT_MEMBER:
                    raise AssetError(f"{info.filename} is larger than {MAX_TEXT_MEMBER // 2**20} MB", "member_too_large",
                                     file=Quoted(info.filename), megabytes=MAX_TEXT_MEMBER // 2**20)
                try:
                    texts[info.filename] = read_member(archive, info.filename).decode("utf-8")
                except UnicodeDecodeError as error:
                    raise AssetError(f"{info.filename} is not UTF-8 text", "member_not_utf8", file=Quoted(info.filename)) from error
            weights = read_member(archive, "weights.npz")
    except ArchiveError as error:
        raise AssetError(str(error), "bad_zip", reason=error.message) from error
    if sha256_bytes(weights) != card.weights_sha256:
        raise AssetError(f"weights of {card.name or 'the model'} do not match the SHA-256 in its card", "weights_altered")
    return ModelFile(card, weights, texts)


def _uploaded_card(data: bytes) -> ModelCard:
    """card.json of an upload: a `ModelCard`, every field checked; a bad one is an AssetError saying why."""
    try:
        return ModelCard.from_json(data)
    except CardError as error:
        key = {"error.card.display_title": "display_title", "error.card.not_json": "card_json",
               "error.card.not_object": "card_json", **{f"error.card.{kind}": "card_limit" for kind in OVER_LIMIT_KINDS}
               }.get(error.message.key, "bad_card")
        raise AssetError(f"card.json is not a valid model card: {error}", key, reason=error.message) from error


def network_file(network: Network, card: ModelCard, texts: Mapping[str, str] | None = None) -> bytes:
    """A network's model file: float32 weights (a student's model is not rounded) and the card naming its architecture."""
    card = card.with_entries(architecture=network.spec.to_dict(), weights_dtype="float32")
    return write_model_file(card, weights_to_bytes(network.weights, np.float32), texts)


def network_of_file(data: bytes) -> tuple[Network, ModelFile]:
    """The network in a model file (its weights checked against the card's architecture) and the file itself."""
    file = read_model_file(data)
    return _build_network(file.card, file.weights), file
