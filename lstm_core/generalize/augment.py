"""EDA: four cheap ways to make new training sentences from old ones (Wei & Zou, 2019).

"Easy data augmentation" edits a tokenized sentence at random, keeping its label:
- synonym replacement: swap a few words for one of their nearest neighbours in the
  word vectors (here the app's own word2vec vectors, so "neighbour" means "used in
  similar contexts", which is not always a synonym: 好 and 差 can be neighbours);
- random insertion: put a neighbour of some word at a random position;
- random swap: exchange two words, a few times;
- random deletion: drop each word with probability p (never all of them).
n, the number of edits, grows with the sentence: n = max(1, round(alpha · length)).
Every function takes a `numpy.random.Generator`, so a seed gives the same sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

Synonyms = Mapping[str, Sequence[str]]  # word -> its nearest neighbours, best first
OPERATIONS = ("synonym", "insertion", "swap", "deletion")


def edits(tokens: Sequence[str], alpha: float) -> int:
    """How many words an operation changes: max(1, round(alpha · length))."""
    return max(1, int(round(alpha * len(tokens))))


def synonym_replace(tokens: Sequence[str], synonyms: Synonyms, n: int, rng: np.random.Generator) -> list[str]:
    """Replace up to n different positions whose word has neighbours by a random neighbour."""
    out = list(tokens)
    positions = [i for i, token in enumerate(out) if synonyms.get(token)]
    for i in rng.permutation(positions)[:n]:
        choices = synonyms[out[i]]
        out[i] = choices[int(rng.integers(len(choices)))]
    return out


def random_insertion(tokens: Sequence[str], synonyms: Synonyms, n: int, rng: np.random.Generator) -> list[str]:
    """Insert, n times, a neighbour of a random word (that has one) at a random position."""
    out = list(tokens)
    for _ in range(n):
        known = [token for token in out if synonyms.get(token)]
        if not known:
            break
        word = known[int(rng.integers(len(known)))]
        choices = synonyms[word]
        out.insert(int(rng.integers(len(out) + 1)), choices[int(rng.integers(len(choices)))])
    return out


def random_swap(tokens: Sequence[str], n: int, rng: np.random.Generator) -> list[str]:
    """Exchange two random positions, n times (the words stay the same, only their order changes)."""
    out = list(tokens)
    if len(out) < 2:
        return out
    for _ in range(n):
        i, j = rng.choice(len(out), size=2, replace=False)
        out[i], out[j] = out[j], out[i]
    return out


def random_deletion(tokens: Sequence[str], p: float, rng: np.random.Generator) -> list[str]:
    """Drop each word with probability p; if every word would go, keep one at random."""
    if not 0 <= p < 1:
        raise ValueError("the deletion probability must be at least 0 and below 1")
    out = list(tokens)
    if len(out) <= 1:
        return out
    keep = rng.random(len(out)) >= p
    if not keep.any():
        keep[int(rng.integers(len(out)))] = True
    return [token for token, kept in zip(out, keep) if kept]


def augment(tokens: Sequence[str], synonyms: Synonyms, operation: str, rng: np.random.Generator,
            alpha: float = 0.1) -> list[str]:
    """One EDA operation by name ("synonym", "insertion", "swap", "deletion") at strength alpha."""
    n = edits(tokens, alpha)
    if operation == "synonym":
        return synonym_replace(tokens, synonyms, n, rng)
    if operation == "insertion":
        return random_insertion(tokens, synonyms, n, rng)
    if operation == "swap":
        return random_swap(tokens, n, rng)
    if operation == "deletion":
        return random_deletion(tokens, alpha, rng)
    raise ValueError(f"operation must be one of {OPERATIONS}, not {operation!r}")


def augment_corpus(documents: Sequence[Sequence[str]], synonyms: Synonyms, copies: int, rng: np.random.Generator,
                   alpha: float = 0.1) -> list[list[str]]:
    """`copies` new versions of every document, each made by one operation drawn at random."""
    out = []
    for _ in range(copies):
        for tokens in documents:
            out.append(augment(tokens, synonyms, OPERATIONS[int(rng.integers(len(OPERATIONS)))], rng, alpha))
    return out


def synonym_table(vectors, words: Sequence[str], top: int = 5, min_similarity: float = 0.5) -> dict[str, list[str]]:
    """Nearest neighbours (cosine similarity >= min_similarity, at most `top`) of every known word.

    vectors: gensim KeyedVectors (the app's word vectors). One matrix product per block
    of words instead of a `most_similar` call per word.
    """
    known = [w for w in dict.fromkeys(words) if w in vectors.key_to_index and _is_word(w)]
    if not known:
        return {}
    matrix = vectors.vectors / np.maximum(np.linalg.norm(vectors.vectors, axis=1, keepdims=True), 1e-12)
    table: dict[str, list[str]] = {}
    for start in range(0, len(known), 512):
        block = known[start : start + 512]
        rows = np.array([vectors.key_to_index[w] for w in block])
        similarity = matrix[rows] @ matrix.T  # (B, V)
        similarity[np.arange(len(block)), rows] = -1.0  # a word is not its own neighbour
        best = np.argsort(-similarity, axis=1)[:, : 2 * top]  # room for punctuation to be skipped
        for word, row, order in zip(block, similarity, best):
            found = [vectors.index_to_key[j] for j in order if row[j] >= min_similarity and _is_word(vectors.index_to_key[j])]
            if found:
                table[word] = found[:top]
    return table


def _is_word(token: str) -> bool:
    """Punctuation and numbers have no synonyms worth swapping in."""
    return any(ch.isalpha() for ch in token)
