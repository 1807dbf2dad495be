"""LSTM Lab's core: the traced LSTM cell, the models built on it, and their data.

Everything here is plain Python and NumPy and can be used without Streamlit; only
the `lstm_core.ui` subpackage talks to the browser. TensorFlow is imported only when
a model is trained (`lstm_core.training`).
"""
