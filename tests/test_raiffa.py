r"""Raiffa's discrete and continuous solutions (bargaining.solutions.raiffa).

Notation: :math:`a_i(c) = \max\{u_i : u \in S, u_j \ge c_j\ (j \ne i)\}`; the
discrete solution iterates :math:`d_{k+1} = d_k + (a(d_k) - d_k)/n` (Raiffa 1953;
the midpoint of the two utopia points for two parties; see Anbarci & Sun 2013,
GEB 77(1), and Diskin, Koppel & Samet 2011, GEB 73(2)); the continuous one follows :math:`\dot d = a(d) - d`
(Livne 1989). The references below are closed forms derived in each test, or
the recursion run in plain Python on the frontier's own formula: never the
package's other concepts.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import bargaining as bg
from bargaining.cli import cli
from bargaining.solutions.raiffa import (
    continuous_raiffa_solution,
    raiffa_key,
    raiffa_path,
    raiffa_solution,
)


def capped_dollar() -> bg.BargainingProblem:
    """Divide a dollar, but party a may take at most half: S = {u1 <= 1/2, u1 + u2 <= 1}."""
    return bg.BargainingProblem(
        [bg.Party("a", "x"), bg.Party("b", "1 - x")], [bg.ContinuousIssue("x", 0, 0.5)], name="capped"
    )


def box(n: int) -> bg.BargainingProblem:
    """S = [0, 1]^n: every party's utility is its own issue."""
    names = [f"x{i}" for i in range(n)]
    return bg.BargainingProblem(
        [bg.Party(f"p{i}", x) for i, x in enumerate(names)], [bg.ContinuousIssue(x, 0, 1) for x in names]
    )


def test_divide_the_dollar_is_one_half_each_in_one_step() -> None:
    """u1 + u2 <= 1, d = 0: the utopia points (1, 0), (0, 1) have midpoint (1/2, 1/2) on the frontier,
    which is KS = Nash = (1/2, 1/2) (Raiffa 1953)."""
    dollar = bg.Frontier(("a", "b"), "1 - a")
    path = raiffa_path(dollar)
    assert path.steps == 1
    s = raiffa_solution(dollar)
    np.testing.assert_allclose(s.utilities, [0.5, 0.5], atol=1e-7)
    assert s.concept == "raiffa" and s.agreement_exists


@pytest.mark.parametrize("d", [(0.0, 0.0), (0.4, 0.1), (1.2, 0.3)])
def test_triangle_u1_plus_2u2_le_2(d: tuple[float, float]) -> None:
    r"""S = {u1 + 2 u2 <= 2, u >= 0}, from d: a(d) = (2 - 2 d2, 1 - d1/2), so with the slack
    g = 2 - d1 - 2 d2 the midpoint is d + (g/2, g/4), and g(d + (g/2, g/4)) = g - g/2 - g/2 = 0:
    one step to (d1 + g/2, d2 + g/4). From d = 0: (1, 1/2), the midpoint of (2, 0) and (0, 1)."""
    frontier = bg.Frontier(("a", "b"), "1 - a/2", domain=(0, 2), disagreement_point=d)
    g = 2 - d[0] - 2 * d[1]
    s = raiffa_solution(frontier)
    np.testing.assert_allclose(s.utilities, [d[0] + g / 2, d[1] + g / 4], atol=1e-7)
    assert raiffa_path(frontier).steps == 1


def test_capped_dollar_discrete_closed_form() -> None:
    r"""S = {u1 <= 1/2, u1 + u2 <= 1}, d = 0: a(c) = (min(1/2, 1 - c2), 1 - c1).
    d1 = ((0 + 1/2)/2, (0 + 1)/2) = (1/4, 1/2); a(d1) = (1/2, 3/4);
    d2 = (3/8, 5/8), on the frontier (3/8 + 5/8 = 1): exactly two steps.
    KS here is (1/3, 2/3) (ideal (1/2, 1)) and Nash (1/2, 1/2): Raiffa differs from both."""
    path = raiffa_path(capped_dollar())
    assert path.steps == 2
    np.testing.assert_allclose(path.points, [[0, 0], [0.25, 0.5], [0.375, 0.625]], atol=1e-8)
    s = raiffa_solution(capped_dollar())
    np.testing.assert_allclose(s.utilities, [3 / 8, 5 / 8], atol=1e-7)
    assert s.agreement["x"] == pytest.approx(3 / 8, abs=1e-7)


