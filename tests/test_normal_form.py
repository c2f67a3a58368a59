"""NormalFormGame: construction, validation, exact payoffs, value semantics, payoff evaluation."""

from __future__ import annotations

import dataclasses
import itertools
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining.errors import InvalidGameError
from bargaining.games import NormalFormGame


def prisoners_dilemma() -> NormalFormGame:
    return NormalFormGame.from_arrays(
        np.array([[3, 0], [5, 1]]),
        np.array([[3, 5], [0, 1]]),
        players=("row", "column"),
        strategies=(("cooperate", "defect"), ("cooperate", "defect")),
        title="Prisoner's dilemma",
    )


class TestConstruction:
    def test_shape_names_and_defaults(self) -> None:
        game = NormalFormGame(np.zeros((3, 2, 3, 4)))
        assert game.num_players == 3
        assert game.num_strategies == (2, 3, 4)
        assert game.num_profiles == 24
        assert game.players == ("player_0", "player_1", "player_2")
        assert game.strategies == (("s0", "s1"), ("s0", "s1", "s2"), ("s0", "s1", "s2", "s3"))
        assert game.title == ""

    def test_from_arrays_stacks_player_tables(self) -> None:
        game = prisoners_dilemma()
        a, b = game.payoff_matrices
        np.testing.assert_array_equal(a, [[3, 0], [5, 1]])
        np.testing.assert_array_equal(b, [[3, 5], [0, 1]])
        assert game.payoff_array.shape == (2, 2, 2)
        assert game.summary() == "Prisoner's dilemma: 2 players, 2x2 strategies"
        assert repr(game) == 'NormalFormGame("Prisoner\'s dilemma", 2 players, 2x2)'

    def test_from_nashpy(self) -> None:
        nashpy = pytest.importorskip("nashpy")
        a = np.array([[1, -1], [-1, 1]])
        game = NormalFormGame.from_nashpy(nashpy.Game(a))  # zero-sum: B = -A
        np.testing.assert_array_equal(game.payoff_matrices[1], -a)
        with pytest.raises(InvalidGameError, match="nashpy.Game"):
            NormalFormGame.from_nashpy(object())

    def test_arrays_are_read_only(self) -> None:
        game = prisoners_dilemma()
        with pytest.raises(ValueError):
            game.payoff_array[0, 0, 0] = 10.0
        with pytest.raises(dataclasses.FrozenInstanceError):
            game.title = "x"  # type: ignore[misc]

    def test_input_is_copied(self) -> None:
        a = np.array([[1.0, 2.0], [3.0, 4.0]])
        game = NormalFormGame.from_arrays(a, a.T)
        a[0, 0] = 100.0
        assert game.payoff_array[0, 0, 0] == 1.0


