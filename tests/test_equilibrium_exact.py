"""Exact mode is exact, and floating point never reports a non-equilibrium (issue 9, bugs 1 and 2).

The reference is Gambit's ``enummixed`` in rational arithmetic (pygambit), which enumerates the
extreme equilibria of a bimatrix game with its own exact vertex enumeration. The games are the
audit's reproducers, and random integer games with payoffs up to 10^7 built on a coarse grid and
then perturbed by a few units, so that many payoffs nearly tie (relative gaps of about 1e-7).
Vertex enumeration itself is also checked against a brute force in Fractions written here.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import run
from test_gambit_crosscheck import assert_matches, gambit_equilibria

import bargaining.equilibrium.extreme as extreme
from bargaining.equilibrium import equilibria
from bargaining.equilibrium.certify import integer_vertex
from bargaining.equilibrium.polytope import basis_vertices, hull_vertices, positive_matrix
from bargaining.equilibrium.rational_vertices import integer_positive_matrix, rational_vertices
from bargaining.errors import SolverError
from bargaining.games import NormalFormGame
from bargaining.io.games import write_game

pytestmark = pytest.mark.gambit

#: issue 9, bug 1: near ties merged vertices in exact mode (Gambit: 3, 3 and 1 equilibria)
BUG_1 = [
    ([[1, 0], [0, 1]], [[10**7, 0], [0, 1]]),
    ([[2, 2000000], [2999998, -2]], [[1, 1999999], [0, -2]]),
    ([[2, 3], [2999999, 2000002], [1000002, 2000003]], [[3000001, 2999999], [1999998, 3000002], [0, -3]]),
]
#: issue 9, bug 2: floating point reported a profile with regret 1.5e-4 (Gambit: 4 equilibria)
BUG_2 = (
    [[3, 300003, 100003, 199998], [-2, 200003, 200000, 200000], [3, 299997, 99998, 100000]],
    [[299998, 2, 3, 299997], [199999, -3, 299997, -3], [200003, 199999, 200001, 300000]],
)


def exact_regret_free(game: NormalFormGame, x: list[Fraction], y: list[Fraction]) -> bool:
    """An independent exact best-response check of ``(x, y)`` on the game's integer payoffs."""
    a, b = (np.array(p, dtype=object) for p in game.payoff_matrices)
    rows = [sum(Fraction(int(a[i, j])) * y[j] for j in range(len(y))) for i in range(len(x))]
    cols = [sum(Fraction(int(b[i, j])) * x[i] for i in range(len(x))) for j in range(len(y))]
    return all(rows[i] == max(rows) for i in range(len(x)) if x[i] > 0) and all(
        cols[j] == max(cols) for j in range(len(y)) if y[j] > 0
    )


def check_against_gambit(payoff_a: np.ndarray, payoff_b: np.ndarray) -> None:
    """Exact mode equals Gambit's set; float mode never reports a profile that is not one of them."""
    game = NormalFormGame.from_arrays(payoff_a, payoff_b)
    reference = gambit_equilibria(payoff_a, payoff_b)
    exact = equilibria(game, exact=True)
    assert exact.complete
    assert_matches(exact, reference, game)
    assert all(exact_regret_free(game, *map(list, eq.exact_probabilities or ())) for eq in exact)
    floating = equilibria(game)
    exact_profiles = [tuple(list(s) for s in profile) for profile in reference]
    for eq in floating:
        # the exact equilibrium this float profile rounds: same support, within 1e-9, regret-free exactly
        matches = [
            (x, y)
            for x, y in exact_profiles
            if all(
                np.max(np.abs(p - np.array([float(v) for v in s]))) <= 1e-9
                and [v > 0 for v in s] == [v > 0 for v in p]
                for p, s in zip(eq.probabilities, (x, y), strict=True)
            )
        ]
        assert matches, f"floating point reported {eq}, which is not an equilibrium"
        assert all(exact_regret_free(game, x, y) for x, y in matches)
    if floating.complete:
        assert len(floating) == len(reference)


@pytest.mark.parametrize(("payoff_a", "payoff_b"), BUG_1)
def test_exact_mode_keeps_equilibria_near_ties(payoff_a: list[list[int]], payoff_b: list[list[int]]) -> None:
    check_against_gambit(np.array(payoff_a), np.array(payoff_b))


def test_exact_mode_counts_of_the_issue() -> None:
    """Gambit's counts from the issue text, independently of pygambit's output here."""
    counts = [len(equilibria(NormalFormGame.from_arrays(a, b), exact=True)) for a, b in BUG_1]
    assert counts == [3, 3, 1]
    assert len(equilibria(NormalFormGame.from_arrays(*BUG_2), exact=True)) == 4


