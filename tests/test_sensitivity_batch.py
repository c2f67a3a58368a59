"""The batch Nash path of the sweeps: any number of issues and parties, checked against the conic path.

Issue 9, bug 6: per-issue bounds were broadcast against per-party values, so a Nash sweep
crashed whenever there was more than one continuous issue and the issue count differed from
the party count.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import run

import bargaining as bg
from bargaining.io import save
from bargaining.sensitivity import grid, monte_carlo, sweep, threshold, tornado
from bargaining.solutions.concepts import solve


def _three_issues() -> bg.BargainingProblem:
    # The audit's reproducer: a gets x + y, b gets 2 - x - y, z matters to no one. The Nash
    # split of the sum s = x + y maximises (s - d)(2 - s): s = 1 + d/2.
    return bg.BargainingProblem(
        [bg.Party("a", "x + y", disagreement="d"), bg.Party("b", "2 - x - y")],
        [bg.ContinuousIssue("x"), bg.ContinuousIssue("y"), bg.ContinuousIssue("z")],
        parameters=[bg.Parameter("d", 0.0, range=(0, 0.5))],
    )


def test_a_nash_sweep_over_three_issues_and_two_parties_gives_the_closed_form() -> None:
    result = sweep(_three_issues(), "d", [0.0, 0.2, 0.5], solution="nash")
    for d, row in zip([0.0, 0.2, 0.5], result.rows, strict=True):
        assert row["nash.a.utility"] == pytest.approx(1 + d / 2, abs=1e-8)
        assert row["nash.b.utility"] == pytest.approx(1 - d / 2, abs=1e-8)


def test_every_sensitivity_command_runs_nash_on_three_issues() -> None:
    p = _three_issues()
    assert len(grid(p, {"d": [0.0, 0.5]}, solution="nash").rows) == 2
    crossing = threshold(p, "d", "nash.a.utility = 1.1", solution="nash")
    assert crossing.thresholds[0].value == pytest.approx(0.2, abs=1e-6)  # 1 + d/2 = 1.1
    bars = tornado(p, "nash.a.utility", solution="nash")
    assert bars.bars[0].outcome_high == pytest.approx(1.25, abs=1e-8)
    draws = monte_carlo(p, 20, seed=1, solution="nash", uniform_ranges=True)
    np.testing.assert_allclose(draws.column("nash.a.utility"), 1 + draws.column("d") / 2, atol=1e-8)


def test_the_command_line_nash_sweep_prints_a_table_not_a_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "three.json"
    save(_three_issues(), path)
    code, out, err = run("sweep", str(path), "--param", "d=0:0.5:3", "--solution", "nash")
    assert code == 0, err
    assert "Traceback" not in out + err and "0.875" in out  # a gains 1 + d/2 - d at d = 0.25


@st.composite
def problems(draw: st.DrawFn) -> bg.BargainingProblem:
    """2-4 parties, 1-4 continuous issues in [0, 1], 0-2 two-level discrete issues.

    Party 0 gains sqrt(x_j) from every continuous issue, the others lose x_j linearly (each
    with its own weight), and each discrete issue's level adds to one side or the other.
    """
    n = draw(st.integers(2, 4))
    m = draw(st.integers(1, 4))
    k = draw(st.integers(0, 2))
    weight = st.floats(0.2, 2.0)
    issues: list[bg.ContinuousIssue | bg.DiscreteIssue] = [
        bg.ContinuousIssue(f"x{j}", 0, 1) for j in range(m)
    ]
    for j in range(k):
        issues.append(
            bg.DiscreteIssue(f"level{j}", [bg.Level("low", 0.0), bg.Level("high", draw(st.floats(0.1, 1.0)))])
        )
    parties = []
    for i in range(n):
        if i == 0:
            terms = [f"{draw(weight)}*sqrt(x{j})" for j in range(m)]
        else:
            terms = [f"{draw(weight)}*(1 - x{j})" for j in range(m)]
        terms += [f"{draw(st.floats(-0.5, 0.5))}*level{j}" for j in range(k)]
        disagreement = "d" if i == 0 else f"{draw(st.floats(0.0, 0.1))}"
        parties.append(bg.Party(f"p{i}", " + ".join(terms), disagreement=disagreement))
    return bg.BargainingProblem(parties, issues, parameters=[bg.Parameter("d", 0.0, range=(0, 0.2))])


@settings(max_examples=10, deadline=None)
@given(problem=problems())
def test_the_batch_nash_path_agrees_with_the_conic_path(problem: bg.BargainingProblem) -> None:
    values = [0.0, 0.1]
    rows = sweep(problem, "d", values, solution="nash").rows
    for d, row in zip(values, rows, strict=True):
        alone = solve(problem.with_parameters(d=d), "nash", method="conic")
        assert row["nash.agreement_exists"] == alone.agreement_exists
        if alone.agreement_exists:
            batch = [row[f"nash.{name}.utility"] for name in problem.party_names]
            # The conic Nash (power cones) is the less accurate side: up to ~3e-6 relative off
            # the certified Newton answer (measured in tests/test_solutions_scale.py), so an
            # absolute 2e-6 failed on utilities near 5 (a draw found 3.2e-6, 6.5e-7 relative).
            np.testing.assert_allclose(batch, alone.utilities, rtol=5e-6, atol=2e-6)