def test_capped_dollar_continuous_closed_form() -> None:
    r"""The same set on the continuous path (Livne 1989), d(0) = 0, c = 1/2 the cap.
    While d2 < 1 - c, a = (c, 1 - d1): d1' = c - d1 gives d1 = c (1 - e^{-t}); d2' = 1 - d1 - d2
    gives d2 = (1 - c)(1 - e^{-t}) + c t e^{-t}. d2 reaches 1 - c when c t e^{-t} = (1 - c) e^{-t},
    at t* = (1 - c)/c = 1. After that a = (1 - d2, 1 - d1): d1' = d2', a 45-degree line to
    u1 + u2 = 1, which closes the gap c e^{-t*} equally: u = (c - c e^{-1}/2, 1 - c + c e^{-1}/2)
    = (1/2 - e^{-1}/4, 1/2 + e^{-1}/4) = (0.40803..., 0.59197...)."""
    s = continuous_raiffa_solution(capped_dollar())
    exact = 0.5 - math.exp(-1) / 4
    np.testing.assert_allclose(s.utilities, [exact, 1 - exact], atol=1e-6)
    assert s.concept == "raiffa_path" and s.method == "continuous path"


@pytest.mark.parametrize(("n", "steps"), [(2, 20), (3, 35)])
def test_the_gap_shrinks_geometrically_by_one_minus_one_over_n(n: int, steps: int) -> None:
    r"""On the box [0, 1]^n, a(c) = (1, ..., 1) whatever c: each step closes 1/n of the gap,
    d_k = 1 - (1 - 1/n)^k, so the tolerance 1e-6 takes the least k with (1 - 1/n)^k <= 1e-6:
    20 for n = 2 (2^-20 = 9.5e-7), 35 for n = 3 ((2/3)^35 = 6.9e-7, (2/3)^34 = 1.03e-6).
    That is the general bound g_{k+1} <= (1 - 1/n) g_k, met with equality."""
    path = raiffa_path(box(n), tolerance=1e-6)
    assert path.steps == steps == math.ceil(math.log(1e-6) / math.log(1 - 1 / n))
    k = np.arange(steps + 1)
    np.testing.assert_allclose(path.points[:, 0], 1 - (1 - 1 / n) ** k, atol=1e-8)
    np.testing.assert_allclose(path.gaps, (1 - 1 / n) ** k, atol=1e-8)
    assert path.converged


def reference_iteration(d: tuple[float, float], tol: float) -> tuple[tuple[float, float], int]:
    """The midpoint recursion on S = {u2 <= 1 - u1^2, u >= 0}, in plain floats:
    a1(c) = sqrt(1 - c2) (the frontier solved for u1), a2(c) = 1 - c1^2."""
    x, y = d
    for k in range(100):
        a1, a2 = math.sqrt(1 - y), 1 - x * x
        if max(a1 - x, a2 - y) <= tol:
            return (x, y), k
        x, y = (x + a1) / 2, (y + a2) / 2
    raise AssertionError("no convergence")


@pytest.mark.parametrize("d", [(0.0, 0.0), (0.3, 0.1), (0.0, 0.6)])
def test_curved_frontier_matches_the_recursion_in_plain_floats(d: tuple[float, float]) -> None:
    """On a strictly curved frontier the midpoint lies O(gap^2) below it: the iteration
    converges in a handful of steps (quadratically), and the package matches the recursion."""
    frontier = bg.Frontier(("a", "b"), "1 - a**2", disagreement_point=d)
    (x, y), k = reference_iteration(d, 1e-9)
    path = raiffa_path(frontier)
    assert abs(path.steps - k) <= 1
    np.testing.assert_allclose(raiffa_solution(frontier).utilities, [x, y], atol=1e-7)


