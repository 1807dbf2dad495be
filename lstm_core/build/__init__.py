"""Offline asset building: `python -m lstm_core.build [name ...]` (see `__main__`).

One module per asset family trains it from installed data with a fixed seed and writes
weights and model cards into assets/: `brackets_build`, `forecast_build`,
`embedding_build` (word vectors), `sentiment_build` (with its validation search,
`sentiment_search`), `charlm_build` (language models), `why_build` (the memory task),
`gan_build`, `attention_build`, `generalize_build`, `order_build` (with `order_search`),
`tagging_build` (with `tagging_search`);
`lstm_core.compress.curves` writes the compression curves. The app never imports this
package, and it never imports `lstm_core.ui`; its builders train through
`lstm_core.training`, which loads TensorFlow when they run.
"""
