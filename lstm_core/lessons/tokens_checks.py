"""Checks of what the lessons say about tokens, ids and word vectors (the Tokens page)."""

from __future__ import annotations

from functools import lru_cache

from lstm_core.embeddings import word_vectors
from lstm_core.text import segmentation, tfidf

CHECKS = ("hmm_name", "english_split", "order_lost", "opposites")


def hmm_name(text: str, name: str, hmm: bool) -> dict:
    """How jieba's precise mode cuts `name` out of `text`, with the HMM as the step sets it and without."""
    with_hmm, without = segmentation.segment(text, "precise", True), segmentation.segment(text, "precise", False)
    return {"whole_with_hmm": name in with_hmm, "pieces_without_hmm": sum(tok in name for tok in without),
            "hmm": hmm, "tokens": " / ".join(with_hmm if hmm else without)}


def english_split(text: str) -> dict:
    """The English rule's tokens of a text (the chips the Tokens page shows)."""
    tokens = segmentation.english_tokens(text)
    return {"tokens": tokens, "count": len(tokens), "bangs": tokens.count("!")}


def order_lost(documents: str, first: int, second: int) -> dict:
    """Two of the page's lines: their ids (in order) and their bags of words (counts, no order).

    The vocabulary is built from the same lines, as on the page, so no token is `<unk>`.
    """
    lines = [line.strip() for line in documents.splitlines() if line.strip()]
    tokens = [segmentation.tokens_for(line, segmentation.guess_language(line)) for line in lines]
    table = tfidf.id_table(tokens, max(map(len, tokens)))
    a, b = table.ids[first - 1], table.ids[second - 1]
    return {"same_bag": tfidf.same_bag(tokens[first - 1], tokens[second - 1]), "same_ids": bool((a == b).all()),
            "first_tokens": " / ".join(tokens[first - 1]), "second_tokens": " / ".join(tokens[second - 1]),
            "unknown": int((table.ids == 1).sum())}


@lru_cache(maxsize=2)
def _vectors(language: str):
    return word_vectors.load_word_vectors(language)


def opposites(pairs: list[list[str]]) -> dict:
    """For each [language, word, other]: other's rank among word's neighbours, their cosine, word's nearest.

    Facts are named by language (en_rank, zh_cosine, ...), so the pairs are in different languages.
    """
    facts = {}
    for language, word, other in pairs:
        kv = _vectors(language)
        ranked = [neighbour for neighbour, _ in kv.most_similar(word, topn=len(kv))]
        facts |= {f"{language}_rank": ranked.index(other) + 1, f"{language}_cosine": float(kv.similarity(word, other)),
                  f"{language}_nearest": ranked[0], f"{language}_words": len(ranked)}
    return facts
