"""solutions.stacked and smooth_all: stacked barrier runs give each program the answer it gets alone."""

from __future__ import annotations

import numpy as np
import pytest
from strategies import ROOT

from bargaining.io import load
from bargaining.solutions import solve, solve_all
from bargaining.solutions.concept_programs import maxmin_job, maxmin_points
from bargaining.solutions.nash_programs import start
from bargaining.solutions.newton import barrier_newton
from bargaining.solutions.smooth import SmoothStructure
from bargaining.solutions.smooth_concepts import forget_points
from bargaining.solutions.stacked import solve_together

KURSK = load(ROOT / "games" / "kursk.json")


@pytest.mark.parametrize("values", [{}, {"kursk_held": 0.0}, {"us_support": -0.6, "war_cost_russia": 0.5}])
def test_solve_all_gives_what_each_concept_gives_alone(values: dict[str, float]) -> None:
    """The stacked path of solve_all and the one-concept path (solve) agree, answer or reason for none.

    The stacked runs skip the first barrier weight, so the two paths agree to rounding, not bit for bit.
    """
    problem = KURSK.with_parameters(values)
    forget_points()
    table = solve_all(problem, method="auto")
    for s in table.solutions:
        forget_points()  # the one-concept path computes its starts and ideal point afresh
        alone = solve(problem, s.concept, method="auto")
        assert (s.method, s.fallback) == (alone.method, alone.fallback), s.concept
        np.testing.assert_allclose(s.utilities, alone.utilities, rtol=0, atol=1e-10)
        np.testing.assert_allclose(s.ideal_point, alone.ideal_point, rtol=0, atol=1e-10)
        assert s.agreement.keys() == alone.agreement.keys()
        for key, value in s.agreement.items():
            assert value == pytest.approx(alone.agreement[key], abs=1e-10), (s.concept, key)


def test_rows_of_a_stacked_run_take_the_steps_they_take_alone() -> None:
    """Two max-min programs of different targets, stacked, end where each ends on its own run."""
    structure = SmoothStructure.for_problem(KURSK)
    assert structure is not None
    batch = structure.instances(KURSK, [{}])
    box = (batch.lo, batch.hi)
    x, found, _ = start(structure, batch.cols, batch.lo, batch.hi, batch.d)
    assert found.any()
    targets = [np.ones_like(batch.d), np.tile([2.0, 1.0], (len(batch.d), 1))]
    jobs = [maxmin_job(structure, batch.cols, box, batch.d, w, x) for w in targets]
    stacked = solve_together(structure, jobs)
    for job, w, result in zip(jobs, targets, stacked, strict=True):
        alone = barrier_newton(job.program, job.z, job.lo, job.hi, job.alive)
        np.testing.assert_array_equal(result.last, alone.last)
        np.testing.assert_allclose(result.z, alone.z, rtol=0, atol=1e-13)
        bracket = maxmin_points(structure, batch.cols, box, batch.d, w, x)
        np.testing.assert_allclose(result.z[:, :-1], bracket.x, rtol=0, atol=1e-13)
