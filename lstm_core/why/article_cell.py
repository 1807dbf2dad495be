"""The article's section 1.3 equations, run as written, beside the standard LSTM cell.

With f_t, i_t, o_t the usual sigmoid gates and g_t = tanh(W_c[h_{t-1}, x_t] + b_c),
the article writes (quoted exactly on the page):

    forget = sigmoid(f_t * c_{t-1})
    input  = sigmoid(i_t) * g_t
    c_t    = c_{t-1} * forget + input * g_t
    h_t    = sigmoid(o_t) * tanh(c_t)          (the article never defines h_t; we take its "output")

What follows from it: the candidate enters squared (input * g_t = sigmoid(i_t) g_t^2 >= 0),
so nothing can ever lower the cell state below zero and "(" and ")" cannot push a
counter in opposite directions; sigmoid(f_t * c) >= 1/2 for c >= 0, so the cell keeps
at least half of itself at every step; sigmoid of a gate already in (0, 1) lies in
(0.5, 0.73), so neither the input nor the output gate can ever shut.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.nn.cell import GateTrace, LSTMWeights, sigmoid, trace
from lstm_core.nn.network import Network


@dataclass(frozen=True)
class ArticleTrace:
    """The article's cell over one sequence; each field (T, H)."""

    forget: np.ndarray  # sigmoid(f_t * c_{t-1})
    input: np.ndarray  # sigmoid(i_t) * g_t
    candidate: np.ndarray  # g_t
    cell: np.ndarray
    hidden: np.ndarray


def article_trace(weights: LSTMWeights, inputs: np.ndarray) -> ArticleTrace:
    """Run the article's update with a standard LSTM's weights (gate order i, f, g, o)."""
    inputs = np.asarray(inputs, dtype=np.float64)
    units = weights.units
    h, c = np.zeros(units), np.zeros(units)
    x_part = inputs @ weights.kernel + weights.bias  # (T, 4H)
    out = np.empty((5, len(inputs), units))
    for t in range(len(inputs)):
        z = x_part[t] + h @ weights.recurrent_kernel
        i_t, f_t, o_t = (sigmoid(z[k * units : (k + 1) * units]) for k in (0, 1, 3))
        g_t = np.tanh(z[2 * units : 3 * units])
        forget = sigmoid(f_t * c)
        input_ = sigmoid(i_t) * g_t
        c = c * forget + input_ * g_t
        h = sigmoid(o_t) * np.tanh(c)
        out[:, t] = forget, input_, g_t, c, h
    return ArticleTrace(*out)


@dataclass(frozen=True)
class Comparison:
    """One input through a one-layer token network, by the standard cell and by the article's."""

    right: GateTrace
    article: ArticleTrace
    right_prediction: np.ndarray  # (T,) argmax of the network's head at every step
    article_prediction: np.ndarray  # (T,) the same head on the article's h_t

    def accuracy(self, truth: np.ndarray) -> tuple[float, float]:
        """Share of steps where each cell's prediction is the true class: (standard cell, article's cell)."""
        truth = np.asarray(truth)
        return float((self.right_prediction == truth).mean()), float((self.article_prediction == truth).mean())


def compare(network: Network, ids: np.ndarray) -> Comparison:
    """Both cells on token ids through the network's embedding, LSTM layer 0 and head."""
    if network.spec.input_kind != "tokens" or len(network.spec.units) != 1 or network.spec.bidirectional:
        raise ValueError("the comparison needs a one-layer, one-way token network")
    inputs = network.weights["embedding"][np.asarray(ids, dtype=np.int64)]
    weights = network.lstm["lstm_0"]
    right = trace(weights, inputs)
    article = article_trace(weights, inputs)
    return Comparison(
        right, article,
        network.head(right.hidden).argmax(axis=-1),
        network.head(article.hidden.astype(np.float32)).argmax(axis=-1),
    )


@dataclass(frozen=True)
class DepthReadout:
    """One unit's cell state read as a bracket depth, so two cells can be drawn on one fair scale.

    A unit may count upward or downward (the bracket counter's depth unit counts down), so
    its raw values say nothing about which cell tracks depth better. The best straight line
    from the values to the true depth (least squares) turns each into a depth; r, the
    correlation with the true depth, says how well, whatever the direction.
    """

    depth: np.ndarray  # (T,) slope * values + intercept
    r: float  # Pearson correlation of the values with the true depth; 0 when either is constant


def read_depth(values: np.ndarray, depth: np.ndarray) -> DepthReadout:
    """The least-squares line from `values` (T,) to the true `depth` (T,), and their correlation."""
    values, depth = np.asarray(values, dtype=np.float64), np.asarray(depth, dtype=np.float64)
    if values.std() == 0 or depth.std() == 0:
        return DepthReadout(np.full(depth.shape, depth.mean()), 0.0)
    slope, intercept = np.polyfit(values, depth, 1)
    return DepthReadout(slope * values + intercept, float(np.corrcoef(values, depth)[0, 1]))
