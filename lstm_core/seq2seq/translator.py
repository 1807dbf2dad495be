"""A trained encoder-decoder as the app uses it: check the input, translate, show the alignment.

`load_translator(name)` opens a shipped model (`assets/seq2seq_<name>.npz` and its card,
written by `python -m lstm_core.build seq2seq`); a model trained on the page is wrapped
the same way, and `save()` / `Translator.load(data)` carry it through the app's one model
file (a checked zip of weights and card). `translate(texts, beam=1)` answers many inputs; `decode(text)` keeps every
step of one greedy translation (attention weights, context vectors, the decoder's
distribution and its gates) for the page's step-through; `attention(text)` is the
alignment heatmap, one row per output character, each row summing to 1.

An input is read as `tasks.normalise` writes it; one that is empty, longer than any
input of the task, or holds a character the model never saw is refused with a
`UserError`. Anything else gets an answer: `rule(text)` says separately whether the task's
rule knows the right one (a date outside 1900-2099 gets a translation and a message).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lstm_core.message import Message, Quoted, Title, UserError
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard, plain
from lstm_core.nn.cell import GateTrace
from lstm_core.seq2seq.beam import MAX_WIDTH, BeamResult, beam_search
from lstm_core.seq2seq.card import VARIANTS, TranslatorResults
from lstm_core.seq2seq.data import END, START, Codec, codec_for
from lstm_core.seq2seq.model import Encoded, Seq2SeqNetwork, Seq2SeqSpec
from lstm_core.seq2seq.tasks import Task, normalise, task as task_named
from lstm_core.text.inputs import EmptyText

MAX_UNITS, MAX_EMBEDDING = 256, 64  # the largest model the page trains (Seq2SeqConfig.LIMITS), so an upload too
MAX_BATCH = 1_000  # inputs per translate() call


def asset_name(task: str) -> str:
    return f"seq2seq_{task}"


@dataclass(frozen=True)
class Decoding:
    """One greedy translation, every step kept. S = steps written (the end mark included if written)."""

    source: str  # the input as the model read it
    output: str
    ids: tuple[int, ...]  # (S,) written ids
    log_probs: np.ndarray  # (S, V) log p(next character) at each step
    attention: np.ndarray | None  # (S, T) weights over the input characters; None without attention
    contexts: np.ndarray | None  # (S, H) context vectors
    gates: GateTrace  # the decoder's gates, (S, H) each
    inputs: np.ndarray  # (S, E) what the decoder read: the embedded previous characters
    encoded: Encoded

    @property
    def steps(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Translator:
    """A network with its task; `card` is the model card (None for a model trained on the page)."""

    network: Seq2SeqNetwork = field(repr=False)
    task: Task
    key: str
    title: Title
    card: ModelCard | None = field(default=None, repr=False)

    @property
    def codec(self) -> Codec:
        return codec_for(self.task)

    @property
    def has_attention(self) -> bool:
        return self.network.spec.attention != "none"

    # ---- reading an input ---------------------------------------------------------------------------------
    def read(self, text: str) -> str:
        """The text as the model reads it; `UserError` if the model cannot read it at all."""
        source = normalise(text or "")
        if not source:
            raise EmptyText()
        limit = min(self.task.max_source, self.network.spec.max_source)
        if len(source) > limit:
            raise UserError(f"{len(source)} characters; the longest input of this task has {limit}",
                            Message("error.seq2seq.too_long", {"length": len(source), "limit": limit}))
        unknown = sorted({c for c in source if c not in self.task.source_alphabet})
        if unknown:
            shown = " ".join(repr(c) for c in unknown[:10])
            raise UserError(f"characters the model never saw: {shown}",
                            Message("error.seq2seq.unknown_characters", {"characters": Quoted(shown),
                                                                           "task": Message(f"seq2seq.task.{self.task.name}")}))
        return source

    def rule(self, text: str) -> str:
        """The right answer by the task's rule; `UserError` saying why the rule has none."""
        return self.task.rule(self.read(text))

    # ---- translating ----------------------------------------------------------------------------------------
    def translate(self, texts: list[str], beam: int = 1) -> list[str]:
        """Each text's translation: greedy with beam=1, else beam search of that width."""
        if isinstance(texts, str):
            texts = [texts]
        if len(texts) > MAX_BATCH:
            raise UserError(f"at most {MAX_BATCH} inputs at once", Message("error.seq2seq.too_many", {"limit": MAX_BATCH}))
        if isinstance(beam, bool) or not isinstance(beam, (int, np.integer)) or not 1 <= beam <= MAX_WIDTH:
            raise UserError(f"the beam width must be a whole number from 1 to {MAX_WIDTH}",
                            Message("error.seq2seq.beam_width", {"limit": MAX_WIDTH}))
        sources = [self.codec.source_ids(self.read(text)) for text in texts]
        if not sources:
            return []
        if beam == 1:
            return [self.codec.target_text(ids) for ids in self.network.greedy_batch(sources)]
        return [self.codec.target_text(beam_search(self.network, self.network.encode(ids), int(beam)).best.ids)
                for ids in sources]

    def beam(self, text: str, width: int) -> BeamResult:
        """Beam search of one input, with the beam at every step."""
        if not 1 <= width <= MAX_WIDTH:
            raise UserError(f"the beam width must be a whole number from 1 to {MAX_WIDTH}",
                            Message("error.seq2seq.beam_width", {"limit": MAX_WIDTH}))
        return beam_search(self.network, self.network.encode(self.codec.source_ids(self.read(text))), width)

    def decode(self, text: str) -> Decoding:
        """Greedy translation of one input, keeping every step."""
        source = self.read(text)
        net = self.network
        encoded = net.encode(self.codec.source_ids(source))
        state, previous = (encoded.final[0][None], encoded.final[1][None]), START
        ids, log_probs, weights, contexts, gates, inputs = [], [], [], [], [], []
        for _ in range(net.spec.max_target + 1):
            out = net.decoder_step(np.array([previous]), state, encoded.states, encoded.keys)
            inputs.append(net.weights["decoder/embedding"][previous])
            previous = int(out.log_probs[0].argmax())
            ids.append(previous)
            log_probs.append(out.log_probs[0])
            gates.append([g[0] for g in out.gates])
            if out.attention is not None:
                weights.append(out.attention[0])
                contexts.append(out.context[0])
            state = out.state
            if previous == END:
                break
        stacked = np.array(gates, dtype=np.float32).transpose(1, 0, 2)  # (6, S, H)
        return Decoding(
            source, self.codec.target_text(ids), tuple(ids), np.array(log_probs),
            np.array(weights) if weights else None, np.array(contexts) if contexts else None,
            GateTrace(*stacked), np.array(inputs), encoded,
        )

    def attention(self, text: str) -> np.ndarray:
        """(output characters, input characters): the attention row of every character written."""
        if not self.has_attention:
            raise UserError("this model has no attention", Message("error.seq2seq.no_attention"))
        decoding = self.decode(text)
        return decoding.attention[: len(decoding.output)]

    @property
    def results(self) -> TranslatorResults:
        """The shipped card's record, typed (a model trained on the page has none)."""
        if self.card is None or "models" not in self.card.details:
            raise ValueError(f"{self.key} has no shipped card")
        return TranslatorResults.from_card(self.card)

    def save(self) -> bytes:
        """The one model file (weights.npz, card.json) of this translator, float32; `load` reads it back."""
        card = (self.card or ModelCard()).with_entries(
            task=self.task.name, seq2seq_architecture=self.network.spec.to_dict(),
            parameters=self.network.parameter_count(), weights_dtype="float32")
        return assets.write_model_file(card, assets.weights_to_bytes(self.network.weights, np.float32))

    @classmethod
    def load(cls, data: bytes, key: str) -> "Translator":
        """A translator from a model file `save` wrote; an `AssetError` says why anything else is refused."""
        file = assets.read_model_file(data)
        try:
            task = task_named(file.card.task)
            spec = Seq2SeqSpec.from_dict(plain(file.card.details["seq2seq_architecture"]))
        except (KeyError, TypeError, ValueError) as error:
            raise assets.AssetError(f"the card does not describe a translator: {error}", "bad_architecture") from error
        check_spec(spec, task)
        weights = assets.weights_from_bytes(file.weights, spec.weight_shapes())
        return cls(Seq2SeqNetwork(spec, weights), task, key, file.card.display_title or file.card.title, file.card)

    def step_labels(self, ids) -> tuple[str, ...]:
        """What each decoder step wrote, as labels (the end mark as </s>)."""
        return tuple(self.codec.target_label(i) for i in ids)


