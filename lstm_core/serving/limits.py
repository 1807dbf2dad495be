"""What an uploaded model may ask of a shared server: the bounds on its card, and the work it causes.

A model zip can be a few kilobytes and still be expensive: its card names the sizes that
decide how much every rerun costs (units x steps for each trace, steps squared for the
occlusion of a reading, the reference texts the Gates page traces). Nothing in a card is
trusted: `check_card` bounds every field a page reads, from the card alone, before the
weights are unpacked, and says which field is too large. `read_fits` and
`reference_steps` size the work of each rerun of a model that passed.

The typed model card (`lstm_core.serving.cards.ModelCard`) calls `check_card` whenever a
card is read, shipped or uploaded (the shipped ones fit); `cards.CardLimits` bounds the
JSON document itself (its bytes, depth, entries), these bound what its fields mean. The
limits live here, in one place, so a page never invents its own.

Measured on this app's 2-core machine (single-threaded NumPy, `/tmp` script in the
report of issue 22): a trace runs at 2-6 G multiply-adds/s, a padded batch at about
10 G/s; a 2,048-unit LSTM reads one 150-word text in 1.8 s (trace) and its occlusion
took 13 s and 1.4 GB.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lstm_core.message import Message, UserError
from lstm_core.nn.pooling import POOLINGS, summaries


@dataclass(frozen=True)
class ModelLimits:
    """The largest value each field of a model card may have: what the server runs for one student."""

    units: int = 640  # per LSTM layer; the shipped models have up to 576 (the English character model)
    layers: int = 4  # stacked LSTM layers; the page trains at most 3
    vocab_size: int = 20_000  # token ids; the shipped vocabularies have 8,000
    embedding_dim: int = 512  # the shipped Chinese model has 300
    input_dim: int = 64  # features per step of a value model
    output_dim: int = 4_000  # classes (or characters of a language model)
    parameters: int = 4_000_000  # 16 MB as float32; the largest shipped model has 2.6 M
    max_steps: int = 1_000  # tokens read per text; the page writes 300
    reference_texts: int = 100  # the shipped cards have 40
    reference_chars: int = 1_000  # per reference text; the shipped ones are under 120
    token_chars: int = 100  # one vocabulary entry or class label
    labels: int = 20
    title_chars: int = 200  # one language of display_title


MODEL_LIMITS = ModelLimits()
# Multiply-adds of one trace of `max_steps` tokens (the Gates page, every rerun): about
# 0.3 s here. A 512-unit layer on 300-dimensional embeddings reaches it at 600 steps; the
# 2,048-unit LSTM of the issue at 57 steps.
TRACE_WORK_LIMIT = 1e9
STEPS_IF_UNSAID = 300  # a card without max_steps is read this far (the classifiers' default)
# Multiply-adds of one reading (trace plus occlusion, T^2 steps): about 1 s here. The
# shipped Chinese model at the 150-token occlusion limit needs 8.4e9.
READ_WORK_LIMIT = 1e10
# Numbers the Gates page keeps of a model's reference traces (6 per unit and step, per
# layer, plus each layer's inputs): 4 M floats, 16 MB per session.
REFERENCE_FLOATS = 4_000_000


class CardOverLimit(UserError):
    """A field of a model card is larger than the server allows (`message` for the page).

    `kind` says what was counted: "value" (the field itself), "count" (entries of a list),
    "chars" (characters of one entry) or "work" (multiply-adds of one trace).
    """

    WORDS = {"value": "is", "count": "lists", "chars": "has an entry of", "work": "needs a trace of"}

    def __init__(self, field: str, value, limit, kind: str = "value") -> None:
        super().__init__(f"the model card's {field} {self.WORDS[kind]} {value}; at most {limit} is accepted",
                         Message(f"error.card.{kind}", {"field": field, "value": value, "limit": limit}))
        self.field, self.kind = field, kind


class CardFieldError(UserError):
    """A field of a model card has the wrong form (`message` for the page)."""

    def __init__(self, field: str) -> None:
        super().__init__(f"the model card's {field} has the wrong form", Message("error.card.wrong_form", {"field": field}))
        self.field, self.kind = field, "wrong_form"


OVER_LIMIT_KINDS = (*CardOverLimit.WORDS, "wrong_form")  # their messages: "error.card.<kind>"


def _at_most(field: str, value: int, limit: int, kind: str = "value") -> None:
    if value > limit:
        raise CardOverLimit(field, value, limit, kind)


def _whole(card: dict, field: str, default: int = 0) -> int:
    value = card.get(field, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CardFieldError(field)
    return value


def _texts(card: dict, field: str, count: int, chars: int) -> None:
    """A list of at most `count` strings of at most `chars` characters each (if present)."""
    values = card.get(field)
    if values is None:
        return
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        raise CardFieldError(field)
    _at_most(field, len(values), count, "count")
    _at_most(field, max((len(v) for v in values), default=0), chars, "chars")


def _first_width(architecture: dict) -> int:
    """What the first LSTM layer reads per step: the embedding size, or the value features."""
    tokens = architecture.get("input_kind", "tokens") == "tokens"
    return architecture.get("embedding_dim", 0) if tokens else architecture.get("input_dim", 1)


def step_work(architecture: dict) -> int:
    """Multiply-adds of one time step through the LSTM layers (and the head, for per-step outputs)."""
    width = _first_width(architecture)
    directions = 2 if architecture.get("bidirectional") else 1
    work = 0
    for units in architecture["units"]:
        work += directions * 4 * units * (width + units)
        width = directions * units
    return work + (width * architecture.get("output_dim", 1) if architecture.get("per_step_output") else 0)


def parameters(architecture: dict) -> int:
    """Weights the architecture needs (embedding, LSTM layers, head), counted from its sizes."""
    width = _first_width(architecture)
    count = architecture.get("vocab_size", 0) * width if architecture.get("input_kind", "tokens") == "tokens" else 0
    directions = 2 if architecture.get("bidirectional") else 1
    for units in architecture["units"]:
        count += directions * 4 * units * (width + units + 1)
        width = directions * units
    return count + (width * summaries(architecture.get("pooling", "last")) + 1) * architecture.get("output_dim", 1)


def _plain_architecture(architecture):
    """A card's architecture as a dict of sizes (a `NetworkSpec` gives its own)."""
    to_dict = getattr(architecture, "to_dict", None)
    return to_dict() if callable(to_dict) else architecture


