"""Assets (hash check, safe zip), vocabulary, input cleaning and unit analysis."""

import io
import json
import zipfile

import numpy as np
import pytest

from lstm_core import assets, interpret
from lstm_core.cell import GateTrace
from lstm_core.inputs import EmptyText, clean
from lstm_core.network import LayerTrace, Network, NetworkSpec
from lstm_core.vocab import Vocabulary


def tiny_network(seed=0):
    spec = NetworkSpec(vocab_size=6, embedding_dim=3, units=(4,), output_dim=2)
    rng = np.random.default_rng(seed)
    shapes = {
        "embedding": (6, 3), "lstm_0/kernel": (3, 16), "lstm_0/recurrent_kernel": (4, 16),
        "lstm_0/bias": (16,), "dense/kernel": (4, 2), "dense/bias": (2,),
    }
    return Network(spec, {k: rng.normal(size=s) for k, s in shapes.items()})


def test_save_and_load_checks_the_hash(tmp_path):
    network = tiny_network()
    card = assets.save_model("tiny", network, {"title": "t"}, tmp_path)
    loaded, loaded_card = assets.load_model("tiny", tmp_path)
    assert loaded_card["weights_sha256"] == card["weights_sha256"]
    np.testing.assert_allclose(loaded.weights["dense/kernel"], network.weights["dense/kernel"], atol=1e-2)
    (tmp_path / "tiny.npz").write_bytes(assets.weights_to_bytes(tiny_network(seed=1).weights))
    with pytest.raises(assets.AssetError, match="SHA-256"):
        assets.load_model("tiny", tmp_path)
    with pytest.raises(assets.AssetError, match="no model card"):
        assets.load_model("missing", tmp_path)


def test_zip_round_trip_and_hostile_uploads():
    network = tiny_network()
    data = assets.to_zip(network, {"title": "mine"}, {"vocab.json": "[]"})
    loaded, card, extra = assets.from_zip(data)
    assert card["title"] == "mine" and extra == {"vocab.json": "[]"}
    np.testing.assert_array_equal(loaded.weights["lstm_0/bias"], network.weights["lstm_0/bias"])
    with pytest.raises(assets.AssetError):
        assets.from_zip(b"not a zip at all")
    # A pickled object inside weights.npz must never be unpickled.
    buffer = io.BytesIO()
    np.savez(buffer, evil=np.array([object()], dtype=object))
    card_text = json.dumps({"architecture": network.spec.to_dict(), "weights_sha256": assets.sha256_bytes(buffer.getvalue())})
    hostile = io.BytesIO()
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("weights.npz", buffer.getvalue())
        archive.writestr("card.json", card_text)
    with pytest.raises(assets.AssetError):
        assets.from_zip(hostile.getvalue())


def test_vocabulary_round_trip_and_unknowns():
    vocab = Vocabulary.build([list("abca"), list("ab")], max_size=4)
    assert vocab.tokens == ("<pad>", "<unk>", "a", "b")
    encoded = vocab.encode("abz")
    assert encoded.ids.tolist() == [2, 3, 1] and encoded.unknown == (False, False, True)
    assert Vocabulary.from_json(vocab.to_json()) == vocab
    with pytest.raises(ValueError):
        Vocabulary(("a", "b"))


def test_clean_input():
    with pytest.raises(EmptyText):
        clean("  \n\t ")
    user = clean("ab\x00c\x07😀👍🏽" + "x" * 50, limit=10)
    assert user.controls_removed == 2
    assert user.text == "abc😀👍🏽xxxx"[:10] and user.was_cut
    assert clean("<img src=x onerror=alert(1)>").text == "<img src=x onerror=alert(1)>"


def test_unit_order_saturation_and_span_search():
    values = np.array([[0.0, 1.0, 0.5], [1.0, 1.0, 0.5], [0.0, 1.0, 0.9]])  # (T=3, H=3)
    assert interpret.unit_order(values, "variance").tolist()[0] == 0
    assert interpret.unit_order(values, "mean").tolist()[0] == 1
    assert interpret.unit_order(values, "span", (2, 3)).tolist()[:2] == [1, 2]
    with pytest.raises(ValueError):
        interpret.unit_order(values, "span", (2, 9))
    assert interpret.units_on(values, (1, 3), 0.45).tolist() == [1, 2]
    gate = np.array([[0.05, 0.95], [0.05, 0.5], [0.5, 0.95], [0.05, 0.95]])
    tr = GateTrace(gate, gate, gate, gate, gate, gate)
    sat = interpret.saturation([tr], "forget_gate")
    np.testing.assert_allclose(sat.shut, [0.75, 0.0])
    np.testing.assert_allclose(sat.open, [0.0, 0.75])
    corpus = [(tuple("abcd"), np.array([[1.0], [1.0], [0.0], [1.0]]))]
    matches = interpret.find_matches(corpus, np.array([0]), 0.5)
    assert [(m.start, m.end, m.labels) for m in matches] == [(0, 2, ("a", "b")), (3, 4, ("d",))]
    assert interpret.find_matches(corpus, np.array([0]), 0.5, min_length=2)[0].labels == ("a", "b")


def test_step_detail_recomputes_the_traced_step():
    network = tiny_network()
    layer = network.trace(np.array([2, 3, 4])).layers[0]
    detail = interpret.step_detail(layer, 2, np.arange(4))
    np.testing.assert_allclose(detail.c, layer.gates.cell[2], atol=1e-6)
    np.testing.assert_allclose(detail.value["f"], layer.gates.forget_gate[2], atol=1e-6)
    np.testing.assert_allclose(detail.c_prev, layer.gates.cell[1], atol=1e-6)
    np.testing.assert_allclose(
        detail.c, detail.value["f"] * detail.c_prev + detail.value["i"] * detail.value["g"], atol=1e-6
    )
    backward = LayerTrace("b", layer.gates, layer.inputs, layer.weights, reverse=True)
    np.testing.assert_allclose(interpret.step_detail(backward, 0, np.arange(4)).c_prev, layer.gates.cell[1])


def test_strongest_over_span_ranks_by_the_lowest_value():
    values = np.array([[0.9, 0.2, 0.5], [0.1, 0.3, 0.4], [0.8, 0.25, 0.6]])
    units, floors = interpret.strongest_over_span(values, (0, 3), k=2)
    assert units.tolist() == [2, 1] and floors.tolist() == [0.4, 0.2]
