"""Checks of what the lessons and the quiz say about the shipped translators (the Sequence to sequence page).

The translators read the input the step sets, as the page does; "reads" is the input character
the decoder attends to most when it writes an output character (the brightest cell of that row
of the heatmap). Curves and held-out scores come from the task's model card.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from lstm_core.seq2seq.card import MIN_POINT
from lstm_core.seq2seq.data import START
from lstm_core.seq2seq.tasks import MONTHS, TASKS, normalise
from lstm_core.seq2seq.translator import Translator, load_all

CHECKS = ("date_alignment", "numeral_alignment", "longest", "teacher_forcing", "attention_rows", "plain_reads")
DIGIT_NAMES = dict(zip("123456789", "一二三四五六七八九"))


@lru_cache(maxsize=2)
def _models(task: str) -> dict[str, Translator]:
    """The task's three shipped translators: "attention", "plain" (none), "free_running" (none, fed its own output)."""
    return load_all(task)


def _alignment(task: str, text: str) -> tuple[str, str, list[int]]:
    """(the input as read, the translation, the input position each output character reads most)."""
    translator = _models(task)["attention"]
    output = translator.translate([text])[0]
    return normalise(text), output, [int(row.argmax()) for row in translator.attention(text)]


def date_alignment(task: str, text: str) -> dict:
    """Where the decoder reads when it writes the day's last digit and the month's two digits of an ISO date.

    Facts: output, right (the rule's answer), day (the day's last digit written), day_at (where the
    input writes it), day_reads_at, day_after_month (the input writes the day after the month's name);
    month_tens / month_units (the month's digits written), month_units_reads_month (it reads a letter
    of the month's name), month_tens_reads (the character it reads), month_tens_reads_year (inside
    the year).
    """
    source, output, reads = _alignment(task, text)
    right = output == _models(task)["attention"].rule(text)
    year, day = output[:4], str(int(output[8:10]))
    month = next(re.search(name, source) for name in sorted(MONTHS, key=len, reverse=True) if re.search(name, source))
    year_at = source.rfind(year)
    day_match = next(m for m in re.finditer(r"\d+", source) if m.group() == day and m.start() != year_at)
    in_month, in_year = range(*month.span()), range(year_at, year_at + len(year))
    return {"output": output, "right": right, "day": output[9], "day_at": day_match.end() - 1, "day_reads_at": reads[9],
            "day_after_month": day_match.start() > month.end(),
            "month_tens": output[5], "month_units": output[6], "month_units_reads_month": reads[6] in in_month,
            "month_tens_reads": source[reads[5]], "month_tens_reads_year": reads[5] in in_year}


def numeral_alignment(task: str, text: str) -> dict:
    """What each digit of a numeral's translation reads.

    Facts: output, right, digits (the non-zero digits written, in order), digit_reads (the character
    each reads), digits_read_their_names (each reads the character that names it: 3 reads 三),
    zeros_read (the characters the zeros read, each once, in order of first use).
    """
    source, output, reads = _alignment(task, text)
    read = [source[k] for k in reads]
    digits = [(d, r) for d, r in zip(output, read) if d != "0"]
    zeros = list(dict.fromkeys(r for d, r in zip(output, read) if d == "0"))
    return {"output": output, "right": output == _models(task)["attention"].rule(text),
            "digits": [d for d, _ in digits], "digit_reads": [r for _, r in digits],
            "digits_read_their_names": all(DIGIT_NAMES[d] == r for d, r in digits), "zeros_read": zeros}


