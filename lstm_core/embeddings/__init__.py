"""Word vectors (the Tokens & embeddings page): shipped sets, word2vec, maps and their plots.

`word_vectors` stores, loads (as gensim `KeyedVectors`, never through pickle) and queries
vector sets: neighbours and analogies; `word2vec` trains them with gensim epoch by epoch
(a run's `TrainedVectors` is saved and loaded as the app's model file); `projection`
squeezes them to 2 or 3 dimensions (PCA, t-SNE); `embedding_plots` draws them.
"""

from lstm_core.embeddings.word2vec import Word2VecConfig, train_word2vec
from lstm_core.embeddings.word_vectors import analogy, load_word_vectors, neighbours

__all__ = ["Word2VecConfig", "analogy", "load_word_vectors", "neighbours", "train_word2vec"]
