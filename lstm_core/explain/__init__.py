"""Explaining a sentiment LSTM and testing where word order matters (the article's section 7.3).

- `contrast`: the hand-written contrast set (minimal pairs that flip a label) and its scores.
- `attention`: a classifier with attention pooling, run in NumPy, with occlusion and saliency.
- `rules`: a shallow decision tree over n-grams that mimics an LSTM, with its fidelity.
- `agreement`: how far the three attributions of one text agree (rank correlation).
"""
