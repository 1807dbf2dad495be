"""Sentiment core: shipped classifiers, NumPy = Keras, cards reproduced, bad input, training."""

import numpy as np
import pytest

from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.text.vocab import pad
from lstm_core.training.network_keras import build_keras, load_into_keras
from lstm_core.sentiment import classifier, sentiment_data
from lstm_core.sentiment.sentiment_data import Cleaning, LabelledTexts, SentimentData
from lstm_core.sentiment.sentiment_train import EpochTrainer, SentimentConfig, finish, prepare
from lstm_core.string_table import both


# Every shipped sentiment classifier: the LSTMs trained from scratch and the one fine-tuned from a language model.
SHIPPED = (*classifier.SHIPPED_NAMES.values(), "pretrain_zh")


@pytest.fixture(scope="module", params=SHIPPED)
def shipped(request):
    return classifier.load_named(request.param)


def test_tokenize():
    assert classifier.tokenize("不 好看！", "zh") == ["不", "好", "看", "！"]
    assert classifier.tokenize("Don't fly @United http://x.co/a 😡", "en") == ["don't", "fly", "@united", "<url>", "😡"]
    with pytest.raises(ValueError):
        classifier.tokenize("x", "fr")


def test_load_classifier_contract(shipped):
    texts = ["质量很好", "The crew was great", "", "!!!", "😀😀", "<b>bold</b>"]
    p = shipped.predict_proba(texts)
    assert p.shape == (len(texts), len(shipped.labels))
    assert np.allclose(p.sum(axis=1), 1, atol=1e-5)
    assert np.allclose(p[2], 1 / len(shipped.labels))  # no tokens: no opinion
    with pytest.raises(ValueError):
        classifier.load_classifier("fr")


@pytest.mark.parametrize("language", classifier.LANGUAGES)
def test_load_classifier_gives_the_sentiment_pages_model(language):
    model = classifier.load_classifier(language)
    assert model.key == classifier.PAGE_DEFAULTS[language] and model.language == language


FIXED = {
    "zh": [("质量很好，送货也快，非常满意！", "positive"), ("太失望了，用了两天就坏了。", "negative")],
    "en": [("Loving the new seats on this flight, great service!", "positive"),
           ("Worst airline ever. Two hours late and they lost my bag.", "negative")],
}


def test_shipped_predictions_on_fixed_sentences(shipped):
    for text, label in FIXED[shipped.language]:
        p = shipped.predict_proba([text])[0]
        assert shipped.labels[int(p.argmax())] == label, (text, p)


def _keras_probabilities(network: Network, sequences, length=None):
    model = build_keras(network.spec, length)
    load_into_keras(model, network)
    return model.predict(pad(sequences, length), verbose=0)


def test_numpy_equals_keras_for_shipped_model(shipped):
    texts = [FIXED[shipped.language][0][0], FIXED[shipped.language][1][0], "ok", "不不不不不不 not not"]
    sequences = [shipped.encode(t)[0].ids for t in texts]
    assert np.abs(shipped.network.predict(sequences) - _keras_probabilities(shipped.network, sequences)).max() < 1e-5


@pytest.mark.parametrize("units,bidirectional", [((8,), True), ((6, 5), False), ((4, 3), True)])
def test_numpy_equals_keras_for_train_your_own_shapes(units, bidirectional):
    rng = np.random.default_rng(0)
    spec = NetworkSpec(vocab_size=30, embedding_dim=5, units=units, bidirectional=bidirectional, output_dim=3)
    model = build_keras(spec, 12)
    from lstm_core.training.network_keras import export_weights

    weights = {k: v + rng.normal(0, 0.3, v.shape).astype(np.float32) for k, v in export_weights(model, spec).items()}
    network = Network(spec, weights)
    sequences = [rng.integers(1, 30, n) for n in (12, 7, 1, 3)]
    assert np.abs(network.predict(sequences) - _keras_probabilities(network, sequences, 12)).max() < 1e-5
    for seq in sequences:
        assert np.abs(network.trace(seq).outputs - network.predict([seq])[0]).max() < 1e-5