def test_float_mode_reports_no_non_equilibrium() -> None:
    """The profile with regret 1.5e-4 is gone: 4 equilibria, Gambit's, and the result says why."""
    payoff_a, payoff_b = (np.array(p) for p in BUG_2)
    check_against_gambit(payoff_a, payoff_b)
    result = equilibria(NormalFormGame.from_arrays(payoff_a, payoff_b))
    assert len(result) == 4 and result.complete
    assert any("failed the exact check" in note for note in result.notes)


def test_float_mode_without_the_exact_fallback_says_it_may_be_incomplete(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """If exact enumeration is not affordable, the failing candidate is dropped and the result is marked."""
    monkeypatch.setattr(extreme, "FALLBACK_VERTICES", 1)
    game = NormalFormGame.from_arrays(*BUG_2)
    result = equilibria(game)
    assert not result.complete
    assert any("failed the exact check and were dropped" in note for note in result.notes)
    assert len(result) == 4  # the five candidates less the one with regret 1.5e-4
    check_against_gambit(*(np.array(p) for p in BUG_2))


def test_float_payoffs_are_held_to_a_regret_tolerance_on_the_spread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Non-integer payoffs: the 1.5e-4-regret profile (scaled by 1.1) fails 1e-11 of the spread."""
    payoff_a, payoff_b = np.array(BUG_2[0]) * 1.1, np.array(BUG_2[1]) * 1.1
    game = NormalFormGame.from_arrays(payoff_a, payoff_b)
    assert game.exact_payoff_array is None
    recomputed = equilibria(game)  # exactly, from the decimals
    assert recomputed.complete and len(recomputed) == 4
    assert any("failed the regret check" in note and "decimals" in note for note in recomputed.notes)
    monkeypatch.setattr(extreme, "FALLBACK_VERTICES", 1)
    result = equilibria(game)
    assert not result.complete
    assert any("failed the regret check" in note for note in result.notes)
    for eq in result:
        x, y = eq.probabilities
        assert (payoff_a @ y).max() - x @ payoff_a @ y <= 1e-11 * np.ptp(payoff_a)
        assert (x @ payoff_b).max() - x @ payoff_b @ y <= 1e-11 * np.ptp(payoff_b)
    assert len(result) == 4
    assert len(equilibria(game, exact=True)) == 4  # the decimals, e.g. 3.3000000000000003, not 11/10 x


@pytest.mark.parametrize("scale", [10**10, 10**13, 10**16])
def test_float_mode_near_ties_beyond_float_resolution(scale: int) -> None:
    """x = (1/(K+1), K/(K+1)) is below the float label tolerance; the exact fallback recovers it."""
    game = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[scale, 0], [0, 1]])
    result = equilibria(game)
    assert len(result) == 3 and result.complete
    exact = equilibria(game, exact=True)
    assert Fraction(1, scale + 1) in {eq.exact_probabilities[0][0] for eq in exact if eq.exact_probabilities}


def test_exact_mode_refuses_games_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extreme, "MAX_EXACT_BASES", 5)
    rng = np.random.default_rng(3)
    game = NormalFormGame.from_arrays(rng.integers(0, 9, (4, 4)), rng.integers(0, 9, (4, 4)))
    with pytest.raises(SolverError, match="lemke-howson"):
        equilibria(game, exact=True)


# ------------------------------------------------------------------ vertex enumeration itself
def brute_force_vertices(matrix: list[list[int]]) -> set[tuple[Fraction, ...]]:
    """Vertices x != 0 of {x >= 0, M^T x <= 1}: every d tight constraints, solved in Fractions."""
    d, c = len(matrix), len(matrix[0])
    normals = [[Fraction(int(i == k)) for i in range(d)] for k in range(d)]
    normals += [[Fraction(matrix[i][j]) for i in range(d)] for j in range(c)]
    rhs = [Fraction(0)] * d + [Fraction(1)] * c
    found = set()
    for chosen in combinations(range(d + c), d):
        rows = [normals[k][:] + [rhs[k]] for k in chosen]
        for col in range(d):
            pivot = next((r for r in range(col, d) if rows[r][col] != 0), None)
            if pivot is None:
                break
            rows[col], rows[pivot] = rows[pivot], rows[col]
            rows[col] = [v / rows[col][col] for v in rows[col]]
            for r in range(d):
                if r != col and rows[r][col] != 0:
                    rows[r] = [a - rows[r][col] * b for a, b in zip(rows[r], rows[col], strict=True)]
        else:
            x = tuple(row[-1] for row in rows)
            feasible = all(v >= 0 for v in x) and all(
                sum(matrix[i][j] * x[i] for i in range(d)) <= 1 for j in range(c)
            )
            if feasible and any(x):
                found.add(x)
    return found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    d=st.integers(1, 4),
    c=st.integers(1, 4),
    high=st.sampled_from([2, 3, 1000, 10**7]),
    seed=st.integers(0, 2**32 - 1),
)
def test_rational_vertices_equal_brute_force(d: int, c: int, high: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    payoffs = np.array(
        [[Fraction(int(v)) for v in row] for row in rng.integers(0, high, (d, c))], dtype=object
    )
    matrix = integer_positive_matrix(payoffs)
    found = rational_vertices(matrix)
    assert set(found.points) == brute_force_vertices(matrix)
    for point, zero, tight in zip(found.points, found.zero, found.tight, strict=True):
        assert list(zero) == [v == 0 for v in point]
        assert list(tight) == [sum(matrix[i][j] * point[i] for i in range(d)) == 1 for j in range(c)]


def test_integer_vertex_matches_the_fraction_solution() -> None:
    matrix = [[3, 1], [1, 2]]
    vertex = integer_vertex(matrix, [2, 3])  # both columns tight: 3x + y = 1, x + 2y = 1
    assert vertex is not None
    assert [Fraction(v, vertex.denominator) for v in vertex.numerators] == [Fraction(1, 5), Fraction(2, 5)]
    assert vertex.tight == (True, True) and vertex.zero == (False, False)
    assert integer_vertex(matrix, [0, 1]) is None  # the origin
    assert integer_vertex([[1, 1], [1, 1]], [2, 3]) is None  # singular


# ------------------------------------------------------------------ random near-tie games
def near_tie_game(seed: int, max_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Payoffs on a grid of 10^6 (up to 10^7) plus a perturbation of -3..3: many relative near-ties."""
    rng = np.random.default_rng(seed)
    m, n = (int(k) for k in rng.integers(2, max_size + 1, 2))
    grid = 10 ** int(rng.integers(5, 7))
    base = rng.integers(0, 4, (2, m, n)) * grid
    noise = rng.integers(-3, 4, (2, m, n)) * rng.integers(0, 2, (2, m, n))
    return base[0] + noise[0], base[1] + noise[1]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_near_tie_games_match_gambit(seed: int) -> None:
    check_against_gambit(*near_tie_game(seed, max_size=4))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(400))
