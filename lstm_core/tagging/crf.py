"""The statistical baseline: a linear-chain CRF on character n-grams (sklearn-crfsuite).

The method the article calls statistical segmentation, and the strongest one before neural
networks (Peng, Feng and McCallum 2004; Tseng et al. 2005): each character is described by
the characters and bigrams in a window around it, and a conditional random field picks the
B/I/E/S string with the best total score of those features plus label-to-label transitions.
Unlike the LSTM it sees only the window it is given, but on both sides. CRFsuite
(Okazaki 2007) trains and runs it; this module only writes the features. It segments only:
joint part-of-speech labels would multiply the labels by 44 and the training time by
about 44 squared.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from lstm_core.tagging import bies
from lstm_core.tagging.features import folded

PAD = "#"  # what lies beyond either end of the sentence


@dataclass(frozen=True)
class CrfConfig:
    """What the CRF reads and how it is regularised; the build chooses on validation."""

    window: int = 2  # characters on each side: unigrams in [-w, w], bigrams inside the window
    c1: float = 0.05  # L1 weight: drops features that do not help (a smaller model file)
    c2: float = 0.01  # L2 weight
    max_iterations: int = 150  # L-BFGS iterations
    min_freq: int = 2  # features seen fewer times in training are dropped

    def to_dict(self) -> dict:
        return {"window": self.window, "c1": self.c1, "c2": self.c2, "max_iterations": self.max_iterations,
                "min_freq": self.min_freq}


def _kind(ch: str) -> str:
    if ch == "0":
        return "d"
    if ch == "a":
        return "l"
    if "\u4e00" <= ch <= "\u9fff":
        return "h"
    return "p" if not ch.isalnum() else "o"


def char_features(text: str, window: int) -> list[list[str]]:
    """One list of feature strings per character of `text` (CRFsuite's attribute names)."""
    chars = folded(text)
    padded = PAD * window + chars + PAD * window
    out = []
    for i in range(len(chars)):
        centre = i + window
        features = [f"u{k}={padded[centre + k]}" for k in range(-window, window + 1)]
        features += [f"b{k}={padded[centre + k]}{padded[centre + k + 1]}" for k in range(-window, window)]
        features.append(f"j={padded[centre - 1]}{padded[centre + 1]}")  # the two neighbours, skipping this one
        features.append(f"t={_kind(padded[centre - 1]) if i else '^'}{_kind(chars[i])}"
                        f"{_kind(padded[centre + 1]) if i + 1 < len(chars) else '$'}")
        out.append(features)
    return out


def train_crf(sentences: Iterable[Sequence[str]], config: CrfConfig, model_path: Path) -> None:
    """Fit a CRF on segmented sentences (lists of words) and write CRFsuite's model file."""
    import sklearn_crfsuite

    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=config.c1, c2=config.c2, max_iterations=config.max_iterations,
                               min_freq=config.min_freq, all_possible_transitions=True,
                               model_filename=str(model_path), keep_tempfiles=True)
    sentences = list(sentences)
    features = (char_features("".join(words), config.window) for words in sentences)
    labels = ([bies.LABELS[label] for label in bies.labels_of(words)] for words in sentences)
    crf.fit(features, labels)


class CrfSegmenter:
    """A trained CRF model file, opened once; sessions take turns with it (a CRFsuite tagger
    keeps the sentence it is working on, so two threads must not share it at once)."""

    def __init__(self, model: bytes, config: CrfConfig) -> None:
        import pycrfsuite

        self.config = config
        self._model = model  # CRFsuite reads the model in place: these bytes must live as long as the tagger
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(model)  # CRFsuite's own format: weights and feature names, no code
        self._lock = threading.Lock()

    @classmethod
    def from_file(cls, path: Path, config: CrfConfig) -> "CrfSegmenter":
        return cls(Path(path).read_bytes(), config)

    def labels(self, text: str) -> list[int]:
        """The CRF's B/I/E/S label per character (CRFsuite's Viterbi may allow a string that
        is not a segmentation, such as B B; `words_of` still covers the text)."""
        if not text:
            return []
        features = char_features(text, self.config.window)
        with self._lock:
            names = self._tagger.tag(features)
        return [bies.LABELS.index(name) for name in names]

    def segment(self, text: str) -> list[str]:
        return bies.words_of(text, self.labels(text)) if text else []
