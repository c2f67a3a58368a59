"""Iterated elimination of dominated strategies."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from bargaining.equilibrium import equilibria
from bargaining.equilibrium.dominance import iterated_dominance
from bargaining.equilibrium.n_player import mixed_equilibria
from bargaining.games.normal_form import NormalFormGame


def test_pure_dominance_in_the_prisoners_dilemma() -> None:
    game = NormalFormGame.from_arrays(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["a", "b"], strategies=[["c", "d"], ["c", "d"]]
    )
    result = iterated_dominance(game)
    assert [(e.round, e.player, e.strategy, e.dominated_by) for e in result.eliminated] == [
        (1, "a", "c", {"d": 1.0}),
        (1, "b", "c", {"d": 1.0}),
    ]
    assert result.remaining == (("d",), ("d",))
    assert result.reduced.payoff_array.tolist() == [[[1.0]], [[1.0]]]


def test_a_strategy_dominated_only_by_a_mixture() -> None:
    # middle row: 1 against both columns; the mixture 1/2 top + 1/2 bottom gives 1.5
    game = NormalFormGame.from_arrays([[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]])
    assert iterated_dominance(game, mixed=False).eliminated == ()
    result = iterated_dominance(game)
    (elimination,) = result.eliminated
    assert elimination.strategy == "s1" and elimination.by_mixture
    assert elimination.dominated_by == pytest.approx({"s0": 0.5, "s2": 0.5})
    assert elimination.margin == pytest.approx(0.5)
    assert result.remaining[0] == ("s0", "s2")


def test_weak_dominance_and_its_order() -> None:
    # entry deterrence: fight is weakly dominated by accommodate; then out by enter
    game = NormalFormGame.from_arrays([[0, 0], [-1, 1]], [[2, 2], [-1, 1]])
    assert iterated_dominance(game).eliminated == ()  # nothing strictly dominated
    result = iterated_dominance(game, weak=True)
    assert [(e.round, e.player, e.strategy) for e in result.eliminated] == [
        (1, "player_1", "s0"),
        (2, "player_0", "s0"),
    ]
    assert result.remaining == (("s1",), ("s1",))


def test_weak_dominance_by_a_mixture() -> None:
    # s1 = (1, 1, 0) is weakly dominated by 1/2 s0 + 1/2 s2 = (1, 1, 1) but by no pure strategy
    game = NormalFormGame.from_arrays([[2, 0, 1], [1, 1, 0], [0, 2, 1]], np.zeros((3, 3)))
    assert iterated_dominance(game, weak=True, mixed=False).eliminated == ()
    (elimination,) = iterated_dominance(game, weak=True).eliminated
    assert elimination.strategy == "s1" and elimination.by_mixture


def test_exact_payoffs_survive_in_the_reduced_game() -> None:
    game = NormalFormGame(
        np.array([[["1/3", "1/2"], ["0", "0"]], [["1/7", "0"], ["1/7", "0"]]], dtype=object)
    )
    reduced = iterated_dominance(game).reduced
    assert reduced.exact_payoff_array is not None
    assert reduced.num_strategies == (1, 1)
    assert [str(v) for v in reduced.exact_payoff_array.flat] == ["1/3", "1/7"]


def test_three_players() -> None:
    # player 2's second strategy is strictly worse everywhere
    payoffs = np.zeros((3, 2, 2, 2))
    payoffs[2, :, :, 0] = 1.0
    payoffs[0] = np.random.default_rng(0).random((2, 2, 2))
    result = iterated_dominance(NormalFormGame(payoffs))
    assert ("player_2", "s1") in [(e.player, e.strategy) for e in result.eliminated]
    assert result.reduced.num_strategies[2] == 1


@settings(max_examples=40, deadline=None)
@given(payoffs=arrays(np.int64, (2, 3, 3), elements=st.integers(0, 9)))
def test_strict_elimination_keeps_every_equilibrium(payoffs: np.ndarray) -> None:
    """Strictly dominated strategies are never played in equilibrium (Myerson 1991, 3.9)."""
    game = NormalFormGame(payoffs)
    result = iterated_dominance(game)
    kept = [set(s) for s in result.remaining]
    for eq in equilibria(game):
        for i, support in enumerate(eq.support_names):
            assert set(support) <= kept[i]
    assert all(e.margin > 0 for e in result.eliminated)


@settings(max_examples=15, deadline=None)
@given(payoffs=arrays(np.int64, (3, 2, 2, 2), elements=st.integers(0, 5)))
def test_strict_elimination_keeps_equilibria_of_three_player_games(payoffs: np.ndarray) -> None:
    game = NormalFormGame(payoffs)
    result = iterated_dominance(game)
    kept = [set(s) for s in result.remaining]
    for eq in mixed_equilibria(game, max_boxes=2000):
        for i, support in enumerate(eq.support_names):
            assert set(support) <= kept[i]


def test_result_output() -> None:
    game = NormalFormGame.from_arrays([[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]], title="t")
    result = iterated_dominance(game)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["dominance"] == "strict"
    assert data["remaining"] == {"player_0": ["s0", "s2"], "player_1": ["s0", "s1"]}
    table = result.to_table()
    assert "0.5 s0 + 0.5 s2" in table and "Remaining:" in table
    assert "reduced to 2x2" in repr(result)
    nothing = iterated_dominance(NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    assert "No strategy is dominated." in nothing.to_table()
