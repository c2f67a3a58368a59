"""Two-player equilibria: known answers, properties, exact mode, results objects and the dispatcher.

Known answers are checked against published solutions (source in each test) or
derived by hand in the test's docstring; the cross-check against Gambit is in
``test_gambit_crosscheck.py``.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining.equilibrium import Equilibrium, EquilibriumSet, equilibria
from bargaining.equilibrium.polytope import basis_vertices, hull_vertices, positive_matrix
from bargaining.equilibrium.two_player import is_degenerate, lemke_howson, zero_sum_equilibrium
from bargaining.errors import InvalidGameError, SolverError
from bargaining.games import NormalFormGame

F = Fraction
ENUMERATIONS = ["vertex", "support"]


def game_of(a: object, b: object, **names: object) -> NormalFormGame:
    return NormalFormGame.from_arrays(np.array(a), np.array(b), **names)  # type: ignore[arg-type]


def exact_set(result: EquilibriumSet) -> set[tuple[tuple[Fraction, ...], ...]]:
    assert result.exact
    return {eq.exact_probabilities for eq in result}  # type: ignore[misc]


def float_set(result: EquilibriumSet, digits: int = 9) -> set[tuple[tuple[float, ...], ...]]:
    return {tuple(tuple(np.round(p, digits) + 0.0) for p in eq.probabilities) for eq in result}


def same_equilibria(first: EquilibriumSet, second: EquilibriumSet, tol: float = 1e-9) -> bool:
    if len(first) != len(second):
        return False
    return all(
        any(
            all(np.allclose(p, q, atol=tol) for p, q in zip(e.probabilities, f.probabilities, strict=True))
            for f in second
        )
        for e in first
    )


# ----------------------------------------------------------------------------- known answers
PD = game_of(
    [[3, 0], [5, 1]],
    [[3, 5], [0, 1]],
    strategies=(("cooperate", "defect"), ("cooperate", "defect")),
    title="Prisoner's dilemma",
)
PENNIES = game_of([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], title="Matching pennies")
BOS = game_of([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("B", "S"), ("B", "S")), title="BoS")
CHICKEN = game_of(
    [[0, -1], [1, -10]],
    [[0, 1], [-1, -10]],
    strategies=(("swerve", "straight"), ("swerve", "straight")),
    title="Chicken",
)
SEGMENT = game_of([[1, 1], [0, 0]], [[1, 1], [0, 0]], title="Degenerate: a segment of equilibria")
THREE_BY_TWO = game_of([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]], title="Degenerate 3x2")


@pytest.mark.parametrize("method", ENUMERATIONS)
@pytest.mark.parametrize("exact", [False, True])
class TestKnownAnswers:
    def test_prisoners_dilemma(self, method: str, exact: bool) -> None:
        """Unique equilibrium (defect, defect), payoffs (1, 1): defect strictly dominates.

        Source: M. J. Osborne, *An Introduction to Game Theory* (OUP 2004), sec. 2.2 and 2.7.
        """
        result = equilibria(PD, method=method, exact=exact)
        assert len(result) == 1
        eq = result[0]
        assert eq.support_names == (("defect",), ("defect",))
        assert eq.is_pure
        np.testing.assert_allclose(eq.payoffs, [1, 1])
        assert result.degenerate is False

    def test_matching_pennies(self, method: str, exact: bool) -> None:
        """Unique equilibrium: both mix 1/2-1/2; value 0. Source: Osborne (2004), Example 4.1 / sec. 4.3."""
        result = equilibria(PENNIES, method=method, exact=exact)
        assert len(result) == 1
        np.testing.assert_allclose(result[0].probabilities[0], [0.5, 0.5], atol=1e-12)
        np.testing.assert_allclose(result[0].probabilities[1], [0.5, 0.5], atol=1e-12)
        np.testing.assert_allclose(result[0].payoffs, [0, 0], atol=1e-12)

    def test_battle_of_the_sexes(self, method: str, exact: bool) -> None:
        """(B, B), (S, S) and the mixed ((2/3, 1/3), (1/3, 2/3)). Source: Osborne (2004), sec. 4.3, BoS.

        The mixed equilibrium makes each player indifferent: player 2 gets
        ``1 p = 2 (1 - p)`` so ``p = 2/3``; player 1 gets ``2 q = 1 - q`` so ``q = 1/3``.
        """
        result = equilibria(BOS, method=method, exact=exact)
        expected = {
            ((F(1), F(0)), (F(1), F(0))),
            ((F(0), F(1)), (F(0), F(1))),
            ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
        }
        if exact:
            assert exact_set(result) == expected
        assert float_set(result) == {
            tuple(tuple(round(float(v), 9) for v in sigma) for sigma in profile) for profile in expected
        }
        mixed = [eq for eq in result if not eq.is_pure][0]
        np.testing.assert_allclose(mixed.payoffs, [2 / 3, 2 / 3])

    def test_chicken(self, method: str, exact: bool) -> None:
        """Two pure equilibria where one swerves, and a symmetric mixed one.

        Chicken (Hawk-Dove), e.g. Osborne (2004), ch. 4; by hand: against
        an opponent swerving with probability q, swerving pays ``-(1 - q)`` and
        going straight ``q - 10 (1 - q)``; equal at ``q = 9/10``.
        """
        result = equilibria(CHICKEN, method=method, exact=exact)
        assert len(result) == 3
        assert {eq.support_names for eq in result.pure} == {
            (("swerve",), ("straight",)),
            (("straight",), ("swerve",)),
        }
        mixed = [eq for eq in result if not eq.is_pure][0]
        for sigma in mixed.probabilities:
            np.testing.assert_allclose(sigma, [0.9, 0.1], atol=1e-12)
        if exact:
            assert mixed.exact_probabilities == ((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10)))

    def test_degenerate_segment(self, method: str, exact: bool) -> None:
        """Row's first strategy strictly dominates; against it the column player is indifferent.

        By hand: the equilibria are (top, (q, 1 - q)) for every q in [0, 1], a
        segment with extreme points (top, left) and (top, right), one maximal
        Nash subset.
        """
        result = equilibria(SEGMENT, method=method, exact=exact)
        assert result.degenerate is True
        assert {eq.support_names for eq in result} == {(("s0",), ("s0",)), (("s0",), ("s1",))}
        assert result.components == ((0, 1),)
        assert result.connected_components == ((0, 1),)
        midpoint = Equilibrium.from_profile(SEGMENT, ([1, 0], [0.3, 0.7]))
        assert midpoint.is_nash(SEGMENT)
        assert "convex hull of #0, #1" in result.to_table()

    def test_degenerate_three_by_two(self, method: str, exact: bool) -> None:
        """The top row gives the column player 3 against both columns (degenerate).

        By hand, with y = (q, 1 - q): top is a best response iff q >= 2/3, so
        (top, y) is an equilibrium for q in [2/3, 1] (extreme points q = 1 and
        q = 2/3); middle and bottom tie at q = 1/3, where the column player is
        indifferent at x = (0, 1/3, 2/3). Three extreme equilibria; the first
        two form one maximal Nash subset.
        """
        result = equilibria(THREE_BY_TWO, method=method, exact=True)
        assert exact_set(result) == {
            ((F(1), F(0), F(0)), (F(1), F(0))),
            ((F(1), F(0), F(0)), (F(2, 3), F(1, 3))),
            ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
        }
        assert result.degenerate is True
        assert sorted(len(c) for c in result.components) == [1, 2]

    def test_identity_coordination(self, method: str, exact: bool) -> None:
        """The 3x3 identity game has 2^3 - 1 = 7 equilibria: uniform play on each non-empty set of strategies.

        Source: T. Quint and M. Shubik (1997), "A theorem on the number of Nash equilibria in a
        bimatrix game", Int. J. Game Theory 26, 353-359: the n x n identity attains 2^n - 1.
        """
        game = game_of(np.eye(3, dtype=int), np.eye(3, dtype=int))
        result = equilibria(game, method=method, exact=exact)
        assert len(result) == 7
        for eq in result:
            support = eq.supports[0]
            assert eq.supports[1] == support
            np.testing.assert_allclose(eq.probabilities[0][list(support)], 1 / len(support))
        assert result.degenerate is False


def test_rock_paper_scissors_zero_sum() -> None:
    """Value 0, unique optimal strategies (1/3, 1/3, 1/3).

    Source: J. von Neumann and O. Morgenstern, *Theory of Games and Economic Behavior* (1944), sec. 18.
    """
    rps = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    game = game_of(rps, -rps)
    for exact in (False, True):
        result = zero_sum_equilibrium(game, exact=exact)
        np.testing.assert_allclose(result[0].probabilities[0], [1 / 3] * 3, atol=1e-9)
        np.testing.assert_allclose(result[0].probabilities[1], [1 / 3] * 3, atol=1e-9)
    assert result[0].exact_probabilities == ((F(1, 3),) * 3, (F(1, 3),) * 3)
    assert result.notes == ("value of the game to player_0: 0",)
    with pytest.raises(InvalidGameError, match="zero-sum"):
        zero_sum_equilibrium(PD)


# ----------------------------------------------------------------------------- properties
def integer_games(max_size: int = 5, high: int = 2) -> st.SearchStrategy[NormalFormGame]:
    @st.composite
    def build(draw: st.DrawFn) -> NormalFormGame:
        m, n = draw(st.integers(1, max_size)), draw(st.integers(1, max_size))
        cells = st.integers(0, high)
        a = draw(st.lists(st.lists(cells, min_size=n, max_size=n), min_size=m, max_size=m))
        b = draw(st.lists(st.lists(cells, min_size=n, max_size=n), min_size=m, max_size=m))
        return game_of(a, b)

    return build()


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(game=st.one_of(integer_games(5, 2), integer_games(5, 99)))
def test_vertex_and_support_enumeration_agree_and_are_nash(game: NormalFormGame) -> None:
    """Qhull-based and subsystem-based vertex enumeration are independent; they must agree."""
    by_vertex = equilibria(game, method="vertex")
    by_support = equilibria(game, method="support")
    assert len(by_vertex) >= 1  # Nash's theorem
    assert same_equilibria(by_vertex, by_support)
    assert by_vertex.degenerate == by_support.degenerate
    assert all(eq.is_nash(game) for eq in by_vertex)


@PROPERTY
@given(game=st.one_of(integer_games(4, 2), integer_games(4, 50)))
def test_exact_mode_is_exactly_nash_and_matches_floats(game: NormalFormGame) -> None:
    exact = equilibria(game, exact=True)
    assert exact.exact and all(eq.is_nash(game, exact=True) for eq in exact)
    assert same_equilibria(exact, equilibria(game))


@PROPERTY
@given(
    game=integer_games(4, 9),
    scale=st.tuples(st.integers(1, 7), st.integers(1, 7)),
    shift=st.tuples(st.integers(-50, 50), st.integers(-50, 50)),
)
def test_positive_affine_maps_do_not_change_equilibria(
    game: NormalFormGame, scale: tuple[int, int], shift: tuple[int, int]
) -> None:
    a, b = game.payoff_matrices
    mapped = game_of((scale[0] * a + shift[0]).astype(int), (scale[1] * b + shift[1]).astype(int))
    assert exact_set(equilibria(game, exact=True)) == exact_set(equilibria(mapped, exact=True))


@PROPERTY
@given(game=integer_games(4, 3))
def test_swapping_the_players_swaps_the_equilibria(game: NormalFormGame) -> None:
    a, b = game.payoff_matrices
    swapped = game_of(b.T.astype(int), a.T.astype(int))
    original = exact_set(equilibria(game, exact=True))
    assert exact_set(equilibria(swapped, exact=True)) == {(y, x) for x, y in original}


@settings(max_examples=40, deadline=None)
@given(m=st.integers(1, 6), n=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_nondegenerate_games_have_an_odd_number_of_isolated_equilibria(m: int, n: int, seed: int) -> None:
    """Random real payoffs give a non-degenerate game almost surely; Shapley (1974): odd count."""
    rng = np.random.default_rng(seed)
    game = game_of(rng.random((m, n)), rng.random((m, n)))
    result = equilibria(game)
    assert result.degenerate is False
    assert len(result) % 2 == 1
    assert result.components == tuple((k,) for k in range(len(result)))
    assert not is_degenerate(game)


@PROPERTY
@given(game=st.one_of(integer_games(6, 2), integer_games(6, 999)))
def test_lemke_howson_ends_at_extreme_equilibria(game: NormalFormGame) -> None:
    """Every Lemke-Howson path ends at a completely labelled vertex pair: an extreme equilibrium."""
    everything = equilibria(game, method="vertex", exact=True)
    reached = lemke_howson(game, exact=True)
    assert 1 <= len(reached) <= len(everything)
    assert exact_set(reached) <= exact_set(everything)
    floats = lemke_howson(game)
    assert all(eq.is_nash(game) for eq in floats)
    assert same_equilibria(floats, reached)


@settings(max_examples=25, deadline=None)
@given(m=st.integers(1, 6), n=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_zero_sum_value_is_every_equilibrium_payoff(m: int, n: int, seed: int) -> None:
    """In a zero-sum game all equilibria give the row player the value (minimax theorem)."""
    rng = np.random.default_rng(seed)
    a = rng.integers(-9, 10, (m, n))
    game = game_of(a, -a)
    solution = zero_sum_equilibrium(game, exact=True)
    value = solution[0].exact_payoffs[0]  # type: ignore[index]
    assert solution[0].is_nash(game, exact=True)
    for eq in equilibria(game, exact=True):
        assert eq.exact_payoffs is not None and eq.exact_payoffs[0] == value


def test_lemke_howson_terminates_on_large_degenerate_games() -> None:
    """Lexicographic pivoting cannot cycle: 20x20 games with payoffs in {0, 1} (nashpy's LH may loop here)."""
    rng = np.random.default_rng(7)
    for _ in range(3):
        game = game_of(rng.integers(0, 2, (20, 20)), rng.integers(0, 2, (20, 20)))
        result = lemke_howson(game)
        assert len(result) >= 1 and all(eq.is_nash(game) for eq in result)


def test_lemke_howson_labels() -> None:
    result = lemke_howson(BOS, initial_labels=[0])
    assert len(result) == 1 and result[0].is_nash(BOS)
    with pytest.raises(InvalidGameError, match="out of range"):
        lemke_howson(BOS, initial_labels=[4])


def test_polytope_enumerators_agree_on_degenerate_matrices() -> None:
    rng = np.random.default_rng(3)
    for _ in range(50):
        d, c = rng.integers(1, 7, 2)
        matrix = positive_matrix(rng.integers(0, 3, (d, c)).astype(float))
        by_hull, by_basis = hull_vertices(matrix), basis_vertices(matrix)
        labels = {tuple(np.concatenate([z, t])) for z, t in zip(by_hull.zero, by_hull.tight, strict=True)}
        assert labels == {
            tuple(np.concatenate([z, t])) for z, t in zip(by_basis.zero, by_basis.tight, strict=True)
        }


def test_nashpy_backends_on_a_nondegenerate_game() -> None:
    pytest.importorskip("nashpy")
    rng = np.random.default_rng(11)
    game = game_of(rng.integers(0, 1000, (4, 4)), rng.integers(0, 1000, (4, 4)))
    ours = equilibria(game)
    assert same_equilibria(ours, equilibria(game, method="nashpy-vertex"), tol=1e-7)
    # nashpy's support enumeration can miss equilibria (issue 3): what it finds must be among ours
    by_support = equilibria(game, method="nashpy-support")
    assert 1 <= len(by_support) <= len(ours)
    assert all(
        any(
            same_equilibria(EquilibriumSet(game, "x", (e,)), EquilibriumSet(game, "x", (f,)), 1e-7)
            for f in ours
        )
        for e in by_support
    )
    assert all(eq.is_nash(game, tol=1e-7) for eq in equilibria(game, method="nashpy-lemke-howson"))
    with pytest.raises(InvalidGameError, match="floating point only"):
        equilibria(game, method="nashpy-vertex", exact=True)


def test_pure_method() -> None:
    assert {eq.support_names for eq in equilibria(BOS, method="pure")} == {(("B",), ("B",)), (("S",), ("S",))}
    assert len(equilibria(PENNIES, method="pure")) == 0


# ----------------------------------------------------------------------------- results objects
class TestResults:
    def test_is_nash_rejects_non_equilibria(self) -> None:
        cooperate = Equilibrium.from_profile(PD, ([1, 0], [1, 0]))
        assert not cooperate.is_nash(PD)
        np.testing.assert_allclose(cooperate.regrets(PD), [2, 2])
        exact_cooperate = Equilibrium.from_profile(PD, None, exact=([1, 0], [1, 0]))  # type: ignore[arg-type]
        assert not exact_cooperate.is_nash(PD, exact=True)
        not_a_distribution = Equilibrium.from_profile(PD, ([0, 0.5], [0, 1]))
        assert not not_a_distribution.is_nash(PD)
        with pytest.raises(InvalidGameError, match="exact probabilities"):
            cooperate.is_nash(PD, exact=True)

    def test_to_dict_is_json_ready(self) -> None:
        result = equilibria(BOS, exact=True)
        data = json.loads(json.dumps(result.to_dict()))
        assert data["count"] == 3 and data["method"] == "vertex" and data["complete"] is True
        mixed = [eq for eq in data["equilibria"] if not eq["pure"]][0]
        assert mixed["strategies"]["player_0"] == {"B": pytest.approx(2 / 3), "S": pytest.approx(1 / 3)}
        assert mixed["exact"]["strategies"]["player_1"] == {"B": "1/3", "S": "2/3"}
        assert mixed["exact"]["payoffs"] == {"player_0": "2/3", "player_1": "2/3"}
        assert mixed["supports"] == {"player_0": ["B", "S"], "player_1": ["B", "S"]}

    def test_to_table(self) -> None:
        table = equilibria(BOS, exact=True).to_table()
        assert "BoS: 2 players, 2x2 strategies -- 3 extreme equilibria (vertex, exact)" in table
        assert "2/3 B, 1/3 S" in table and "mixed" in table and "pure" in table
        assert "1 extreme equilibrium" in equilibria(PD).to_table()

    def test_equilibrium_validation_and_repr(self) -> None:
        with pytest.raises(InvalidGameError, match="one probability vector"):
            Equilibrium((np.ones(2),), np.zeros(2), ("a", "b"), (("x", "y"), ("x", "y")))
        with pytest.raises(InvalidGameError, match="expected \\(2,\\)"):
            Equilibrium((np.ones(3), np.ones(2)), np.zeros(2), ("a", "b"), (("x", "y"), ("x", "y")))
        eq = equilibria(PD)[0]
        assert repr(eq) == "Equilibrium(player_0: defect; player_1: defect)"
        assert eq.strategy_of("player_1") == {"cooperate": 0.0, "defect": 1.0}
        with pytest.raises(ValueError):
            eq.probabilities[0][0] = 1.0


class TestDispatcher:
    def test_unknown_method(self) -> None:
        with pytest.raises(InvalidGameError, match="unknown method 'simplex'.*vertex"):
            equilibria(PD, method="simplex")

    def test_not_a_game(self) -> None:
        with pytest.raises(InvalidGameError, match="needs a NormalFormGame"):
            equilibria(np.eye(2))  # type: ignore[arg-type]

    def test_aliases_and_methods(self) -> None:
        assert equilibria(BOS, method="lemke_howson").method == "lemke-howson"
        assert len(equilibria(PENNIES, method="zero-sum")) == 1

    def test_two_player_methods_refuse_three_players(self) -> None:
        from bargaining.equilibrium.two_player import vertex_enumeration

        with pytest.raises(InvalidGameError, match="two-player games; this game has 3 players"):
            vertex_enumeration(NormalFormGame(np.zeros((3, 2, 2, 2))))

    def test_n_player_dispatch(self) -> None:
        n_player = pytest.importorskip("bargaining.equilibrium.n_player")
        if not hasattr(n_player, "pure_equilibria"):
            pytest.skip("n_player.pure_equilibria not written yet")
        rng = np.random.default_rng(5)
        game = NormalFormGame(rng.integers(0, 9, (3, 2, 2, 2)))
        result = equilibria(game, method="pure")
        assert isinstance(result, EquilibriumSet)
        assert all(eq.is_nash(game) and eq.is_pure for eq in result)
        with pytest.raises(InvalidGameError, match="3-player game"):
            equilibria(game, method="vertex")


def test_rational_payoffs_stay_exact() -> None:
    """BoS with payoffs divided by 3 (as strings "2/3", ...) has BoS's equilibria, computed in Fractions."""
    thirds = NormalFormGame(
        [[["2/3", "0"], ["0", "1/3"]], [["1/3", "0"], ["0", "2/3"]]], strategies=(("B", "S"), ("B", "S"))
    )
    assert thirds.exact_payoffs is not None
    result = equilibria(thirds, exact=True)
    assert exact_set(result) == exact_set(equilibria(BOS, exact=True))
    mixed = [eq for eq in result if not eq.is_pure][0]
    assert mixed.exact_payoffs == (F(2, 9), F(2, 9))
    assert all(eq.is_nash(thirds, exact=True) for eq in result)


def test_lemke_howson_in_rational_arithmetic_matches_floating_point() -> None:
    """The tableau code runs on Fractions too; with the same lexicographic rule it ends at the same vertex."""
    from bargaining.equilibrium.two_player import exact_lemke_howson

    rng = np.random.default_rng(17)
    for high in (3, 1000):
        game = game_of(rng.integers(0, high, (4, 5)), rng.integers(0, high, (4, 5)))
        for label in range(9):
            x, y = exact_lemke_howson(game, label)
            by_floats = lemke_howson(game, initial_labels=[label], exact=True)[0]
            assert by_floats.exact_probabilities == (tuple(x), tuple(y))


@PROPERTY
@given(game=integer_games(5, 2))
def test_components_are_convex_sets_of_equilibria(game: NormalFormGame) -> None:
    """Each maximal Nash subset X x Y: every (x, y) pairing is listed, and mixtures inside are equilibria."""
    result = equilibria(game, exact=True)
    listed = exact_set(result)
    covered: set[int] = set()
    for component in result.components:
        covered.update(component)
        xs = {result[k].exact_probabilities[0] for k in component}  # type: ignore[index]
        ys = {result[k].exact_probabilities[1] for k in component}  # type: ignore[index]
        assert {(x, y) for x in xs for y in ys} <= listed
        # maximal: no other extreme strategy pairs with all of Y (or with all of X)
        assert all(x in xs or any((x, y) not in listed for y in ys) for x, _ in listed)
        assert all(y in ys or any((x, y) not in listed for x in xs) for _, y in listed)
        centre = tuple(
            tuple(sum(column) / len(side) for column in zip(*side, strict=True)) for side in (xs, ys)
        )
        assert Equilibrium.from_profile(game, None, exact=centre).is_nash(game, exact=True)  # type: ignore[arg-type]
    assert covered == set(range(len(result)))
    flattened = sorted(k for component in result.connected_components for k in component)
    assert flattened == list(range(len(result)))


def test_lemke_howson_abandons_long_paths_and_tries_other_labels() -> None:
    from bargaining.equilibrium.lemke_howson import lemke_howson_path

    rng = np.random.default_rng(23)
    game = game_of(rng.integers(0, 1000, (12, 12)), rng.integers(0, 1000, (12, 12)))
    with pytest.raises(SolverError, match="no Lemke-Howson path ended"):
        lemke_howson(game, max_pivots=1)  # every path needs at least two pivots
    a, b = (positive_matrix(p) for p in game.payoff_matrices)
    lengths = [lemke_howson_path(a, b, label).pivots for label in range(24)]
    cap = sorted(lengths)[len(lengths) // 2]
    result = lemke_howson(game, max_pivots=cap)
    assert len(result.notes) == sum(length > cap for length in lengths)
    assert all(eq.is_nash(game) for eq in result)
    one = lemke_howson(game, stop_after=1)
    assert len(one) == 1 and one[0].is_nash(game)


def test_refactoring_the_tableau_does_not_change_the_path() -> None:
    from bargaining.equilibrium.lemke_howson import lemke_howson_path

    rng = np.random.default_rng(29)
    a, b = (
        positive_matrix(rng.integers(0, 1000, (30, 30)).astype(float)),
        positive_matrix(rng.integers(0, 1000, (30, 30)).astype(float)),
    )
    for label in (0, 7, 45):
        plain = lemke_howson_path(a, b, label)
        refactored = lemke_howson_path(a, b, label, refactor_every=3)
        assert (plain.pivots, plain.nonbasic_p, plain.nonbasic_q) == (
            refactored.pivots,
            refactored.nonbasic_p,
            refactored.nonbasic_q,
        )
        np.testing.assert_allclose(plain.x, refactored.x, atol=1e-12)


def test_blas_and_numpy_rank_one_updates_follow_the_same_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tableaux above ``_BLAS_BLOCK`` cells get BLAS dger updates in column blocks: same path as numpy."""
    from bargaining.equilibrium import lemke_howson as module

    rng = np.random.default_rng(31)
    a, b = (positive_matrix(rng.integers(0, 1000, (70, 70)).astype(float)) for _ in range(2))
    assert module._BLAS_BLOCK < 70 * 141
    with_blas = [module.lemke_howson_path(a, b, label) for label in (0, 1, 100)]
    monkeypatch.setattr(module, "_BLAS_BLOCK", 10**9)
    with_numpy = [module.lemke_howson_path(a, b, label) for label in (0, 1, 100)]
    for blas, plain in zip(with_blas, with_numpy, strict=True):
        assert (blas.pivots, blas.nonbasic_p, blas.nonbasic_q) == (
            plain.pivots,
            plain.nonbasic_p,
            plain.nonbasic_q,
        )
        np.testing.assert_allclose(blas.y, plain.y, atol=1e-12)
    game = game_of(np.round(a * 1000).astype(int), np.round(b * 1000).astype(int))
    assert all(eq.is_nash(game) for eq in lemke_howson(game, initial_labels=[0, 1, 100]))