@settings(max_examples=8, deadline=None)
@given(
    st.floats(0.1, 10.0),
    st.floats(0.1, 10.0),
    st.floats(-5.0, 5.0),
    st.floats(-5.0, 5.0),
    st.floats(0.0, 0.3),
)
def test_raiffa_is_invariant_under_positive_affine_maps(
    s1: float, s2: float, t1: float, t2: float, d: float
) -> None:
    """u -> (s1 u1 + t1, s2 u2 + t2) maps the recursion onto itself (a_i and the averages are affine):
    the solution maps with it (derived here)."""
    base = bg.Frontier(("a", "b"), "1 - a**2", disagreement_point=(d, 0.0))
    (x, y), _ = reference_iteration((d, 0.0), 1e-10)
    mapped = bg.Frontier(
        ("a", "b"),
        f"{s2} * (1 - ((a - {t1}) / {s1})**2) + {t2}",
        domain=(t1, s1 + t1),
        disagreement_point=(s1 * d + t1, t2),
    )
    u = raiffa_solution(mapped).utilities
    scale = max(1.0, abs(s1) + abs(t1), abs(s2) + abs(t2))
    np.testing.assert_allclose(u, [s1 * x + t1, s2 * y + t2], atol=1e-6 * scale)
    assert base.parties == mapped.parties


def three_party_split(powers: list[float], weights: list[float]) -> None:
    r"""Three parties split a unit; party i values its share x_i as w_i x_i^{p_i} (concave).
    Along the iteration every d_k rises and the gap falls by at least the factor 2/3 (the bound
    g_{k+1} <= (1 - 1/n) g_k), and the answer is on the frontier: the shares sum to 1."""
    names = ["x0", "x1", "x2"]
    problem = bg.BargainingProblem(
        [
            bg.Party(f"p{i}", f"{w} * {x}**{p}")
            for i, (x, w, p) in enumerate(zip(names, weights, powers, strict=True))
        ],
        [bg.ContinuousIssue(x, 0, 1) for x in names],
        constraints=[bg.Constraint("x0 + x1 + x2 <= 1")],
    )
    path = raiffa_path(problem, tolerance=1e-7)
    assert np.all(np.diff(path.points, axis=0) >= -1e-8)
    assert np.all(path.gaps[1:] <= (2 / 3) * path.gaps[:-1] + 1e-7)
    s = raiffa_solution(problem, tolerance=1e-7)
    assert sum(s.agreement.values()) == pytest.approx(1.0, abs=1e-6)


def test_three_party_gaps_contract_and_points_rise() -> None:
    """One asymmetric case by default (each new problem costs a cvxpy compilation)."""
    three_party_split([0.5, 1.0, 0.5], [1.0, 2.5, 0.6])


@pytest.mark.slow
@settings(max_examples=6, deadline=None)
@given(
    st.lists(st.sampled_from([0.5, 1.0]), min_size=3, max_size=3),
    st.lists(st.floats(0.5, 3.0), min_size=3, max_size=3),
)
def test_three_party_gaps_contract_and_points_rise_random(powers: list[float], weights: list[float]) -> None:
    """The same on random concave utilities."""
    three_party_split(powers, weights)


def test_lottery_hull_of_a_finite_set_and_the_finite_set_itself() -> None:
    """The convex hull of (1, 0), (0, 1), (0, 0) is divide the dollar: (1/2, 1/2). Without
    lotteries the midpoints are not in the set: a clear error, not an answer."""
    points = [[1, 0], [0, 1], [0, 0]]
    hull = bg.UtilitySet(("a", "b"), points, lotteries=True)
    np.testing.assert_allclose(raiffa_solution(hull).utilities, [0.5, 0.5], atol=1e-6)
    with pytest.raises(bg.InvalidGameError, match="lotteries"):
        raiffa_solution(bg.UtilitySet(("a", "b"), points))


