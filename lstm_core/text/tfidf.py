"""From tokens to numbers: vocabulary ids with padding, bag-of-words, and TF-IDF.

An LSTM reads a sequence of ids, one per token, in order. Bag-of-words and TF-IDF
instead count tokens per document, so "狗咬人" and "人咬狗" get the same row: order is
lost. TF-IDF (term frequency x inverse document frequency) lowers the weight of words that
occur in every document. We use scikit-learn's vectorizers with our tokenizer as the
analyzer, so the table shows exactly the tokens the rest of the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from lstm_core.text.segmentation import guess_language, tokens_for
from lstm_core.text.vocab import PAD, UNK, Vocabulary, pad

Analyzer = Callable[[str], list[str]]


def mixed_analyzer(user_words: Sequence[str] = ()) -> Analyzer:
    """Tokens of one document in its own language: Chinese lines through jieba (with `user_words`), English by the rule."""
    words = tuple(user_words)

    def analyzer(document: str) -> list[str]:
        return tokens_for(document, guess_language(document), words)

    return analyzer


@dataclass(frozen=True)
class IdTable:
    """Each document's tokens, their ids and the padded id rows an Embedding layer reads."""

    vocabulary: Vocabulary
    tokens: tuple[tuple[str, ...], ...]
    ids: np.ndarray  # (documents, length) int32, 0 = <pad>, 1 = <unk>

    def frame(self) -> pd.DataFrame:
        """documents x positions, cells `token → id` (<pad> where the document ended)."""
        rows = []
        for doc_tokens, row in zip(self.tokens, self.ids):
            cells = list(doc_tokens[: len(row)]) + [PAD] * max(0, len(row) - len(doc_tokens))
            rows.append([f"{tok} → {int(i)}" if i != 1 else f"{tok} → 1 {UNK}" for tok, i in zip(cells, row)])
        return pd.DataFrame(rows, columns=[str(p + 1) for p in range(self.ids.shape[1])])


def id_table(
    documents: Sequence[Sequence[str]], length: int, vocabulary: Vocabulary | None = None, max_size: int | None = None
) -> IdTable:
    """Ids of tokenized documents, padded or cut to `length`; the vocabulary is built from them if not given."""
    if length < 1:
        raise ValueError("the padded length must be at least 1")
    vocabulary = vocabulary or Vocabulary.build(documents, max_size=max_size)
    encoded = [vocabulary.encode(doc).ids for doc in documents]
    return IdTable(vocabulary, tuple(tuple(doc) for doc in documents), pad(encoded, length))


@dataclass(frozen=True)
class TermTable:
    """A documents x terms matrix with its labels (counts or TF-IDF weights)."""

    terms: tuple[str, ...]
    values: np.ndarray  # (documents, terms)

    def frame(self, document_labels: Sequence[str]) -> pd.DataFrame:
        return pd.DataFrame(self.values, index=list(document_labels), columns=list(self.terms))


def _check(documents: Sequence[str]) -> list[str]:
    documents = [d for d in documents if d and d.strip()]
    if not documents:
        raise ValueError("give at least one non-empty document")
    return documents


def bag_of_words(documents: Sequence[str], analyzer: Analyzer) -> TermTable:
    """Token counts per document (scikit-learn's CountVectorizer with our analyzer)."""
    vectorizer = CountVectorizer(analyzer=analyzer)
    matrix = vectorizer.fit_transform(_check(documents))
    return TermTable(tuple(vectorizer.get_feature_names_out()), matrix.toarray())


def tfidf(documents: Sequence[str], analyzer: Analyzer) -> TermTable:
    """TF-IDF weights per document: tf x (ln((1+n)/(1+df)) + 1), each row scaled to length 1."""
    vectorizer = TfidfVectorizer(analyzer=analyzer)  # smooth_idf and l2 norm are the defaults
    matrix = vectorizer.fit_transform(_check(documents))
    return TermTable(tuple(vectorizer.get_feature_names_out()), matrix.toarray())


def same_bag(first: Sequence[str], second: Sequence[str]) -> bool:
    """True when two token lists have the same counts, i.e. bag-of-words cannot tell them apart."""
    return sorted(first) == sorted(second)


def same_bag_pairs(documents: Sequence[str], analyzer: Analyzer) -> list[tuple[str, str]]:
    """Every pair of different documents that bag-of-words cannot tell apart, in reading order.

    Each document is tokenized once and filed under its sorted tokens, so only documents
    in the same bag are paired.
    """
    bags: dict[tuple[str, ...], list[int]] = {}
    for index, document in enumerate(documents):
        bags.setdefault(tuple(sorted(analyzer(document))), []).append(index)
    pairs = [(i, j) for rows in bags.values() for a, i in enumerate(rows) for j in rows[a + 1:]
             if documents[i] != documents[j]]
    return [(documents[i], documents[j]) for i, j in sorted(pairs)]
