"""Explaining a sentiment LSTM and testing where word order matters (the article's section 7.3).

- `contrast`: the hand-written contrast set (minimal pairs that flip a label) and its scores.
- `attention`: a classifier with attention pooling, run in NumPy, with occlusion and saliency.
- `rules`: a shallow decision tree over n-grams that mimics an LSTM, with its fidelity.
- `agreement`: how far the three attributions of one text agree (rank correlation).
"""

from lstm_core.explain.attention import AttentionClassifier, load_attention
from lstm_core.explain.contrast import ContrastSet, load as load_contrast
from lstm_core.explain.rules import RuleTree

__all__ = ["AttentionClassifier", "ContrastSet", "RuleTree", "load_attention", "load_contrast"]
