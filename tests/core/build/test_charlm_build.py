"""Training the shipped character models: early stopping keeps the best epoch, and the
sweep's best run is the one that ships (small arrays; the real runs take GPU minutes)."""

import json
import math
from dataclasses import replace

import numpy as np

from lstm_core.build import charlm_build
from lstm_core.generate import charlm, charlm_train
from lstm_core.generate.charlm_train import spec_for
from lstm_core.serving import assets
from lstm_core.nn.network import Network

TEXT = ["the cat sat on the mat.", "the dog sat on the log.", "a cat and a dog met on a mat."] * 12
CONFIG = charlm.CharLMConfig(
    "en", max_vocab_size=50, embedding_dim=4, units=8, sequence_length=10, batch_size=8,
    epochs=4, learning_rate=0.05, dropout=0.1, patience=1,
)


def small_run():
    vocab = charlm.char_vocabulary(TEXT)
    fit_docs, valid_docs = charlm.validation_split(TEXT, 0.2)
    run = charlm_train.fit(CONFIG, len(vocab), charlm.stream(vocab, fit_docs), charlm.stream(vocab, valid_docs),
                           log_to=lambda _: None)
    return vocab, valid_docs, run


def test_fit_keeps_the_epoch_with_the_best_validation_score():
    vocab, valid_docs, run = small_run()
    scores = [e["validation_bits_per_char"] for e in run.log]
    assert 1 <= len(run.log) <= CONFIG.epochs
    assert run.best_validation_bits == min(scores) and run.log[run.best_epoch - 1]["validation_bits_per_char"] == min(scores)
    # The weights returned are that epoch's: NumPy scores the validation windows the same way.
    network = Network(spec_for(CONFIG.embedding_dim, CONFIG.units, len(vocab)), run.weights)
    x, y = charlm.windows(charlm.stream(vocab, valid_docs), CONFIG.sequence_length)
    logs = charlm.log_probs_of(network, list(x), list(y))
    assert abs(-np.concatenate(logs).mean() - run.best_validation_bits) < 2e-3
    # The learning rate halves after every epoch that did not improve on the best so far.
    best = math.inf
    for entry, following in zip(run.log, run.log[1:]):
        improved = entry["validation_bits_per_char"] < best - 1e-3
        best = min(best, entry["validation_bits_per_char"]) if improved else best
        expected = entry["learning_rate"] if improved else entry["learning_rate"] / 2
        assert math.isclose(following["learning_rate"], expected)


def test_windows_start_at_an_offset_and_cover_the_stream():
    ids = np.arange(25)
    x, y = charlm.windows(ids, 6, offset=3)
    assert x.shape == (3, 6) and x[0, 0] == 3 and (y == x + 1).all()


def test_select_ships_the_run_with_the_lowest_validation_bits(tmp_path):
    runs, out = tmp_path / "runs", tmp_path / "out"
    runs.mkdir()
    for index, bits in ((0, 2.1), (1, 1.9), (2, 2.0)):
        weights = {"w": np.full(3, index, np.float32)}
        (runs / f"en_{index}.npz").write_bytes(assets.weights_to_bytes(weights))
        summary = {"config": {"language": "en"}, "index": index, "validation_bits_per_char": bits}
        (runs / f"en_{index}.json").write_text(json.dumps(summary))
    charlm_build.select(runs, out)
    record = json.loads((out / "runs.json").read_text())
    assert record["chosen"] == {"en": 1} and len(record["runs"]) == 3
    assert assets.weights_from_bytes((out / "en.npz").read_bytes())["w"].tolist() == [1, 1, 1]


def test_shipped_configurations_are_in_the_sweep_and_share_their_data():
    for language, config in charlm.CONFIGS.items():
        assert config in charlm.SWEEP[language]
        assert {(c.max_vocab_size, c.validation_fraction) for c in charlm.SWEEP[language]} == {
            (config.max_vocab_size, config.validation_fraction)
        }


def test_shipped_cards_record_the_configuration_that_won():
    for language in ("zh", "en"):
        card = assets.read_card(charlm.MODEL_NAMES[language]).to_dict()
        assert charlm.CharLMConfig(**card["config"]) == replace(charlm.CONFIGS[language], max_seconds=card["config"]["max_seconds"])
        tried = card["configs_tried"]
        assert card["metrics"]["validation_bits_per_char"] == min(r["validation_bits_per_char"] for r in tried)
        assert card["training_log"][card["best_epoch"] - 1]["validation_bits_per_char"] == card["metrics"]["validation_bits_per_char"]
        assert card["data"]["fit_documents"] + card["data"]["validation_documents"] == card["data"]["train_documents"]
