"""The contrast set loads, obeys its rules, and is scored as documented."""

import numpy as np
import pytest

from lstm_core.explain import contrast

HEADER = ["# written by hand for a test", "pair\ttext\tlabel\tchange"]


def rows(*lines):
    return HEADER + ["\t".join(line) for line in lines]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_shipped_sets_have_at_least_100_valid_pairs(language):
    pairs = contrast.load(language)
    assert len(pairs.pairs) >= 100
    assert len(set(pairs.texts)) == len(pairs.texts) == 2 * len(pairs.pairs)
    assert all(p.labels[0] != p.labels[1] for p in pairs.pairs)
    assert pairs.labels.sum() == len(pairs.pairs)  # one positive per pair
    header = (contrast.FOLDER / f"{language}.tsv").read_text(encoding="utf-8").splitlines()[1]
    assert "Written by hand for LSTM Lab" in header


def test_a_good_file_parses():
    parsed = contrast.parse(rows(("p1", "not good", "negative", "negation"), ("p1", "good", "positive", "negation")), "en")
    assert parsed.pairs == (contrast.ContrastPair("p1", ("not good", "good"), ("negative", "positive"), "negation"),)
    assert parsed.labels.tolist() == [0, 1]


@pytest.mark.parametrize("lines,message", [
    ([("p1", "good", "positive", "negation")], "not 2"),
    ([("p1", "good", "positive", "negation"), ("p1", "fine", "positive", "negation")], "must flip"),
    ([("p1", "good", "positive", "negation"), ("p2", "good", "negative", "negation")], "appears twice"),
    ([("p1", "good", "neutral", "negation")], "label"),
    ([("p1", "good", "positive", "sarcasm")], "change"),
    ([("p1", "good", "positive")], "columns"),
    ([("p1", "good", "positive", "negation"), ("p1", "not good", "negative", "order")], "different changes"),
])
def test_broken_files_are_refused(lines, message):
    with pytest.raises(contrast.ContrastError, match=message):
        contrast.parse(rows(*lines), "en")


def test_score_counts_texts_and_whole_pairs():
    parsed = contrast.parse(rows(("a", "x1", "positive", "order"), ("a", "x2", "negative", "order"),
                                 ("b", "y1", "negative", "order"), ("b", "y2", "positive", "order")), "en")
    # Three classes, "neutral" set aside: x1 -> positive, x2 -> positive (wrong), y1 -> negative, y2 -> positive.
    table = {"x1": [0.1, 0.5, 0.4], "x2": [0.3, 0.3, 0.4], "y1": [0.4, 0.5, 0.1], "y2": [0.2, 0.1, 0.7]}
    result = contrast.score(lambda texts: np.array([table[t] for t in texts]), ("negative", "neutral", "positive"), parsed)
    assert result.predicted.tolist() == [1, 1, 0, 1]
    assert (result.accuracy, result.pair_accuracy) == (0.75, 0.5)


def test_by_change_splits_the_score_per_kind_of_change():
    parsed = contrast.parse(rows(("a", "x1", "positive", "order"), ("a", "x2", "negative", "order"),
                                 ("b", "y1", "negative", "negation"), ("b", "y2", "positive", "negation")), "en")
    table = {"x1": [0.1, 0.9], "x2": [0.8, 0.2], "y1": [0.4, 0.6], "y2": [0.3, 0.7]}  # pair a right, y1 wrong
    scored = contrast.score(lambda texts: np.array([table[t] for t in texts]), ("negative", "positive"), parsed)
    assert contrast.by_change(scored, parsed) == {
        "negation": {"texts": 2, "accuracy": 0.5, "pair_accuracy": 0.0},
        "order": {"texts": 2, "accuracy": 1.0, "pair_accuracy": 1.0}}


@pytest.mark.slow  # loads three shipped classifiers
def test_scoring_a_shipped_model_now_gives_what_the_order_build_recorded():
    """The Sentiment page scores its own model on the contrast set (its Chinese model is not the one the order
    build compared with); for the models the build did score, the two agree exactly."""
    from lstm_core.sentiment.classifier import PAGE_DEFAULTS, SHIPPED_NAMES, load_named
    from lstm_core.serving import assets

    recorded = {language: assets.read_card(f"order_{language}").details["shipped"]["lstm"]["contrast"]["by_change"]
                for language in ("zh", "en")}
    for language in ("zh", "en"):
        assert contrast.model_by_change(load_named(SHIPPED_NAMES[language]), language) == recorded[language]
    page = contrast.model_by_change(load_named(PAGE_DEFAULTS["zh"]), "zh")
    assert PAGE_DEFAULTS["zh"] != SHIPPED_NAMES["zh"] and page != recorded["zh"]
    assert page["contrast"] == {"texts": 70, "accuracy": 0.4429, "pair_accuracy": 0.0571}
