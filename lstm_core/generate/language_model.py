"""Writing text one character at a time with a language model, and showing each choice.

Generation is a loop: read the prompt, then repeatedly take the model's next-character
distribution, reshape it (temperature, top-k, top-p; see `lstm_core.generate.sampling`), draw a
character with a seeded generator, and feed it back in. Both kinds of model answer the
same two questions (`start`, `advance`), so the comparison is fair: the n-gram baseline
from its counts, the LSTM on the NumPy `Network.step` path. A character LSTM's
generation runs through `lstm_core.generate.batched`, which can step many requests
together (`Network.step_rows`); alone or in company, a request gives the same text.

Public surface, kept stable for outside checks:
    load_language_model(language)  -> CharLanguageModel for "zh" or "en"
    sample(model, prompt, length, temperature=1.0, top_k=None, top_p=None, seed=0) -> str
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator, Protocol

import numpy as np

from lstm_core.nn.trace import ModelTrace
from lstm_core.message import Message, Title, UserError
from lstm_core.generate import batched, charlm, sampling
from lstm_core.generate.ngram import NGramBaseline, NGramModel
from lstm_core.nn import blas
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.nn.network import Network
from lstm_core.generate.steps import TOP_CANDIDATES, INSPECT_CHUNK, Step, drawable, inspected, plain  # noqa: F401 (TOP_CANDIDATES: public here)
from lstm_core.text.vocab import Vocabulary

MAX_LENGTH = 2_000  # characters per request; longer requests are clamped (about 1 s)
NAMES = charlm.MODEL_NAMES
DEFAULT_PROMPTS = {"zh": "中国人民", "en": "I love "}


class LanguageModel(Protocol):
    """What the generation loop needs: a distribution after the start, and after each id."""

    vocab: Vocabulary

    def start(self) -> tuple[np.ndarray, object]:
        """(P(first character) (V,), state) after the start-of-text newline."""

    def advance(self, state: object, token_id: int) -> tuple[np.ndarray, object]:
        """(P(next character) (V,), new state) after reading token_id."""


@dataclass
class CharLanguageModel:
    """A character LSTM (shipped or trained in this session), usable on the Gates page too."""

    network: Network
    vocab: Vocabulary
    card: ModelCard = field(default_factory=ModelCard)
    key: str = "charlm"
    title: Title = Message("model.title.charlm")
    default_text: str = "I love "
    input_kind: str = "text"
    max_steps: int = 400

    # ---- the generation interface -----------------------------------------------
    @property
    def start_id(self) -> int:
        """The id read before any text: the start-of-text newline."""
        return self.vocab.index[charlm.NEWLINE]

    def start(self) -> tuple[np.ndarray, list]:
        return self.advance(self.network.initial_state(), self.start_id)

    def advance(self, state: list, token_id: int) -> tuple[np.ndarray, list]:
        return self.network.step(int(token_id), state)

    # ---- quality --------------------------------------------------------------
    def bits_per_char(self, text: str) -> float:
        """Mean -log2 p over the characters of `text`, each predicted from those before it
        (the first from the start-of-text newline)."""
        if not text:
            raise ValueError("no characters to score")
        ids = self.vocab.encode(charlm.NEWLINE + text).ids
        return float(-charlm.log_probs_of(self.network, [ids[:-1]], [ids[1:]])[0].mean())

    # ---- the Gates page's interface (lstm_core.nn.trace.Traceable) ----------------------------
    def trace_text(self, text: str) -> ModelTrace:
        chars = list(text)
        if not chars:
            raise UserError("nothing to trace", Message("error.trace.empty"))

        cut = len(chars) if len(chars) > self.max_steps - 1 else 0
        chars = chars[: self.max_steps - 1]
        encoded = self.vocab.encode([charlm.NEWLINE, *chars])
        result = self.network.trace(encoded.ids)
        following = result.outputs[-1]
        best = int(np.argmax(following[2:]) + 2)
        bits = -np.log2(np.maximum(result.outputs[np.arange(len(chars)), encoded.ids[1:]], 1e-30)).mean()
        shown = self.vocab.tokens[best].replace(charlm.NEWLINE, "⏎")
        summary = Message("model.summary.charlm", {"bits": bits, "shown": shown, "p": following[best]})
        labels = ("⏎", *chars)
        return ModelTrace(labels, encoded.unknown, result.layers, summary, cut)

    def reference_texts(self) -> list[str]:
        """Texts the model writes itself (seeded), so no corpus has to be read or shipped."""
        prompts = [self.default_text] * 24
        jobs = [job_for(self, p, 60, sampling.SamplingConfig(temperature=0.8, seed=s), inspect=False)
                for s, p in enumerate(prompts)]
        batched.run_together(self, jobs)  # all 24 stepped together: the same texts as one by one
        return [p + "".join(step.char for step in job.steps) for p, job in zip(prompts, jobs)]

    @cached_property
    def fingerprint(self) -> str:
        """What a cache of its generations keys on: the weights' SHA-256 (a retrained model may reuse an `id()`)."""
        if self.card.weights_sha256:  # a shipped model: its card holds the hash of its weights file
            return self.card.weights_sha256
        digest = hashlib.sha256()
        for name in sorted(self.network.weights):
            digest.update(name.encode("utf-8"))
            digest.update(np.ascontiguousarray(self.network.weights[name]).tobytes())
        return digest.hexdigest()

    # ---- what its card says -------------------------------------------------------------------
    @property
    def heldout_bits(self) -> float | None:
        """Bits per character on held-out text (None before an epoch has finished)."""
        bits = self.card.metrics.get("heldout_bits_per_char")
        return None if bits is None else float(bits)

    @property
    def ngram_baseline(self) -> NGramBaseline | None:
        """The best n-gram on the same held-out text, when the card records one (the shipped models)."""
        return NGramBaseline.from_card(self.card.baseline) if self.card.baseline else None

    # ---- the model file ---------------------------------------------------------------------------
    def save(self) -> bytes:
        """The model file a student downloads (`lstm_core.serving.assets`): weights, card, the vocabulary in the card."""
        return assets.network_file(self.network, self.card)

    @classmethod
    def load(cls, data: bytes) -> "CharLanguageModel":
        """A character model from a model file written by `save`, every part checked first."""
        network, file = assets.network_of_file(data)
        try:
            vocab = Vocabulary(tuple(file.card.details["vocabulary"]))
        except (KeyError, TypeError, ValueError) as error:
            raise assets.AssetError(f"the model card lacks what a language model needs: {error}", "card_incomplete") from error
        return cls(network, vocab, file.card, key="generate_user", title=Message("model.title.charlm_user"))


