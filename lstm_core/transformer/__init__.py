"""What came after the LSTM: a small Transformer encoder in NumPy, its cache, and what it costs.

`encoder.Transformer` runs a `TransformerSpec` (self-attention blocks over an embedding
plus sinusoidal positions, `attention`) and keeps every attention map; `cache` writes one
character at a time with a key/value cache; `language_model.TransformerLanguageModel` is
a character model beside the LSTM's (same corpus, split and scoring as
`lstm_core.generate.charlm`); `cost.measure` times one generated character at growing
contexts for either; `shipped.load` gives the shipped pair (a small Transformer and a
small LSTM, `python -m lstm_core.build transformer_lm`). The Keras twin is
`lstm_core.training.transformer_keras`; the memory-task Transformer of the "Why an LSTM"
page is `lstm_core.why.memory_transformer`. A Transformer has no gates: the Gates page's
`Traceable` models are LSTMs.
"""

from lstm_core.transformer.encoder import Transformer, TransformerSpec, TransformerTrace
from lstm_core.transformer.language_model import TransformerLanguageModel

__all__ = ["Transformer", "TransformerLanguageModel", "TransformerSpec", "TransformerTrace"]
