"""LSTM Lab's core: the traced LSTM cell, the models built on it, their data and their files.

Everything but `lstm_core.ui` is plain Python and NumPy and runs without Streamlit. The
layers, bottom up (no import circles; tests/core/test_layers.py checks who imports whom):

- `nn`: the network in NumPy (the traced cell, the stacked network, the trace types
  `ModelTrace` and `Traceable` that every model family hands the Gates page);
- `training`: the only subpackage that imports Keras or TensorFlow (the one training
  loop, the GAN's turns, the Keras twins), and only when a model is trained; it hands
  NumPy weights back;
- the model families, one per thing a student meets: `text`, `embeddings`, `sentiment`,
  `forecast`, `generate`, `brackets`, `why`, `gan`, `compress`, `explain`, `generalize`,
  `tagging` (one label per character: segmentation, parts of speech, names);
  `gates` reads traces and imports no family;
- `serving`: model files and typed model cards, archives, work budgets, the training
  queue, and the catalogue of every shipped model the app can open;
- `ui`: the pages' Streamlit side; `build`: offline asset builders, never imported by the
  app and never importing `ui`.

Text for the user leaves the core as a `lstm_core.message.Message` (a string-table key
and its values); `lstm_core.string_table` renders it from `lstm_core/ui/strings/*.toml`,
and `lstm_core.palette` holds every colour.
"""

import sys

from lstm_core.nn import cell

# The cell is the one module readers and outside checks name directly (`lstm_core.cell.trace`,
# `from lstm_core.cell import LSTMWeights`). It lives in lstm_core/nn/cell.py; registering it
# here under its short name keeps that name importable without a second copy of the module.
sys.modules[__name__ + ".cell"] = cell
