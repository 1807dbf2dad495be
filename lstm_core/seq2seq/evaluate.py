"""Scoring a translator on a held-out draw: exact match, by input length, exposure bias, beam fixes.

Exact match counts an output right only when every character is. Exposure bias
(Ranzato et al. 2016) is measured as two per-character accuracies of the same model:
fed the true previous characters (as in teacher-forced training) and fed its own (as at
test time); the gap is what reading its own mistakes costs it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

import numpy as np

from lstm_core.seq2seq.beam import beam_search
from lstm_core.seq2seq.data import Codec, Split
from lstm_core.seq2seq.model import Seq2SeqNetwork


@dataclass(frozen=True)
class CharacterAccuracy:
    """Per-character accuracy of one model fed the true previous characters, and fed its own."""

    fed_truth: float
    fed_own: float

    @property
    def gap(self) -> float:
        """What reading its own output costs the model (exposure bias, measured)."""
        return self.fed_truth - self.fed_own


@dataclass(frozen=True)
class BeamFix:
    """A held-out input whose greedy translation was wrong and whose beam translation was right."""

    input: str
    target: str
    greedy: str
    greedy_log_prob: float
    beam: str
    beam_log_prob: float


@dataclass(frozen=True)
class BeamFixes:
    """A beam run on a draw's greedy mistakes: how many there were, were searched, were fixed; the first fixes."""

    width: int
    greedy_errors: int
    searched: int
    fixed: int
    examples: tuple[BeamFix, ...]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "BeamFixes":
        return cls(int(data["width"]), int(data["greedy_errors"]), int(data.get("searched", data["greedy_errors"])),
                   int(data["fixed"]), tuple(BeamFix(**example) for example in data["examples"]))


def greedy_outputs(network: Seq2SeqNetwork, codec: Codec, sources, batch: int = 500) -> list[str]:
    """Greedy translations of many inputs (already in the task's alphabet)."""
    outputs = []
    for start in range(0, len(sources), batch):
        ids = network.greedy_batch([codec.source_ids(s) for s in sources[start:start + batch]])
        outputs += [codec.target_text(row) for row in ids]
    return outputs


def exact_match(outputs, targets) -> np.ndarray:
    """(N,) True where the output is the target, character for character."""
    return np.array([o == t for o, t in zip(outputs, targets)], dtype=bool)


def by_length(sources, correct: np.ndarray) -> dict[str, dict[str, float]]:
    """Exact match per input length in characters: {"7": {"count": 412, "exact": 0.995}, ...}."""
    groups: dict[int, list[bool]] = defaultdict(list)
    for source, ok in zip(sources, correct):
        groups[len(source)].append(bool(ok))
    return {str(k): {"count": len(v), "exact": round(float(np.mean(v)), 4)} for k, v in sorted(groups.items())}


def character_accuracy(network: Seq2SeqNetwork, codec: Codec, split: Split, limit: int = 2_000) -> CharacterAccuracy:
    """Per-character accuracy fed the true previous characters and fed its own (the first `limit` examples).

    Positions run over the target and its end mark; a free-running output that is too
    short counts its missing characters as wrong.
    """
    sources, targets = split.sources[:limit], split.targets[:limit]
    decoder_in, decoder_out = codec.targets(targets, network.spec.max_target)
    real = decoder_out != 0
    fed_truth = np.zeros_like(real)
    for row, source in enumerate(sources):
        fed_truth[row] = network.teacher_forced(codec.source_ids(source), decoder_in[row]).argmax(axis=1) == decoder_out[row]
    written = np.concatenate([network.greedy_batch([codec.source_ids(s) for s in sources[k:k + 500]])
                              for k in range(0, len(sources), 500)])
    fed_own = written[:, : real.shape[1]] == decoder_out
    return CharacterAccuracy(round(float(fed_truth[real].mean()), 4), round(float(fed_own[real].mean()), 4))


def beam_fixes(network: Seq2SeqNetwork, codec: Codec, split: Split, greedy: list[str], width: int,
               keep: int = 5, limit: int | None = None) -> BeamFixes:
    """Every held-out input greedy gets wrong (the first `limit`), decoded again with a beam: where it is right.

    A search over the whole draw, not a picked example: returns how many greedy errors
    there were, how many were searched and how many of those the beam fixed, and the
    first `keep` fixes with both outputs and their log-probabilities (`beam_exact` scores
    the beam on every input).
    """
    wrong = [k for k, (o, t) in enumerate(zip(greedy, split.targets)) if o != t]
    fixes = []
    for k in wrong[:limit]:
        result = beam_search(network, network.encode(codec.source_ids(split.sources[k])), width)
        if codec.target_text(result.best.ids) == split.targets[k]:
            fixes.append(BeamFix(split.sources[k], split.targets[k], codec.target_text(result.greedy.ids),
                                 round(result.greedy.log_prob, 4), codec.target_text(result.best.ids),
                                 round(result.best.log_prob, 4)))
    return BeamFixes(width, len(wrong), len(wrong[:limit]), len(fixes), tuple(fixes[:keep]))


def beam_exact(network: Seq2SeqNetwork, codec: Codec, split: Split, width: int, limit: int | None = None) -> float:
    """Exact match with beam search of `width` on the first `limit` examples (all by default)."""
    sources, targets = split.sources[:limit], split.targets[:limit]
    outputs = [codec.target_text(beam_search(network, network.encode(codec.source_ids(s)), width).best.ids) for s in sources]
    return round(float(exact_match(outputs, targets).mean()), 4)
