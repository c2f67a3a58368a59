"""Nucleolus, least core and core (bargaining.coalitional.nucleolus / core): literature and brute force."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from bargaining.coalitional.claims import (
    constrained_equal_awards,
    constrained_equal_losses,
    proportional,
    talmud,
)
from bargaining.coalitional.core import (
    core_report,
    core_vertices,
    core_violation,
    is_convex,
    is_superadditive,
)
from bargaining.coalitional.nucleolus import nucleolus, prenucleolus
from bargaining.errors import InvalidGameError
from bargaining.model.coalitional import CoalitionalGame


def rows(n: int) -> np.ndarray:
    return np.array([[s >> i & 1 for i in range(n)] for s in range(1 << n)], dtype=float)


def reference_nucleolus(v: np.ndarray, n: int, imputation: bool) -> np.ndarray:
    """Maschler, Peleg and Shapley (1979): after each LP, fix every coalition whose excess cannot drop
    below the level on the optimal face (one LP per coalition, no dual values used)."""
    a = rows(n)
    grand = (1 << n) - 1
    bounds = [(v[1 << i], None) if imputation else (None, None) for i in range(n)]
    free = list(range(1, grand))
    fixed: list[tuple[int, float]] = []
    x = np.zeros(n)
    while free:
        eq = [grand] + [m for m, _ in fixed]
        a_eq = np.hstack([a[eq], np.zeros((len(eq), 1))])
        b_eq = [v[grand]] + [v[m] - e for m, e in fixed]
        a_ub = np.hstack([-a[free], -np.ones((len(free), 1))])
        res = linprog(
            [0] * n + [1], A_ub=a_ub, b_ub=-v[free], A_eq=a_eq, b_eq=b_eq, bounds=[*bounds, (None, None)]
        )
        eps = res.x[-1]
        x = res.x[:n]
        newly = []
        for s in free:
            res2 = linprog(
                a[s], A_ub=-a[free], b_ub=-(v[free] - eps - 1e-10), A_eq=a[eq], b_eq=b_eq, bounds=bounds
            )  # max excess v(S) - x(S) ... its minimum over the face: maximise x(S)
            res3 = linprog(
                -a[s], A_ub=-a[free], b_ub=-(v[free] - eps - 1e-10), A_eq=a[eq], b_eq=b_eq, bounds=bounds
            )
            if abs(-res3.fun - res2.fun) < 1e-8:  # x(S) is constant on the optimal face
                newly.append(s)
        fixed += [(s, v[s] - a[s] @ x) for s in newly]
        free = [s for s in free if s not in newly]
        if np.linalg.matrix_rank(a[[grand] + [m for m, _ in fixed]]) == n:
            break
    return x


@pytest.mark.parametrize(
    ("estate", "expected"),
    [(100, (100 / 3, 100 / 3, 100 / 3)), (200, (50, 75, 75)), (300, (50, 100, 150))],
)
def test_talmud_estates_are_the_nucleolus(estate: float, expected: tuple[float, ...]) -> None:
    # Aumann and Maschler (1985), "Game theoretic analysis of a bankruptcy problem from the Talmud",
    # JET 36: claims 100, 200, 300; the Mishnah's divisions are the Talmud rule and the nucleolus.
    game = CoalitionalGame.bankruptcy(["a", "b", "c"], estate, [100, 200, 300])
    result = nucleolus(game)
    assert result.confirmed
    assert result.allocation.payoffs == pytest.approx(expected)
    assert talmud(estate, [100, 200, 300]) == pytest.approx(expected)


def test_claims_rules_known_values() -> None:
    # Estate 200, claims 100, 200, 300 (Thomson 2003, "Axiomatic and game-theoretic analysis of
    # bankruptcy and taxation problems", Math. Social Sci. 45): CEA (66.67, 66.67, 66.67),
    # CEL (0, 50, 150), proportional (33.3, 66.7, 100).
    assert constrained_equal_awards(200, [100, 200, 300]) == pytest.approx((200 / 3,) * 3)
    assert constrained_equal_losses(200, [100, 200, 300]) == pytest.approx((0, 50, 150))
    assert proportional(200, [100, 200, 300]) == pytest.approx((100 / 3, 200 / 3, 100))


def test_glove_game_core_is_one_point() -> None:
    # One left, two right gloves: the core is {(1, 0, 0)} (the scarce side takes all), which is
    # then the nucleolus; the Shapley value (2/3, 1/6, 1/6) is outside it.
    game = CoalitionalGame.glove(["left"], ["r1", "r2"])
    report = core_report(game)
    assert report.non_empty and report.vertices == ((1.0, 0.0, 0.0),)
    assert [str(x) for x in nucleolus(game).allocation.exact or ()] == ["1", "0", "0"]
    worst, coalition = core_violation(game, [2 / 3, 1 / 6, 1 / 6])
    assert worst == pytest.approx(1 / 6) and game.coalition_name(coalition) in ("left+r1", "left+r2")


def test_hand_solved_nucleolus() -> None:
    # v(12) = 1 = v(N), all else 0 (the nucleolus as in Maschler, Solan and Zamir 2013, ch. 20):
    # the core is {x1 + x2 = 1, x3 = 0}; equalising the excesses of {1} and {2} gives (1/2, 1/2, 0).
    game = CoalitionalGame.from_table(["a", "b", "c"], {"a+b": 1, "a+b+c": 1})
    result = nucleolus(game)
    assert result.allocation.exact == (Fraction(1, 2), Fraction(1, 2), Fraction(0))


def test_empty_core_majority_game() -> None:
    # Three-player majority game: v(pair) = v(N) = 1; the core is empty, the least core's epsilon 1/3.
    game = CoalitionalGame.weighted_voting(["a", "b", "c"], [1, 1, 1], 2)
    report = core_report(game)
    assert not report.non_empty and report.least_core_epsilon == pytest.approx(1 / 3)
    assert core_vertices(game).shape == (0, 3)
    assert is_superadditive(game) and not is_convex(game)


def test_empty_imputation_set_is_an_error() -> None:
    game = CoalitionalGame.from_table(["a", "b"], {"a": 1, "b": 1, "a+b": 1})
    with pytest.raises(InvalidGameError, match="prenucleolus"):
        nucleolus(game)
    assert prenucleolus(game).allocation.payoffs == pytest.approx((0.5, 0.5))


def random_values(n: int, data: st.DataObject) -> np.ndarray:
    values = data.draw(st.lists(st.integers(0, 12), min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    v = np.array([0, *values], dtype=float)
    v[-1] = max(v[-1], sum(v[1 << i] for i in range(n)))  # a non-empty imputation set
    return v


@settings(max_examples=12, deadline=None)
@given(st.integers(3, 4), st.data(), st.booleans())
def test_nucleolus_matches_the_reference_lp_sequence(n: int, data: st.DataObject, imputation: bool) -> None:
    v = random_values(n, data)
    game = CoalitionalGame.from_values([f"p{i}" for i in range(n)], v)
    result = nucleolus(game) if imputation else prenucleolus(game)
    assert result.confirmed and result.allocation.exact is not None
    expected = reference_nucleolus(v, n, imputation)
    assert [float(x) for x in result.allocation.exact] == pytest.approx(expected, abs=1e-6)


@settings(max_examples=15, deadline=None)
@given(st.integers(2, 5), st.data())
def test_core_non_empty_iff_least_core_epsilon_at_most_zero(n: int, data: st.DataObject) -> None:
    v = random_values(n, data)
    game = CoalitionalGame.from_values([f"p{i}" for i in range(n)], v)
    report = core_report(game)
    a = rows(n)
    feasible = linprog(
        np.zeros(n), A_ub=-a[1:-1], b_ub=-v[1:-1], A_eq=a[[-1]], b_eq=[v[-1]], bounds=[(None, None)] * n
    )
    assert report.non_empty == (feasible.status == 0)
    assert report.non_empty == (report.least_core_epsilon <= 1e-9)
    if report.non_empty:  # the nucleolus is then in the core
        x = nucleolus(game).allocation.payoffs
        assert core_violation(game, list(x))[0] <= 1e-9
        assert report.vertices and all(core_violation(game, list(p))[0] <= 1e-7 for p in report.vertices)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.integers(5, 6), st.data(), st.booleans())
def test_nucleolus_matches_the_reference_lp_sequence_larger(
    n: int, data: st.DataObject, imputation: bool
) -> None:
    v = random_values(n, data)
    game = CoalitionalGame.from_values([f"p{i}" for i in range(n)], v)
    result = nucleolus(game) if imputation else prenucleolus(game)
    assert result.confirmed
    assert result.allocation.payoffs == pytest.approx(reference_nucleolus(v, n, imputation), abs=1e-6)
