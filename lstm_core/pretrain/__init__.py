"""Pretraining: an LSTM classifier that starts from a language model (ULMFiT, Howard & Ruder 2018).

`stages` holds the three stages' configurations and data (a general language model of
People's Daily, the same model on the training reviews' text, the classifier); `transfer`
moves weights between them in NumPy (vocabulary mapping, the classifier's start, gradual
unfreezing and a learning rate per layer); `finetune` runs the stages; `label_curve` and
`pretrain_figures` measure and draw accuracy against the number of labelled reviews.
"""

from lstm_core.pretrain.finetune import PRETRAINED_NAME
from lstm_core.pretrain.stages import PretrainConfig

__all__ = ["PRETRAINED_NAME", "PretrainConfig"]
