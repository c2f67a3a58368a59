"""Lemke-Howson: every path ends at an equilibrium, verified independently (issue 9, bug 3).

References for the known answers:

* B. von Stengel, "Computing equilibria for two-person games", ch. 45 of
  R. J. Aumann and S. Hart (eds.), *Handbook of Game Theory* vol. 3,
  North-Holland, 2002, and "Equilibrium computation for two-player games in
  strategic and extensive form", ch. 3 of N. Nisan et al. (eds.),
  *Algorithmic Game Theory*, Cambridge University Press, 2007: the 3x2
  example game with A = [[3, 3], [2, 5], [0, 6]], B = [[3, 2], [2, 6], [3, 1]]
  (eq. 3.3 of the 2007 chapter), its three equilibria, and the degenerate
  variant with b_12 = 3, whose pure strategy 1 has two best responses.
* L. S. Shapley, "A note on the Lemke-Howson algorithm", *Mathematical
  Programming Study* 1 (1974) 175-189: a path from the artificial equilibrium
  ends at an equilibrium of index +1, where for a non-degenerate equilibrium
  with supports I, J of size k the index is
  (-1)^(k+1) sign det A_IJ sign det B_IJ (positive payoffs).

Equilibria are confirmed with Gambit (pygambit's exact ``max_regret`` and
``enummixed``) and with a best-response check written here in Fractions,
never with the project's own checks alone.
"""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining.equilibrium import lemke_howson_ends
from bargaining.equilibrium.integer_tableau import IntegerTableau, integer_scaling
from bargaining.equilibrium.lemke_howson import lemke_howson_path
from bargaining.equilibrium.lemke_howson_ends import LabelFollower
from bargaining.equilibrium.polytope import positive_matrix
from bargaining.equilibrium.two_player import lemke_howson
from bargaining.errors import SolverError
from bargaining.games import NormalFormGame

F = Fraction
Exact = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]

# von Stengel (2002, 2007): the 3x2 example and its three equilibria
VS_A = [[3, 3], [2, 5], [0, 6]]
VS_B = [[3, 2], [2, 6], [3, 1]]
VS_PURE = ((F(1), F(0), F(0)), (F(1), F(0)))
VS_MIDDLE = ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3)))
VS_MIXED = ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))
# the degenerate variant: row 1 of B is (3, 3)
VS_DEGENERATE_B = [[3, 3], [2, 6], [3, 1]]


def issue_game() -> tuple[np.ndarray, np.ndarray]:
    """The reproducer of issue 9, bug 3: 40x40, payoffs in {0, 1, 2}."""
    rng = np.random.default_rng(9)
    return rng.integers(0, 3, (40, 40)), rng.integers(0, 3, (40, 40))


def degenerate_game(seed: int, low: int, high: int) -> tuple[np.ndarray, np.ndarray]:
    """A random game of size low..high with payoffs in {0, 1} or {0, 1, 2} (ties everywhere)."""
    rng = np.random.default_rng(seed)
    m, n = (int(k) for k in rng.integers(low, high + 1, 2))
    top = int(rng.integers(2, 4))
    return rng.integers(0, top, (m, n)), rng.integers(0, top, (m, n))


def best_response_check(
    a: np.ndarray, b: np.ndarray, x: tuple[Fraction, ...], y: tuple[Fraction, ...]
) -> bool:
    """An exact equilibrium check from the definition: every strategy played is a best response."""
    if any(v < 0 for v in (*x, *y)) or sum(x) != 1 or sum(y) != 1:
        return False
    rows = [sum((int(a[i, j]) * y[j] for j in range(len(y))), F(0)) for i in range(len(x))]
    cols = [sum((int(b[i, j]) * x[i] for i in range(len(x))), F(0)) for j in range(len(y))]
    return all(rows[i] == max(rows) for i in range(len(x)) if x[i]) and all(
        cols[j] == max(cols) for j in range(len(y)) if y[j]
    )


