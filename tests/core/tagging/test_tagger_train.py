"""Preparing tagger training data, the live defaults' work budget, and one tiny epoch end to end."""

import numpy as np
import pytest

from lstm_core.serving.budget import OverBudget, check_training
from lstm_core.tagging import bies
from lstm_core.tagging.corpus import text_of
from lstm_core.tagging.tagger_train import LIVE, TaggerConfig, TaggerTraining, joint_labels, prepare

SENTENCES = [(("研究", "v"), ("生命", "n"), ("起源", "n")), (("我", "r"), ("爱", "v"), ("北京", "ns"))] * 6


def test_joint_labels_are_position_times_tags_plus_tag():
    index = {"n": 0, "v": 1}
    labels = joint_labels((("研究", "v"), ("生", "n")), index)
    assert labels.tolist() == [bies.B * 2 + 1, bies.E * 2 + 1, bies.S * 2 + 0]


def test_prepare_builds_vocabularies_on_training_only_and_can_drop_the_tags():
    config = TaggerConfig(bigram_min_count=1, sentences=2)
    prepared = prepare(SENTENCES, [(("天安门", "ns"),)], config)
    assert prepared.tags == ("n", "ns", "r", "v")
    assert "天" not in prepared.features.chars.index  # validation text adds nothing to the vocabulary
    assert prepared.train_characters == len(text_of(SENTENCES[0])) + len(text_of(SENTENCES[1]))
    positions = prepare(SENTENCES, SENTENCES[:1], TaggerConfig(bigram_min_count=1, pos=False))
    assert positions.tags == ("x",) and max(max(y) for y in positions.train_labels) == 3


def test_the_live_defaults_fit_the_budget_and_the_largest_settings_do_not():
    check_training(LIVE.work(170_000), ["sentences"])  # about 4,000 sentences of People's Daily
    with pytest.raises(OverBudget):
        big = TaggerConfig(**{**LIVE.to_dict(), "sentences": 20_000, "units": 128, "epochs": 20, "pos": True})
        check_training(big.work(800_000), ["sentences", "units", "epochs"])


@pytest.mark.slow
def test_one_tiny_epoch_gives_a_numpy_tagger_equal_to_its_keras_model():
    config = TaggerConfig(char_dim=4, bigram_dim=2, units=3, epochs=1, bigram_min_count=1, batch_size=4)
    job = TaggerTraining(prepare(SENTENCES, SENTENCES[:2], config), config)
    job.run_epoch()
    assert job.finished and job.epochs_run == 1
    tagger = job.tagger(float16=False)
    from lstm_core.tagging.features import padded
    from lstm_core.training import tagger_keras

    ids, _ = padded([tagger.features.encode("研究生命")])
    expected = job.trainer.model.predict(tagger_keras.keras_inputs(ids), verbose=0)[0]
    np.testing.assert_allclose(tagger.joint_probabilities(["研究生命"])[0], expected, atol=1e-5)
    assert "".join(tagger.segment("研究生命 😀")) == "研究生命 😀"
