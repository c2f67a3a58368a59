r"""The four concepts of one point by Newton at once: the fast path of ``solve_all``.

``solve_all`` asks for Nash, Kalai-Smorodinsky, egalitarian and utilitarian
at one point. Solved one by one (:func:`~bargaining.solutions.nash_newton.newton_nash`,
:func:`~bargaining.solutions.smooth_concepts.newton_concept`) they share their
starts and ideal point through caches, but each builds its instances and runs
its own barrier programs. Here the instances are built once and the programs
run in three stacked barrier runs (:func:`~bargaining.solutions.stacked.solve_together`),
each holding every program whose inputs are known by then:

=====  ===============================================================  ============
run    programs                                                         needs
=====  ===============================================================  ============
1      the start with every gain positive (shared, cached per point)
2      the Nash program; each party's best gain (the ideal point)       the start
3      the max-min program on the ideal gains (which is both the check  the ideal
       that an agreement clearly exists and the KS program); the        point
       egalitarian and the utilitarian programs
=====  ===============================================================  ============

Each program's rows take the steps they take alone, and every answer is
certified exactly as on the one-by-one path, by the same functions. Runs 2
and 3 start from the points of run 1, well inside every program's domain, so
they skip the first barrier weight (:math:`\mu = 1`, which only re-centres
there): about 14 fewer Newton steps. The final points are the centres at the
last weight either way (to rounding: the answers agree with the one-by-one
path's to about :math:`10^{-11}`, and every certificate is computed from them
as there). Where a point needs
the one-by-one path's special cases (an instance the DCP rules do not prove
concave, a start that is not reliable, no piece with an agreement, a party
without a start for its best gain) :func:`newton_all` returns ``None`` and
the caller solves concept by concept.
"""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np

from bargaining.model.issue_space import BargainingProblem
from bargaining.solutions.best_gain import best_gain_job, gain_bounds
from bargaining.solutions.concept_programs import (
    maxmin_bracket,
    maxmin_job,
    utilitarian_bracket,
    utilitarian_job,
)
from bargaining.solutions.nash_newton import nash_answer
from bargaining.solutions.nash_programs import certify, nash_job, start_job, start_outcome
from bargaining.solutions.newton import MU
from bargaining.solutions.results import BargainingSolution
from bargaining.solutions.smooth import Instances, SmoothStructure
from bargaining.solutions.smooth_concepts import (
    CERTIFY,
    agreement_clear,
    concept_answer,
    concept_target,
    ideal_sizes,
    utility_size,
)
from bargaining.solutions.stacked import solve_together

__all__ = ["newton_all"]

Answers = dict[str, BargainingSolution | str]
#: A start: the points, the rows whose gains are all positive there, the rows decided.
Start = tuple[np.ndarray, np.ndarray, np.ndarray]

_NASH_UNSURE = "Newton's method could not certify an answer (an edge of the agreement region, or a tie)"
_UNCLEAR = "an agreement does not clearly exist (the conic path decides, and names who blocks)"


def newton_all(structure: SmoothStructure, problem: BargainingProblem) -> Answers | None:
    """Each concept's certified Newton answer (or why there is none) with the default weights; or ``None``.

    The answers are those of :func:`~bargaining.solutions.methods.newton_solution`
    with ``weights=None``: Nash and utilitarian with the bargaining powers, KS
    and egalitarian with equal weights. ``None``: solve concept by concept.
    """
    base = structure.instances(problem, [{}], None)
    n = len(structure.parties)
    ones = base if np.all(base.w == 1.0) else structure.instances(problem, [{}], [1.0] * n)
    if not (base.ok[0] and ones.ok[0]):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _solve(structure, problem, base, ones)


def _solve(
    structure: SmoothStructure, problem: BargainingProblem, base: Instances, ones: Instances
) -> Answers | None:
    (x, found, reliable), starts = _starts(structure, base)
    if not np.all(reliable) or not np.any(found):
        return None
    if not all(np.all(r) and np.any(f) for _, f, r in starts):
        return None
    nash, ideal = _nash_and_ideal(structure, problem, base, (x, found), starts)
    out: Answers = {"nash": _NASH_UNSURE}
    if nash is not None:  # as newton_solution: the Nash answer carries the certified ideal point
        out["nash"] = ideal if isinstance(ideal, str) else dataclasses.replace(nash, ideal_point=ideal)
    known = ideal_sizes(ideal, base.d)
    if isinstance(known, str):
        return {**out, "ks": known, "egalitarian": known, "utilitarian": known}
    out.update(_concepts(structure, problem, (base, ones), (x, found), known))
    return out


