"""From text to tokens to ids (the Tokens & embeddings page): segmentation, vocabularies, input, TF-IDF.

`segmentation` cuts Chinese with jieba and English with one regular expression; `vocab`
maps tokens to ids (0 padding, 1 unknown); `inputs` checks what a user typed or uploaded;
`corpora` reads People's Daily and the English tweets from installed packages; `tfidf`
turns tokens into id tables, bags of words and TF-IDF rows (scikit-learn), with the
page's mixed-language analyzer.
"""

from lstm_core.text.inputs import EmptyText, clean
from lstm_core.text.segmentation import english_tokens, segment
from lstm_core.text.vocab import PAD, UNK, Vocabulary

__all__ = ["PAD", "UNK", "EmptyText", "Vocabulary", "clean", "english_tokens", "segment"]
