"""Shared test set-up: quiet TensorFlow (the repo root is on sys.path via pyproject.toml)."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
