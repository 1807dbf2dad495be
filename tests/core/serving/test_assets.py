"""Assets: the hash check on load and the safe zip round trip of a user's model."""

import io
import json
import zipfile

import numpy as np
import pytest

from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from tests.core.nn.tiny import tiny_network


def test_save_and_load_checks_the_hash(tmp_path):
    network = tiny_network()
    card = assets.save_model("tiny", network, {"title": "t"}, tmp_path)
    loaded, loaded_card = assets.load_model("tiny", tmp_path)
    assert loaded_card == card and card.weights_sha256 and card.architecture == network.spec
    np.testing.assert_allclose(loaded.weights["dense/kernel"], network.weights["dense/kernel"], atol=1e-2)
    (tmp_path / "tiny.npz").write_bytes(assets.weights_to_bytes(tiny_network(seed=1).weights))
    with pytest.raises(assets.AssetError, match="SHA-256"):
        assets.load_model("tiny", tmp_path)
    with pytest.raises(assets.AssetError, match="no model card"):
        assets.load_model("missing", tmp_path)


def test_zip_round_trip_and_hostile_uploads():
    network = tiny_network()
    data = assets.network_file(network, ModelCard(title="mine"), {"vocab.json": "[]"})
    loaded, file = assets.network_of_file(data)
    assert file.card.title == "mine" and file.card.weights_dtype == "float32" and file.texts == {"vocab.json": "[]"}
    np.testing.assert_array_equal(loaded.weights["lstm_0/bias"], network.weights["lstm_0/bias"])
    with pytest.raises(assets.AssetError):
        assets.network_of_file(b"not a zip at all")
    # A pickled object inside weights.npz must never be unpickled.
    buffer = io.BytesIO()
    np.savez(buffer, evil=np.array([object()], dtype=object))
    card_text = json.dumps({"architecture": network.spec.to_dict(), "weights_sha256": assets.sha256_bytes(buffer.getvalue())})
    hostile = io.BytesIO()
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("weights.npz", buffer.getvalue())
        archive.writestr("card.json", card_text)
    with pytest.raises(assets.AssetError):
        assets.network_of_file(hostile.getvalue())