# ---- shipped models -------------------------------------------------------------------------------------------
def read_shipped(name: str, folder: Path = assets.ASSETS) -> tuple[ModelCard, dict[str, np.ndarray]]:
    """A task's model card and every variant's weights, checked against the card's SHA-256 and shapes."""
    task = task_named(name)
    card = assets.read_card(asset_name(task.name), folder)
    try:
        results = TranslatorResults.from_card(card)
    except (KeyError, TypeError, ValueError) as error:
        raise assets.AssetError(f"the model card does not describe the translators: {error}", "bad_architecture") from error
    expected = {f"{variant}/{k}": shape for variant, found in results.variants.items()
                for k, shape in found.spec.weight_shapes().items()}
    return card, assets.weights_from_bytes(assets.read_weights(card, folder), expected)


def translator_from(card: ModelCard, weights: dict[str, np.ndarray], variant: str) -> Translator:
    """One variant of a shipped task's models."""
    task = task_named(card.task)
    spec = TranslatorResults.from_card(card).variants[variant].spec
    prefix = f"{variant}/"
    network = Seq2SeqNetwork(spec, {k[len(prefix):]: v for k, v in weights.items() if k.startswith(prefix)})
    title = Message("model.title.seq2seq", {"task": Message(f"seq2seq.task.{task.name}"),
                                            "variant": Message(f"seq2seq.variant.{variant}")})
    key = asset_name(task.name) if variant == "attention" else f"{asset_name(task.name)}_{variant}"
    return Translator(network, task, key, title, card)


def load_translator(name: str, variant: str = "attention", folder: Path = assets.ASSETS) -> Translator:
    """The shipped translator of task `name` ("zh_numerals" or "dates"); `variant` one of VARIANTS."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}, not {variant!r}")
    card, weights = read_shipped(name, folder)
    return translator_from(card, weights, variant)


def load_all(name: str, folder: Path = assets.ASSETS) -> dict[str, Translator]:
    """Every variant of a task's shipped models, read once."""
    card, weights = read_shipped(name, folder)
    return {variant: translator_from(card, weights, variant) for variant in VARIANTS}


# ---- a model trained on the page, downloaded and uploaded -----------------------------------------------------
def check_spec(spec: Seq2SeqSpec, task: Task) -> None:
    """An uploaded architecture must read and write the task's characters and stay within the page's sizes."""
    codec = codec_for(task)
    fits = ((spec.source_vocab, spec.target_vocab, spec.max_source, spec.max_target)
            == (codec.source_size, codec.target_size, task.max_source, task.max_target))
    small = spec.units <= MAX_UNITS and spec.embedding_dim <= MAX_EMBEDDING and spec.attention_dim <= MAX_UNITS
    if not (fits and small):
        raise assets.AssetError(f"the card's architecture does not fit the task {task.name} or is too large",
                                "bad_architecture")
