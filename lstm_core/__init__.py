"""LSTM Lab's core: the traced LSTM cell, the models built on it, and their data.

Everything here is plain Python and NumPy and can be used without Streamlit; only
the `lstm_core.ui` subpackage talks to the browser. One subpackage per thing a student
meets: `nn` (the cell, the network, model files, Keras training), `text` (tokens and
ids), `embeddings` (word vectors), `sentiment`, `forecast`, `generate` (character
language models), `gates` (looking inside a model) and `build` (rebuilding the shipped
assets offline, never imported by the app). Text for the user leaves the core as a
`lstm_core.message.Message` (a string-table key and its values) that `lstm_core.ui`
translates. TensorFlow is imported only when a model is trained, by the one loop in
`lstm_core.training.trainer`.
"""

import sys

from lstm_core.nn import cell

# The cell is the one module readers and outside checks name directly (`lstm_core.cell.trace`,
# `from lstm_core.cell import LSTMWeights`). It lives in lstm_core/nn/cell.py; registering it
# here under its short name keeps that name importable without a second copy of the module.
sys.modules[__name__ + ".cell"] = cell
