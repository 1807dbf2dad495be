"""Generation loop, character models (NumPy against Keras), training your own, and the cards."""

import numpy as np
import pytest

from lstm_core.generate import charlm, charlm_train, language_model, sampling
from lstm_core.generate.ngram import NGramConfig, NGramModel
from lstm_core.nn.network import Network
from lstm_core.text.inputs import decode_upload
from lstm_core.text.vocab import Vocabulary
from lstm_core.string_table import render

TEXT = "the cat sat on the mat.\nthe dog sat on the log.\na cat and a dog met on a mat.\n" * 6


def tiny_model(seed: int = 0, units: int = 16) -> language_model.CharLanguageModel:
    vocab = charlm.char_vocabulary(TEXT.split("\n"))
    spec = charlm_train.spec_for(8, units, len(vocab))
    rng = np.random.default_rng(seed)
    weights = {
        "embedding": rng.normal(0, 0.5, (len(vocab), 8)),
        "lstm_0/kernel": rng.normal(0, 0.4, (8, 4 * units)),
        "lstm_0/recurrent_kernel": rng.normal(0, 0.4, (units, 4 * units)),
        "lstm_0/bias": rng.normal(0, 0.1, 4 * units),
        "dense/kernel": rng.normal(0, 1.0, (units, len(vocab))),
        "dense/bias": rng.normal(0, 0.1, len(vocab)),
    }
    return language_model.CharLanguageModel(Network(spec, weights), vocab, default_text="the ")


def test_same_seed_same_text_and_length():
    model = tiny_model()
    a = language_model.sample(model, "the ", 60, temperature=1.0, seed=3)
    b = language_model.sample(model, "the ", 60, temperature=1.0, seed=3)
    c = language_model.sample(model, "the ", 60, temperature=1.0, seed=4)
    assert a == b and a != c and len(a) == 60
    assert "<pad>" not in a and "<unk>" not in a


def test_temperature_zero_follows_the_argmax_path():
    model = tiny_model()
    text = language_model.sample(model, "a c", 30, temperature=0.0, seed=1)
    assert text == language_model.sample(model, "a c", 30, temperature=0.0, seed=99)
    probs, state = model.start()
    for token_id in model.vocab.encode("a c").ids:
        probs, state = model.advance(state, token_id)
    expected = []
    for _ in range(30):
        p = language_model.drawable(model.vocab, probs)
        best = int(np.argmax(p))
        expected.append(model.vocab.tokens[best])
        probs, state = model.advance(state, best)
    assert text == "".join(expected)


def test_steps_show_the_distribution_drawn_from():
    model = tiny_model()
    config = sampling.SamplingConfig(temperature=0.7, top_k=3, seed=2)
    steps = list(language_model.generate(model, "the ", 20, config))
    for step in steps:
        drawable = [c for c in step.candidates if c != "<unk>"]
        assert step.char in drawable[:3]  # top-k = 3: only the three best can be drawn
        assert "<pad>" not in step.candidates
        assert sum(p > 0 for p in step.drawn_probs) <= 3
        assert step.entropy_drawn <= step.entropy_model + 1e-9
        shown = np.asarray(step.model_probs)  # the ten most likely characters of a distribution
        assert 0 < shown.sum() <= 1 + 1e-6 and np.all(np.diff(shown) <= 1e-9)
    assert language_model.clamp_length(0) == 1 and language_model.clamp_length(100_000) == language_model.MAX_LENGTH


def test_inspected_steps_match_a_step_by_step_replay():
    # 60 characters: two full inspection chunks and a partial one.
    model = tiny_model(seed=5)
    config = sampling.SamplingConfig(temperature=0.8, top_p=0.9, seed=7)
    steps = list(language_model.generate(model, "a ", 60, config))
    assert "".join(s.char for s in steps) == language_model.sample(model, "a ", 60, 0.8, None, 0.9, seed=7)
    _, probs, state = language_model.read_prompt(model, "a ")
    pad = model.vocab.index["<pad>"]
    for step in steps:
        shaped = sampling.reshape(language_model.drawable(model.vocab, probs), config)
        ranked = [i for i in np.argsort(-probs, kind="stable") if i != pad][: language_model.TOP_CANDIDATES]
        assert step.candidates == tuple(model.vocab.tokens[i] for i in ranked)
        np.testing.assert_allclose(step.model_probs, probs[ranked], rtol=1e-6)
        np.testing.assert_allclose(step.drawn_probs, shaped[ranked], rtol=1e-9)
        token_id = model.vocab.index[step.char]
        assert step.chosen_prob == pytest.approx(shaped[token_id])
        assert step.entropy_model == pytest.approx(sampling.entropy_bits(probs), abs=1e-6)
        assert step.entropy_drawn == pytest.approx(sampling.entropy_bits(shaped), abs=1e-9)
        probs, state = model.advance(state, token_id)


