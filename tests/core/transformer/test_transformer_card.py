"""The shipped Transformer and small LSTM: their card against a re-evaluation of what is shipped."""

import numpy as np
import pytest

from lstm_core.build import charlm_build
from lstm_core.build.transformer_build import BUDGET, SWEEP, prepared
from lstm_core.build.transformer_card import CONTEXTS
from lstm_core.generate import charlm
from lstm_core.serving import assets
from lstm_core.transformer import shipped
from lstm_core.transformer.cost import multiply_adds_lstm, multiply_adds_transformer, state_bytes_lstm
from lstm_core.transformer.language_model import log_probs_of

pytestmark = pytest.mark.slow  # re-evaluates a model card: not in the fast lane


@pytest.fixture(scope="module")
def pair():
    return shipped.load()


@pytest.fixture(scope="module")
def data():
    return prepared()


def test_same_corpus_split_and_vocabulary_as_the_shipped_lstm(pair, data):
    reference = assets.read_card(charlm.MODEL_NAMES["en"]).to_dict()
    card = pair.card.to_dict()
    assert card["vocabulary"] == reference["vocabulary"] == list(data.vocab.tokens)
    for family in shipped.FAMILIES:
        assert card["models"][family]["heldout_characters_predicted"] == reference["data"]["heldout_characters_predicted"]
    assert card["reference"]["shipped_lstm"]["heldout_bits_per_char"] == reference["metrics"]["heldout_bits_per_char"]
    assert card["reference"]["baseline"]["heldout_bits_per_char"] == reference["baseline"]["heldout_bits_per_char"]


def test_each_family_shipped_its_best_configuration_on_validation_with_the_same_budget(pair):
    card = pair.card.to_dict()
    for family, configs in SWEEP.items():
        model = card["models"][family]
        tried = model["configs_tried"]
        assert len(tried) == len(configs)
        best = min(tried, key=lambda run: run["validation_bits_per_char"])
        assert model["config"] == best["config"]
        for run in tried:
            assert {k: run["config"][k] for k in BUDGET} == BUDGET  # every try had the same budget
        assert model["characters_seen"] <= card["budget"]["characters"]
    small = [card["models"][f]["parameters"] for f in shipped.FAMILIES]
    assert max(small) / min(small) < 1.25  # about the same number of weights


def test_held_out_bits_are_reproduced_from_the_shipped_weights(pair, data):
    subset = data.heldout_docs[: charlm_build.SUBSET_DOCUMENTS]
    for family, model, score in (("transformer", pair.transformer.model, log_probs_of),
                                 ("lstm", pair.lstm.network, charlm.log_probs_of)):
        bits, chars = charlm.bits_on_documents(model, data.vocab, subset, score)
        card = pair.card.to_dict()["models"][family]
        assert abs(bits / chars - card["metrics"]["subset_bits_per_char"]) < 1e-4, family
        assert model.parameter_count() == card["parameters"]


def test_cost_curves_have_every_context_and_the_shapes_the_page_explains(pair):
    cost = pair.card.to_dict()["cost"]
    contexts = cost["contexts"]
    assert tuple(contexts[: len(CONTEXTS)]) == CONTEXTS and contexts[-1] * cost["cache_bytes_per_position"] <= \
        cost["cache_budget_bytes"] < (contexts[-1] + 1) * cost["cache_bytes_per_position"]
    curves = cost["models"]
    for name, points in curves.items():
        assert [p["context"] for p in points] == contexts, name
        assert all(p["seconds_per_char"] > 0 for p in points)
    t_points, l_points = curves["transformer"], curves["lstm"]
    assert [p["state_bytes"] for p in t_points] == [c * cost["cache_bytes_per_position"] for c in contexts]
    assert {p["state_bytes"] for p in l_points} == {state_bytes_lstm(pair.lstm.network)}
    assert [p["multiply_adds"] for p in t_points] == [multiply_adds_transformer(pair.transformer.model, c) for c in contexts]
    assert {p["multiply_adds"] for p in l_points} == {multiply_adds_lstm(pair.lstm.network)}
    # The Transformer's time per character grows with the context; the LSTM's stays within a factor of 3.
    times = [p["seconds_per_char"] for p in t_points]
    assert times[-1] > 5 * times[0]
    lstm_times = [p["seconds_per_char"] for p in l_points]
    assert max(lstm_times) < 3 * min(lstm_times)


def test_comparison_reads_the_card(pair):
    result = shipped.Comparison.from_card(pair.card)
    card = pair.card.to_dict()
    assert result.bits["transformer"] == card["models"]["transformer"]["metrics"]["heldout_bits_per_char"]
    assert result.better_bits == min(("transformer", "lstm"), key=lambda f: result.bits[f])
    assert result.memory_crossover == pytest.approx(result.state_bytes("lstm")[0] / result.cache_bytes_per_position)
    assert [run.chosen for run in result.tried].count(True) == 2  # one per family
    assert result.training_curves["transformer"][-1][0] == card["models"]["transformer"]["characters_seen"]
    ms = np.array(result.milliseconds("transformer")) - np.array(result.milliseconds("lstm"))
    if result.time_crossover is None:
        assert (ms < 0).all()
    elif result.time_crossover == result.contexts[0]:
        assert ms[0] >= 0
    else:
        assert ms[0] < 0 and ms[-1] >= 0
