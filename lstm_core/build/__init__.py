"""Offline asset building: `python -m lstm_core.build [name ...]` (see `__main__`).

One module per asset family trains it from installed data with a fixed seed and writes
weights and model cards into assets/: `brackets_build`, `forecast_build`,
`sentiment_build`, `embedding_build`, `charlm_build`, `tagging_build` (with its validation
search, `tagging_search`). The app never imports this package;
its builders import TensorFlow themselves.
"""
