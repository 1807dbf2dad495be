"""Work budgets: what one request may cost a server that a whole class shares.

Training cost grows with every setting at once (examples x steps x epochs x the
layers' sizes), so a page checks the product before it starts, instead of letting
one slider setting tie up both cores for an hour. The unit is multiply-adds of the
LSTM's matrix products, counted forward and backward (about three times the forward
pass), which tracks measured training time on this app's models within a small factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from lstm_core.message import Message, UserError

# About three minutes of Keras training on two cores (the default sentiment run, 6e10
# multiply-adds, took 18 s); a lecture demo should never need more.
TRAINING_WORK_LIMIT = 6e11
# Each Keras batch also costs a few milliseconds however small the model (measured about
# 3 ms for the forecasters): counted as this many multiply-adds, so 200 epochs of tiny
# batches are not free.
BATCH_OVERHEAD = 1e7


class OverBudget(UserError):
    """A request would cost more than the server allows one user; lower `settings` (the page's labels)."""

    def __init__(self, work: float, limit: float, settings: Sequence[str]):
        self.work, self.limit, self.settings = work, limit, tuple(settings)
        super().__init__(
            f"this would take about {self.times:.0f} times the work one run may use; lower {', '.join(settings)}",
            Message("common.over_budget", {"times": self.times, "settings": ", ".join(settings)}),
        )


    @property
    def times(self) -> float:
        """How many times over the budget the request is (at least 1)."""
        return self.work / self.limit


@dataclass(frozen=True)
class RecurrentWork:
    """The shape of one training run, enough to count its multiply-adds."""

    examples: int  # training sequences per epoch
    steps: int  # time steps per sequence
    input_dim: int  # features per step entering the first layer (the embedding size for text)
    units: tuple[int, ...]  # per stacked layer
    epochs: int
    directions: int = 1  # 2 for bidirectional layers
    outputs_per_step: int = 0  # a softmax over this many classes at every step (language models)
    gates: int = 4  # 4 for an LSTM, 3 for a GRU, 1 for a simple RNN
    batch_size: int = 32

    def multiply_adds(self) -> float:
        """Forward and backward multiply-adds of the whole run, plus the per-batch overhead."""
        per_step, width = 0, self.input_dim
        for units in self.units:
            per_step += self.directions * self.gates * units * (width + units)
            width = units * self.directions
        per_step += width * self.outputs_per_step
        batches = self.epochs * -(-self.examples // self.batch_size)
        return 3.0 * self.epochs * self.examples * self.steps * per_step + BATCH_OVERHEAD * batches


def check_training(work: RecurrentWork, settings: Sequence[str], limit: float = TRAINING_WORK_LIMIT) -> None:
    """Raise `OverBudget` naming the `settings` to lower when `work` is over `limit`."""
    total = work.multiply_adds()
    if total > limit:
        raise OverBudget(total, limit, settings)