def check_architecture(architecture, limits: ModelLimits = MODEL_LIMITS) -> None:
    """Every size in a card's `architecture`, and the weights they add up to."""
    architecture = _plain_architecture(architecture)
    if not isinstance(architecture, Mapping):
        raise CardFieldError("architecture")
    units = architecture.get("units")
    if not isinstance(units, (list, tuple)) or not units or not all(isinstance(u, int) and not isinstance(u, bool) for u in units):
        raise CardFieldError("architecture.units")
    _at_most("architecture.units", len(units), limits.layers, "count")
    _at_most("architecture.units", max(units), limits.units)
    for field, limit in (("vocab_size", limits.vocab_size), ("embedding_dim", limits.embedding_dim),
                         ("input_dim", limits.input_dim), ("output_dim", limits.output_dim)):
        _at_most(f"architecture.{field}", _whole(architecture, field), limit)
    if architecture.get("pooling", "last") not in POOLINGS:
        raise CardFieldError("architecture.pooling")
    _at_most("parameters", parameters(architecture), limits.parameters)


def check_card(card: Mapping, limits: ModelLimits = MODEL_LIMITS) -> None:
    """Refuse a card any of whose fields would make its model too costly to serve.

    `card`: the card's entries (its `architecture` a dict or a `NetworkSpec`, lists or
    tuples). Raises `CardOverLimit` (naming the field, its value and the limit) or
    `CardFieldError`. A card without an architecture (word vectors, a record) describes no
    network the pages run, and only its title is checked; the other fields are checked
    when present, the architecture first, so weights are never unpacked for a network too large.
    """
    _check_title(card.get("display_title"), limits)
    if card.get("architecture") is None:
        return
    check_architecture(card["architecture"], limits)
    steps = _whole(card, "max_steps", STEPS_IF_UNSAID)
    _at_most("max_steps", steps, limits.max_steps)
    trace = steps * step_work(_plain_architecture(card["architecture"]))
    if trace > TRACE_WORK_LIMIT:
        raise CardOverLimit("max_steps", f"{trace:.2g}", f"{TRACE_WORK_LIMIT:.2g}", "work")
    _texts(card, "reference_texts", limits.reference_texts, limits.reference_chars)
    _texts(card, "vocabulary", limits.vocab_size, limits.token_chars)
    _texts(card, "labels", limits.labels, limits.token_chars)


def _check_title(title, limits: ModelLimits) -> None:
    if isinstance(title, Mapping):
        _at_most("display_title", len(title), 8, "count")
        _at_most("display_title", max((len(v) for v in title.values() if isinstance(v, str)), default=0), limits.title_chars, "chars")


def read_fits(architecture: dict, steps: int, limit: float = READ_WORK_LIMIT) -> bool:
    """Whether reading `steps` tokens with occlusion (one extra run per token) fits the budget."""
    return steps * steps * step_work(architecture) <= limit


def reference_steps(architecture: dict, limit: int = REFERENCE_FLOATS) -> int:
    """How many reference-text steps the Gates page may trace and keep for this model."""
    width = _first_width(architecture)
    directions = 2 if architecture.get("bidirectional") else 1
    per_step = 0
    for units in architecture["units"]:
        per_step += directions * (6 * units + width)  # gates, cell and hidden state, and the layer's input
        width = directions * units
    return max(1, limit // max(per_step, 1))