def float_regret(a: np.ndarray, b: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """The largest gain from a pure deviation, in payoff units, and how far x, y are from the simplex."""
    gain = max(float(np.max(a @ y) - x @ a @ y), float(np.max(x @ b) - x @ b @ y))
    off = max(abs(float(x.sum()) - 1), abs(float(y.sum()) - 1), float(-min(x.min(), y.min())))
    return max(gain, off)


def gambit_regret(a: np.ndarray, b: np.ndarray, x: tuple[Fraction, ...], y: tuple[Fraction, ...]) -> Fraction:
    """Gambit's exact maximal regret of the profile (0 exactly at an equilibrium)."""
    pygambit = pytest.importorskip("pygambit")
    game = pygambit.Game.from_arrays(np.asarray(a), np.asarray(b))
    profile = game.mixed_strategy_profile(rational=True)
    for player, sigma in zip(game.players, (x, y), strict=True):
        for strategy, value in zip(player.strategies, sigma, strict=True):
            profile[strategy] = value
    return Fraction(profile.max_regret())


def gambit_extreme(a: np.ndarray, b: np.ndarray) -> set[Exact]:
    """Gambit's exact extreme equilibria (``enummixed_solve(rational=True)``), de-duplicated."""
    pygambit = pytest.importorskip("pygambit")
    game = pygambit.Game.from_arrays(a, b)
    row, column = game.players
    return {
        (
            tuple(Fraction(eq[row][s]) for s in row.strategies),
            tuple(Fraction(eq[column][s]) for s in column.strategies),
        )
        for eq in pygambit.nash.enummixed_solve(game, rational=True).equilibria
    }


def exact_ends(a: np.ndarray, b: np.ndarray, max_pivots: int = 20_000) -> dict[int, Exact]:
    """The exact end of the path from every label (each must end)."""
    game = NormalFormGame.from_arrays(a, b)
    follower = LabelFollower(game, exact=True, max_pivots=max_pivots)
    ends: dict[int, Exact] = {}
    for label in range(sum(game.num_strategies)):
        end = follower.follow(label)
        assert end.exact_profile is not None, end.note
        ends[label] = (tuple(end.exact_profile[0]), tuple(end.exact_profile[1]))
    return ends


# ------------------------------------------------------------------ the reproducer


def test_the_issue_game_cycles_in_floating_point_and_the_cycle_is_detected() -> None:
    """Floating point misdecides a ratio test after some hundred pivots; the repeated basis stops it."""
    a, b = issue_game()
    with pytest.raises(SolverError) as failure:
        lemke_howson_path(positive_matrix(a.astype(float)), positive_matrix(b.astype(float)), 8, 20_000)
    assert failure.value.status == "cycle"
    found = re.search(r"after (\d+) pivots", str(failure.value))
    assert found is not None and int(found.group(1)) < 1000  # at once, not at the 20000-pivot limit


@pytest.mark.parametrize("exact", [True, False])
def test_the_issue_game_ends_at_a_verified_equilibrium(exact: bool) -> None:
    """Issue 9's reproducer: from label 8 the exact path ends after 417 pivots, at a Gambit equilibrium."""
    a, b = issue_game()
    game = NormalFormGame.from_arrays(a, b)
    result = lemke_howson(game, initial_labels=[8], exact=exact)
    assert len(result) == 1
    (note,) = result.notes
    assert "repeated a pair of bases" in note and "exact arithmetic" in note and "417 pivots" in note
    x = (F(0),) * 38 + (F(1),) + (F(0),)
    y = tuple(F(1, 3) if j == 25 else F(1, 6) if j in (7, 16, 24, 31) else F(0) for j in range(40))
    assert best_response_check(a, b, x, y) and gambit_regret(a, b, x, y) == 0
    if exact:
        assert result[0].exact_probabilities == (x, y)
    else:
        np.testing.assert_allclose(result[0].probabilities[0], [float(v) for v in x], atol=1e-12)
        np.testing.assert_allclose(result[0].probabilities[1], [float(v) for v in y], atol=1e-12)


def test_a_failed_path_above_the_size_limit_is_skipped_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    """In floating-point mode the exact restart has a size limit; above it the label is reported."""
    monkeypatch.setattr(lemke_howson_ends, "MAX_EXACT_PATH_CELLS", 100)
    a, b = issue_game()
    game = NormalFormGame.from_arrays(a, b)
    with pytest.raises(SolverError, match="not followed in exact arithmetic"):
        lemke_howson(game, initial_labels=[8])
    assert lemke_howson(game, initial_labels=[8], exact=True).notes[0].endswith("after 417 pivots")


def test_paths_longer_than_max_pivots_are_abandoned_with_a_note() -> None:
    """A float path at the limit with feasible bases is a long path; one that went astray is re-followed."""
    a, b = issue_game()
    game = NormalFormGame.from_arrays(a, b)
    long = LabelFollower(game, exact=True, max_pivots=300).follow(8)  # floats misdecide pivot 383
    assert long.profile is None and long.note == "the path from label 8 was abandoned after 300 pivots"
    astray = LabelFollower(game, exact=True, max_pivots=390).follow(8)  # before the cycle closes
    assert astray.profile is None and astray.note is not None
    assert "reached an infeasible basis" in astray.note and "longer than 390 pivots" in astray.note
    assert astray.to_dict()["note"] == astray.note
    rescued = LabelFollower(game, exact=False, max_pivots=417).follow(8)
    assert rescued.arithmetic == "exact" and rescued.pivots == 417 and rescued.exact_profile is None
    assert rescued.profile is not None and float_regret(a, b, *rescued.profile) <= 1e-12


# ------------------------------------------------------------------ known answers


def test_von_stengel_example_ends_and_index() -> None:
    """Every path ends at an index +1 equilibrium (Shapley 1974); the index -1 one is never reached."""
    a, b = np.array(VS_A), np.array(VS_B)
    ends = exact_ends(a, b)
    assert set(ends.values()) == {VS_PURE, VS_MIXED}
    # hand-traced: dropping label 0 (x_1 enters) or 3 (y_1 enters) reaches the pure equilibrium in 2 pivots
    game = NormalFormGame.from_arrays(a, b)
    for label in (0, 3):
        assert ends[label] == VS_PURE
        assert lemke_howson_path(*(positive_matrix(p.astype(float)) for p in (a, b)), label).pivots == 2
    for (x, y), index in ((VS_PURE, 1), (VS_MIDDLE, -1), (VS_MIXED, 1)):
        rows = [i for i in range(3) if x[i]]
        cols = [j for j in range(2) if y[j]]
        sign_a = np.sign(np.linalg.det(a[np.ix_(rows, cols)]))
        sign_b = np.sign(np.linalg.det(b[np.ix_(rows, cols)]))
        assert (-1) ** (len(rows) + 1) * sign_a * sign_b == index
        assert gambit_regret(a, b, x, y) == 0
    assert {eq.exact_probabilities for eq in lemke_howson(game, exact=True)} == {VS_PURE, VS_MIXED}


def test_von_stengel_degenerate_example() -> None:
    """With b_12 = 3 pure strategy 1 has two best responses; every path ends at a Gambit equilibrium."""
    a, b = np.array(VS_A), np.array(VS_DEGENERATE_B)
    ends = exact_ends(a, b)
    extreme = gambit_extreme(a, b)
    # the component x = (1, 0, 0), y in conv{(1, 0), (2/3, 1/3)}, and the mixed equilibrium
    assert extreme == {VS_PURE, ((F(1), F(0), F(0)), (F(2, 3), F(1, 3))), VS_MIXED}
    assert set(ends.values()) <= extreme
    floats = lemke_howson(NormalFormGame.from_arrays(a, b))
    assert not floats.notes and len(floats) == len(set(ends.values()))


# ------------------------------------------------------------------ properties


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_every_label_ends_at_an_equilibrium_of_a_degenerate_game(seed: int) -> None:
    """Random 10..20 games, payoffs in {0, 1} or {0, 1, 2}: every label's end passes Gambit's check."""
    a, b = degenerate_game(seed, 10, 20)
    ends = exact_ends(a, b)
    for x, y in set(ends.values()):
        assert best_response_check(a, b, x, y)
        assert gambit_regret(a, b, x, y) == 0
    floats = lemke_howson(NormalFormGame.from_arrays(a, b))
    assert not any("abandoned" in note or "skipped" in note for note in floats.notes)
    assert all(float_regret(a, b, *eq.probabilities) <= 1e-9 for eq in floats)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    m=st.integers(1, 6),
    n=st.integers(1, 6),
    top=st.sampled_from([2, 3, 1000]),
    seed=st.integers(0, 2**32 - 1),
)
def test_every_label_ends_at_one_of_gambits_extreme_equilibria(m: int, n: int, top: int, seed: int) -> None:
    """Small games, degenerate ({0, 1}, {0, 1, 2}) or generic (0..999): each end is one Gambit lists."""
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, top, (m, n)), rng.integers(0, top, (m, n))
    assert set(exact_ends(a, b).values()) <= gambit_extreme(a, b)