def test_near_tie_games_match_gambit_larger(seed: int) -> None:
    check_against_gambit(*near_tie_game(seed, max_size=7))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(200))
def test_uniform_large_payoffs_match_gambit(seed: int) -> None:
    """Uniform payoffs up to 10^7, sizes up to 6 (the audit's setting: 77 of 300 games lost equilibria)."""
    rng = np.random.default_rng(seed)
    m, n = (int(k) for k in rng.integers(2, 7, 2))
    check_against_gambit(rng.integers(-(10**7), 10**7, (m, n)), rng.integers(-(10**7), 10**7, (m, n)))


def test_degenerate_games_are_recomputed_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 7x7 near-tie game where Qhull misses a vertex 2.5e-7 from another (13 of Gambit's 14)."""
    payoff_a, payoff_b = near_tie_game(208, 7)
    check_against_gambit(payoff_a, payoff_b)
    game = NormalFormGame.from_arrays(payoff_a, payoff_b)
    result = equilibria(game)
    assert result.degenerate and result.complete and len(result) == 14
    monkeypatch.setattr(extreme, "DEGENERATE_FALLBACK_VERTICES", 0)
    unchecked = equilibria(game)
    assert not unchecked.complete
    assert any("degenerate" in note for note in unchecked.notes)


def test_cli_exact_too_large_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``bargain equilibria --exact`` beyond the exact limit: one line naming the alternatives, exit 2."""
    monkeypatch.setattr(extreme, "MAX_EXACT_BASES", 5)
    rng = np.random.default_rng(3)
    path = tmp_path / "big.nfg"
    write_game(NormalFormGame.from_arrays(rng.integers(0, 9, (4, 4)), rng.integers(0, 9, (4, 4))), path)
    code, out, err = run("equilibria", str(path), "--exact")
    assert code == 2
    assert "lemke-howson" in err and "Traceback" not in err + out
    assert run("equilibria", str(path))[0] == 0  # floating point still works


def test_near_ties_are_flagged_by_the_float_enumerators() -> None:
    """A coordinate of 1/(10^10 + 1) is a near-tie (between 1e-12 and 1e-8); generic payoffs have none."""
    tied = positive_matrix(np.array([[1e10, 0.0], [0.0, 1.0]]))
    assert hull_vertices(tied).near_tie and basis_vertices(tied).near_tie
    generic = positive_matrix(np.array([[3.0, 1.0], [0.0, 2.0]]))
    assert not hull_vertices(generic).near_tie and not basis_vertices(generic).near_tie
