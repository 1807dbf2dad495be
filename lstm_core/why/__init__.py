"""Why an LSTM: the plain RNN and the GRU beside the LSTM, a memory task, vanishing gradients.

What the "Why an LSTM" page runs: NumPy SimpleRNN and GRU cells with their backward
passes (`recurrent`), the memory task whose answer sits N steps back (`memory_task`),
the three trained cells in NumPy (`cells.MemoryNet`) and the Transformer trained beside
them on the same data (`memory_transformer`), gradient norms against distance
(`gradients.norms_by_distance`), the article's section-1.3 cell run beside the right one
(`article_cell.compare`) and a live three-cell run (`live.LiveRun`). Saliency for the
Gates page lives in `lstm_core.gates.saliency`; the shipped results are written by
`python -m lstm_core.build why_memory`. `cell_training` fits the cells' Keras twins
(`lstm_core.training.cells_keras`, and `transformer_keras`) with `lstm_core.training.trainer` and takes back
NumPy; Keras itself is imported only in `lstm_core.training`.
"""

from lstm_core.why.article_cell import compare
from lstm_core.why.cells import MemoryNet
from lstm_core.why.gradients import norms_by_distance
from lstm_core.why.memory_task import MemoryTask

__all__ = ["MemoryNet", "MemoryTask", "compare", "norms_by_distance"]