def test_a_vocabulary_smaller_than_the_candidate_list():
    vocab = charlm.char_vocabulary(["abab", "ba"])  # <pad>, <unk>, newline, a, b
    spec = charlm_train.spec_for(4, 3, len(vocab))
    rng = np.random.default_rng(0)
    weights = {
        "embedding": rng.normal(size=(len(vocab), 4)), "lstm_0/kernel": rng.normal(size=(4, 12)),
        "lstm_0/recurrent_kernel": rng.normal(size=(3, 12)), "lstm_0/bias": np.zeros(12),
        "dense/kernel": rng.normal(size=(3, len(vocab))), "dense/bias": np.zeros(len(vocab)),
    }
    model = language_model.CharLanguageModel(Network(spec, weights), vocab)
    for step in language_model.generate(model, "a", 5, sampling.SamplingConfig(seed=1)):
        assert len(step.candidates) == len(vocab) - 1 and "<pad>" not in step.candidates


def test_unknown_and_empty_prompts_still_generate():
    model = tiny_model()
    reading, probs, _ = language_model.read_prompt(model, "猫 the")
    assert reading.unknown == (True, False, False, False, False)
    assert abs(probs.sum() - 1.0) < 1e-5
    assert len(language_model.sample(model, "猫猫", 10, seed=0)) == 10
    assert len(language_model.sample(model, "", 10, seed=0)) == 10
    assert len(language_model.sample(model, "the", 10, top_k=10_000, top_p=0.0, temperature=3.0)) == 10


def test_bits_per_char_is_the_mean_surprise_of_each_next_character():
    model = tiny_model()
    text = "the mat"
    probs, state = model.start()
    bits = []
    for token_id in model.vocab.encode(text).ids:
        bits.append(-np.log2(probs[token_id]))
        probs, state = model.advance(state, token_id)
    assert abs(model.bits_per_char(text) - np.mean(bits)) < 1e-5
    total, chars = charlm.bits_on_documents(model.network, model.vocab, ["the mat", "a dog"])
    by_hand = model.bits_per_char("the mat\n") * 8 + model.bits_per_char("a dog\n") * 6
    assert chars == 14 and abs(total - by_hand) < 1e-3


def test_ngram_generates_through_the_same_loop():
    docs = TEXT.split("\n")
    vocab = charlm.char_vocabulary(docs)
    ngram = language_model.NGramLanguageModel(NGramModel.fit(docs, vocab, NGramConfig(order=4)))
    text = language_model.sample(ngram, "the c", 20, temperature=0.0)
    assert text.startswith("at ")
    assert language_model.sample(ngram, "the", 40, seed=5) == language_model.sample(ngram, "the", 40, seed=5)


def test_trace_for_the_gates_page():
    model = tiny_model()
    trace = model.trace_text("the 猫")
    assert trace.labels == ("⏎", "t", "h", "e", " ", "猫") and trace.unknown[-1]
    assert trace.layers[0].gates.hidden.shape == (6, 16)
    assert "bits per character" in render(trace.summary, "en")


@pytest.mark.parametrize("units", [8, 24])
def test_numpy_next_character_distributions_equal_keras(units):
    from lstm_core.training.network_keras import build_keras, load_into_keras

    model = tiny_model(seed=units, units=units)
    keras_model = build_keras(model.network.spec)
    load_into_keras(keras_model, model.network)
    ids = model.vocab.encode("\nthe cat sat on").ids
    keras_probs = np.asarray(keras_model(ids[None, :]))[0]
    probs, state = model.network.step(ids[0], model.network.initial_state())
    numpy_probs = [probs]
    for token_id in ids[1:]:
        probs, state = model.network.step(token_id, state)
        numpy_probs.append(probs)
    np.testing.assert_allclose(np.array(numpy_probs), keras_probs, atol=1e-5)


def test_user_text_checks():
    with pytest.raises(ValueError):
        charlm_train.split_text("too short")
    with pytest.raises(ValueError):
        decode_upload(bytes(range(256)) * 4)
    with pytest.raises(ValueError):
        decode_upload(b"\x00\x01\x02\x03" * 100)
    assert decode_upload("你好\r\nworld".encode("utf-8")) == "你好\nworld"
    train, heldout = charlm_train.split_text(TEXT)
    assert train and heldout and "\n".join(heldout) in TEXT


@pytest.mark.slow
def test_a_short_training_run_reports_every_epoch():
    seen = []
    result = charlm_train.train_on_text(
        TEXT, charlm_train.UserTrainConfig(units=16, embedding_dim=8, epochs=2, sequence_length=20),
        on_epoch=lambda sample, model: seen.append((sample.epoch, model.card.to_dict()["epochs_run"])),
    )
    assert seen == [(1, 1), (2, 2)]
    assert [s.epoch for s in result.samples] == [1, 2]
    assert result.samples[-1].heldout_bits < np.log2(len(result.model.vocab)) + 1
    assert len(language_model.sample(result.model, "the", 15)) == 15


def test_corpus_split_holds_out_the_last_tenth():
    docs = [f"doc {i}" for i in range(95)]
    train, heldout = charlm.split(docs)
    assert train == docs[:85] and heldout == docs[85:]
    vocab = Vocabulary.build([list("\nab")])
    x, y = charlm.training_windows(vocab, ["ab", "ba"], 3)
    np.testing.assert_array_equal(x[:, 1:], y[:, :-1])
