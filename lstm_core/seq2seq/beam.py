"""Greedy decoding and beam search over the decoder's next-character distribution.

Greedy decoding writes the most likely character at every step. A choice that looks
best now can lead to a worse whole output, so beam search (as in Sutskever et al. 2014)
keeps the `width` best partial outputs by their total log-probability
log p(y_1..y_t) = sum log p(y_k | y_<k, x), extends each by every character, and keeps
the best `width` again. An output that writes the end mark is set aside as finished; the
search stops when no partial output can still beat the best finished one (log-
probabilities only fall as an output grows) or at the longest output the model writes.

Beam search is not monotone in its width: a partial output can lead the beam and still
end worse than the greedy one. The greedy output is therefore kept among the finished
candidates, so a beam never scores below greedy by the model's own log-probability.
Width 1 is greedy decoding exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_core.seq2seq.data import END, PAD, START
from lstm_core.seq2seq.model import Encoded, Seq2SeqNetwork

MAX_WIDTH = 16  # wider beams change nothing on these tasks and cost a step per extra row


@dataclass(frozen=True)
class Candidate:
    """A partial or finished output: its ids (the end mark included once written) and total log-probability."""

    ids: tuple[int, ...]
    log_prob: float
    finished: bool


@dataclass(frozen=True)
class BeamStep:
    """The beam after one step: kept candidates, best first (finished ones set aside at this step included)."""

    step: int  # 0-based output position
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class BeamResult:
    best: Candidate
    greedy: Candidate
    finished: tuple[Candidate, ...]  # every complete output found (and any cut at the length limit), best first
    steps: tuple[BeamStep, ...]
    width: int


def _search(network: Seq2SeqNetwork, encoded: Encoded, width: int) -> tuple[list[Candidate], list[BeamStep]]:
    """The beam search proper; returns (finished and, at the length limit, unfinished candidates, steps)."""
    # Characters that can never be written: padding and the start mark.
    banned = np.zeros(network.spec.target_vocab, bool)
    banned[[PAD, START]] = True
    alive = [Candidate((), 0.0, False)]
    h, c = encoded.final
    state = (h[None], c[None])
    finished: list[Candidate] = []
    steps: list[BeamStep] = []
    for step in range(network.spec.max_target + 1):
        previous = np.array([cand.ids[-1] if cand.ids else START for cand in alive])
        out = network.decoder_step(previous, state, encoded.states, encoded.keys)
        scores = np.array([cand.log_prob for cand in alive])[:, None] + np.where(banned, -np.inf, out.log_probs)
        order = np.argsort(-scores, axis=None, kind="stable")[:width]
        rows, chars = np.unravel_index(order, scores.shape)
        kept, keep_rows = [], []
        for row, char in zip(rows, chars):
            cand = Candidate(alive[row].ids + (int(char),), float(scores[row, char]), int(char) == END)
            kept.append(cand)
            if cand.finished:
                finished.append(cand)
            else:
                keep_rows.append(row)
        steps.append(BeamStep(step, tuple(kept)))
        alive = [cand for cand in kept if not cand.finished]
        if not alive:
            break
        best_finished = max((f.log_prob for f in finished), default=-np.inf)
        if best_finished >= alive[0].log_prob:
            break  # no partial output can climb back above a finished one
        h_new, c_new = out.state
        state = (h_new[keep_rows], c_new[keep_rows])
    else:
        finished += alive  # at the length limit: outputs that never ended still count, unfinished
    return finished, steps


def beam_search(network: Seq2SeqNetwork, encoded: Encoded, width: int) -> BeamResult:
    """The best output by total log-probability within a beam of `width` (1..MAX_WIDTH)."""
    if not 1 <= width <= MAX_WIDTH:
        raise ValueError(f"beam width must be between 1 and {MAX_WIDTH}, not {width}")
    greedy_out, greedy_steps = _search(network, encoded, 1)
    greedy = greedy_out[0]
    if width == 1:
        return BeamResult(greedy, greedy, tuple(greedy_out), tuple(greedy_steps), 1)
    candidates, steps = _search(network, encoded, width)
    pool = {cand.ids: cand for cand in [*candidates, greedy]}  # greedy kept (see the module docstring)
    ranked = sorted(pool.values(), key=lambda cand: -cand.log_prob)
    return BeamResult(ranked[0], greedy, tuple(ranked), tuple(steps), width)
