r"""The result of a certified concept point of the Newton path, and the utilitarian uniqueness test.

:func:`concept_solution` builds the :class:`~bargaining.solutions.results.BargainingSolution`
of the point :mod:`bargaining.solutions.smooth_concepts` certified: the point is
snapped to the bounds it is within rounding of, then to those within :data:`SNAP`
where that is no worse (a certified unique optimum is then met exactly on the
bound). :func:`utilitarian_unique` proves the utilitarian maximiser unique.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.model.issue_space import BargainingProblem
from bargaining.solutions.base import concept_name
from bargaining.solutions.nash_programs import CHECK
from bargaining.solutions.newton import box_free
from bargaining.solutions.results import BargainingSolution
from bargaining.solutions.smooth import Instances, SmoothStructure

__all__ = ["SNAP", "concept_solution", "utilitarian_unique"]


def utilitarian_unique(
    structure: SmoothStructure, batch: Instances, x: np.ndarray, row: int, hess: np.ndarray, sizes: np.ndarray
) -> str:
    """Why the utilitarian maximiser may not be unique (``""``: it is); ``sizes`` per party."""
    cols = [c[row : row + 1] for c in batch.cols]
    u, g, _ = structure.derivatives(cols, x[None, :])
    w, d = batch.w[row], batch.d[row]
    if np.any(u[0] - d <= CHECK * sizes):
        return "a party is held at its disagreement value (the conic path breaks any tie)"
    lo, hi = batch.lo[row], batch.hi[row]
    width = np.where(box_free(lo[None], hi[None])[0], hi - lo, 0.0)
    slope = (w @ g[0]) * width  # the change of the weighted sum across each coordinate's range
    size = CHECK * float(w @ sizes)
    at_lo = x - lo <= 1e-6 * np.maximum(1.0, np.abs(lo))
    at_hi = hi - x <= 1e-6 * np.maximum(1.0, np.abs(hi))
    free = width > 0
    if np.any(free & at_lo & (slope > -size)) or np.any(free & at_hi & (slope < size)):
        return "a bound is active without a clearly positive multiplier (the conic path breaks any tie)"
    inner = free & ~at_lo & ~at_hi
    if np.any(inner):
        scaled = hess[np.ix_(inner, inner)] * np.outer(width[inner], width[inner])
        if np.max(np.linalg.eigvalsh(scaled)) > -size:
            return "the weighted sum is not strictly concave at the optimum (the conic path breaks any tie)"
    return ""


#: How near a bound (relative to the issue's range) a coordinate is tried on the bound itself.
SNAP = 1e-4


def _snapped(
    structure: SmoothStructure,
    concept: str,
    batch: Instances,
    x: np.ndarray,
    row: int,
    ideal: np.ndarray,
    w: np.ndarray,
) -> np.ndarray:
    r"""``x`` with each coordinate within :data:`SNAP` of a bound moved onto it where that is no worse.

    At an optimum on a bound where the objective is flat (``log(x) + 1 - x`` at
    ``x = 1``), the barrier stops about :math:`\sqrt{\mu}` inside, a few
    :math:`10^{-6}` off with a certified value. The bound itself is then at
    least as good, and a point no worse than a certified unique optimum is that
    optimum, nearer.
    """
    cols = [c[row : row + 1] for c in batch.cols]
    d = batch.d[row]
    scale = ideal - d if concept == "ks" else np.asarray(w, dtype=float)

    def objective(point: np.ndarray) -> float:
        with np.errstate(all="ignore"):
            u = structure.utilities(cols, point[None, :])[0]
        if not np.all(np.isfinite(u)):
            return -np.inf
        return float(w @ u) if concept == "utilitarian" else float(np.min((u - d) / scale))

    lo, hi = batch.lo[row], batch.hi[row]
    # an issue's range; for a half-open one the bound's own size, never an infinite reach
    width = np.where(np.isfinite(hi - lo), hi - lo, np.maximum(1.0, np.minimum(np.abs(lo), np.abs(hi))))
    best = objective(x)
    for a in range(len(x)):
        for bound in (lo[a], hi[a]):
            if np.isfinite(bound) and 0 < abs(x[a] - bound) <= SNAP * width[a]:
                trial = x.copy()
                trial[a] = bound
                value = objective(trial)
                if value >= best:
                    x, best = trial, value
    return x


def concept_solution(
    structure: SmoothStructure,
    problem: BargainingProblem,
    concept: str,
    batch: Instances,
    x: np.ndarray,
    row: int,
    ideal: np.ndarray,
    w: np.ndarray,
) -> BargainingSolution:
    lo, hi = batch.lo[row], batch.hi[row]
    x = np.where(x - lo <= 1e-9 * np.maximum(1.0, np.abs(lo)), lo, x)
    x = np.where(hi - x <= 1e-9 * np.maximum(1.0, np.abs(hi)), hi, x)
    x = _snapped(structure, concept, batch, x, row, ideal, w)
    u = structure.utilities([c[row : row + 1] for c in batch.cols], x[None, :])[0]
    agreement: dict[str, Any] = {issue.name: float(x[a]) for a, issue in enumerate(structure.continuous)}
    agreement.update({issue.name: structure.combos[row][issue.name].name for issue in structure.discrete})
    return BargainingSolution(
        concept=concept,
        concept_name=concept_name(concept, w),
        parties=structure.parties,
        agreement_exists=True,
        agreement={name: agreement[name] for name in problem.issue_names},
        utilities=u,
        disagreement_point=batch.d[row],
        ideal_point=ideal.copy(),
        weights=np.asarray(w, dtype=float),
        status="optimal",
        solver="newton",
        method="newton",
    )
