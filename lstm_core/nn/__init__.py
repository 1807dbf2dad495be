"""The network itself, in NumPy: the traced LSTM cell, the stacked network, the trace types.

`cell` is the LSTM step, recording every gate (with its backward pass); `network` stacks
an embedding, LSTM layers and a dense head (`NetworkSpec` describes every model in the
app); `pooling` says what a classifier's head reads of its top layer's states; `trace` holds `ModelTrace` and `Traceable`, what every model family hands the Gates
page; `ensemble` merges several small networks into one wider one; `blas` keeps small
step-by-step products on one thread. Nothing here imports Keras or TensorFlow: training
lives in `lstm_core.training`, model files in `lstm_core.serving`.
"""

from lstm_core.nn.cell import GateTrace, LSTMWeights, trace
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.nn.trace import ModelTrace, Traceable

__all__ = ["GateTrace", "LSTMWeights", "ModelTrace", "Network", "NetworkSpec", "Traceable", "trace"]
