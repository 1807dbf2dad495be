"""The character tagger in NumPy: words, parts of speech and names from one pass per direction.

Each character is read as its embedding beside the embedding of the bigram ending on it
(`features`); one LSTM layer reads the sentence left to right and another right to left
(`nn.network`, the backward one a reverse pass of the same cell); at every character a
softmax gives the probability of each joint label, a position (B/I/E/S) with a part of
speech. Summing over the parts of speech gives the B/I/E/S probabilities the page draws;
`bies.viterbi` turns them into the best valid segmentation; each word's part of speech is
the one its characters agree on most (`bies.word_tags`); names are read off the tags
(`corpus.entity_spans`). The same class holds the one-way model, which reads left to right
only.

Any text is accepted: runs of spaces are words of their own (tagged w) and never reach the
network; the rest is cut after 。！？ and at most every `MAX_PIECE` characters, and all the
pieces run as padded batches, so a long text costs one pass, not one per sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from lstm_core.nn.trace import ModelTrace
from lstm_core.message import Message, UserError
from lstm_core.nn.network import LayerTrace, Network, NetworkSpec
from lstm_core.tagging import bies
from lstm_core.tagging.corpus import entity_spans, test_sentences, text_of
from lstm_core.tagging.features import CharFeatures, padded

MAX_CHARS = 20_000  # one request; about a second of work (the page asks for far less)
MAX_PIECE = 200  # characters the network reads at once; longer runs are cut (after punctuation if there is one)
BATCH = 256  # pieces per NumPy batch, at most
BATCH_CHARACTERS = 32_768  # and at most this many padded characters (a batch's gate inputs: 64 MB at 128 units)
REFERENCE_SENTENCES = 100  # the Gates page's corpus for this model
SPACE = re.compile(r"\s+")
PIECE_END = re.compile(r"(?<=[。！？!?])")
PUNCTUATION = "，、；：,;:）)」』”"


class TextTooLong(UserError):
    def __init__(self, length: int) -> None:
        super().__init__(f"the text has {length:,} characters; the tagger reads at most {MAX_CHARS:,}",
                         Message("error.tagging.too_long", {"length": length, "limit": MAX_CHARS}))


@dataclass(frozen=True)
class Reading:
    """One text read by a tagger: what the page shows."""

    text: str
    words: tuple[str, ...]
    tags: tuple[str, ...]
    position_probabilities: np.ndarray  # (T, 4): P(B), P(I), P(E), P(S) for each character (0 at spaces)
    labels: tuple[int, ...]  # the decoded B/I/E/S label of each character (-1 at spaces)

    @property
    def entities(self) -> list[tuple[int, int, str]]:
        return entity_spans(list(zip(self.words, self.tags)))


def pieces_of(text: str) -> list[tuple[int, str, bool]]:
    """Cut text into (start, piece, is_space) parts that tile it: space runs, then short pieces."""
    parts, start = [], 0
    for match in SPACE.finditer(text):
        parts += _short_pieces(text[start:match.start()], start)
        parts.append((match.start(), match.group(), True))
        start = match.end()
    return parts + _short_pieces(text[start:], start)


def _short_pieces(run: str, offset: int) -> list[tuple[int, str, bool]]:
    out = []
    for sentence in filter(None, PIECE_END.split(run)):
        while len(sentence) > MAX_PIECE:
            head = sentence[:MAX_PIECE]
            cut = max(head.rfind(p) for p in PUNCTUATION) + 1 or MAX_PIECE
            out.append((offset, sentence[:cut], False))
            offset, sentence = offset + cut, sentence[cut:]
        out.append((offset, sentence, False))
        offset += len(sentence)
    return out


@dataclass
class Tagger:
    """A trained character tagger: features, embeddings, the LSTM network and its labels."""

    features: CharFeatures
    tags: tuple[str, ...]  # parts of speech; joint label = position * len(tags) + tag
    weights: dict[str, np.ndarray] = field(repr=False)  # char_embedding, bigram_embedding and the network's
    spec: NetworkSpec
    card: dict = field(default_factory=dict, repr=False)
    key: str = "tagger_zh"
    title: object = None  # a Message or a {language: text} title; None: the shipped model's, by direction
    input_kind: str = "text"
    default_text: str = "研究生命起源"
    max_steps: int = MAX_PIECE

    def __post_init__(self) -> None:
        if self.title is None:
            self.title = Message("model.title.tagger_bi" if self.spec.bidirectional else "model.title.tagger_uni")
        if self.spec.output_dim != 4 * len(self.tags):
            raise ValueError(f"{self.spec.output_dim} outputs for {len(self.tags)} tags (need 4 per tag)")
        self.network = Network(self.spec, {k: v for k, v in self.weights.items() if not k.endswith("_embedding")})
        self.char_table = np.asarray(self.weights["char_embedding"], np.float32)
        self.bigram_table = np.asarray(self.weights["bigram_embedding"], np.float32)

    # ---- the network ------------------------------------------------------------------------------
    def inputs(self, ids: np.ndarray) -> np.ndarray:
        """(..., 2) ids -> (..., char_dim + bigram_dim) features."""
        return np.concatenate([self.char_table[ids[..., 0]], self.bigram_table[ids[..., 1]]], axis=-1)

    def joint_probabilities(self, texts: list[str]) -> list[np.ndarray]:
        """(T_i, 4 * tags) label probabilities for each non-empty text, run in length-sorted batches."""
        out: list[np.ndarray | None] = [None] * len(texts)
        for rows in batches([len(text) for text in texts]):
            ids, lengths = padded([self.features.encode(texts[r]) for r in rows])
            probabilities = self.network.predict_steps(self.inputs(ids), lengths)
            for row, r in enumerate(rows):
                out[r] = probabilities[row, : lengths[row]]
        return out

    # ---- reading text -----------------------------------------------------------------------------
    def read_many(self, texts: list[str], tags: bool = True) -> list[Reading]:
        """Read several texts in shared batches (the evaluation and the benchmark use this).

        tags=False: words only (every tag "x"), skipping the part-of-speech vote.
        """
        for text in texts:
            if len(text) > MAX_CHARS:
                raise TextTooLong(len(text))
        parts = [pieces_of(text) for text in texts]
        runs = [piece for text_parts in parts for _, piece, space in text_parts if not space]
        probabilities = self.joint_probabilities(runs)
        positions = [p.reshape(len(p), 4, len(self.tags)).sum(axis=2) for p in probabilities]
        labels = _decode(positions)
        readings, k = [], 0
        for text, text_parts in zip(texts, parts):
            words, word_tags, probs, text_labels = [], [], np.zeros((len(text), 4), np.float32), np.full(len(text), -1)
            for start, piece, space in text_parts:
                if space:
                    words.append(piece)
                    word_tags.append("w")
                    continue
                piece_words = bies.words_of(piece, labels[k])
                words += piece_words
                if tags:
                    log_joint = np.log(np.maximum(probabilities[k], 1e-12))
                    word_tags += [self.tags[i] for i in bies.word_tags(log_joint, labels[k], len(self.tags))]
                else:
                    word_tags += ["x"] * len(piece_words)
                probs[start:start + len(piece)] = positions[k]
                text_labels[start:start + len(piece)] = labels[k]
                k += 1
            readings.append(Reading(text, tuple(words), tuple(word_tags), probs, tuple(text_labels.tolist())))
        return readings

    def segment_many(self, texts: list[str]) -> list[list[str]]:
        """The words of several texts (no parts of speech): the fast path the benchmark times."""
        return [list(reading.words) for reading in self.read_many(texts, tags=False)]

    def read(self, text: str) -> Reading:
        return self.read_many([text])[0]

    def segment(self, text: str) -> list[str]:
        """The words of `text`, covering it exactly ("".join(words) == text)."""
        return list(self.read(text).words)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) pairs; PKU tags (n noun, v verb, nr person name, ns place ...)."""
        reading = self.read(text)
        return list(zip(reading.words, reading.tags))

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        """Names as (start, end, "PER" | "LOC" | "ORG") character spans of `text`."""
        return self.read(text).entities

    # ---- the Gates page ---------------------------------------------------------------------------------
    def trace_text(self, text: str):
        """Every gate of both directions for the first `max_steps` characters (spaces included)."""
        if not text:
            raise UserError("cannot trace an empty text", Message("error.trace.empty"))
        shown = text[: self.max_steps]
        traced = self.network.trace(self.inputs(self.features.encode(shown)))
        reading = self.read(shown)
        summary = Message("model.summary.tagger", {"words": " / ".join(reading.words)})
        return ModelTrace(tuple(shown), tuple(self.features.unknown(shown)), traced.layers, summary,
                          steps_before_cut=len(text) if len(text) > self.max_steps else 0)

    def layer_traces(self, text: str) -> tuple[LayerTrace, ...]:
        return self.network.trace(self.inputs(self.features.encode(text))).layers

    def reference_texts(self) -> list[str]:
        """Sentences to search for what a unit responds to: the first test sentences, read from the installed corpus."""
        return [text_of(sentence)[: self.max_steps] for sentence in test_sentences()[:REFERENCE_SENTENCES]]

    @cached_property
    def parameter_count(self) -> int:
        return int(sum(w.size for w in self.weights.values()))