@settings(max_examples=30, deadline=None)
@given(
    rows=st.integers(1, 5),
    cols=st.integers(1, 5),
    seed=st.integers(0, 2**32 - 1),
    pivots=st.integers(1, 8),
)
def test_integer_pivoting_keeps_the_exact_tableau(rows: int, cols: int, seed: int, pivots: int) -> None:
    """After any pivots, table / D is C_basis^-1 [C | 1] (sympy, rationals) and D = |det C_basis|."""
    rng = np.random.default_rng(seed)
    fractions = [
        [F(int(rng.integers(1, 9)), int(rng.integers(1, 4))) for _ in range(cols)] for _ in range(rows)
    ]
    scaled, k = integer_scaling(fractions)
    assert all(scaled[i, j] == fractions[i][j] * k for i in range(rows) for j in range(cols))
    coefficients = np.concatenate([scaled, np.eye(rows, dtype=int).astype(object)], axis=1)
    tableau = IntegerTableau(coefficients, list(range(cols, cols + rows)))
    for _ in range(pivots):
        column = int(rng.integers(0, cols + rows))
        if column in tableau.basis or not any(tableau.table[:, column] > 0):
            continue
        tableau.pivot(tableau.leaving_row(column), column)
    full = sympy.Matrix(np.concatenate([coefficients, np.ones((rows, 1), dtype=int)], axis=1).tolist())
    basis = full.extract(list(range(rows)), tableau.basis)
    expected = basis.inv() * full
    assert abs(basis.det()) == tableau.determinant
    assert all(
        F(int(tableau.table[i, j]), int(tableau.determinant)) == F(str(expected[i, j]))
        for i in range(rows)
        for j in range(full.cols)
    )
    assert all(F(int(tableau.table[i, -1])) >= 0 for i in range(rows))  # the basis stays feasible


# ------------------------------------------------------------------ slow: the issue's 400 games


@pytest.mark.slow
@pytest.mark.parametrize("block", range(8))
def test_every_label_ends_on_400_degenerate_games(block: int) -> None:
    """Issue 9: 400 random games of sizes 10..60, payoffs in {0, 1} or {0, 1, 2}, every label, both modes."""
    for seed in range(50 * block, 50 * block + 50):
        a, b = degenerate_game(seed, 10, 60)
        game = NormalFormGame.from_arrays(a, b)
        exact = lemke_howson(game, exact=True)
        assert not any("abandoned" in note or "skipped" in note for note in exact.notes), seed
        for eq in exact:
            x, y = eq.exact_probabilities  # type: ignore[misc]
            assert best_response_check(a, b, x, y) and gambit_regret(a, b, x, y) == 0, seed
        floats = lemke_howson(game)
        assert not any("abandoned" in note or "skipped" in note for note in floats.notes), seed
        assert all(float_regret(a, b, *eq.probabilities) <= 1e-9 for eq in floats), seed
