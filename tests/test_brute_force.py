"""Cross-check the convex solvers against brute force on random issue-space problems.

Each problem has two continuous issues on [0, 1] (with x + y <= 1) and one
discrete issue; utilities are random concave functions. A 201 x 201 grid of
every piece gives an independent lower bound on each concept's objective: the
solver's answer must be at least as good as every grid point (up to the grid's
resolution), and must itself be feasible.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import bargaining as bg

GRID = np.linspace(0.0, 1.0, 201)
X, Y = np.meshgrid(GRID, GRID)
FEASIBLE = X + Y <= 1.0 + 1e-12


@st.composite
def problems(draw: st.DrawFn) -> bg.BargainingProblem:
    coef = st.floats(0.1, 2.0).map(lambda v: round(v, 2))
    a = [draw(coef) for _ in range(4)]
    b = [draw(coef) for _ in range(4)]
    d = [draw(st.floats(-0.5, 0.3).map(lambda v: round(v, 2))) for _ in range(2)]
    levels = {"low": 0.0, "mid": draw(st.floats(0.2, 0.8).map(lambda v: round(v, 2))), "high": 1.0}
    return bg.BargainingProblem(
        parties=[
            bg.Party("a", f"{a[0]}*sqrt(x) + {a[1]}*y + {a[2]}*g - {a[3]}*x**2/4", disagreement=d[0]),
            bg.Party(
                "b",
                f"{b[0]}*(1 - x) + {b[1]}*sqrt(1 - y) - {b[2]}*g**2 + {b[3]}*min(y, 0.5)",
                disagreement=d[1],
            ),
        ],
        issues=[
            bg.ContinuousIssue("x", 0, 1),
            bg.ContinuousIssue("y", 0, 1),
            bg.DiscreteIssue("g", levels),
        ],
        constraints=[bg.Constraint("x + y <= 1")],
    )


def grid_utilities(problem: bg.BargainingProblem) -> np.ndarray:
    """Utilities of every grid point of every piece, shape (points, 2)."""
    rows = []
    for combo in problem.level_combinations():
        values = {"x": X[FEASIBLE], "y": Y[FEASIBLE], **{k: v.value for k, v in combo.items()}}
        rows.append(
            np.column_stack(
                [np.broadcast_to(p.utility.evaluate(values), X[FEASIBLE].shape) for p in problem.parties]
            )
        )
    return np.vstack(rows)


@settings(max_examples=8, deadline=None)
@given(problems())
def test_solutions_beat_every_grid_point(problem: bg.BargainingProblem) -> None:
    u = grid_utilities(problem)
    d = problem.disagreement_point()
    gains = u - d
    slack = 2e-2 * max(1.0, float(np.abs(u).max()))  # the grid's resolution (sqrt kink at 0)
    if not (gains > 0).all(axis=1).any():
        return  # the solver may find agreements the grid misses; nothing to compare
    for concept in bg.SOLUTION_CONCEPTS:
        s = bg.solve(problem, concept)
        assert s.agreement_exists
        assert s.agreement["x"] + s.agreement["y"] <= 1 + 1e-6
        np.testing.assert_allclose(problem.utilities_at(s.agreement), s.utilities, atol=1e-9)
        g = s.gains
        if concept == "nash":
            positive = (gains > 0).all(axis=1)
            assert np.prod(g) >= np.prod(gains[positive], axis=1).max() - slack
        elif concept == "egalitarian":
            assert g.min() >= gains.min(axis=1).max() - slack
        elif concept == "utilitarian":
            # The utilitarian solution maximises the sum over S restricted to u >= d
            # (its docstring), so only individually rational grid points compete.
            rational = (gains >= 0).all(axis=1)
            assert u[rational].sum(axis=1).max() - slack <= s.utilities.sum()
        else:
            span = s.ideal_point - d
            rational = (gains >= 0).all(axis=1)
            assert (s.ideal_point >= u[rational].max(axis=0) - slack).all()
            assert (g / span).min() >= (gains[rational] / span).min(axis=1).max() - slack
