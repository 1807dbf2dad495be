"""The shipped language models' cards, checked against a re-evaluation of what is shipped."""

import pytest

from lstm_core.build.charlm_build import SUBSET_DOCUMENTS
from lstm_core.generate import charlm, language_model
from lstm_core.generate.ngram import NGramConfig, NGramModel
from lstm_core.string_table import both

pytestmark = pytest.mark.slow  # trains models or re-evaluates model cards: not in the fast lane


@pytest.fixture(scope="module", params=["zh", "en"])
def shipped(request):
    model = language_model.load_language_model(request.param)
    train_docs, heldout_docs = charlm.split(charlm.documents(request.param))
    return model, train_docs, heldout_docs


def test_card_describes_the_data_it_was_trained_on(shipped):
    model, train_docs, heldout_docs = shipped
    card = model.card.to_dict()
    assert card["data"]["train_documents"] == len(train_docs)
    assert card["data"]["heldout_documents"] == len(heldout_docs)
    assert list(model.vocab.tokens) == list(charlm.char_vocabulary(train_docs, card["config"]["max_vocab_size"]).tokens)
    assert card["epochs_run"] == len(card["training_log"]) >= 1
    assert card["beats_baseline"] == (card["metrics"]["heldout_bits_per_char"] < card["baseline"]["heldout_bits_per_char"])


def test_card_metrics_are_reproduced(shipped):
    model, _, heldout_docs = shipped
    card = model.card.to_dict()
    subset = heldout_docs[:SUBSET_DOCUMENTS]
    assert card["metrics"]["subset_documents"] == len(subset)
    bits, chars = charlm.bits_on_documents(model.network, model.vocab, subset)
    assert abs(bits / chars - card["metrics"]["subset_bits_per_char"]) < 1e-4
    # bits_per_char (the public API) gives the same numbers one document at a time.
    first = subset[0] + "\n"
    by_api = model.bits_per_char(first) * len(first)
    one_bits, _ = charlm.bits_on_documents(model.network, model.vocab, subset[:1])
    assert abs(by_api - one_bits) < 1e-3


def test_baseline_numbers_are_reproduced(shipped):
    model, train_docs, heldout_docs = shipped
    baseline = model.card.to_dict()["baseline"]
    ngram = NGramModel.fit(train_docs, model.vocab, NGramConfig(order=baseline["order"]))
    bits, chars = ngram.bits_on_documents(heldout_docs[:SUBSET_DOCUMENTS])
    assert abs(bits / chars - baseline["subset_bits_per_char"]) < 1e-5
    assert baseline["heldout_bits_per_char"] == min(r["heldout_bits_per_char"] for r in baseline["orders_tried"])


def test_shipped_model_numpy_equals_keras(shipped):
    import numpy as np

    from lstm_core.training.network_keras import build_keras, load_into_keras

    model, _, heldout_docs = shipped
    keras_model = build_keras(model.network.spec)
    load_into_keras(keras_model, model.network)
    ids = model.vocab.encode("\n" + heldout_docs[0][:60]).ids
    keras_probs = np.asarray(keras_model(ids[None, :]))[0]
    numpy_probs, state = [], model.network.initial_state()
    for token_id in ids:
        probs, state = model.network.step(token_id, state)
        numpy_probs.append(probs)
    np.testing.assert_allclose(np.array(numpy_probs), keras_probs, atol=1e-5)


def test_gates_registry_entries_trace_text():
    from lstm_core.serving import catalogue

    entries = {e.key: e for e in catalogue.SHIPPED}
    for key in ("charlm_zh", "charlm_en"):
        model = catalogue.load(entries[key])
        trace = model.trace_text(model.default_text)
        assert trace.steps == len(model.default_text) + 1  # the start-of-text newline comes first
        assert all(both(trace.summary).values())
    long = model.trace_text("x" * 1000)
    assert long.steps == model.max_steps and long.steps_before_cut == 1000
