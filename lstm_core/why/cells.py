"""The three trained cells of the memory task as NumPy networks: one recurrent layer and a softmax.

`MemoryNet` reads the arrays `lstm_core.why.cell_training.export` writes (kernel,
recurrent_kernel, bias, dense/kernel, dense/bias) and runs them with the NumPy cells,
forward and backward, so the page can draw gradients without TensorFlow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.nn.cell import LSTMWeights, backward as lstm_backward, trace
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.why.recurrent import RecurrentWeights, backward as recurrent_backward, run

NAME = "why_memory"  # assets/why_memory.npz and .json, written by `python -m lstm_core.build why_memory`

CELLS = ("rnn", "gru", "lstm")


@dataclass(frozen=True)
class MemoryNet:
    """A recurrent layer of one kind and its dense softmax head."""

    kind: str
    weights: dict[str, np.ndarray]

    def __post_init__(self) -> None:
        if self.kind not in CELLS:
            raise ValueError(f"kind must be one of {CELLS}, not {self.kind!r}")

    def recurrent(self, scale: float = 1.0) -> LSTMWeights | RecurrentWeights:
        """The recurrent layer's weights, its recurrent kernel multiplied by `scale`."""
        w = self.weights
        arrays = (w["kernel"], w["recurrent_kernel"] * scale, w["bias"])
        arrays = tuple(np.asarray(a, np.float64) for a in arrays)
        return LSTMWeights(*arrays) if self.kind == "lstm" else RecurrentWeights(self.kind, *arrays)

    def hidden(self, x: np.ndarray, scale: float = 1.0) -> np.ndarray:
        """Hidden states (T, H) for one one-hot sequence (T, V)."""
        layer = self.recurrent(scale)
        return trace(layer, x).hidden if self.kind == "lstm" else run(layer, x)

    def probabilities(self, x: np.ndarray, scale: float = 1.0) -> np.ndarray:
        """Class probabilities (K,) after the last step."""
        z = self.hidden(x, scale)[-1] @ self.weights["dense/kernel"] + self.weights["dense/bias"]
        z = np.exp(z - z.max())
        return z / z.sum()

    def input_gradients(self, x: np.ndarray, label: int, scale: float = 1.0) -> np.ndarray:
        """dLoss/dx_t (T, V) of the cross-entropy on the answer, through the NumPy backward pass."""
        p = self.probabilities(x, scale)
        d_logits = p - np.eye(len(p))[label]  # softmax + cross-entropy
        d_hidden = np.zeros((len(x), self.weights["recurrent_kernel"].shape[0]))
        d_hidden[-1] = self.weights["dense/kernel"] @ d_logits
        layer = self.recurrent(scale)
        grads = lstm_backward(layer, x, d_hidden) if self.kind == "lstm" else recurrent_backward(layer, x, d_hidden)
        return grads.inputs

    def accuracy(self, x: np.ndarray, y: np.ndarray) -> float:
        """Accuracy over sequences x (N, T, V) with labels y (N,)."""
        predicted = np.array([self.probabilities(seq).argmax() for seq in x])
        return float((predicted == y).mean())


@dataclass(frozen=True)
class MemoryResults:
    """What the why_memory card records, typed: each cell's held-out accuracy by distance, and how it was measured."""

    accuracy: dict[str, dict[int, float]]  # cell -> distance -> test accuracy
    distances: tuple[int, ...]
    chance: float  # always answering one class
    gradient_distance: int  # the distance of the weights that ship, drawn as gradient curves
    seed: int
    units: int = 0  # each cell's width
    train: int = 0  # generated training sequences
    test: int = 0  # test sequences at each distance

    @classmethod
    def from_card(cls, card: ModelCard) -> "MemoryResults":
        results = card.details["results"]
        return cls({kind: {int(d): float(r["test_accuracy"]) for d, r in results[kind].items()} for kind in CELLS},
                   tuple(int(d) for d in card.details["distances"]), float(card.baseline["test_accuracy"]),
                   int(card.details["gradients"]["distance"]), int(card.config["seed"]), int(card.config["units"]),
                   int(card.config["train"]), int(card.config["test"]))


# The six nets (three cells, before and after training) share one weights file, each array
# named "<kind>/<stage>/<array>". It ships with the page and is never downloaded, so it is
# not a model file of `lstm_core.serving.assets`: these two only name its arrays.
def pack(nets: dict[str, MemoryNet], stage: str) -> dict[str, np.ndarray]:
    """Flat arrays named "<kind>/<stage>/<array>", for one .npz."""
    return {f"{kind}/{stage}/{name}": array for kind, net in nets.items() for name, array in net.weights.items()}


def unpack(arrays: dict[str, np.ndarray], stage: str) -> dict[str, MemoryNet]:
    """The nets of one stage ("init" or "trained") from arrays written by `pack`."""
    nets = {}
    for kind in CELLS:
        prefix = f"{kind}/{stage}/"
        weights = {k[len(prefix):]: np.asarray(v, np.float32) for k, v in arrays.items() if k.startswith(prefix)}
        if weights:
            nets[kind] = MemoryNet(kind, weights)
    return nets


def load_shipped() -> tuple[MemoryResults, dict[str, np.ndarray]]:
    """The results on the card and the float16 weights of why_memory, checked against the card's SHA-256."""
    card = assets.read_card(NAME)
    return MemoryResults.from_card(card), assets.weights_from_bytes(assets.read_weights(card))


@dataclass(frozen=True)
class ForgetBias:
    """The shipped memory-task LSTM's forget-gate biases, before and after training."""

    start: float  # at initialisation: Keras' unit_forget_bias sets every one to 1
    gate_at_start: float  # sigma(start): the forget gate when nothing else feeds it
    trained_low: float
    trained_high: float


def forget_biases(weights: dict[str, np.ndarray]) -> ForgetBias:
    """Read the forget-gate slice (Keras order i, f, g, o) of the LSTM's bias at both stages."""
    def forget(stage: str) -> np.ndarray:
        bias = unpack(weights, stage)["lstm"].weights["bias"]  # (4H,)
        units = len(bias) // 4
        return bias[units:2 * units]

    start, trained = forget("init"), forget("trained")
    return ForgetBias(float(start.mean()), float(1 / (1 + np.exp(-start.mean()))), float(trained.min()), float(trained.max()))