@dataclass(frozen=True)
class NGramLanguageModel:
    """The Kneser-Ney baseline behind the same two-method interface."""

    model: NGramModel

    @property
    def vocab(self) -> Vocabulary:
        return self.model.vocab

    def start(self) -> tuple[np.ndarray, tuple[int, ...]]:
        state = (self.vocab.index[charlm.NEWLINE],)
        return self.model.next_distribution(np.array(state)), state

    def advance(self, state: tuple[int, ...], token_id: int) -> tuple[np.ndarray, tuple[int, ...]]:
        keep = self.model.config.order - 1
        state = (*state, int(token_id))[-keep:] if keep else ()
        return self.model.next_distribution(np.array(state, dtype=np.int64)), state

    def bits_per_char(self, text: str) -> float:
        return self.model.bits_per_char(text)


@dataclass(frozen=True)
class PromptReading:
    """The prompt as the model read it: which characters it had never seen."""

    text: str
    unknown: tuple[bool, ...]


def read_prompt(model: LanguageModel, prompt: str) -> tuple[PromptReading, np.ndarray, object]:
    """Feed the prompt; returns how it was read, the next distribution and the state."""
    probs, state = model.start()
    encoded = model.vocab.encode(prompt)
    for token_id in encoded.ids:
        probs, state = model.advance(state, token_id)
    return PromptReading(prompt, encoded.unknown), probs, state


def generate(
    model: LanguageModel,
    prompt: str,
    length: int,
    config: sampling.SamplingConfig = sampling.SamplingConfig(),
    inspect: bool = True,
) -> Iterator[Step]:
    """Yield `length` generated characters (so a page can stream them).

    With inspect=True each Step also holds the distribution it was drawn from; those
    are worked out `INSPECT_CHUNK` characters at a time, so they arrive in small bursts.
    With inspect=False only `Step.char` is filled in, one at a time. A character LSTM
    is stepped by `batched.steps_of` (the arithmetic of a batch, see the module's docstring).
    """
    if isinstance(model, CharLanguageModel):
        yield from batched.steps_of(model, job_for(model, prompt, length, config, inspect))
        return
    rng = np.random.default_rng(config.seed)
    _, probs, state = read_prompt(model, prompt)
    pending: list[tuple[int, np.ndarray, np.ndarray]] = []
    for _ in range(max(0, int(length))):
        shaped = sampling.reshape(drawable(model.vocab, probs), config)
        token_id = sampling.draw(shaped, rng)
        if inspect:
            pending.append((token_id, probs, shaped))
            if len(pending) == INSPECT_CHUNK:
                yield from inspected(model.vocab, pending)
                pending = []
        else:
            yield plain(model.vocab, token_id)
        probs, state = model.advance(state, token_id)
    yield from inspected(model.vocab, pending)


def job_for(model: CharLanguageModel, prompt: str, length: int, config: sampling.SamplingConfig,
            inspect: bool = True) -> batched.Job:
    """A generation request for a `batched.Stepper` of this model."""
    return batched.Job(tuple(int(i) for i in model.vocab.encode(prompt).ids), max(0, int(length)), config, inspect)


def clamp_length(length: int) -> int:
    """A length the app will generate: between 1 and MAX_LENGTH."""
    return int(min(max(int(length), 1), MAX_LENGTH))


def sample(
    model: LanguageModel,
    prompt: str,
    length: int,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    seed: int = 0,
) -> str:
    """The `length` characters generated after `prompt` (the prompt itself not included).

    Temperature 0 is greedy (always the most likely character); the same seed and
    settings give the same text.
    """
    config = sampling.SamplingConfig(temperature=temperature, top_k=top_k, top_p=top_p, seed=seed)
    with blas.one_thread():
        return "".join(step.char for step in generate(model, prompt, length, config, inspect=False))


def load_language_model(language: str) -> CharLanguageModel:
    """The shipped character LSTM for "zh" (People's Daily) or "en" (tweets)."""
    if language not in NAMES:
        raise ValueError(f"no shipped language model for {language!r}; choose 'zh' or 'en'")
    network, card = assets.load_model(NAMES[language])
    return CharLanguageModel(
        network,
        Vocabulary(tuple(card.details["vocabulary"])),
        card,
        key=NAMES[language],
        title=Message(f"model.title.{NAMES[language]}"),
        default_text=DEFAULT_PROMPTS[language],
    )