class TestValidation:
    @pytest.mark.parametrize(
        ("payoffs", "message"),
        [
            ([[[1, 2], [3]], [[1, 2], [3, 4]]], "ragged"),
            ([[[1, float("nan")], [3, 4]], [[1, 2], [3, 4]]], "finite"),
            (np.full((2, 2, 2), np.inf), "finite"),
            (np.zeros((3, 2, 2)), "3 payoff tables for 2 players"),
            (np.zeros((2, 2)), "3 payoff tables|2 payoff tables for 1 player"),
            (np.zeros(4), "shape"),
            ([[["a", 1], [1, 1]], [[1, 1], [1, 1]]], "not a number"),
            ([[[True, 1], [1, 1]], [[1, 1], [1, 1]]], "boolean"),
            (np.zeros((2, 0, 2)), "needs a strategy"),
        ],
    )
    def test_bad_payoffs(self, payoffs: object, message: str) -> None:
        with pytest.raises(InvalidGameError, match=message):
            NormalFormGame(payoffs)  # type: ignore[arg-type]

    def test_from_arrays_shape_mismatch_names_the_player(self) -> None:
        with pytest.raises(InvalidGameError, match="player 1's payoffs have shape"):
            NormalFormGame.from_arrays(np.zeros((2, 2)), np.zeros((2, 3)))
        with pytest.raises(InvalidGameError, match="one axis per player"):
            NormalFormGame.from_arrays(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
        with pytest.raises(InvalidGameError, match="got none"):
            NormalFormGame.from_arrays()

    def test_repeated_and_missing_names(self) -> None:
        with pytest.raises(InvalidGameError, match="repeats the name 'a'"):
            NormalFormGame(np.zeros((2, 2, 2)), strategies=(("a", "a"), ("b", "c")))
        with pytest.raises(InvalidGameError, match="players repeats"):
            NormalFormGame(np.zeros((2, 2, 2)), players=("x", "x"))
        with pytest.raises(InvalidGameError, match="has 3 names but there are 2"):
            NormalFormGame(np.zeros((2, 2, 2)), players=("x", "y", "z"))
        with pytest.raises(InvalidGameError, match="names for 1 players"):
            NormalFormGame(np.zeros((2, 2, 2)), strategies=(("a", "b"),))
        with pytest.raises(InvalidGameError, match="non-empty strings"):
            NormalFormGame(np.zeros((2, 2, 2)), strategies=(("a", ""), ("b", "c")))


class TestExactPayoffs:
    def test_integers_are_exact(self) -> None:
        game = prisoners_dilemma()
        assert game.is_exact
        assert game.exact_payoffs is None  # integral: the float array is exact
        exact = game.exact_payoff_array
        assert exact is not None and exact[0, 1, 0] == Fraction(5)
        assert all(isinstance(v, Fraction) for v in exact.flat)

    def test_rationals_strings_decimals(self) -> None:
        game = NormalFormGame([[["1/3", Fraction(2, 7)], [Decimal("0.1"), 2]], [[0, 1], [2, "3"]]])
        assert game.exact_payoffs is not None
        assert game.exact_payoffs[0, 0, 0] == Fraction(1, 3)
        assert game.exact_payoffs[0, 1, 0] == Fraction(1, 10)
        assert game.payoff_array[0, 0, 0] == pytest.approx(1 / 3)

    def test_non_integral_floats_are_not_exact_but_rationalised_by_decimal(self) -> None:
        game = NormalFormGame.from_arrays(np.array([[0.1, 1.0], [2.0, 3.0]]), np.eye(2))
        assert not game.is_exact and game.exact_payoff_array is None
        assert game.rational_payoff_array()[0, 0, 0] == Fraction(1, 10)

    def test_replace_keeps_exact_payoffs_and_validates(self) -> None:
        game = NormalFormGame([[["1/3", 0], [1, 2]], [[0, 1], [2, 3]]])
        renamed = dataclasses.replace(game, title="renamed")
        assert renamed.exact_payoffs is not None and renamed.exact_payoffs[0, 0, 0] == Fraction(1, 3)
        with pytest.raises(InvalidGameError, match="does not match exact_payoffs"):
            dataclasses.replace(game, payoff_array=np.zeros((2, 2, 2)))
        changed = dataclasses.replace(game, payoff_array=np.zeros((2, 2, 2)), exact_payoffs=None)
        assert changed.is_exact


class TestValueSemantics:
    def test_equality_and_hash(self) -> None:
        assert prisoners_dilemma() == prisoners_dilemma()
        assert hash(prisoners_dilemma()) == hash(prisoners_dilemma())
        other = dataclasses.replace(prisoners_dilemma(), title="other")
        assert other != prisoners_dilemma()
        # the Axelrod pitfall: different nonzero payoffs must not compare equal
        assert NormalFormGame.from_arrays([[1, 2]], [[3, 4]]) != NormalFormGame.from_arrays(
            [[5, 6]], [[7, 8]]
        )

    def test_one_third_differs_from_its_float(self) -> None:
        exact = NormalFormGame([[["1/3"]], [[1]]])
        approx = NormalFormGame([[[1 / 3]], [[1]]])
        assert exact != approx


class TestModelProtocol:
    def test_protocol(self) -> None:
        game = prisoners_dilemma()
        assert NormalFormGame.spec_kind == "normal_form"
        assert game.parameter_values() == {}
        assert game.with_parameters({}) is game
        with pytest.raises(InvalidGameError, match="unknown parameter 'kursk_held'"):
            game.with_parameters({"kursk_held": 1.0})

    def test_lookups(self) -> None:
        game = prisoners_dilemma()
        assert game.player_index("column") == 1
        assert game.strategy_index("row", "defect") == 1
        assert game.strategy_index(1, 0) == 0
        with pytest.raises(InvalidGameError, match="no player named 'nobody'"):
            game.player_index("nobody")
        with pytest.raises(InvalidGameError, match="has no strategy 'wait'"):
            game.strategy_index(0, "wait")

    def test_constant_and_zero_sum(self) -> None:
        a = np.array([[1, -1], [-1, 1]])
        assert NormalFormGame.from_arrays(a, -a).is_zero_sum()
        assert NormalFormGame.from_arrays(a, 5 - a).is_constant_sum()
        assert not prisoners_dilemma().is_constant_sum()


@settings(max_examples=40, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 3), min_size=2, max_size=3),
    seed=st.integers(0, 2**32 - 1),
)
def test_payoff_vectors_match_brute_force(sizes: list[int], seed: int) -> None:
    """v_i(s_i) = sum over opponents' profiles of u_i(s) * prod_j sigma_j(s_j), checked by explicit loops."""
    rng = np.random.default_rng(seed)
    n = len(sizes)
    payoffs = rng.integers(-5, 6, (n, *sizes))
    game = NormalFormGame(payoffs)
    profile = [rng.dirichlet(np.ones(k)) for k in sizes]
    vectors = game.payoff_vectors(profile)
    for i in range(n):
        expected = np.zeros(sizes[i])
        for s in itertools.product(*(range(k) for k in sizes)):
            weight = np.prod([profile[j][s[j]] for j in range(n) if j != i])
            expected[s[i]] += payoffs[(i, *s)] * weight
        np.testing.assert_allclose(vectors[i], expected, atol=1e-12)
    np.testing.assert_allclose(
        game.expected_payoffs(profile), [vectors[i] @ profile[i] for i in range(n)], atol=1e-12
    )


def test_profile_shape_is_checked() -> None:
    game = prisoners_dilemma()
    with pytest.raises(InvalidGameError, match="one mixed strategy per player"):
        game.payoff_vectors([[1, 0]])
    with pytest.raises(InvalidGameError, match="expected \\(2,\\)"):
        game.expected_payoffs([[1, 0, 0], [1, 0]])
