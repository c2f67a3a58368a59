"""Shapley and Banzhaf values (bargaining.coalitional.shapley): known answers, axioms, cross-checks."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining.coalitional.shapley import banzhaf_value, shapley_value
from bargaining.errors import SpecError
from bargaining.model.coalitional import CoalitionalGame


def random_game(n: int, data: st.DataObject) -> CoalitionalGame:
    values = data.draw(st.lists(st.integers(-5, 20), min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    return CoalitionalGame.from_values([f"p{i}" for i in range(n)], [0, *values])


def shapley_by_permutations(game: CoalitionalGame) -> list[float]:
    """The definition: the mean marginal contribution over all n! orders (independent of the subset sum)."""
    n = game.n
    v = game.values
    assert v is not None
    total = [0.0] * n
    for order in itertools.permutations(range(n)):
        mask = 0
        for i in order:
            total[i] += v[mask | 1 << i] - v[mask]
            mask |= 1 << i
    return [t / math.factorial(n) for t in total]


def test_glove_game_shapley_is_two_thirds_to_the_scarce_side() -> None:
    # One left glove, two right gloves: Shapley value (2/3, 1/6, 1/6)
    # (e.g. Maschler, Solan and Zamir, Game Theory, 2013, ch. 18, the glove market).
    game = CoalitionalGame.glove(["left"], ["right_1", "right_2"])
    assert shapley_value(game).payoffs == pytest.approx((2 / 3, 1 / 6, 1 / 6))


def test_banzhaf_value_of_majority_game() -> None:
    # Three-player majority game: each player swings for 2 of the 4 coalitions of the others.
    game = CoalitionalGame.weighted_voting(["a", "b", "c"], [1, 1, 1], 2)
    assert banzhaf_value(game).payoffs == pytest.approx((0.5, 0.5, 0.5))


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 5), st.data())
def test_shapley_by_subsets_equals_shapley_by_permutations(n: int, data: st.DataObject) -> None:
    game = random_game(n, data)
    assert shapley_value(game).payoffs == pytest.approx(shapley_by_permutations(game), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 5), st.data())
def test_shapley_axioms(n: int, data: st.DataObject) -> None:
    game = random_game(n, data)
    v = game.values
    assert v is not None
    phi = np.array(shapley_value(game).payoffs)
    assert phi.sum() == pytest.approx(v[-1])  # efficiency
    other = random_game(n, data)
    w = other.values
    assert w is not None
    both = CoalitionalGame.from_values(game.players, v + w)
    additive = np.array(shapley_value(other).payoffs) + phi
    assert shapley_value(both).payoffs == pytest.approx(additive)  # additivity
    # null player: make player 0 contribute nothing
    null = v.copy()
    for s in range(1 << n):
        if s & 1:
            null[s] = null[s & ~1]
    assert shapley_value(CoalitionalGame.from_values(game.players, null)).payoffs[0] == pytest.approx(
        0, abs=1e-9
    )
    # symmetry: symmetrise players 0 and 1 by swapping their bits and averaging
    swapped = np.array([v[(s & ~3) | ((s & 1) << 1) | ((s >> 1) & 1)] for s in range(1 << n)])
    sym = shapley_value(CoalitionalGame.from_values(game.players, (v + swapped) / 2)).payoffs
    assert sym[0] == pytest.approx(sym[1])


def test_sampling_says_it_is_an_estimate_and_covers_the_exact_value() -> None:
    game = CoalitionalGame.glove(["l1", "l2"], ["r1", "r2", "r3"])
    exact = shapley_value(game).payoffs
    estimate = shapley_value(game, samples=4000, seed=1)
    assert estimate.estimate and estimate.samples == 4000
    assert estimate.confidence_intervals is not None
    for x, (lo, hi) in zip(exact, estimate.confidence_intervals, strict=True):
        assert lo - 1e-9 <= x <= hi + 1e-9
    assert "estimate" in estimate.to_dict()["note"]


def test_too_many_players_for_exact_names_the_sampling_option() -> None:
    names = [f"p{i}" for i in range(30)]
    game = CoalitionalGame.from_formula(names, "min(1, p0 + p1) * p2")
    with pytest.raises(SpecError, match="samples"):
        shapley_value(game)
    estimate = shapley_value(game, samples=2000, seed=0)
    # exact: v = p2 * (p0 or p1): p2 gets 2/3, p0 and p1 1/6 each, the others 0
    assert estimate.payoffs[2] == pytest.approx(2 / 3, abs=0.05)
    assert estimate.payoffs[10] == 0
