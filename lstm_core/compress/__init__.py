"""Making an LSTM cheaper (the page "Making LSTMs practical", Cost tab): pruning, quantization, cost.

Public surface:
    quantized(model, bits)                      the same kind of model at 32/16/8/4 bits
    pruned(model, sparsity, structured=False)   weights or whole hidden units removed
    largest_gate_change(original, compressed, text)
The NumPy functions behind them live in `quantize` and `prune`; `cost` counts
parameters, multiply-adds and time per step; `heldout` re-scores a compressed copy on
its model card's held-out set; `curves` builds assets/compression.json; `distributed`
trains one model on one device and mirrored on two, through `lstm_core.training` (which
loads TensorFlow only when it runs).
"""

from lstm_core.compress.compressed import GateChange, largest_gate_change, pruned, quantized, with_network
from lstm_core.nn.network import network_of

__all__ = ["GateChange", "largest_gate_change", "network_of", "pruned", "quantized", "with_network"]