def _starts(structure: SmoothStructure, batch: Instances) -> tuple[Start, list[Start]]:
    """Run 1: the start with every gain positive and, for each party, one with every other's positive.

    Each party's is :func:`~bargaining.solutions.smooth_concepts.others_start`'s:
    the shared start where it has every gain positive, its own elsewhere (all
    are run; a row's result does not depend on the others).
    """
    cols, lo, hi, d = batch.cols, batch.lo, batch.hi, batch.d
    n = d.shape[1]
    jobs = [start_job(structure, cols, lo, hi, d)]
    jobs += [start_job(structure, cols, lo, hi, d, [j for j in range(n) if j != i]) for i in range(n)]
    results = solve_together(structure, jobs)
    x, found, reliable = start_outcome(jobs[0], results[0])
    starts = []
    for job, result in zip(jobs[1:], results[1:], strict=True):
        xi, fi, ri = start_outcome(job, result)
        starts.append((np.where(found[:, None], x, xi), found | fi, found | ri))
    return (x, found, reliable), starts


def _nash_and_ideal(
    structure: SmoothStructure,
    problem: BargainingProblem,
    batch: Instances,
    start: tuple[np.ndarray, np.ndarray],
    starts: list[Start],
) -> tuple[BargainingSolution | None, np.ndarray | str]:
    """Run 2: the Nash answer (no ideal point; ``None``: not clear) and the ideal point, or why none."""
    (x, found), cols, lo, hi, d = start, batch.cols, batch.lo, batch.hi, batch.d
    wn = batch.w / batch.w.sum(axis=1, keepdims=True)
    jobs = [nash_job(structure, cols, lo, hi, d, wn, x, found)]
    parts = []
    for i, (xi, fi, _) in enumerate(starts):
        rows = np.flatnonzero(fi)
        sub = [c[rows] for c in cols]
        with np.errstate(all="ignore"):
            unit = utility_size(d[rows, i], structure.utilities(sub, xi[rows])[:, i])
        parts.append((rows, sub, unit))
        jobs.append(best_gain_job(structure, sub, lo[rows], hi[rows], d[rows], i, xi[rows], unit))
    results = solve_together(structure, jobs, MU[1:])
    nash = nash_answer(
        structure, problem, batch, certify(structure, cols, lo, hi, d, wn, results[0].z, found), found
    )
    n = d.shape[1]
    low, high = np.full(n, -np.inf), np.full(n, -np.inf)
    for i, ((rows, sub, unit), result) in enumerate(zip(parts, results[1:], strict=True)):
        gain_lo, gain_hi = gain_bounds(structure, sub, (lo[rows], hi[rows]), d[rows], i, unit, result.z)
        low[i], high[i] = float(np.max(gain_lo)), float(np.max(gain_hi))
    sizes = np.array([utility_size(d[0, i], d[0, i] + low[i]) for i in range(n)])
    if not np.all(np.isfinite(low) & (high - low <= CERTIFY * sizes)):
        return nash, "Newton's method could not certify the ideal point"
    return nash, d[0] + low


def _concepts(
    structure: SmoothStructure,
    problem: BargainingProblem,
    batches: tuple[Instances, Instances],
    start: tuple[np.ndarray, np.ndarray],
    known: tuple[np.ndarray, np.ndarray],
) -> Answers:
    """Run 3: KS, egalitarian (equal weights: ``batches[1]``) and utilitarian (``batches[0]``)."""
    (base, ones), (x, found), (ideal, sizes) = batches, start, known
    cols, box, d = base.cols, (base.lo, base.hi), base.d
    span = np.tile(ideal - d[0], (len(d), 1))
    target, size = concept_target("egalitarian", ideal, d, ones.w)
    jobs = [
        maxmin_job(structure, cols, box, d, span, x),
        maxmin_job(structure, cols, box, d, target, x, size),
        utilitarian_job(structure, cols, box, d, base.w, x, float(base.w[0] @ sizes)),
    ]
    # only the pieces with a start count (the others are shown to have no point with every gain
    # positive, and every use of these brackets masks them out): the others are not solved
    jobs = [dataclasses.replace(job, alive=job.alive & found) for job in jobs]
    results = solve_together(structure, jobs, MU[1:])
    common = maxmin_bracket(structure, cols, box, d, span, jobs[0].alive, results[0])
    if not agreement_clear(common, found):
        return {"ks": _UNCLEAR, "egalitarian": _UNCLEAR, "utilitarian": _UNCLEAR}
    egalitarian = maxmin_bracket(structure, cols, box, d, target, jobs[1].alive, results[1])
    utilitarian = utilitarian_bracket(structure, cols, box, d, base.w, float(base.w[0] @ sizes), results[2])
    prepared = (found, ideal, sizes)
    return {
        "ks": concept_answer(structure, problem, ones, "ks", (common, np.empty(0)), prepared),
        "egalitarian": concept_answer(
            structure, problem, ones, "egalitarian", (egalitarian, np.empty(0)), prepared
        ),
        "utilitarian": concept_answer(structure, problem, base, "utilitarian", utilitarian, prepared),
    }
