"""Segmentation as one label per character: B (begins a word), I (inside), E (ends), S (single).

一九九八年/新年/讲话 is 一 B, 九 I, 九 I, 八 I, 年 E, 新 B, 年 E, 讲 B, 话 E. Not every label
string is a segmentation: I cannot follow E, a sentence cannot end on B. A tagger gives each
character a probability for each label; `viterbi` picks the most probable string that is a
valid segmentation (Viterbi 1967, over the allowed transitions only), so the words always
cover the text exactly. The joint labels of the tagger (B-v, E-n, ...) add a part of speech
to the position; `word_tags` reads one tag per decoded word back from them.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

LABELS = ("B", "I", "E", "S")
B, I, E, S = range(4)
# ALLOWED[a, b]: may label b follow label a?
ALLOWED = np.array([
    # B      I      E      S      (next)
    [False, True, True, False],  # after B: the word goes on
    [False, True, True, False],  # after I
    [True, False, False, True],  # after E: a new word starts
    [True, False, False, True],  # after S
])
CAN_START = np.array([True, False, False, True])
CAN_END = np.array([False, False, True, True])
NEVER = -1e9  # log-score of a forbidden step


def labels_of(words: Sequence[str]) -> list[int]:
    """One BIES label per character of the words."""
    labels: list[int] = []
    for word in words:
        if len(word) == 1:
            labels.append(S)
        elif word:
            labels += [B] + [I] * (len(word) - 2) + [E]
    return labels


def words_of(text: str, labels: Sequence[int]) -> list[str]:
    """Cut `text` where the labels say a word ends (after E or S); a valid string covers the text exactly."""
    if len(text) != len(labels):
        raise ValueError(f"{len(text)} characters but {len(labels)} labels")
    words, start = [], 0
    for position, label in enumerate(labels):
        if label in (E, S) or position == len(text) - 1:
            words.append(text[start : position + 1])
            start = position + 1
    return words


def is_valid(labels: Sequence[int]) -> bool:
    """Does the label string spell a segmentation?"""
    if not len(labels):
        return True
    if not CAN_START[labels[0]] or not CAN_END[labels[-1]]:
        return False
    return all(ALLOWED[a, b] for a, b in zip(labels[:-1], labels[1:]))


def viterbi(log_probs: np.ndarray, lengths: np.ndarray | None = None) -> np.ndarray:
    """The best valid label string of each row.

    log_probs: (N, T, 4) log-probabilities of B, I, E, S per character (padded rows allowed);
    lengths: (N,) real characters per row (default: all T). Returns (N, T) labels, -1 at padding.
    All rows advance together: one (N, 4, 4) maximum per step.
    """
    log_probs = np.asarray(log_probs, dtype=np.float64)
    rows, steps, _ = log_probs.shape
    lengths = np.full(rows, steps) if lengths is None else np.asarray(lengths)
    transition = np.where(ALLOWED, 0.0, NEVER)  # (4, 4)
    score = log_probs[:, 0] + np.where(CAN_START, 0.0, NEVER)  # (N, 4)
    back = np.zeros((rows, steps, 4), dtype=np.int8)
    finals = np.where(lengths[:, None] == 1, score + np.where(CAN_END, 0.0, NEVER), -np.inf)
    for t in range(1, steps):
        candidates = score[:, :, None] + transition  # (N, from, to)
        back[:, t] = candidates.argmax(axis=1)
        score = candidates.max(axis=1) + log_probs[:, t]
        ends_here = lengths == t + 1
        finals[ends_here] = score[ends_here] + np.where(CAN_END, 0.0, NEVER)
    out = np.full((rows, steps), -1, dtype=np.int64)
    label = finals.argmax(axis=1)  # (N,) the best last label of each row
    every = np.arange(rows)
    for t in range(steps - 1, -1, -1):  # follow the back-pointers, each row from its own end
        live = t < lengths
        out[live, t] = label[live]
        label = np.where(live, back[every, t, label], label)
    return out


def word_tags(log_probs: np.ndarray, labels: Sequence[int], tag_count: int) -> list[int]:
    """One part of speech per decoded word: the tag with the highest summed log-probability.

    log_probs: (T, 4 * tag_count), the joint labels in the order position-major
    (B-tag0 ... B-tagK, I-tag0, ...); labels: the decoded BIES string.
    """
    labels = np.asarray(labels)
    joint = np.asarray(log_probs).reshape(len(labels), 4, tag_count)
    per_char = joint[np.arange(len(labels)), labels]  # (T, K): each character's own position
    ends = np.flatnonzero((labels == E) | (labels == S))
    if not len(ends):
        return []
    starts = np.concatenate([[0], ends[:-1] + 1])
    return np.add.reduceat(per_char, starts, axis=0).argmax(axis=1).tolist()  # (words, K) summed per word
