"""The vectorised expected-utility model against a plain loop implementation of the paper's reading.

The reference runs cover the two replications' switches; the paper's defaults (positive-terms
probability, least movement, capitulation allowed) are checked here against
``benchmarks/stakeholders.py:plain_round``, written from the formulas with loops over actor
pairs and voters, and against a direct O(N^3) evaluation of the probabilities.
"""

from __future__ import annotations

import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import ROOT

from bargaining.stakeholders import preset
from bargaining.stakeholders.expected_utility import eu_round, probability_matrix

sys.path.insert(0, str(ROOT / "benchmarks"))
from stakeholders import plain_round  # noqa: E402


def direct(x: np.ndarray, w: np.ndarray, rule: str) -> np.ndarray:
    dist = np.abs(x[:, None] - x[None, :])
    margin = w[:, None, None] * (dist[:, None, :] - dist[:, :, None])
    den = np.abs(margin).sum(axis=0)
    num = np.maximum(margin, 0).sum(axis=0) if rule == "paper" else np.maximum(margin.sum(axis=0), 0)
    p = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
    return np.where(x[:, None] == x[None, :], 0.0, p)


actor_sets = st.integers(3, 9).flatmap(
    lambda n: st.tuples(
        # positions on a 0.01 grid: the direct sums absorb distances below 1e-16 of the others
        # (|1 - 5e-80| - |1 - 0| == 0 in floating point), where the prefix sums stay exact
        st.lists(st.integers(0, 10_000).map(lambda k: k / 100), min_size=n, max_size=n),
        st.lists(st.floats(0.1, 10), min_size=n, max_size=n),
        st.lists(st.floats(0.05, 1), min_size=n, max_size=n),
    )
)


@settings(max_examples=30, deadline=None)
@given(actor_sets, st.sampled_from(["paper", "net_margin"]))
def test_prefix_sum_probabilities_equal_the_direct_sums(data: tuple[list[float], ...], rule: str) -> None:
    x, c, s = (np.array(v) for v in data)
    fast = probability_matrix(x, c * s, np.ones_like(x), 100.0, rule)
    assert np.allclose(fast, direct(x, c * s, rule), rtol=1e-9, atol=1e-12)


@settings(max_examples=20, deadline=None)
@given(actor_sets)
def test_one_round_equals_the_loop_implementation(data: tuple[list[float], ...]) -> None:
    x, c, s = data
    if max(x) - min(x) < 1:
        return
    step = eu_round(np.array(x), np.array(c), np.array(s), 100.0, preset("paper"))
    assert np.allclose(step.new_positions, plain_round(x, c, s, 100.0), rtol=1e-9, atol=1e-9)
