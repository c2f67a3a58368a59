"""solutions.stacked and smooth_all: stacked barrier runs give each program the answer it gets alone."""

from __future__ import annotations

import numpy as np
import pytest
from strategies import ROOT

from bargaining.io import load
from bargaining.solutions import solve, solve_all
from bargaining.solutions.best_gain import best_gain_job
from bargaining.solutions.concept_programs import maxmin_job, maxmin_points
from bargaining.solutions.nash_programs import start, start_job
from bargaining.solutions.newton import barrier_newton
from bargaining.solutions.smooth import SmoothStructure
from bargaining.solutions.smooth_concepts import forget_points
from bargaining.solutions.stacked import _merged, solve_together

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


@pytest.mark.parametrize("values", [{}, {"kursk_held": 0.0}, {"us_support": -0.6}])
def test_merged_starts_and_best_gains_end_where_each_ends_alone(values: dict[str, float]) -> None:
    """Start programs of different parties, and best gains of different parties, merged into one program
    each (``_Starts``, ``_BestGains``: masked sums), end where each program ends on its own run."""
    problem = KURSK.with_parameters(values)
    structure = SmoothStructure.for_problem(problem)
    assert structure is not None
    batch = structure.instances(problem, [{}])
    cols, lo, hi, d = batch.cols, batch.lo, batch.hi, batch.d
    n = d.shape[1]
    starts = [start_job(structure, cols, lo, hi, d)]
    starts += [start_job(structure, cols, lo, hi, d, [j for j in range(n) if j != i]) for i in range(n)]
    x, found, _ = start(structure, cols, lo, hi, d)
    assert found.any()
    rows = np.flatnonzero(found)
    sub = [c[rows] for c in cols]
    gains = [
        best_gain_job(structure, sub, lo[rows], hi[rows], d[rows], i, x[rows], 0.5 + i) for i in range(n)
    ]
    for jobs in (starts, gains):
        merged = solve_together(structure, jobs)
        for job, result in zip(jobs, merged, strict=True):
            alone = barrier_newton(job.program, job.z, job.lo, job.hi, job.alive)
            np.testing.assert_array_equal(result.last, alone.last)
            np.testing.assert_array_equal(result.reached, alone.reached)
            np.testing.assert_allclose(result.z, alone.z, rtol=0, atol=1e-12)


def test_programs_of_one_type_are_merged_and_of_different_types_are_not() -> None:
    structure = SmoothStructure.for_problem(KURSK)
    assert structure is not None
    batch = structure.instances(KURSK, [{}])
    cols, lo, hi, d = batch.cols, batch.lo, batch.hi, batch.d
    x, _, _ = start(structure, cols, lo, hi, d)
    a, b = (best_gain_job(structure, cols, lo, hi, d, i, x) for i in range(2))
    c = maxmin_job(structure, cols, (lo, hi), d, np.ones_like(d), x)
    merged = _merged([a, b, c])
    assert [type(job.program).__name__ for job in merged] == ["_BestGains", "MaxMinProgram"]
    assert len(merged[0].z) == len(a.z) + len(b.z)