def test_no_agreement_and_bad_options() -> None:
    """d above the frontier: no agreement, as for the other concepts; a tolerance outside (0, 1)
    and a name that is not a Raiffa concept are errors."""
    blocked = bg.Frontier(("a", "b"), "1 - a", disagreement_point=(0.7, 0.7))
    s = raiffa_solution(blocked)
    assert not s.agreement_exists and s.blocking
    with pytest.raises(bg.InvalidGameError, match="tolerance"):
        raiffa_solution(capped_dollar(), tolerance=0.0)
    assert raiffa_key("Raiffa") == "raiffa" and raiffa_key("livne") == "raiffa_path"
    assert raiffa_key("nash") is None


def test_solve_by_name_and_the_command_line(tmp_path: object) -> None:
    """``bg.solve(p, "raiffa")`` and ``bargain solve --solution raiffa`` (JSON and table); ``"all"``
    keeps the four axiomatic concepts only."""
    assert bg.solve(capped_dollar(), "raiffa").utilities[0] == pytest.approx(3 / 8, abs=1e-7)
    assert [s.concept for s in bg.solve_all(capped_dollar(), "raiffa")] == ["raiffa"]
    runner = CliRunner()
    result = runner.invoke(cli, ["solve", "games/divide_the_dollar.json", "-s", "raiffa", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (solution,) = data["solutions"]
    assert solution["concept"] == "raiffa"
    assert solution["parties"]["alice"]["utility"] == pytest.approx(0.5, abs=1e-7)
    table = runner.invoke(cli, ["solve", "games/divide_the_dollar.json", "-s", "raiffa"])
    assert table.exit_code == 0 and "Raiffa (discrete)" in table.output
    bad = runner.invoke(cli, ["solve", "games/divide_the_dollar.json", "-s", "raifa"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    assert "did you mean 'raiffa'" in bad.output


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e3, 1e4])
def test_common_rescaling_moves_nothing(scale: float) -> None:
    """The issue's rescaling case (K sqrt(x), K (1 - x)): the frontier is u_b/K = 1 - (u_a/K)^2, so the
    Raiffa point is K times the plain-float recursion's, and the share is x = (u_a/K)^2, for every K."""
    problem = bg.BargainingProblem(
        [bg.Party("a", f"{scale}*sqrt(x)"), bg.Party("b", f"{scale}*(1 - x)")],
        [bg.ContinuousIssue("x", 0, 1)],
    )
    (ua, ub), _ = reference_iteration((0.0, 0.0), 1e-12)
    s = raiffa_solution(problem)
    assert s.agreement["x"] == pytest.approx(ua**2, rel=1e-7)
    np.testing.assert_allclose(s.utilities, [scale * ua, scale * ub], rtol=1e-7)


def test_a_union_of_pieces_that_the_midpoints_leave_is_an_error() -> None:
    """Two agreements, (1, 0) and (0, 1), no lotteries, d = (-1, -1): d_1 = (0, 0) is below both, but
    d_2 = (1/2, 1/2) is below neither; the error says so (with lotteries the answer is (1/2, 1/2))."""
    parties = [bg.Party("a", "1 - deal", disagreement=-1), bg.Party("b", "deal", disagreement=-1)]
    issues = [bg.DiscreteIssue("deal", [bg.Level("A", 0), bg.Level("B", 1)])]
    with pytest.raises(bg.InvalidGameError, match=r"\[0.5, 0.5\] is not below any feasible agreement"):
        raiffa_solution(bg.BargainingProblem(parties, issues))
    mixed = raiffa_solution(bg.BargainingProblem(parties, issues, lotteries=True))
    np.testing.assert_allclose(mixed.utilities, [0.5, 0.5], atol=1e-6)
