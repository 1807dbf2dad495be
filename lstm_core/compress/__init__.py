"""Making an LSTM cheaper: pruning, quantization, their costs, and data-parallel training.

Public surface:
    quantized(model, bits)                      the same kind of model at 32/16/8/4 bits
    pruned(model, sparsity, structured=False)   weights or whole hidden units removed
    largest_gate_change(original, compressed, text)
The NumPy functions behind them live in `quantize` and `prune`; `cost` counts
parameters, multiply-adds and time per step; `curves` builds assets/compression.json;
`distributed` trains one model on one device and mirrored on two, through `lstm_core.nn`
(which loads TensorFlow only when it runs).
"""

from lstm_core.compress.compressed import GateChange, largest_gate_change, pruned, quantized, with_network
from lstm_core.nn.network import network_of

__all__ = ["GateChange", "largest_gate_change", "network_of", "pruned", "quantized", "with_network"]
