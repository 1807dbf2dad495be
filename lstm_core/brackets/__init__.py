"""The toy bracket counter: an 8-unit LSTM that tracks how deeply brackets nest.

`counter` makes the data (`random_text`, `true_depth`), scores the shipped model and
shows it on the Gates page (`BracketCounter`, `load_traceable`); the Why page uses its
depth to check the article's cell. `python -m lstm_core.build brackets` trains it.
"""

from lstm_core.brackets.counter import BracketCounter, load_traceable, true_depth

__all__ = ["BracketCounter", "load_traceable", "true_depth"]
