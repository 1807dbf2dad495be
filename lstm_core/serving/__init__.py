"""Serving models to a class: model files and cards, archives, work budgets, training slots, the catalogue.

`cards` is the model card (`ModelCard`: typed, frozen, checked when read, its JSON its
serialisation); `limits` bounds what a card's network may cost the server (sizes, steps,
reference texts) and the work each rerun of it causes; `assets` stores and checks the
shipped weights and their cards, and reads and writes the one model file a student
downloads and uploads (every model's `save()` / `load(data)` go through it); `archive`
checks every zip and `.npy` header before a byte is decompressed; `budget` sizes
expensive work before it starts; `slots` is the server-wide training queue; `catalogue`
lists every shipped model the app can open, for the pages and the Gates page alike.
"""

from lstm_core.serving.assets import AssetError, load_model, save_model
from lstm_core.serving.cards import ModelCard

__all__ = ["AssetError", "ModelCard", "load_model", "save_model"]
