"""The sequence-to-sequence cards against a re-evaluation of the shipped models (slow).

The held-out draw is drawn again from the card's seed and sizes; every number the page
and the lesson quote is recomputed from the shipped (float16) weights.
"""

from __future__ import annotations

import pytest

from lstm_core.seq2seq import evaluate
from lstm_core.seq2seq.beam import beam_search
from lstm_core.seq2seq.card import VARIANTS, LengthPoint
from lstm_core.seq2seq.data import draw_splits
from lstm_core.seq2seq.tasks import TASKS
from lstm_core.seq2seq.translator import load_all

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=list(TASKS))
def shipped(request):
    models = load_all(request.param)
    results = models["attention"].results
    sizes = results.sizes
    draws = draw_splits(TASKS[request.param], sizes["train"], sizes["validation"], sizes["test"], results.seed)
    return models, results, draws


def test_exact_match_and_its_curve_by_length_are_the_card_s(shipped):
    models, results, draws = shipped
    for variant in VARIANTS:
        translator = models[variant]
        outputs = evaluate.greedy_outputs(translator.network, translator.codec, draws.test.sources)
        correct = evaluate.exact_match(outputs, draws.test.targets)
        recorded = results.variants[variant]
        assert round(float(correct.mean()), 4) == recorded.exact and int((~correct).sum()) == recorded.errors, variant
        found = {int(n): LengthPoint(p["count"], p["exact"]) for n, p in evaluate.by_length(draws.test.sources, correct).items()}
        assert found == recorded.by_length, variant
    assert results.variants["attention"].exact >= 0.99  # the target


def test_exposure_bias_numbers_are_the_card_s(shipped):
    models, results, draws = shipped
    for variant in ("plain", "free_running"):
        translator = models[variant]
        found = evaluate.character_accuracy(translator.network, translator.codec, draws.test)
        assert found == results.variants[variant].characters, variant


def test_every_beam_fix_in_the_card_is_one(shipped):
    models, results, draws = shipped
    for variant in ("attention", "plain"):
        fixes = results.variants[variant].beam_fixes
        translator = models[variant]
        for example in fixes.examples:
            assert example.input in draws.test.sources and example.target == translator.rule(example.input)
            result = beam_search(translator.network, translator.network.encode(translator.codec.source_ids(example.input)),
                                 fixes.width)
            assert translator.codec.target_text(result.greedy.ids) == example.greedy != example.target
            assert translator.codec.target_text(result.best.ids) == example.beam == example.target
            assert result.best.log_prob == pytest.approx(example.beam_log_prob, abs=1e-3)
        assert fixes.fixed <= fixes.searched <= fixes.greedy_errors == results.variants[variant].errors
        assert bool(fixes.examples) == bool(fixes.fixed)


def test_the_held_out_draw_shares_no_input_with_training(shipped):
    _, results, draws = shipped
    assert not set(draws.test.sources) & (set(draws.train.sources) | set(draws.validation.sources))
    assert sum(p.count for p in results.variants["attention"].by_length.values()) == len(draws.test) == results.test_size
