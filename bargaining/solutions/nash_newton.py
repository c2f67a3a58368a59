r"""The Nash solution by Newton's method, at one point or many at once: the fast path of ``method="newton"``.

For problems whose continuous issues have only bounds (no extra constraints),
the Nash program of each piece (a combination of discrete levels) at each
point is

.. math:: \max_{\ell \le x \le h}\ F(x) = \sum_i w_i \log\big(u_i(x) - d_i\big),

a smooth concave maximization over a box. All points and pieces are solved
together, vectorised, by one barrier method
(:func:`~bargaining.solutions.newton.barrier_newton`) on the programs of
:mod:`bargaining.solutions.nash_programs`: a start with every gain positive
(where none exists, the piece has no agreement), then the Nash point.

Every answer is checked before it is used: the solution, snapped to the
bounds it is within :math:`10^{-6}` of (relative, as for cvxpy's answers),
must satisfy the optimality conditions of the box-constrained concave program
to a relative :math:`10^{-6}`; since the program is concave these conditions
certify the global optimum. Where no piece has an agreement, party :math:`i`
blocks when its best gain with every other party at least at its disagreement
value, :math:`\max\{u_i - d_i : u_j \ge d_j,\ j \ne i\}`, is not positive; each
best gain is bracketed between a feasible point and the barrier's duality gap.

A point that fails a check, sits near the edge of the agreement region (or
has a best gain too close to 0 to call), or ties between pieces gets ``None``:
the caller solves it with cvxpy (``method="auto"`` does). The ideal point is
not computed here (it is ``nan``): :func:`~bargaining.solutions.methods.newton_solution`
adds the certified one of :func:`~bargaining.solutions.smooth_concepts.point_ideal`
for a single problem; a sweep's rows leave it out.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from bargaining.model.issue_space import BargainingProblem
from bargaining.solutions.base import concept_name, no_agreement
from bargaining.solutions.nash_programs import CHECK, Certificate, best_gain, nash_points, start
from bargaining.solutions.results import BargainingSolution
from bargaining.solutions.smooth import Instances, SmoothStructure
from bargaining.solutions.smooth_concepts import shared_start

__all__ = ["nash_answer", "newton_nash"]


def newton_nash(
    structure: SmoothStructure,
    problem: BargainingProblem,
    points: Sequence[Mapping[str, float]],
    weights: Any = None,
) -> list[BargainingSolution | None]:
    """The Nash solution of ``problem`` at each point (parameter values over the problem's own).

    Parameters
    ----------
    structure
        :meth:`SmoothStructure.for_problem` of ``problem``.
    problem
        A :class:`~bargaining.BargainingProblem` of that structure.
    points
        ``{parameter: value}`` per point; ``[{}]`` for the problem itself.
    weights
        Bargaining powers to use instead of the problem's.

    Returns
    -------
    list
        A certified :class:`~bargaining.solutions.BargainingSolution` per point,
        or ``None`` where Newton's method cannot decide (see the module docstring).
    """
    batch = structure.instances(problem, points, weights)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        x, interior, reliable = (
            shared_start(structure, batch)
            if batch.npts == 1
            else start(structure, batch.cols, batch.lo, batch.hi, batch.d)
        )
        wn = batch.w / batch.w.sum(axis=1, keepdims=True)
        found = nash_points(structure, batch.cols, batch.lo, batch.hi, batch.d, wn, x, interior)
        u = structure.utilities(batch.cols, found.x)
    n = batch.ncombo
    out: list[BargainingSolution | None] = [None] * batch.npts
    decided = [
        j
        for j in range(batch.npts)
        if batch.ok[j] and np.all(reliable[j * n : (j + 1) * n]) and not np.any(interior[j * n : (j + 1) * n])
    ]
    for j, solution in _no_agreement(structure, batch, decided).items():
        out[j] = solution
    for j in range(batch.npts):
        if batch.ok[j] and j not in decided and np.all(reliable[j * n : (j + 1) * n]):
            out[j] = _agreement(structure, problem, batch, j, found, interior, u)
    return out


def nash_answer(
    structure: SmoothStructure,
    problem: BargainingProblem,
    batch: Instances,
    found: Certificate,
    interior: np.ndarray,
) -> BargainingSolution | None:
    """The solution of ``batch``'s one point from its certified Nash points (``None`` if not clear)."""
    with np.errstate(all="ignore"):
        u = structure.utilities(batch.cols, found.x)
    return _agreement(structure, problem, batch, 0, found, interior, u)


def _agreement(
    structure: SmoothStructure,
    problem: BargainingProblem,
    batch: Instances,
    j: int,
    found: Certificate,
    interior: np.ndarray,
    u: np.ndarray,
) -> BargainingSolution | None:
    """Point ``j``'s solution from its best certified piece, or ``None`` if that is not clear."""
    n = batch.ncombo
    idx = slice(j * n, (j + 1) * n)
    vals = np.where(interior[idx] & found.certified[idx], found.value[idx], -np.inf)
    order = np.argsort(-vals)
    best = int(order[0])
    top = vals[best]
    if not np.isfinite(top):
        return None
    margin = CHECK  # on the log of the Nash product: relative, and the same at every scale
    if len(order) > 1 and vals[order[1]] >= top - margin:
        return None  # a tie between pieces
    unsure = interior[idx] & ~found.certified[idx]
    if np.any(found.upper[idx][unsure] >= top - margin):
        return None  # a piece that was not solved to certainty might be better
    mi = j * n + best
    d, w = batch.d[mi], batch.w[mi]
    sizes = np.maximum(np.abs(d), np.abs(u[mi]))  # each party's own: affine maps change nothing
    if np.any(u[mi] - d <= CHECK * sizes):
        return None
    agreement: dict[str, Any] = {
        issue.name: float(found.x[mi, a]) for a, issue in enumerate(structure.continuous)
    }
    agreement.update({issue.name: structure.combos[best][issue.name].name for issue in structure.discrete})
    return BargainingSolution(
        concept="nash",
        concept_name=concept_name("nash", w),
        parties=structure.parties,
        agreement_exists=True,
        agreement={name: agreement[name] for name in problem.issue_names},
        utilities=u[mi],
        disagreement_point=d,
        ideal_point=np.full(len(structure.parties), np.nan),
        weights=w,
        status="optimal",
        solver="newton",
        method="newton",
    )


def _no_agreement(
    structure: SmoothStructure, batch: Instances, points: list[int]
) -> dict[int, BargainingSolution]:
    """Solutions for points where no piece has an agreement, with the parties who block it.

    Party :math:`i` blocks when its best gain, with every other party at least at
    its disagreement value, is not positive (as in
    :func:`bargaining.solutions.base.no_agreement`); a point is answered only
    when every party is clearly on one side.
    """
    if not points:
        return {}
    low, high = _best_gains(structure, batch, points)
    out: dict[int, BargainingSolution] = {}
    for k, j in enumerate(points):
        mi = j * batch.ncombo
        d, w = batch.d[mi], batch.w[mi]
        scale = max(1.0, float(np.abs(d).max()))
        margin = CHECK * scale
        infeasible = np.isneginf(high[k])  # no piece lets the others have their values: no best
        blocks = np.isfinite(high[k]) & (high[k] < -margin)
        clear = low[k] > margin
        if not np.all(blocks | clear | infeasible):
            continue  # a best gain too close to 0 to call: cvxpy decides
        best = np.where(blocks, d, np.where(clear, d + low[k], -np.inf))
        ideal = np.where(best >= d, best, np.nan)
        solution = no_agreement(
            "nash", concept_name("nash", w), structure.parties, d, best, ideal, w, 1e-8 * scale, "newton"
        )
        out[j] = _with_method(solution)
    return out


def _best_gains(
    structure: SmoothStructure, batch: Instances, points: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    """Each party's best gain at each of ``points``, bracketed: ``(at least, at most)``."""
    n, ncombo, npts = batch.d.shape[1], batch.ncombo, len(points)
    inst = np.concatenate([np.arange(j * ncombo, (j + 1) * ncombo) for j in points])
    cols = [c[inst] for c in batch.cols]
    lo, hi, d = batch.lo[inst], batch.hi[inst], batch.d[inst]
    low = np.full((npts, n), -np.inf)  # best gain is at least this
    high = np.full((npts, n), -np.inf)  # and at most this
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for i in range(n):
            x, found, reliable = start(structure, cols, lo, hi, d, [j for j in range(n) if j != i])
            gain_lo, gain_hi = np.full(len(inst), -np.inf), np.full(len(inst), -np.inf)
            if found.any():
                sub = np.flatnonzero(found)
                sub_cols = [c[sub] for c in cols]
                gain_lo[sub], gain_hi[sub] = best_gain(
                    structure, sub_cols, lo[sub], hi[sub], d[sub], i, x[sub]
                )
            gain_hi[~reliable] = np.inf  # unknown pieces could hold anything
            low[:, i] = gain_lo.reshape(npts, ncombo).max(axis=1)
            high[:, i] = gain_hi.reshape(npts, ncombo).max(axis=1)
    return low, high


def _with_method(solution: BargainingSolution) -> BargainingSolution:
    import dataclasses

    return dataclasses.replace(solution, method="newton")
