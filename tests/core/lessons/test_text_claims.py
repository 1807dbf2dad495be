"""Claims the long texts make in words about the shipped models, checked on them.

A lesson step's claims are checked through lessons.toml; these are the ones the pages'
explanations make without a number (so there is nothing to fill in, only something to hold).
"""

from __future__ import annotations

from lstm_core.lessons import why_checks
from lstm_core.why.cells import forget_biases, load_shipped


def test_after_training_the_gated_cells_gradients_at_the_first_token_dwarf_the_plain_rnn_s():
    """why_gradients.md: "many orders of magnitude larger than the plain RNN's"."""
    trained = why_checks.gradients("trained", 1.0, False)
    assert trained["gru_farthest"] > 1e3 * trained["rnn_farthest"]
    assert trained["lstm_farthest"] > 1e3 * trained["rnn_farthest"]


def test_the_forget_bias_starts_at_one_and_the_untrained_lstm_s_gradient_still_fades():
    """why.grad.forget_bias: Keras' unit_forget_bias, and 'the untrained LSTM's gradient still fades'."""
    bias = forget_biases(load_shipped()[1])
    assert bias.start == 1.0 and 0.73 < bias.gate_at_start < 0.74
    assert why_checks.gradients("init", 1.0, False)["lstm_ratio"] < 1e-3

