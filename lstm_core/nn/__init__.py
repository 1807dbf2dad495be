"""The network itself: the traced LSTM cell, the stacked network around it, model files.

`cell` is the LSTM step in NumPy, recording every gate; `network` stacks an embedding,
LSTM layers and a dense head (`NetworkSpec` describes every model in the app); `ensemble`
merges several small networks into one wider one; `assets` stores and checks the shipped
weights and their model cards; `blas` keeps small step-by-step products on one thread;
`trainer` is the one training loop (plain, distributed, and a GAN's adversarial steps),
`keras_models` builds the Keras networks and `backend` sets TensorFlow up: these three are
the only modules in lstm_core that import Keras or TensorFlow, and only when called.
"""

from lstm_core.nn.assets import AssetError, load_model, save_model
from lstm_core.nn.cell import GateTrace, LSTMWeights, trace
from lstm_core.nn.network import Network, NetworkSpec

__all__ = ["AssetError", "GateTrace", "LSTMWeights", "Network", "NetworkSpec", "load_model", "save_model", "trace"]
