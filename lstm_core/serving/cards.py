"""The model card: what a model is, how it was made and how well it does, as a typed value.

Mitchell et al. (2019), "Model cards for model reporting", is the idea: every model ships
with its data, split and seed, its metrics and the baseline's on the same split, how
long it trained and on what, and the SHA-256 of its weights. `ModelCard` holds the
fields every card has, typed; what only one family records (a vocabulary, a forecaster's
scaler, a GAN's scores) stays in `details`, by name, and the family reads it through its
own small dataclasses. The card's JSON is its serialisation: `from_json` / `to_json`,
and a card file written before this class existed loads as it is.

A card can come from a student's upload, so reading one is checking it: every field
must have its type, and `CardLimits` bounds the whole document (its size, how deeply it
nests, how long a list or a text may be, how large a number) before anything is built
from it. Bounds on what a field means (a network's size, say) belong in `_check`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Union

from lstm_core.message import Message, UserError
from lstm_core.nn.network import NetworkSpec
from lstm_core.serving.limits import CardFieldError, CardOverLimit, check_card


class Frozen(Mapping):
    """A read-only JSON object: a card shared by every session cannot be changed through one of its fields."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any] | None = None) -> None:
        self._items = dict(items or {})

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Frozen({self._items!r})"

    def __reduce__(self):  # pickled by Streamlit's caches like the dict it wraps
        return Frozen, (self._items,)


# A JSON value as a card holds it once read: objects are `Frozen`, arrays tuples.
Json = Union[None, bool, int, float, str, tuple["Json", ...], Frozen]


class CardError(UserError):
    """A model card that is not valid JSON, not of the card's form, or out of bounds (`message` for the page)."""

    def __init__(self, text: str, key: str, /, **values):
        super().__init__(text, Message(f"error.card.{key}", values))


@dataclass(frozen=True)
class CardLimits:
    """How large a card may be; the largest shipped card (a sentiment model's) is 134 kB with 8,000 words."""

    bytes: int = 4 * 2**20  # the JSON text
    depth: int = 12  # objects and arrays inside each other (shipped cards: 7)
    items: int = 100_000  # entries of one object or array (a vocabulary is the longest)
    text: int = 10_000  # characters of one string
    number: float = 1e15  # magnitude of any number


LIMITS = CardLimits()


def _frozen(value: Any, limits: CardLimits, where: str, depth: int = 0) -> Json:
    """A JSON value checked against `limits` and made read-only (objects -> mappings, arrays -> tuples)."""
    if depth > limits.depth:
        raise CardError(f"{where} nests deeper than {limits.depth} levels", "too_deep", field=where, limit=limits.depth)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or abs(value) > limits.number:
            raise CardError(f"{where} holds a number out of bounds", "bad_number", field=where)
        return value
    if isinstance(value, str):
        if len(value) > limits.text:
            raise CardError(f"{where} is longer than {limits.text:,} characters", "too_long", field=where, limit=limits.text)
        return value
    if isinstance(value, (list, tuple, Mapping)):
        if len(value) > limits.items:
            raise CardError(f"{where} has more than {limits.items:,} entries", "too_many", field=where, limit=limits.items)
        if isinstance(value, Mapping):
            if not all(isinstance(key, str) for key in value):
                raise CardError(f"{where} has a key that is not text", "bad_type", field=where)
            return Frozen({key: _frozen(item, limits, f"{where}.{key}", depth + 1) for key, item in value.items()})
        return tuple(_frozen(item, limits, f"{where}[{index}]", depth + 1) for index, item in enumerate(value))
    raise CardError(f"{where} holds {type(value).__name__}, which JSON cannot", "bad_type", field=where)


def plain(value: Json) -> Any:
    """A card value back as plain JSON data (dicts and lists), e.g. for `json.dumps` or `st.json`."""
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    return value


