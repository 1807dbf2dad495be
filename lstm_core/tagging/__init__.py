"""Sequence labelling: one label per character, read in both directions (the article's section 2.1).

`corpus` reads and splits People's Daily and finds its names; `bies` turns words into
B/I/E/S labels and back (with the constrained Viterbi decoding); `features` folds
characters and makes the character and bigram ids; `tagger` is the NumPy BiLSTM tagger
(`segment`, `tag`, `entities`, and a trace for the Gates page); `tagger_train` fits it
through the one training loop; `tagger_files` stores it; `crf` is the CRF baseline;
`metrics` and `evaluation` score every method the same way; `shipped` loads what
`python -m lstm_core.build tagging` wrote.
"""

from lstm_core.tagging.shipped import load_crf, load_forward_tagger, load_tagger
from lstm_core.tagging.tagger import Reading, Tagger

__all__ = ["Reading", "Tagger", "load_crf", "load_forward_tagger", "load_tagger"]
