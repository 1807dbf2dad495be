"""Why an LSTM: the plain RNN and the GRU beside the LSTM, a memory task, gradients, saliency.

Public surface: `recurrent` (NumPy SimpleRNN/GRU, forward and backward), `memory_task`,
`cells.MemoryNet`, `gradients.norms_by_distance`, `article_cell.compare`,
`saliency.saliency`, `live.LiveRun`, `build.build` (writes assets/why_memory.*).
Keras is imported only by `train` (and through it by `live` and `build`).
"""
