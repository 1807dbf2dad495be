"""Shipped models: weights in `.npz`, a JSON model card beside them, checked at load.

A model is `assets/<name>.npz` (arrays only, read with allow_pickle=False) plus
`assets/<name>.json`, its card: data, split, seed, sizes, metrics, training time and
the SHA-256 of the weights file. The architecture is rebuilt in code from the card's
`architecture` entry, so nothing executable is ever loaded from a file. The same
functions read and write the zip a user downloads from a page, so a downloaded model
goes back in through the same safe loader.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np

from lstm_core.message import Message, UserError
from lstm_core.serving.archive import ArchiveError, Limits, check_npz, open_zip, read_member
from lstm_core.nn.network import Network, NetworkSpec

ASSETS = Path(__file__).resolve().parents[2] / "assets"
MAX_UPLOAD_BYTES = 25 * 1024 * 1024  # a model zip larger than this is refused unread
# The largest shipped model has 2.6 M weights (10 MB as float32); a trained one is smaller.
WEIGHT_LIMITS = Limits(member_bytes=48 * 2**20, total_bytes=64 * 2**20)
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
    "generalize": "generalize", "attention_": "attention", "order_": "order", "pretrain_curve": "pretrain_curve",
    "pretrain_": "pretrain",
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


def write_asset(name: str, data: bytes, card: dict, folder: Path = ASSETS) -> dict:
    """Write `<name>.npz` and its card `<name>.json`, the card naming the file and its SHA-256."""
    folder.mkdir(parents=True, exist_ok=True)
    card = {**card, "name": name, "weights_file": f"{name}.npz", "weights_sha256": sha256_bytes(data)}
    (folder / f"{name}.npz").write_bytes(data)
    (folder / f"{name}.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return card


def save_model(name: str, network: Network, card: dict, folder: Path = ASSETS, dtype=np.float16) -> dict:
    """Write `<name>.npz` and `<name>.json`; returns the card as written."""
    card = {
        **card,
        "architecture": network.spec.to_dict(),
        "parameters": network.parameter_count(),
        "weights_dtype": np.dtype(dtype).name,
    }
    return write_asset(name, weights_to_bytes(network.weights, dtype), card, folder)


def read_card(name: str, folder: Path = ASSETS) -> dict:
    """A shipped model card; a missing or damaged one is an AssetError naming the rebuild."""
    path, command = folder / f"{name}.json", rebuild_hint(name)
    if not path.is_file():
        raise AssetError(f"no model card {path.name}; rebuild it with `{command}`", "no_card", file=path.name, command=command)
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AssetError(f"the model card {path.name} is damaged ({error.__class__.__name__}); rebuild it with `{command}`",
                         "card_damaged", file=path.name, command=command) from error
    if not isinstance(card, dict):
        raise AssetError(f"the model card {path.name} is not a JSON object; rebuild it with `{command}`",
                         "card_damaged", file=path.name, command=command)
    return card


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


def network_from(card: dict, data: bytes) -> Network:
    """Check the weights against the card's hash and shapes, then build the network."""
    if sha256_bytes(data) != card.get("weights_sha256"):
        raise AssetError(f"weights of {card.get('name', 'the model')} do not match the SHA-256 in its card", "weights_altered")
    return _build_network(card, data)


def _build_network(card: dict, data: bytes) -> Network:
    try:
        spec = NetworkSpec.from_dict(card["architecture"])
        expected = spec.weight_shapes()
    except (KeyError, TypeError, ValueError) as error:
        raise AssetError(f"the model card has no valid architecture: {error}", "bad_architecture") from error
    weights = weights_from_bytes(data, expected)
    try:
        return Network(spec, weights)
    except (KeyError, ValueError) as error:
        raise AssetError(f"weights do not fit the architecture in the card: {error}", "weights_misfit") from error


def load_model(name: str, folder: Path = ASSETS) -> tuple[Network, dict]:
    """Load a shipped model and its card, verifying the SHA-256 first."""
    card = read_card(name, folder)
    data = read_verified(card.get("weights_file", f"{name}.npz"), card.get("weights_sha256"), folder=folder)
    return _build_network(card, data), card


def to_zip(network: Network, card: dict, extra: dict[str, str] | None = None) -> bytes:
    """A downloadable zip: weights.npz, card.json and any extra text files (e.g. a vocabulary)."""
    data = weights_to_bytes(network.weights, np.float32)
    card = {**card, "architecture": network.spec.to_dict(), "weights_sha256": sha256_bytes(data)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("weights.npz", data)
        archive.writestr("card.json", json.dumps(card, indent=2, ensure_ascii=False))
        for filename, text in (extra or {}).items():
            archive.writestr(filename, text)
    return buffer.getvalue()


def from_zip(data: bytes) -> tuple[Network, dict, dict[str, str]]:
    """Read a zip written by `to_zip`; anything else is refused with a clear message.

    Every size is checked before anything is unpacked, the inner weights.npz included.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise AssetError(f"the file is larger than {MAX_UPLOAD_BYTES // 2**20} MB", "upload_too_large",
                         megabytes=MAX_UPLOAD_BYTES // 2**20)
    try:
        with open_zip(data, UPLOAD_LIMITS) as archive:
            names = set(archive.namelist())
            if not {"weights.npz", "card.json"} <= names:
                raise AssetError("the zip needs weights.npz and card.json", "zip_members")
            card = _card_from(read_member(archive, "card.json"))
            extra = {}
            for info in archive.infolist():
                if info.filename in ("weights.npz", "card.json"):
                    continue
                if info.file_size > MAX_TEXT_MEMBER:
                    raise AssetError(f"{info.filename} is larger than {MAX_TEXT_MEMBER // 2**20} MB", "member_too_large",
                                     file=info.filename, megabytes=MAX_TEXT_MEMBER // 2**20)
                try:
                    extra[info.filename] = read_member(archive, info.filename).decode("utf-8")
                except UnicodeDecodeError as error:
                    raise AssetError(f"{info.filename} is not UTF-8 text", "member_not_utf8", file=info.filename) from error
            weights = read_member(archive, "weights.npz")
    except ArchiveError as error:
        raise AssetError(str(error), "bad_zip", reason=error.message) from error
    return network_from(card, weights), card, extra


def _card_from(data: bytes) -> dict:
    """An uploaded card: a JSON object whose title, if any, is {"en": text, "zh": text}."""
    try:
        card = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AssetError(f"card.json is not valid JSON: {error}", "card_json") from error
    if not isinstance(card, dict):
        raise AssetError("card.json must hold a JSON object", "card_json")
    title = card.get("display_title")
    if title is not None and not (
        isinstance(title, dict) and isinstance(title.get("en"), str) and all(isinstance(v, str) for v in title.values())
    ):
        raise AssetError("display_title in card.json must map language codes to text", "display_title")

    return card