def _typed(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:  # JSON true is not a number here
        raise CardError(f"{where} must be {kinds[0].__name__}", "bad_type", field=where)
    if not isinstance(value, kinds):
        raise CardError(f"{where} must be {kinds[0].__name__}, not {type(value).__name__}", "bad_type", field=where)
    return value


@dataclass(frozen=True)
class ModelCard:
    """A model's card; every field is optional, so a card from an older build still loads."""

    name: str = ""  # the asset name, e.g. "sentiment_zh" (empty for a model trained in a session)
    title: str | Mapping[str, str] = ""  # English, or language code -> text (word vectors)
    display_title: Mapping[str, str] | None = None  # language code -> title, for a model the string table cannot name
    task: str = ""
    data: Mapping[str, Json] = field(default_factory=Frozen)  # the data set, its split and seed, sizes
    config: Mapping[str, Json] = field(default_factory=Frozen)  # the settings it was trained with
    metrics: Mapping[str, Json] = field(default_factory=Frozen)  # held-out quality (test split)
    baseline: Mapping[str, Json] = field(default_factory=Frozen)  # the honest baseline, on the same split
    architecture: NetworkSpec | None = None  # rebuilt in code: nothing executable comes from a file
    parameters: int | None = None
    training_seconds: float | None = None
    training_hardware: str | None = None
    weights_file: str | None = None
    weights_sha256: str | None = None
    weights_dtype: str | None = None
    details: Mapping[str, Json] = field(default_factory=Frozen, repr=False)  # every other entry: the family's own

    def __post_init__(self) -> None:
        if self.display_title is not None and not isinstance(self.display_title, Mapping):
            raise CardError("display_title must map language codes to text", "display_title", field="card.display_title")
        for name in ("display_title", "data", "config", "metrics", "baseline", "details"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Frozen):
                object.__setattr__(self, name, _frozen(_typed(value, Mapping, f"card.{name}"), LIMITS, f"card.{name}"))
        _check(self)

    def detail(self, key: str, default: Json = None) -> Json:
        """A family's own entry (e.g. "vocabulary"), or `default` when the card has none."""
        return self.details.get(key, default)

    def with_entries(self, **entries: Any) -> "ModelCard":
        """A copy with these entries set, common fields and details alike (checked like a card read from JSON)."""
        return ModelCard.from_dict({**self.to_dict(), **{k: plain(v) for k, v in entries.items()}})

    # ---- JSON -------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data: the common fields that are set, then the details in their order."""
        out: dict[str, Any] = {}
        for name in COMMON:
            value = getattr(self, name)
            if value is None or value == "" or (isinstance(value, Mapping) and not value and name != "display_title"):
                continue
            out[name] = value.to_dict() if isinstance(value, NetworkSpec) else plain(value)
        return {**out, **plain(self.details)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], limits: CardLimits = LIMITS) -> "ModelCard":
        """A card from JSON data, every field checked (an uploaded card is hostile)."""
        if not isinstance(data, Mapping):
            raise CardError("a model card must be a JSON object", "not_object")
        frozen = _frozen(data, limits, "card")
        known = set(COMMON) - {"architecture"}
        values: dict[str, Any] = {name: frozen[name] for name in known if name in frozen}
        if "architecture" in frozen:
            values["architecture"] = _architecture(frozen["architecture"])
        details = {key: value for key, value in frozen.items() if key not in known and key != "architecture"}
        return cls(**values, details=Frozen(details))

    @classmethod
    def from_json(cls, text: str | bytes, limits: CardLimits = LIMITS) -> "ModelCard":
        """A card from its JSON text; too large, not JSON or not a card is a CardError."""
        if len(text) > limits.bytes:
            raise CardError(f"the model card is larger than {limits.bytes // 2**20} MB", "too_large",
                            megabytes=limits.bytes // 2**20)
        try:
            data = json.loads(text)
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise CardError(f"the model card is not valid JSON: {error.__class__.__name__}", "not_json") from error
        return cls.from_dict(data, limits)


COMMON = tuple(f.name for f in fields(ModelCard) if f.name != "details")  # the typed fields, in the order `to_dict` writes them


def _architecture(value: Json) -> NetworkSpec:
    try:
        _typed(value, Mapping, "card.architecture")
        return NetworkSpec.from_dict(plain(value))
    except (KeyError, TypeError, ValueError) as error:
        raise CardError(f"the model card has no valid architecture: {error}", "bad_architecture") from error


_TYPES: dict[str, type | tuple[type, ...]] = {
    "name": str, "title": (str, Mapping), "task": str, "data": Mapping, "config": Mapping, "metrics": Mapping,
    "baseline": Mapping, "parameters": int, "training_seconds": (int, float), "training_hardware": str,
    "weights_file": str, "weights_sha256": str, "weights_dtype": str,
}


def _check(card: ModelCard) -> None:
    """Every common field has its type, and the bounds of what a field means hold.

    This is where a check of an uploaded card belongs (a network's size, a sane number of
    classes, a known weights dtype): it runs for every card, shipped or uploaded, before
    any model is built from it.
    """
    for name, kind in _TYPES.items():
        value = getattr(card, name)
        if value is not None:
            _typed(value, kind, f"card.{name}")
    for name in ("title", "display_title"):
        title = getattr(card, name)
        if isinstance(title, Mapping) and not (isinstance(title.get("en"), str) and all(isinstance(v, str) for v in title.values())):
            raise CardError(f"{name} must map language codes to text", "display_title", field=f"card.{name}")
    if card.parameters is not None and card.parameters < 0:
        raise CardError("parameters cannot be negative", "bad_number", field="card.parameters")
    if card.training_seconds is not None and card.training_seconds < 0:
        raise CardError("training_seconds cannot be negative", "bad_number", field="card.training_seconds")
    try:  # what the card's network would cost the server: sizes, steps, reference texts (serving/limits.py)
        check_card({**card.details, "architecture": card.architecture, "display_title": card.display_title})
    except (CardOverLimit, CardFieldError) as error:
        raise CardError(str(error), error.kind, **error.message.values) from error
