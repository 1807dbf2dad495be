"""Serving models to a class: model files and cards, archives, work budgets, training slots, the catalogue.

`assets` stores and checks the shipped weights and their model cards (and the zips a
student downloads and uploads); `archive` checks every zip and `.npy` header before a
byte is decompressed; `budget` sizes expensive work before it starts; `slots` is the
server-wide training queue; `catalogue` lists every shipped model the app can open.
"""

from lstm_core.serving.assets import AssetError, load_model, save_model

__all__ = ["AssetError", "load_model", "save_model"]
