"""Reading a trace: unit order, saturation, span search, and one step recomputed."""

import numpy as np
import pytest

from lstm_core.gates import interpret
from lstm_core.nn.cell import GateTrace
from lstm_core.nn.network import LayerTrace
from tests.core.nn.tiny import tiny_network


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
