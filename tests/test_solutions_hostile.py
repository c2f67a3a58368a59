"""Hostile and careless bargaining specs (issue 10): empty feasible sets, undefined
utilities, sizes nothing refused, inaccurate optima on exact answers."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from strategies import ROOT, run

import bargaining as bg
from bargaining.errors import SpecError
from bargaining.solutions import solve

DOLLAR = [bg.Party("a", "x"), bg.Party("b", "1 - x")]


def _spec(tmp_path: Path, parties: list[dict[str, Any]], issues: list[dict[str, Any]], **extra: Any) -> str:
    data = {"format": "bargaining", "version": 1, "kind": "issue_space", "name": "t"}
    data.update(parties=parties, issues=issues, **extra)
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(data))
    return str(path)


def _timed(*args: str) -> tuple[int, str, str]:
    # A guard against hangs (these inputs once ran for minutes), not a speed goal: those live in
    # benchmarks/. Each answers in well under a second alone; 30 s leaves room for a loaded CI machine.
    start = time.perf_counter()
    code, out, err = run(*args)
    assert time.perf_counter() - start < 30
    assert "Traceback" not in out + err
    return code, out, err


# --------------------------------------------------------------------------- empty feasible sets


def test_a_constraint_no_point_meets_is_a_spec_error() -> None:
    with pytest.raises(SpecError, match=r"constraints\[0\].*'x <= -1'.*by at least 1"):
        bg.BargainingProblem(DOLLAR, [bg.ContinuousIssue("x", 0, 1)], constraints=[bg.Constraint("x <= -1")])


def test_an_equality_no_point_meets_is_a_spec_error() -> None:
    with pytest.raises(SpecError, match=r"constraints\[0\].*differ by at least 0.5"):
        bg.BargainingProblem(DOLLAR, [bg.ContinuousIssue("x", 0, 1)], constraints=[bg.Constraint("x == 1.5")])


def test_a_thin_feasible_set_is_not_refused() -> None:
    # x + y == 1 meets no sampled point but many agreements: the exact affine range decides.
    parties = [bg.Party("a", "x"), bg.Party("b", "y")]
    issues = [bg.ContinuousIssue("x", 0, 1), bg.ContinuousIssue("y", 0, 1)]
    problem = bg.BargainingProblem(parties, issues, constraints=[bg.Constraint("x + y == 1")])
    solution = bg.nash_bargaining_solution(problem)
    assert np.allclose(solution.utilities, [0.5, 0.5], atol=1e-6)


def test_constraints_that_exclude_each_other_are_a_spec_error_when_solved() -> None:
    parties = [bg.Party("a", "x"), bg.Party("b", "1 - y")]
    issues = [bg.ContinuousIssue("x", 0, 1), bg.ContinuousIssue("y", 0, 1)]
    problem = bg.BargainingProblem(
        parties, issues, constraints=[bg.Constraint("x + y >= 1.5"), bg.Constraint("x - y >= 0.9")]
    )
    with pytest.raises(SpecError, match=r"constraints:.*constraints\[0\] 'x \+ y >= 1.5'.*constraints\[1\]"):
        bg.solve_all(problem)


def test_a_nonlinear_constraint_no_point_meets_is_a_spec_error_when_solved() -> None:
    problem = bg.BargainingProblem(
        DOLLAR, [bg.ContinuousIssue("x", 0, 1)], constraints=[bg.Constraint("x**2 <= -1")]
    )
    with pytest.raises(SpecError, match=r"constraints:.*'x\*\*2 <= -1'"):
        bg.nash_bargaining_solution(problem)


def test_cli_empty_feasible_set_exits_2_in_validate_and_solve(tmp_path: Path) -> None:
    parties = [{"name": "a", "utility": "x"}, {"name": "b", "utility": "1 - x"}]
    spec = _spec(
        tmp_path, parties, [{"name": "x", "lower": 0, "upper": 1}], constraints=[{"expression": "x <= -1"}]
    )
    for command in ("validate", "solve"):
        code, out, err = _timed(command, spec)
        assert code == 2
        assert "constraints[0]" in err and "'x <= -1'" in err and "blocked" not in out + err


# --------------------------------------------------------------------------- undefined utilities


def test_a_utility_undefined_on_the_whole_box_is_a_spec_error() -> None:
    parties = [bg.Party("a", "1 + sqrt(x)"), bg.Party("b", "1 + x")]
    with pytest.raises(SpecError, match=r"parties\[0\]\.utility.*'a'.*sqrt\(x\) is undefined"):
        bg.BargainingProblem(parties, [bg.ContinuousIssue("x", -5, -1)])


def test_cli_undefined_utility_exits_2_and_validate_imports_no_solver(tmp_path: Path) -> None:
    parties = [{"name": "a", "utility": "sqrt(x)"}, {"name": "b", "utility": "1 + x"}]
    spec = _spec(tmp_path, parties, [{"name": "x", "lower": -5, "upper": -1}])
    for command in ("validate", "solve"):
        code, _, err = _timed(command, spec)
        assert code == 2 and "parties[0].utility" in err and "sqrt(x)" in err
    kursk = str(ROOT / "games" / "kursk.json")
    script = (
        "import sys\nfrom bargaining.cli import main\n"
        f"try:\n    main(['validate', {kursk!r}])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('cvxpy', 'sympy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_a_utility_undefined_on_part_of_the_box_is_noted() -> None:
    # sqrt(x) on [-1, 1]: the solver keeps to x >= 0; the result says so. The answer is then the
    # curved frontier's u_b = 1 - u_a^2, Nash at u_a = 1/sqrt(3) (maximise u(1 - u^2)).
    parties = [bg.Party("a", "sqrt(x)"), bg.Party("b", "1 - x")]
    solution = bg.nash_bargaining_solution(bg.BargainingProblem(parties, [bg.ContinuousIssue("x", -1, 1)]))
    assert np.isclose(solution.utilities[0], 1 / np.sqrt(3), atol=1e-6)
    assert any("undefined inside the issues' box (sqrt(x) at x = -" in note for note in solution.notes)


def test_log_at_the_boundary_is_not_noted() -> None:
    parties = [bg.Party("a", "log(x)", disagreement=-5), bg.Party("b", "1 - x")]
    solution = bg.nash_bargaining_solution(bg.BargainingProblem(parties, [bg.ContinuousIssue("x", 0, 1)]))
    assert not solution.notes


# --------------------------------------------------------------------------- inaccurate optima


@pytest.mark.parametrize("spec", ["divide_the_dollar.json", "curved_frontier.json"])
def test_exact_textbook_answers_carry_no_inaccuracy_warning(spec: str) -> None:
    code, out, _ = _timed("solve", str(ROOT / "games" / spec))
    assert code == 0 and "inaccurate" not in out


def test_certified_nash_matches_the_closed_form() -> None:
    # Nash (1950): the dollar split evenly; u_b = 1 - u_a^2 gives u_a = sqrt(3)/3, u_b = 2/3.
    dollar = bg.nash_bargaining_solution(bg.BargainingProblem(DOLLAR, [bg.ContinuousIssue("x", 0, 1)]))
    curve = bg.nash_bargaining_solution(bg.Frontier(("alice", "bob"), "1 - alice**2", domain=(0, 1)))
    assert dollar.status == curve.status == "optimal"
    assert np.allclose(dollar.utilities, [0.5, 0.5], atol=1e-7)
    assert np.allclose(curve.utilities, [np.sqrt(3) / 3, 2 / 3], atol=1e-7)


def test_the_first_order_check_fails_away_from_the_optimum() -> None:
    from bargaining.solutions.certify import certify_nash
    from bargaining.solutions.feasible import feasible_set

    problem = bg.BargainingProblem(DOLLAR, [bg.ContinuousIssue("x", 0, 1)])
    [(model, _)] = list(feasible_set(problem).pieces())
    d, w = np.zeros(2), np.ones(2)
    assert certify_nash(model, np.array([0.5, 0.5]), d, w)[0]
    ok, gap = certify_nash(model, np.array([0.4, 0.6]), d, w)
    # c = (1/2)/(0.4, 0.6); max c.u on u_a + u_b = 1 is at u_a = 1: 1.25 - 1 = 0.25
    assert not ok and np.isclose(gap, 0.25, atol=1e-6)


# --------------------------------------------------------------------------- solver noise in tables


def test_tables_round_solver_noise_but_to_dict_keeps_it() -> None:
    # max log(x) + 1 - x on [0, 1] is flat at x = 1: the solver stops a few 1e-6 short, and
    # u_b = 1 - x showed as 4.851e-06 where it is 0.
    parties = [bg.Party("a", "log(x)", disagreement=-5), bg.Party("b", "1 - x")]
    problem = bg.BargainingProblem(parties, [bg.ContinuousIssue("x", 0, 1)])
    solution = solve(problem, "utilitarian", method="conic")
    noise = solution.to_dict()["parties"]["b"]["utility"]
    assert 0 < abs(noise) < 1e-4
    row = solution.to_table().splitlines()[2].split()
    assert row[1:] == ["1", "0", "5", "0", "0"]
    # The Newton path (the default) stops as far inside, then tries the bound, which is no worse.
    assert bg.utilitarian_solution(problem).agreement["x"] == 1.0


# --------------------------------------------------------------------------- sizes


def test_sixteen_million_pieces_are_refused(tmp_path: Path) -> None:
    levels = [{"name": f"l{j}", "value": j} for j in range(4)]
    issues: list[dict[str, Any]] = [
        {"name": f"s{i}", "type": "discrete", "levels": levels} for i in range(12)
    ]
    issues.append({"name": "x", "lower": 0, "upper": 1})
    parties = [{"name": "a", "utility": "x + s0"}, {"name": "b", "utility": "1 - x"}]
    spec = _spec(tmp_path, parties, issues)
    for command in ("validate", "solve"):
        code, _, err = _timed(command, spec)
        assert code == 2 and "issues:" in err and "16,777,216 combinations" in err and "4,096" in err


def test_a_horizon_of_a_billion_is_refused(tmp_path: Path) -> None:
    code, _, err = _timed("rubinstein", "--delta", "0.9", "0.8", "--horizon", "1000000000")
    assert code == 2 and "1<=x<=100000" in err
    code, _, err = _timed("rubinstein", "--delta", "0.9", "0.8", "--horizon", "2000", "--formula")
    assert code == 2 and "horizon:" in err and "up to 50 offers" in err
    players = [{"name": "a", "discount_factor": 0.9}, {"name": "b", "discount_factor": 0.8}]
    data = {"format": "bargaining", "version": 1, "kind": "rubinstein", "players": players}
    path = tmp_path / "rubinstein.json"
    path.write_text(json.dumps({**data, "horizon": 10**9}))
    code, _, err = _timed("solve", str(path))
    assert code == 2 and "horizon: 1,000,000,000 offers are more than the 100,000" in err


def test_the_longest_horizon_allowed_matches_the_infinite_game() -> None:
    # Rubinstein (1982): with no deadline the first proposer gets (1 - d1)/(1 - d0 d1) = 0.2/0.28.
    from bargaining.sequential.rubinstein import rubinstein_solution

    start = time.perf_counter()
    finite = rubinstein_solution((0.9, 0.8), horizon=100_000)
    assert time.perf_counter() - start < 2
    assert abs(finite.shares[0] - 0.2 / 0.28) < 1e-12


def _dollar_among(n: int) -> bg.BargainingProblem:
    issues = [bg.ContinuousIssue(f"x{i}", 0, 1) for i in range(n - 1)]
    rest = "1 - " + " - ".join(f"x{i}" for i in range(n - 1))
    parties = [bg.Party(f"p{i}", f"x{i}") for i in range(n - 1)] + [bg.Party("last", rest)]
    return bg.BargainingProblem(parties, issues)


def test_many_parties_share_one_program_for_the_ideal_point() -> None:
    # Dividing a dollar among n: Nash gives each 1/n (Nash 1950, by symmetry); each party's ideal is 1.
    from bargaining.solutions.convex import SHARED_BEST

    n = SHARED_BEST + 4
    solution = bg.solve_all(_dollar_among(n), "nash")["nash"]
    assert np.allclose(solution.utilities, 1 / n, atol=1e-6) and solution.status == "optimal"
    assert np.allclose(solution.ideal_point, 1.0, atol=1e-6)


@pytest.mark.slow
def test_fifty_parties_solve_in_seconds() -> None:
    start = time.perf_counter()
    solution = bg.solve_all(_dollar_among(50), "nash")["nash"]
    assert time.perf_counter() - start < 30  # was 414 s: a compilation per party's ideal point
    assert np.allclose(solution.utilities, 1 / 50, atol=1e-6)
