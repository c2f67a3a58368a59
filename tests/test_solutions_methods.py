"""solve(problem, "nash", method=...): conic, newton and auto agree, and say which answered and why."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import bargaining as bg
from bargaining.errors import InvalidGameError, SolverError
from bargaining.io import load
from bargaining.model.issue_space import BargainingProblem, Constraint, ContinuousIssue, Parameter, Party
from bargaining.solutions import nash_bargaining_solution, solve, solve_all
from bargaining.solutions.nash_newton import newton_nash
from bargaining.solutions.smooth import SmoothStructure

ROOT = Path(__file__).resolve().parents[1]
KURSK = load(ROOT / "games" / "kursk.json")


def dollar(d_a: float = 0.0, d_b: float = 0.0) -> BargainingProblem:
    """Divide a dollar: the Nash share of a is d_a + w_a/(w_a + w_b) (1 - d_a - d_b)."""
    return BargainingProblem(
        [Party("a", "share", disagreement="d_a"), Party("b", "1 - share", disagreement="d_b")],
        [ContinuousIssue("share", 0, 1)],
        [Parameter("d_a", d_a, (-1, 1)), Parameter("d_b", d_b, (-1, 1))],
    )


@pytest.mark.parametrize("method", ["conic", "newton", "auto"])
def test_every_method_gives_the_closed_form_and_records_itself(method: str) -> None:
    s = solve(dollar(0.1, 0.3), "nash", method=method)
    assert s.agreement["share"] == pytest.approx(0.1 + 0.6 / 2, abs=1e-7)
    assert s.method == ("conic" if method == "conic" else "newton")
    assert s.fallback == ""
    assert s.to_dict()["method"] == {"name": s.method, "fallback": None}


def test_newton_takes_explicit_bargaining_powers() -> None:
    s = nash_bargaining_solution(dollar(), [3.0, 1.0], method="newton")
    assert s.agreement["share"] == pytest.approx(0.75, abs=1e-8)
    assert s.concept_name == "asymmetric Nash"
    np.testing.assert_allclose(s.weights, [3.0, 1.0])


def test_newton_matches_conic_on_kursk_ideal_point_included() -> None:
    newton, conic = solve(KURSK, "nash", method="newton"), solve(KURSK, "nash", method="conic")
    assert newton.agreement["security"] == conic.agreement["security"]
    np.testing.assert_allclose(newton.utilities, conic.utilities, atol=1e-6)
    # The ideal point is certified on the Newton path too (smooth_concepts.ideal_point).
    np.testing.assert_allclose(newton.ideal_point, conic.ideal_point, rtol=1e-6, atol=1e-6)


def test_auto_falls_back_to_conic_and_says_why() -> None:
    constrained = BargainingProblem(
        [Party("a", "x"), Party("b", "y")],
        [ContinuousIssue("x"), ContinuousIssue("y")],
        constraints=[Constraint("x + y <= 1")],
    )
    s = solve(constrained, "nash", method="auto")
    assert s.method == "conic" and "constraints" in s.fallback
    assert s.to_dict()["method"]["fallback"] == s.fallback
    assert s.agreement["x"] == pytest.approx(0.5, abs=1e-6)
    frontier = bg.Frontier(("a", "b"), "1 - a")
    s = solve(frontier, "nash", method="auto")
    assert s.method == "conic" and "Frontier" in s.fallback
    assert [round(float(u), 6) for u in s.utilities] == [0.5, 0.5]
    with pytest.raises(SolverError, match="constraints"):
        solve(constrained, "nash", method="newton")


def test_no_agreement_from_newton_names_who_blocks_as_conic_does() -> None:
    problem = dollar(0.7, 0.6)
    newton, conic = solve(problem, "nash", method="newton"), solve(problem, "nash", method="conic")
    assert not newton.agreement_exists and not conic.agreement_exists
    assert newton.blocking == conic.blocking and newton.method == "newton"


def test_the_default_is_auto_everywhere() -> None:
    # The library answers as `bargain solve` does: Newton where it certifies, else conic, saying why.
    assert solve(dollar(), "nash").method == "newton"
    assert bg.nash_bargaining_solution(dollar()).method == "newton"
    every = solve_all(dollar())
    assert [every[c].method for c in ("nash", "ks", "egalitarian")] == ["newton"] * 3
    # Every split of the dollar is utilitarian: Newton cannot certify the tie-break, conic breaks it.
    assert every["utilitarian"].method == "conic" and "strictly concave" in every["utilitarian"].fallback
    finite = bg.UtilitySet(("a", "b"), [[1, 0], [0, 1], [0.6, 0.6]])
    assert solve(finite, "nash").method == "enumeration"
    assert solve_all(dollar(), method="conic")["nash"].method == "conic"
    assert solve_all(dollar(), method="conic")["ks"].method == ""  # one method: not recorded


def test_bad_methods_say_what_is_wrong() -> None:
    with pytest.raises(InvalidGameError, match="did you mean 'newton'"):
        solve(dollar(), "nash", method="neuton")
    finite = bg.UtilitySet(("a", "b"), [[1, 0], [0, 1], [0.6, 0.6]])
    with pytest.raises(SolverError, match="issue-space problems"):
        solve(finite, "ks", method="newton")
    fallen = solve(finite, "ks", method="auto")
    assert fallen.method == "enumeration" and "issue-space problems" in fallen.fallback


def test_one_point_and_a_batch_run_the_same_routine() -> None:
    structure = SmoothStructure.for_problem(KURSK)
    assert structure is not None
    values = [0.0, 400.0, 1294.0]
    batch = newton_nash(structure, KURSK, [{"kursk_held": v} for v in values])
    for v, together in zip(values, batch, strict=True):
        alone = solve(KURSK.with_parameters(kursk_held=v), "nash", method="newton")
        assert together is not None
        assert together.agreement["security"] == alone.agreement["security"]
        np.testing.assert_allclose(together.utilities, alone.utilities, rtol=0, atol=1e-12)