@pytest.mark.slow
def test_card_metrics_reproduced(shipped):
    """Re-evaluating the shipped weights and the shipped baseline on the card's test split."""
    card = shipped.card.to_dict()
    split = card["data"]["split"]
    data = sentiment_data.load(card["data"]["name"], seed=split["seed"])
    assert len(data.test) == split["sizes"]["test"]
    metrics = classifier.evaluate(shipped.predict_proba(list(data.test.texts)), data.test.labels, len(shipped.labels))
    assert metrics.to_dict() == card["metrics"]
    base = classifier.load_baseline(shipped.language)
    base_metrics = classifier.evaluate(base.predict_proba(list(data.test.texts)), data.test.labels, len(shipped.labels))
    assert base_metrics.to_dict() == card["baseline"]["metrics"]


def test_reading_running_verdict_and_occlusion(shipped):
    text = "这本书不好看" if shipped.language == "zh" else "the food was not bad"
    reading = shipped.read(text)
    steps = len(reading.tokens)
    assert reading.running.shape == (steps, len(shipped.labels))
    assert np.allclose(reading.running.sum(axis=1), 1, atol=1e-5)
    assert np.allclose(reading.running[-1], reading.probabilities, atol=1e-6)
    # Occlusion of token 1 equals the drop in probability when it is deleted by hand.
    ids = shipped.encode(text)[0].ids
    k = reading.predicted
    by_hand = reading.probabilities[k] - shipped.network.predict([np.delete(ids, 1)])[0, k]
    assert reading.attribution.shape == (steps,)
    assert abs(reading.attribution[1] - by_hand) < 1e-5


def test_bad_input(shipped):
    with pytest.raises(ValueError):
        shipped.read("   \n ")
    for text in ("!!!", "😀🎉", "<script>alert(1)</script>", "qqqqxxxx zzzzvvv"):
        reading = shipped.read(text)
        assert np.isclose(reading.probabilities.sum(), 1, atol=1e-5)
    long = shipped.read("好 " * 5000 if shipped.language == "zh" else "good " * 5000)
    assert long.steps_before_cut == 5000 and len(long.tokens) == shipped.max_steps
    assert long.attribution is None  # too long for occlusion (one rerun per token)
    traced = shipped.trace_text("好 good")
    assert traced.steps == len(traced.labels) and all(both(traced.summary).values())


def test_settings_that_cannot_train():
    for bad in (dict(max_length=0), dict(epochs=0), dict(units=0), dict(dropout=1.0)):
        with pytest.raises(ValueError):
            SentimentConfig(**bad)


def _tiny_data() -> SentimentData:
    rng = np.random.default_rng(0)
    good, bad = ["好", "棒", "赞", "喜欢"], ["差", "烂", "坏", "失望"]

    def part(n):
        labels = rng.integers(0, 2, n)
        texts = tuple("".join(rng.choice(good if y else bad, 3)) + str(i) for i, y in enumerate(labels))
        return LabelledTexts(texts, labels.astype(np.int32))

    return SentimentData("reviews", "zh", ("negative", "positive"), part(200), part(40), part(40), Cleaning(280, 0, 0, 0, 280), 0)


@pytest.mark.slow
def test_train_one_epoch_finish_and_zip_round_trip():
    config = SentimentConfig(embedding_dim=8, units=8, epochs=2, max_length=10, batch_size=32, learning_rate=0.02)
    trainer = EpochTrainer(prepare(_tiny_data(), config), config)
    trainer.run_epoch()
    assert trainer.epochs_run == 1 and not trainer.finished
    trainer.stopped = True  # as the stop button does
    assert trainer.finished
    trained = finish(trainer, "sentiment_session", {"en": "mine", "zh": "我的"})
    assert trained.stopped and trained.epochs_run == 1
    assert 0 <= trained.metrics.accuracy <= 1
    again = classifier.SentimentClassifier.load(trained.classifier.save())
    assert again.key == "sentiment_session" and again.title == {"en": "mine", "zh": "我的"}
    texts = ["好棒", "差烂坏"]
    assert np.allclose(again.predict_proba(texts), trained.classifier.predict_proba(texts), atol=1e-6)


@pytest.mark.slow
def test_same_seed_same_model():
    config = SentimentConfig(embedding_dim=4, units=4, epochs=1, max_length=8, batch_size=50)
    first, second = (EpochTrainer(prepare(_tiny_data(), config), config) for _ in range(2))
    first.run_epoch()
    second.run_epoch()
    assert all(np.array_equal(a, b) for a, b in zip(first.trainer.model.get_weights(), second.trainer.model.get_weights()))
