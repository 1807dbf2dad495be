"""Checks of what the lessons say about the sequence labelling models (the Sequence labelling page).

The BiLSTM and its left-to-right twin read the text the step sets, the CRF and jieba cut it
the same way the page does, and the facts are what the page shows: the B/I/E/S strips at a
character, each method's words, the tags and names, the measured word F1 of the card.
Words are joined with " / " as the page writes them.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from lstm_core.lessons import shipped as shipped_cards
from lstm_core.tagging import bies, corpus, evaluation, shipped
from lstm_core.tagging.crf import CrfSegmenter
from lstm_core.tagging.tagger import Tagger

CHECKS = ("strips", "directions", "monk", "names", "standard")
METHODS = ("bilstm", "lstm_forward", "crf", "jieba_hmm", "jieba_no_hmm")  # the card's and the page's names


@lru_cache(maxsize=1)
def _taggers() -> tuple[Tagger, Tagger]:
    return shipped.load_both()


@lru_cache(maxsize=1)
def _crf() -> CrfSegmenter:
    return shipped.load_crf()


def _words(method: str, text: str) -> list[str]:
    """The words a method of the page cuts `text` into."""
    bi, forward = _taggers()
    cut = {"bilstm": bi.segment, "lstm_forward": forward.segment, "crf": _crf().segment,
           "jieba_hmm": evaluation.jieba_segment(True), "jieba_no_hmm": evaluation.jieba_segment(False)}[method]
    return cut(text)


def _label(probabilities) -> tuple[str, float]:
    """The most likely B/I/E/S label of one character of a strip, and its probability."""
    k = int(probabilities.argmax())
    return bies.LABELS[k], float(probabilities[k])


def strips(text: str, char: str) -> dict:
    """The two B/I/E/S strips at `char` (its first use) and at the character after it, and both models' words.

    Facts: bi_label / bi_p (the BiLSTM's most likely label there, its probability), the same
    for the left-to-right model (forward_*) and for it at the next character (forward_next_*),
    read (what the left-to-right model has read at `char`), ahead (what only the backward pass
    has read), bi_words / forward_words, same_words.
    """
    bi, forward = (model.read(text) for model in _taggers())
    at = text.index(char)
    bi_label, bi_p = _label(bi.position_probabilities[at])
    forward_label, forward_p = _label(forward.position_probabilities[at])
    next_label, next_p = _label(forward.position_probabilities[at + 1])
    return {"bi_label": bi_label, "bi_p": bi_p, "forward_label": forward_label, "forward_p": forward_p,
            "next_char": text[at + 1], "forward_next_label": next_label, "forward_next_p": next_p,
            "read": text[: at + 1], "ahead": text[at + 1:], "bi_words": " / ".join(bi.words),
            "forward_words": " / ".join(forward.words), "same_words": bi.words == forward.words}


def _lstm_weights(tagger: Tagger) -> int:
    return int(sum(w.size for name, w in tagger.weights.items() if name.startswith("lstm_")))


def directions(text: str, char: str) -> dict:
    """The strips at `char`, and what else tells the two LSTMs apart: their features and LSTM weights.

    Facts (besides those of `strips`): same_features (one character and bigram table), bi_lstm_weights,
    forward_lstm_weights and weight_ratio (the first over the second), bidirectional (of each).
    """
    bi, forward = _taggers()
    return strips(text, char) | {
        "same_features": bi.features == forward.features and bi.spec.input_dim == forward.spec.input_dim,
        "bi_lstm_weights": _lstm_weights(bi), "forward_lstm_weights": _lstm_weights(forward),
        "weight_ratio": _lstm_weights(bi) / _lstm_weights(forward),
        "directions": [bi.spec.bidirectional, forward.spec.bidirectional],
    }


def monk(text: str, word: str, at: str) -> dict:
    """Which of the page's methods cut `word` out of `text`, and how the others cut it.

    Facts: readers (the methods whose words hold `word`), others_agree (every other method cuts
    the text alike), other_words (their words), forward_words, forward_at (the left-to-right
    model's most likely label at the character `at`), crf_window (characters the CRF's features
    see on each side).
    """
    words = {method: _words(method, text) for method in METHODS}
    readers = [method for method in METHODS if word in words[method]]
    others = [words[method] for method in METHODS if method not in readers]
    reading = _taggers()[1].read(text)
    return {"readers": readers, "others_agree": all(w == others[0] for w in others),
            "other_words": others[0] if others else [], "forward_words": words["lstm_forward"],
            "forward_at": _label(reading.position_probabilities[text.index(at)])[0], "crf_window": _crf().config.window}


def names(text: str) -> dict:
    """The BiLSTM's (word, part of speech) pairs and the names it reads off them (text, PER/LOC/ORG)."""
    bi = _taggers()[0]
    reading = bi.read(text)
    return {"pairs": list(zip(reading.words, reading.tags)),
            "entities": [(text[start:end], kind) for start, end, kind in reading.entities]}


@lru_cache(maxsize=1)
def _corpus_words() -> tuple[Counter, Counter]:
    """How often each word, and each pair of adjacent words, occurs in People's Daily's test split."""
    sentences = corpus.test_sentences()
    return (Counter(word for sentence in sentences for word, _ in sentence),
            Counter((a[0], b[0]) for sentence in sentences for a, b in zip(sentence, sentence[1:])))


def _pieces(words: list[str], other: list[str]) -> list[tuple[str, list[str]]]:
    """Each word of `words` that `other` cuts into several, with those pieces (both cover the same text)."""
    ends, start, found = {}, 0, []
    for piece in other:
        ends[start] = (piece, start + len(piece))
        start += len(piece)
    start = 0
    for word in words:
        pieces, at = [], start
        while at in ends and at < start + len(word):
            piece, at = ends[at]
            pieces.append(piece)
        if len(pieces) > 1 and at == start + len(word):
            found.append((word, pieces))
        start += len(word)
    return found


def standard(text: str, method: str) -> dict:
    """Where jieba (`method`) and the BiLSTM cut `text` differently, how People's Daily writes it, and the card's F1.

    Facts: split_word / split_cut (the first BiLSTM word jieba cuts into pieces, and those pieces),
    digit_by_digit (each digit of it a piece of its own), joined_word / joined_cut (the first jieba
    word the BiLSTM cuts into pieces), joined_tags (the BiLSTM's tags of those pieces), corpus_split_word
    and corpus_joined_word (how often the test split writes each as one word), corpus_joined_cut (how
    often it writes the BiLSTM's pieces side by side), modes_agree (jieba's two modes cut the text
    alike), crf_agrees (the CRF cuts it as the BiLSTM does); from the card's test split: bilstm_f1,
    crf_f1, jieba_f1 (jieba's better mode), gap_points.
    """
    jieba, bilstm = _words(method, text), _words("bilstm", text)
    split_word, split_pieces = _pieces(bilstm, jieba)[0]  # an IndexError: the two cut the text alike
    joined_word, joined_pieces = _pieces(jieba, bilstm)[0]
    tags = dict(names(text)["pairs"])
    words, pairs = _corpus_words()
    test = shipped_cards.card(shipped.NAME)["test"]
    f1 = {name: test[name]["word"]["f1"] for name in METHODS}
    jieba_f1 = max(f1["jieba_hmm"], f1["jieba_no_hmm"])
    return {"split_word": split_word, "split_cut": " / ".join(split_pieces),
            "digit_by_digit": all(len(piece) == 1 for piece in split_pieces if piece.isdigit()),
            "joined_word": joined_word, "joined_cut": " / ".join(joined_pieces),
            "joined_tags": [tags[piece] for piece in joined_pieces],
            "corpus_split_word": words[split_word], "corpus_joined_word": words[joined_word],
            "corpus_joined_cut": pairs[tuple(joined_pieces)] if len(joined_pieces) == 2 else 0,
            "modes_agree": _words("jieba_hmm", text) == _words("jieba_no_hmm", text),
            "crf_agrees": _words("crf", text) == bilstm,
            "bilstm_f1": f1["bilstm"], "crf_f1": f1["crf"], "jieba_f1": jieba_f1,
            "gap_points": 100 * (f1["bilstm"] - jieba_f1)}
