"""Sentiment: an LSTM classifier read token by token, its data, its baseline, its training.

`classifier` runs the shipped or a freshly trained classifier in NumPy with its running
verdict and attributions; `sentiment_data` loads, deduplicates and splits the labelled
corpora; `imdb` reads a user's copy of the IMDB reviews; `tfidf_baseline` is the TF-IDF +
logistic regression yardstick; `sentiment_train` trains epoch by epoch with early stopping;
`sentiment_figures` draws the page's charts.
"""

from lstm_core.sentiment.classifier import SentimentClassifier, load_classifier
from lstm_core.sentiment.sentiment_data import SentimentData

__all__ = ["SentimentClassifier", "SentimentData", "load_classifier"]
