"""Turning text into tokens: jieba for Chinese, one explained regular expression for English.

jieba (github.com/fxsjy/jieba) cuts Chinese in three steps: a prefix dictionary gives
every way to split a sentence into known words (a DAG), dynamic programming picks the
most probable path by word frequency, and an HMM over B/M/E/S character states joins
runs of characters the dictionary does not know (new names, new words). Its three modes:
- precise: the single most probable split, what a model is fed;
- full: every dictionary word found anywhere, overlapping (good for recall, not for models);
- search: the precise split, plus the shorter words inside long ones (for search engines).

User words are added to a private `jieba.Tokenizer`, never to jieba's global one, so one
user's words cannot change anybody else's segmentation. The dictionary (about half a
million prefixes, some 14 MB) is loaded once and shared: a private tokenizer holds only
its user words and their prefixes, laid over the shared table (`_WordsOver`), so a new
word list costs kilobytes, not a copy of the dictionary (a copy each was +469 MB after
40 lists, kept after their sessions closed). Tokenizers are built once per set of user
words, kept for the few most recent sets, and then only read.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Literal

import jieba
import jieba.analyse
import jieba.posseg

jieba.setLogLevel(60)  # silence "Building prefix dict..." on stderr

Mode = Literal["precise", "full", "search"]
MODES: tuple[Mode, ...] = ("precise", "full", "search")
MAX_USER_WORDS = 200  # more than a student types; keeps the per-set tokenizer cache small
MAX_WORD_LENGTH = 20  # characters in one user word

# The English rule, tried left to right at each position (first match wins):
ENGLISH_RULE = re.compile(
    r"""
    https?://\S+                     # a URL stays one token
  | [@\#]\w+                         # @mention and #hashtag
  | [^\W\d_]+(?:['’\-][^\W\d_]+)*    # a word, with inner apostrophes or hyphens: don't, self-driving
  | \d+(?:[.,:]\d+)*                 # a number: 3, 3.14, 1,000, 10:30
  | [^\w\s]                          # any other single character: punctuation, an emoji
    """,
    re.VERBOSE,
)


# ---------------------------------------------------------------- tokenizers


@lru_cache(maxsize=1)
def _base_tokenizer() -> jieba.Tokenizer:
    """jieba's tokenizer with its prefix dictionary, loaded once (about 1 s) and never changed."""
    base = jieba.Tokenizer()
    base.initialize()
    return base


class _WordsOver(dict):
    """A few user words (and their prefixes) over jieba's shared frequency table, which is never copied or changed.

    jieba reads its table with `in`, `[]` and `.get`, and `add_word` writes the word and
    its prefixes with `[] =`: writes land in this small dict, reads fall through to `base`.
    """

    def __init__(self, base: dict[str, int]) -> None:
        super().__init__()
        self.base = base

    def __contains__(self, word) -> bool:
        return dict.__contains__(self, word) or word in self.base

    def __getitem__(self, word) -> int:
        return dict.__getitem__(self, word) if dict.__contains__(self, word) else self.base[word]

    def get(self, word, default=None):
        return dict.__getitem__(self, word) if dict.__contains__(self, word) else self.base.get(word, default)


@lru_cache(maxsize=1)
def _base_pos_tokenizer() -> jieba.posseg.POSTokenizer:
    return jieba.posseg.POSTokenizer(tokenizer(()))


@lru_cache(maxsize=1)
def _base_tfidf() -> jieba.analyse.TFIDF:
    return jieba.analyse.TFIDF()  # reads jieba's IDF table once


def normalize_user_words(words: Iterable[str]) -> tuple[str, ...]:
    """Clean a user's word list: strip, drop empty and over-long entries, dedupe, sort, cap."""
    kept = {w.strip() for w in words if w and w.strip() and len(w.strip()) <= MAX_WORD_LENGTH}
    kept = {w for w in kept if not any(ch.isspace() for ch in w)}
    return tuple(sorted(kept))[:MAX_USER_WORDS]


TOKENIZERS_KEPT = 16  # word sets whose tokenizers are kept (each holds only its own words)


@lru_cache(maxsize=TOKENIZERS_KEPT)
def tokenizer(user_words: tuple[str, ...] = ()) -> jieba.Tokenizer:
    """A jieba tokenizer with `user_words` added (pass a normalized tuple); the shared one for none.

    Built once per word set and then only read: cutting never changes a tokenizer.
    """
    base = _base_tokenizer()
    if not user_words:
        return base
    private = jieba.Tokenizer()
    private.FREQ, private.total = _WordsOver(base.FREQ), base.total  # add_word writes into the overlay only
    private.initialized = True
    for word in user_words:
        private.add_word(word)  # frequency chosen by jieba so the word can be cut out whole
    return private


@lru_cache(maxsize=TOKENIZERS_KEPT)
def _pos_tokenizer(user_words: tuple[str, ...]) -> jieba.posseg.POSTokenizer:
    # posseg's constructor re-reads the 5 MB dictionary for its word->tag table; share
    # the base table (read-only: we never add tagged user words) and swap the tokenizer.
    private = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    private.__dict__.update(tokenizer=tokenizer(user_words), word_tag_tab=_base_pos_tokenizer().word_tag_tab)
    return private


# ---------------------------------------------------------------- segmentation


def segment(text: str, mode: Mode = "precise", hmm: bool = True, user_words: Iterable[str] = ()) -> list[str]:
    """Cut Chinese (or mixed) text into tokens; whitespace between tokens is dropped.

    `mode` is "precise", "full" or "search"; `hmm` lets jieba join unknown words;
    `user_words` are known words for this call only.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    cutter = tokenizer(normalize_user_words(user_words))
    if mode == "precise":
        tokens = cutter.lcut(text, HMM=hmm)
    elif mode == "full":
        tokens = cutter.lcut(text, cut_all=True, HMM=hmm)
    else:
        tokens = cutter.lcut_for_search(text, HMM=hmm)
    return [token for token in tokens if token.strip()]


def english_tokens(text: str, lower: bool = True) -> list[str]:
    """Split English with `ENGLISH_RULE`; lower-case first unless `lower` is False."""
    text = unicodedata.normalize("NFKC", text)
    return ENGLISH_RULE.findall(text.lower() if lower else text)


def cjk_share(text: str) -> float:
    """The fraction of letters that are CJK ideographs (0 for text with no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in letters) / len(letters)


def tokens_for(text: str, language: str, user_words: Iterable[str] = ()) -> list[str]:
    """The tokens a model of `language` ("zh" or "en") is fed: precise jieba, or the English rule."""
    return segment(text, user_words=user_words) if language == "zh" else english_tokens(text)


def guess_language(text: str) -> str:
    """ "zh" when at least a fifth of the letters are Chinese, else "en"."""
    return "zh" if cjk_share(text) >= 0.2 else "en"


# ---------------------------------------------------------------- tags and keywords

HMM_WORK_LIMIT = 100  # characters of HMM decoding per request (under 1 s); more: tag without it
TAG_LIMIT = 2_000  # characters tagged and searched for keywords; the chips show more


@dataclass(frozen=True)
class Keyword:
    word: str
    weight: float  # TF-IDF: tf x idf; TextRank: PageRank score scaled so the top word is 1


def hmm_work(text: str) -> int:
    """How many characters of `text` jieba's part-of-speech HMM does not know.

    posseg's Viterbi search tries every one of its 256 states on a Chinese character
    missing from its emission table, about 8 ms a character (random or very rare text),
    against well under 0.1 ms for a character it knows. Pages compare this count with
    `HMM_WORK_LIMIT` before asking for tags or TextRank keywords with the HMM on.
    """
    known = jieba.posseg.char_state_tab_P
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fd5" and ch not in known)


def pos_tags(text: str, hmm: bool = True, user_words: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(word, tag) pairs from jieba.posseg (ICTCLAS tags: n noun, v verb, nr person name ...)."""
    pairs = _pos_tokenizer(normalize_user_words(user_words)).lcut(text, HMM=hmm)
    return [(pair.word, pair.flag) for pair in pairs if pair.word.strip()]


class _WithoutHMM:
    """A jieba tokenizer (plain or posseg) whose `cut` never runs the HMM (jieba.analyse calls `cut(text)` only)."""

    def __init__(self, tokenizer: jieba.Tokenizer | jieba.posseg.POSTokenizer) -> None:
        self.tokenizer = tokenizer

    def cut(self, text: str):
        return self.tokenizer.cut(text, HMM=False)


def keywords(
    text: str, method: Literal["tfidf", "textrank"] = "tfidf", top: int = 10, user_words: Iterable[str] = (),
    hmm: bool = True,
) -> list[Keyword]:
    """Keywords with their weights, by jieba.analyse's TF-IDF or TextRank, on a private tokenizer."""
    words = normalize_user_words(user_words)
    if method == "tfidf":
        extractor = copy.copy(_base_tfidf())  # shares the read-only IDF table
        plain, pos = tokenizer(words), _pos_tokenizer(words)
        extractor.tokenizer, extractor.postokenizer = (plain, pos) if hmm else (_WithoutHMM(plain), _WithoutHMM(pos))
        found = extractor.extract_tags(text, topK=top, withWeight=True)
    elif method == "textrank":
        extractor = jieba.analyse.TextRank()
        pos = _pos_tokenizer(words)
        extractor.tokenizer = extractor.postokenizer = pos if hmm else _WithoutHMM(pos)
        found = extractor.textrank(text, topK=top, withWeight=True)
    else:
        raise ValueError(f"method must be 'tfidf' or 'textrank', not {method!r}")
    return [Keyword(word, float(weight)) for word, weight in found]


# ---------------------------------------------------------------- tag groups for colouring

# PKU / ICTCLAS part-of-speech tags (People's Daily and jieba.posseg share them), grouped
# into a few classes a chart legend can show. Longer prefixes are checked first.
TAG_GROUPS: tuple[tuple[str, str], ...] = (
    ("nr", "person"), ("ns", "place"), ("nt", "organization"), ("vn", "verb"),
    ("n", "noun"), ("N", "noun"), ("v", "verb"), ("V", "verb"), ("a", "adjective"), ("A", "adjective"),
    ("d", "adverb"), ("D", "adverb"), ("m", "number"), ("q", "number"), ("M", "number"), ("t", "time"), ("T", "time"),
    ("w", "punctuation"), ("r", "function"), ("p", "function"), ("c", "function"), ("u", "function"),
    ("f", "function"), ("e", "function"), ("y", "function"), ("o", "function"), ("h", "function"), ("k", "function"),
)
ENGLISH_KINDS = ("word", "hashtag", "mention", "url", "number", "symbol")


def tag_group(tag: str) -> str:
    """A coarse class for a POS tag ("nr" -> "person"); English token kinds pass through."""
    if tag in ENGLISH_KINDS:
        return tag
    for prefix, group in TAG_GROUPS:
        if tag.startswith(prefix):
            return group
    return "other"


# The word map colours at most five classes, so a class can be told apart on a projector:
# names of people, places and organisations are one class, adjectives and adverbs another.
MAP_GROUPS = {"person": "name", "place": "name", "organization": "name", "noun": "noun", "verb": "verb",
              "adjective": "modifier", "adverb": "modifier", "word": "word", "hashtag": "hashtag", "mention": "mention"}


def map_group(tag: str) -> str:
    """The word map's class of a POS tag or English token kind: one of MAP_GROUPS' values, or "other"."""
    return MAP_GROUPS.get(tag_group(tag), "other")


def sentences_for_training(text: str, language: str, user_words: Iterable[str] = ()) -> list[list[str]]:
    """Split running text into sentences (lines, and after 。！？.!?) and tokenize each."""
    pieces = re.split(r"(?<=[。！？!?])|(?<=\.)\s+|\n+", text)
    sentences = [tokens_for(piece, language, user_words) for piece in pieces if piece and piece.strip()]
    return [s for s in sentences if s]
