"""Sequence to sequence: an encoder-decoder LSTM with attention that translates numerals and dates.

`tasks` holds the two tasks and the rules that write their data (cn2an for the numerals);
`data` draws them, split without overlap, as ids; `model` is the NumPy encoder, decoder and
attention on `lstm_core.nn.cell`; `beam` decodes greedily or with a beam; `translator`
checks inputs and answers (`load_translator`, save and load); `card` reads a shipped card
through typed views; `evaluate` scores a held-out draw; `train` fits one epoch at a time
through the one training loop (the Keras twin is `lstm_core.training.seq2seq_keras`);
`gate_views` opens the encoder and the decoder on the Gates page; `seq2seq_figures` draws
the page's charts.
"""

from lstm_core.seq2seq.tasks import TASKS, Task
from lstm_core.seq2seq.translator import Translator, load_translator

__all__ = ["TASKS", "Task", "Translator", "load_translator"]
