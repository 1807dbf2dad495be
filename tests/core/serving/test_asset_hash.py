"""A weights file whose bytes differ from its card's SHA-256 is refused at load."""

import shutil

import pytest

from lstm_core.serving import assets


@pytest.mark.parametrize("name", ["brackets", "sentiment_en", "forecast_nile"])
def test_one_flipped_byte_in_the_weights_is_refused(tmp_path, name):
    for suffix in (".json", ".npz"):
        shutil.copy(assets.ASSETS / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    assets.load_model(name, folder=tmp_path)  # the copy loads as it is
    weights = tmp_path / f"{name}.npz"
    data = bytearray(weights.read_bytes())
    data[-100] ^= 0x01  # one bit is enough
    weights.write_bytes(bytes(data))
    with pytest.raises(assets.AssetError, match="does not match the SHA-256"):
        assets.load_model(name, folder=tmp_path)
