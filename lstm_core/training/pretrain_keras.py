"""The Keras side of fine-tuning a language model into a classifier (lstm_core.pretrain).

`classifier_from_language_model` builds the usual Embedding -> LSTM -> Dropout -> Dense
classifier (`build_keras`) and puts the language model's embedding and LSTM weights in
it, so only the dense head starts random. It is fitted by the one training loop
(`lstm_core.training.trainer`), whose `TrainConfig` carries the learning rate per layer and
the epoch each layer unfreezes.
"""

from __future__ import annotations

import numpy as np

from lstm_core.training.network_keras import build_keras
from lstm_core.nn.network import NetworkSpec


def classifier_from_language_model(spec: NetworkSpec, start: dict[str, np.ndarray], sequence_length: int,
                                   input_dropout: float = 0.0):
    """The Keras classifier of `spec`, its embedding and LSTM layers set to `start` (uncompiled)."""
    model = build_keras(spec, sequence_length, input_dropout=input_dropout)
    model.get_layer("embedding").set_weights([start["embedding"]])
    for k in range(len(spec.units)):
        name = f"lstm_{k}"
        model.get_layer(name).set_weights([start[f"{name}/kernel"], start[f"{name}/recurrent_kernel"], start[f"{name}/bias"]])
    return model