def batches(lengths: list[int]) -> list[np.ndarray]:
    """Row indices in batches of similar length (sorted), each within BATCH rows and BATCH_CHARACTERS padded."""
    order = np.argsort(lengths, kind="stable")
    out, start = [], 0
    while start < len(order):
        end = start + 1
        while end < len(order) and end - start < BATCH and (end - start + 1) * lengths[order[end]] <= BATCH_CHARACTERS:
            end += 1
        out.append(order[start:end])
        start = end
    return out


def _decode(positions: list[np.ndarray]) -> list[list[int]]:
    """Constrained Viterbi over many pieces at once, in length-sorted batches."""
    out: list[list[int]] = [[] for _ in positions]
    for rows in batches([len(p) for p in positions]):
        lengths = np.array([len(positions[r]) for r in rows])
        batch = np.zeros((len(rows), lengths.max(initial=1), 4))
        for row, r in enumerate(rows):
            batch[row, : lengths[row]] = positions[r]
        labels = bies.viterbi(np.log(np.maximum(batch, 1e-12)), lengths)
        for row, r in enumerate(rows):
            out[r] = labels[row, : lengths[row]].tolist()
    return out


def weight_shapes(features: CharFeatures, spec: NetworkSpec, char_dim: int, bigram_dim: int) -> dict[str, tuple[int, ...]]:
    """Every array a tagger's weights file must hold, with its shape (checked before unpacking)."""
    return {"char_embedding": (len(features.chars), char_dim), "bigram_embedding": (len(features.bigrams), bigram_dim),
            **spec.weight_shapes()}


def spec_for(char_dim: int, bigram_dim: int, units: int, tags: int, bidirectional: bool) -> NetworkSpec:
    """The NumPy network behind a tagger: features in, one LSTM layer, a softmax per character."""
    return NetworkSpec(input_kind="values", input_dim=char_dim + bigram_dim, units=(units,), bidirectional=bidirectional,
                       output_dim=4 * tags, per_step_output=True)
