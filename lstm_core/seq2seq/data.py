"""Seeded draws of a task, split three ways without overlap, and their encoding as ids.

The training draw comes first; the validation draw skips every input the training draw
holds, and the held-out (test) draw skips both, so no input string is in two splits.
Short numerals are few (there are ten one-character ones), so the training draw takes
most of them and the held-out draw has fewer short inputs than the generator makes: the
model card counts the held-out inputs by length.

Ids: a source character k of the task's alphabet is k + 1 (0 pads). Targets reserve
0 (padding), 1 (start) and 2 (end); target character k is k + 3. The decoder reads
[start, y_1, ..., y_n] and learns to write [y_1, ..., y_n, end].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.seq2seq.tasks import Task

PAD, START, END = 0, 1, 2
TARGET_OFFSET = 3


@dataclass(frozen=True)
class Split:
    """Inputs and their right outputs."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.sources)


@dataclass(frozen=True)
class Draws:
    """A task's three disjoint splits, from one seed."""

    task: str
    train: Split
    validation: Split
    test: Split
    seed: int

    def describe(self) -> dict:
        """The split as a model card records it."""
        return {"seed": self.seed, "sizes": {"train": len(self.train), "validation": len(self.validation),
                                            "test": len(self.test)},
                "disjoint": "by input string: validation skips training inputs, test skips both"}


def _draw_unique(task: Task, count: int, rng: np.random.Generator, taken: set[str]) -> Split:
    """`count` examples whose inputs are new (not in `taken`, not repeated); `taken` grows."""
    sources, targets = [], []
    for _ in range(count * 50):
        if len(sources) == count:
            break
        source, target = task.draw(rng)
        if source not in taken:
            taken.add(source)
            sources.append(source)
            targets.append(target)
    if len(sources) < count:
        raise ValueError(f"{task.name} has too few distinct inputs for {count} more examples")
    return Split(tuple(sources), tuple(targets))


def draw_splits(task: Task, train: int, validation: int, test: int, seed: int) -> Draws:
    """Three disjoint draws (training first) from one `numpy` generator seeded with `seed`."""
    rng, taken = np.random.default_rng(seed), set()
    parts = [_draw_unique(task, count, rng, taken) for count in (train, validation, test)]
    return Draws(task.name, *parts, seed)


@dataclass(frozen=True)
class Codec:
    """Characters <-> ids for one task."""

    source_alphabet: str
    target_alphabet: str

    @property
    def source_size(self) -> int:
        return len(self.source_alphabet) + 1

    @property
    def target_size(self) -> int:
        return len(self.target_alphabet) + TARGET_OFFSET

    def source_ids(self, text: str) -> np.ndarray:
        """(T,) ids of a text whose characters are all in the alphabet (checked by the caller)."""
        return np.array([self.source_alphabet.index(c) + 1 for c in text], dtype=np.int64)

    def target_text(self, ids) -> str:
        """Target ids back to text, stopping at the end mark."""
        out = []
        for i in ids:
            if i == END:
                break
            if i >= TARGET_OFFSET:
                out.append(self.target_alphabet[i - TARGET_OFFSET])
        return "".join(out)

    def writable_ids(self) -> list[int]:
        """The ids a decoder may write: every target character and the end mark (not padding, not start)."""
        return [END, *range(TARGET_OFFSET, self.target_size)]

    def target_label(self, i: int) -> str:
        """One target id as a label: a character, or <s> / </s>."""
        return {START: "<s>", END: "</s>", PAD: "·"}.get(int(i)) or self.target_alphabet[int(i) - TARGET_OFFSET]

    def sources(self, texts, length: int) -> np.ndarray:
        """(N, length) int32 source ids, real characters first, then padding."""
        out = np.zeros((len(texts), length), np.int32)
        for row, text in enumerate(texts):
            out[row, : len(text)] = self.source_ids(text)
        return out

    def targets(self, texts, length: int) -> tuple[np.ndarray, np.ndarray]:
        """(decoder inputs, decoder targets), each (N, length + 1) int32: [start, y] and [y, end]."""
        inputs = np.zeros((len(texts), length + 1), np.int32)
        outputs = np.zeros((len(texts), length + 1), np.int32)
        for row, text in enumerate(texts):
            ids = [self.target_alphabet.index(c) + TARGET_OFFSET for c in text]
            inputs[row, : len(ids) + 1] = [START, *ids]
            outputs[row, : len(ids) + 1] = [*ids, END]
        return inputs, outputs


def codec_for(task: Task) -> Codec:
    return Codec(task.source_alphabet, task.target_alphabet)


def training_arrays(codec: Codec, split: Split, max_source: int, max_target: int) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) for the Keras twin: x = source ids then decoder input ids side by side, y = targets.

    One array holds both inputs because the training loop fits (x, y) pairs of arrays.
    """
    decoder_in, decoder_out = codec.targets(split.targets, max_target)
    return np.concatenate([codec.sources(split.sources, max_source), decoder_in], axis=1), decoder_out
