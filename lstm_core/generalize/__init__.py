"""Making an LSTM generalize (the article's section 7.3): augmentation, regularization, ensembles.

`augment` holds the EDA edits (Wei & Zou 2019); `experiments` trains the small sentiment
LSTM under each setting through the app's one trainer; `lstm_core.build.generalize_build`
runs them all and writes assets/generalize.json, which the "Generalize" and "A worked
case" tabs of the page "Making LSTMs practical" draw.
"""

from lstm_core.generalize.augment import OPERATIONS, augment, augment_corpus, synonym_table

__all__ = ["OPERATIONS", "augment", "augment_corpus", "synonym_table"]
