"""Temperature, top-k and top-p against hand-computed distributions.

Temperature must reshape the distribution *before* the filters: applied after them,
top-p would keep a different set. Each expected value below is worked out by hand.
"""

import numpy as np
import pytest

from lstm_core.generate.sampling import SamplingConfig, apply_temperature, reshape, top_k_filter, top_p_filter

P = np.array([0.4, 0.3, 0.2, 0.1])


def test_temperature_3_takes_cube_roots():
    # 0.4^(1/3) = 0.73681, 0.3^(1/3) = 0.66943, 0.2^(1/3) = 0.58480, 0.1^(1/3) = 0.46416; sum 2.45520
    assert apply_temperature(P, 3.0) == pytest.approx([0.30010, 0.27266, 0.23819, 0.18905], abs=1e-4)


def test_temperature_then_top_p():
    # After T = 3: 0.30010 + 0.27266 = 0.57276 < 0.6, so the third is needed (0.81095 >= 0.6).
    # Kept and renormalised: 0.30010 / 0.81095, 0.27266 / 0.81095, 0.23819 / 0.81095.
    # (Filtering first would keep only 0.4 and 0.3, since 0.7 >= 0.6.)
    kept = reshape(P, SamplingConfig(temperature=3.0, top_p=0.6))
    assert kept == pytest.approx([0.37006, 0.33622, 0.29372, 0.0], abs=1e-4)


def test_temperature_then_top_k():
    # T = 3, keep 2: 0.30010 / 0.57276 and 0.27266 / 0.57276
    assert reshape(P, SamplingConfig(temperature=3.0, top_k=2)) == pytest.approx([0.52395, 0.47605, 0, 0], abs=1e-4)


def test_top_p_keeps_the_smallest_set_reaching_p():
    assert top_p_filter(P, 0.7) == pytest.approx([0.4 / 0.7, 0.3 / 0.7, 0, 0])  # exactly 0.7 is enough
    assert top_p_filter(P, 0.71) == pytest.approx([0.4 / 0.9, 0.3 / 0.9, 0.2 / 0.9, 0])
    assert top_p_filter(P, 0.3) == pytest.approx([1, 0, 0, 0])


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_top_k_keeps_exactly_k_even_with_ties(k):
    kept = top_k_filter(np.full(4, 0.25), k)
    assert np.count_nonzero(kept) == k and kept.sum() == pytest.approx(1.0)


def test_temperature_zero_is_greedy():
    assert reshape(P, SamplingConfig(temperature=0.0)) == pytest.approx([1, 0, 0, 0])
