"""A toy LSTM that counts bracket depth, the first model to look inside on the Gates page.

The task (after Karpathy, Johnson and Fei-Fei, "Visualizing and understanding
recurrent networks", 2015): read text such as `(a(b)c)` one character at a time and
say, after every character, how deeply nested the brackets are. A network with only
8 units must keep a counter in its cell state to do this, so on the Gates page one can
watch a unit's cell value climb at each `(` and fall at each `)`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.message import Message, UserError
from lstm_core.nn.network import Network
from lstm_core.nn.trace import ModelTrace
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.text.vocab import Vocabulary

MAX_DEPTH = 8  # depths 0..8 are the classes; deeper nesting is reported as 8
ALPHABET = tuple("() abcdefghijklmnopqrstuvwxyz")
NAME = "brackets"


@dataclass(frozen=True)
class BracketConfig:
    """Data and model sizes; small on purpose, so every unit can be looked at."""

    sequences: int = 8000
    max_length: int = 80
    units: int = 8  # few units: the counter has to live in one or two of them
    embedding_dim: int = 8
    epochs: int = 40  # early stopping on the validation split usually ends sooner
    seed: int = 0


def true_depth(text: str) -> np.ndarray:
    """Nesting depth after each character; a `)` with nothing open leaves depth at 0."""
    depth, out = 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        out.append(min(depth, MAX_DEPTH))
    return np.array(out, dtype=np.int32)


def random_text(rng: np.random.Generator, length: int) -> str:
    """Brackets and letters; each text gets its own bracket density, so some nest deeply."""
    depth, chars = 0, []
    density = rng.uniform(0.15, 0.45)  # chance of a bracket at each character
    for _ in range(length):
        r = rng.random()
        p_open = density if depth < 7 else 0.05
        p_close = density if depth > 0 else 0.03
        if r < p_open:
            chars.append("(")
            depth += 1
        elif r < p_open + p_close:
            chars.append(")")
            depth = max(0, depth - 1)
        else:
            chars.append(ALPHABET[2 + rng.integers(len(ALPHABET) - 2)])
    return "".join(chars)


def make_dataset(config: BracketConfig, rng: np.random.Generator):
    """Padded ids (N, L) and per-step depth targets (N, L); some letters become <unk>."""
    vocab = Vocabulary(("<pad>", "<unk>", *ALPHABET))
    x = np.zeros((config.sequences, config.max_length), np.int32)
    y = np.zeros((config.sequences, config.max_length), np.int32)
    for row in range(config.sequences):
        text = random_text(rng, int(rng.integers(5, config.max_length + 1)))
        ids = vocab.encode(text).ids
        # Unseen characters must not move the counter: teach that with random <unk>s.
        letters = ids > 4
        ids[letters & (rng.random(len(ids)) < 0.05)] = 1
        x[row, : len(ids)] = ids
        y[row, : len(ids)] = true_depth(text)
    return vocab, x, y


@dataclass
class BracketCounter:
    """The shipped bracket model as the Gates page sees it (a `Traceable` (lstm_core.nn.trace))."""

    network: Network
    vocab: Vocabulary
    card: ModelCard
    key: str = NAME
    title = Message("model.title.brackets")
    input_kind: str = "text"
    default_text: str = "(a(b(c)d)e)(((x)y"
    max_steps: int = 400

    def __post_init__(self) -> None:
        self._depth_unit = self.depth_unit()  # computed once per loaded model

    def depth_unit(self) -> tuple[int, float]:
        """The unit whose cell state follows the depth best over the reference texts, and r."""
        cells, depths = [], []
        for text in self.reference_texts():
            cells.append(self.network.trace(self.vocab.encode(text).ids).layers[0].gates.cell)
            depths.append(true_depth(text))
        cell, depth = np.concatenate(cells), np.concatenate(depths)  # (sum T, H), (sum T,)
        r = np.array([np.corrcoef(cell[:, u], depth)[0, 1] for u in range(cell.shape[1])])
        best = int(np.nanargmax(np.abs(r)))
        return best, float(r[best])

    def predict_depth(self, text: str) -> np.ndarray:
        """The model's depth after each character: (T,) ints."""
        return self.network.trace(self.vocab.encode(text).ids).outputs.argmax(axis=-1)

    def trace_text(self, text: str) -> ModelTrace:
        chars = list(text)
        if not chars:
            raise UserError("nothing to trace", Message("error.trace.empty"))

        cut = len(chars) if len(chars) > self.max_steps else 0
        chars = chars[: self.max_steps]
        encoded = self.vocab.encode(chars)
        result = self.network.trace(encoded.ids)
        predicted = int(result.outputs[-1].argmax())
        counted = int(true_depth("".join(chars))[-1])
        unit, r = self._depth_unit
        summary = Message("model.summary.brackets", {"predicted": predicted, "counted": counted, "unit": unit, "r": r})
        return ModelTrace(tuple(chars), encoded.unknown, result.layers, summary, cut)

    def reference_texts(self) -> list[str]:
        rng = np.random.default_rng(1)
        return [random_text(rng, 60) for _ in range(60)]


def load_traceable() -> BracketCounter:
    network, card = assets.load_model(NAME)
    return BracketCounter(network, Vocabulary(tuple(card.details["vocabulary"])), card)


def evaluate(network: Network, x: np.ndarray, y: np.ndarray) -> float:
    """Per-character accuracy over the real (unpadded) steps."""
    correct = total = 0
    for ids, depths in zip(x, y):
        n = int((ids > 0).sum())
        predicted = network.trace(ids[:n]).outputs.argmax(axis=-1)
        correct += int((predicted == depths[:n]).sum())
        total += n
    return correct / total