def longest(task: str, text: str) -> dict:
    """One input translated with and without attention, and the model without attention's score by input length.

    Facts: characters (of the input), longest_input (the task's longest), digits (of the right
    answer), truth, attention_right, plain_output, plain_right; from the card's held-out draw:
    plain_lowest_at_longest (without attention, exact match is lowest at the longest length charted:
    at least MIN_POINT inputs), plain_longest_exact (there), longest_count (how many inputs there).
    """
    models = _models(task)
    truth = models["attention"].rule(text)
    plain = models["plain"].translate([text])[0]
    curve = {n: p for n, p in models["attention"].results.variants["plain"].by_length.items() if p.count >= MIN_POINT}
    last = max(curve)
    return {"characters": len(normalise(text)), "longest_input": TASKS[task].max_source, "digits": len(truth),
            "truth": truth, "attention_right": models["attention"].translate([text])[0] == truth,
            "plain_output": plain, "plain_right": plain == truth,
            "plain_lowest_at_longest": curve[last].exact == min(p.exact for p in curve.values()),
            "plain_longest_exact": curve[last].exact, "longest_count": curve[last].count, "longest_charted": last}


def teacher_forcing(task: str) -> dict:
    """The teacher-forced decoder against the free-running one (both without attention), from the card.

    Facts: ahead_epochs (the first epochs in which the teacher-forced one's validation exact match
    is ahead), forced_exact / free_exact (held-out exact match), same_exact, exact (the forced one's),
    largest_gap (the larger drop in per-character accuracy when each reads its own output).
    """
    runs = _models(task)["attention"].results.variants
    forced, free = runs["plain"], runs["free_running"]
    curves = zip(forced.history["val_exact"], free.history["val_exact"])
    ahead = next((k for k, (a, b) in enumerate(curves) if a <= b), min(forced.epochs_run, free.epochs_run))
    return {"ahead_epochs": ahead, "forced_exact": forced.exact, "free_exact": free.exact,
            "same_exact": forced.exact == free.exact, "exact": forced.exact,
            "largest_gap": max(forced.characters.gap, free.characters.gap),
            "smallest_gap": min(forced.characters.gap, free.characters.gap)}


def attention_rows(task: str) -> dict:
    """The attention weights of every example the page offers: each row's sum, the smallest and largest weight."""
    translator = _models(task)["attention"]
    heatmaps = [translator.attention(text) for text in TASKS[task].examples]
    sums = np.concatenate([heatmap.sum(axis=1) for heatmap in heatmaps])
    weights = np.concatenate([heatmap.ravel() for heatmap in heatmaps])
    return {"row_sum_min": float(sums.min()), "row_sum_max": float(sums.max()), "weight_min": float(weights.min()),
            "weight_max": float(weights.max()), "rows": len(sums)}


def _greedy(translator: Translator, state, states: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Greedy decoding from the decoder state given, with the encoder states given: (steps, V) log-probabilities."""
    network, previous, out = translator.network, START, []
    for _ in range(network.spec.max_target + 1):
        step = network.decoder_step(np.array([previous]), state, states, keys)
        out.append(step.log_probs[0])
        previous, state = int(step.log_probs[0].argmax()), step.state
    return np.array(out)


def plain_reads(task: str) -> dict:
    """What the decoder without attention knows of the input: only the encoder's last state, which starts its own.

    Over every example of the task: same_without_states (its outputs do not change when every encoder
    state but the last is replaced by zeros), changes_without_final (they change when the decoder
    starts from zeros instead of the encoder's last state), has_attention.
    """
    translator = _models(task)["plain"]
    same, changed = [], []
    for text in TASKS[task].examples:
        encoded = translator.network.encode(translator.codec.source_ids(translator.read(text)))
        final = (encoded.final[0][None], encoded.final[1][None])
        read = _greedy(translator, final, encoded.states, encoded.keys)
        blank = _greedy(translator, final, np.zeros_like(encoded.states), np.zeros_like(encoded.keys))
        from_zeros = _greedy(translator, (np.zeros_like(final[0]), np.zeros_like(final[1])), encoded.states, encoded.keys)
        same.append(np.array_equal(read, blank))
        changed.append(not np.array_equal(read.argmax(axis=1), from_zeros.argmax(axis=1)))
    return {"has_attention": translator.has_attention, "same_without_states": all(same),
            "changes_without_final": all(changed), "examples": len(same)}
