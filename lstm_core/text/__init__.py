"""From text to tokens to ids (the Tokens & embeddings page): segmentation, vocabularies, input, TF-IDF.

`segmentation` cuts Chinese with jieba and English with one regular expression; `vocab`
maps tokens to ids (0 padding, 1 unknown); `inputs` checks what a user typed or uploaded;
`corpora` reads People's Daily and the English tweets from installed packages; `tfidf`
turns tokens into id tables, bags of words and TF-IDF rows (scikit-learn), with the
page's mixed-language analyzer.
"""

from lstm_core.text.inputs import EmptyText, clean
from lstm_core.text.vocab import PAD, UNK, Vocabulary

__all__ = ["PAD", "UNK", "EmptyText", "Vocabulary", "clean", "english_tokens", "segment"]


def __getattr__(name: str):
    """`segment` and `english_tokens` on first use: `segmentation` loads jieba's tables (about
    100 MB), which the modules that only need a vocabulary, such as the server's generation
    process (lstm_core/generate/worker.py), should not carry."""
    if name in ("segment", "english_tokens"):
        from lstm_core.text import segmentation  # jieba's memory only for those who segment (see the docstring)

        return getattr(segmentation, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
