"""Text generation: character language models and how they choose the next character.

`language_model` holds the LSTM and n-gram language models behind one interface and the
generation loop; `sampling` reshapes a next-character distribution (temperature, top-k,
top-p); `ngram` is the Kneser-Ney baseline; `charlm` holds the corpora, configurations
and held-out scoring of the character LSTMs; `charlm_train` trains one (through
`lstm_core.training`); `generate_figures` draws the page's charts.
"""

from lstm_core.generate.language_model import CharLanguageModel, load_language_model, sample

__all__ = ["CharLanguageModel", "load_language_model", "sample"]
