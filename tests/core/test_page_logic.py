"""Logic that used to live in the pages, now in the core: each piece checked where it lives."""

import numpy as np
import pytest

from lstm_core.forecast import series
from lstm_core.forecast.forecast_eval import compare
from lstm_core.forecast.forecast_models import usable_split
from lstm_core.forecast.forecaster import ForecastConfig
from lstm_core.forecast.statistical_baselines import StatForecast
from lstm_core.forecast.windows import Framing
from lstm_core.generate.language_model import CharLanguageModel
from lstm_core.message import UserError
from lstm_core.sentiment.sentiment_train import SentimentConfig
from lstm_core.text import tfidf
from lstm_core.text.vocab import Vocabulary
from lstm_core.why.article_cell import Comparison
from tests.core.nn.tiny import tiny_network


def _series(length: int, season: int) -> series.Series:
    values = np.arange(float(length))
    return series.Series("toy", "toy", values, np.arange(length), season, "", "made up", ("arima", (1, 1, 0)))


def test_a_series_too_short_or_with_too_long_a_season_is_refused_with_a_message():
    assert usable_split(_series(100, 12)).val_start == 70
    with pytest.raises(UserError) as error:
        usable_split(_series(5, 1))
    assert error.value.message.key == "forecast.need_values"
    with pytest.raises(UserError) as error:
        usable_split(_series(20, 14))
    assert error.value.message.key == "forecast.season_too_long"


def test_framing_bounds_leave_two_examples():
    framing = Framing(70)
    assert framing.max_window() == 35 and Framing(1000).max_window() == Framing.MAX_WINDOW
    assert framing.max_horizon(35) == 24 and framing.max_horizon(60) == 9
    window = 60
    assert framing.fits(window, framing.max_horizon(window)) and framing.examples(window, framing.max_horizon(window)) == 2
    assert not framing.fits(60, 11)


def test_metrics_of_one_mode_are_the_rows_of_that_mode():
    values = np.sin(np.arange(60) / 3.0) + np.arange(60) / 10
    stat = StatForecast("stand-in", values[48:] + 0.1, values[48:] - 0.1)
    comparison = compare(values, np.arange(60), 48, 6, stat)
    rows = comparison.metrics("recursive")
    assert [r["method"] for r in rows] == ["naive", "seasonal_naive", "stat"] and "mode" not in rows[0]
    assert rows == [{k: v for k, v in r.items() if k != "mode"} for r in comparison.metrics() if r["mode"] == "recursive"]


def test_same_bag_pairs_tokenize_each_document_once():
    calls = []

    def analyzer(document: str) -> list[str]:
        calls.append(document)
        return document.split()

    documents = ["dog bites man", "man bites dog", "a b", "dog bites man", "b a", "c"]
    assert tfidf.same_bag_pairs(documents, analyzer) == [
        ("dog bites man", "man bites dog"), ("man bites dog", "dog bites man"), ("a b", "b a")]
    assert len(calls) == len(documents)
    assert tfidf.mixed_analyzer(["云计算"])("李小福是云计算专家") == ["李小福", "是", "云计算", "专家"]


def test_the_article_cells_accuracy_counts_matching_steps():
    result = Comparison(None, None, np.array([1, 2, 3, 0]), np.array([1, 1, 1, 1]))
    assert result.accuracy(np.array([1, 2, 0, 0])) == (0.75, 0.25)


@pytest.mark.parametrize("config", [SentimentConfig, ForecastConfig])
def test_widget_limits_hold_the_defaults(config):
    defaults = config()
    for name, (low, high, *_) in config.LIMITS.items():
        assert low <= getattr(defaults, name) <= high, name


def test_a_retrained_model_never_shares_a_cache_key_with_the_one_before():
    vocab = Vocabulary(("<pad>", "<unk>", "a"))
    first, second = (CharLanguageModel(tiny_network(seed=s), vocab) for s in (0, 1))
    assert first.fingerprint != second.fingerprint
    assert first.fingerprint == CharLanguageModel(first.network, vocab).fingerprint  # the weights, not the object
