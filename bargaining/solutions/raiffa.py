r"""Raiffa's solutions: the discrete midpoint iteration and the continuous path.

For a disagreement point :math:`c` inside the feasible set :math:`S`, party
:math:`i`'s best utility when every other party gets at least its :math:`c_j`,

.. math:: a_i(c) = \max\{u_i : u \in S,\ u_j \ge c_j\ (j \ne i)\},

gives the *utopia point* :math:`m^i(c) = (c_1, \dots, a_i(c), \dots, c_n)`:
party :math:`i` gets its best, the others their :math:`c_j`. Raiffa (1953)
moves the disagreement point to the average of the utopia points and repeats,

.. math:: d_0 = d, \qquad d_{k+1} = \frac1n \sum_i m^i(d_k) = d_k + \frac{a(d_k) - d_k}{n},

(for two parties, the midpoint of the two utopia points); the **discrete
Raiffa solution** is the limit. The **continuous Raiffa solution** (Livne
1989; the Raiffa-Kalai-Smorodinsky path) follows the direction of the ideal
point continuously,

.. math:: \dot d(t) = a(d(t)) - d(t), \quad d(0) = d, \qquad u^{cR} = \lim_{t \to \infty} d(t),

which is the limit of the iteration with steps of length :math:`h \to 0`
(the brief form :math:`\dot d = m(d) - d` with :math:`m = \frac1n\sum_i m^i`
traces the same path, :math:`n` times slower).

Guarantees (for a convex :math:`S`): :math:`a_i` does not increase as the
others' floors rise, and :math:`d_k` rises, so the gaps :math:`g_k = a(d_k) - d_k \ge 0` shrink at least
geometrically, :math:`g_{k+1} \le (1 - 1/n)\, g_k`, and every later point lies in
the box :math:`d_k \le u^{R} \le a(d_k)`. The iteration stops when
:math:`\max_i g_{k,i}` is below the tolerance, and the answer is a Pareto point
of :math:`S` in that box: within the last gap of the limit (the note says how
far). On the continuous path :math:`\dot g_i \le -g_i`, so the gap falls at
least like :math:`e^{-t}`, and the path is followed (scipy's RK45) until it is
below the tolerance; the box bound holds for the exact path, the integration
adds an error of the order of its tolerances.

Each :math:`a_i(c)` is the convex program ``best(i)`` of
:mod:`bargaining.solutions.convex`, on every convex piece (the best piece
wins). With discrete issues and no lotteries :math:`S` is a union of pieces,
not convex: an average of utopia points can fall outside it, and then the
iteration stops with an error that says to allow lotteries.

Both concepts are affine invariant (rescale a party's utility and its path
and limit rescale with it) and symmetric; neither is in ``solution="all"``:
name them (``"raiffa"``, ``"raiffa_path"``).

References
----------
Raiffa, H. (1953). Arbitration schemes for generalized two-person games. In
*Contributions to the Theory of Games II*, Annals of Mathematics Studies 28, 361-387.
Livne, Z. A. (1989). On the status quo sets induced by the Raiffa solution to
the two-person bargaining problem. *Mathematics of Operations Research* 14(4), 688-692.
Diskin, A., Koppel, M. and Samet, D. (2011). Generalized Raiffa solutions.
*Games and Economic Behavior* 73(2), 452-458.
Anbarci, N. and Sun, C.-J. (2013). Robustness of intermediate agreements and
bargaining solutions. *Games and Economic Behavior* 77(1), 367-376.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError, SolverError
from bargaining.model.issue_space import BargainingProblem
from bargaining.model.utility_space import Frontier, UtilitySet
from bargaining.solutions.base import no_agreement
from bargaining.solutions.pieces import ConvexAnalysis
from bargaining.solutions.raiffa_results import RAIFFA_CONCEPTS, RaiffaPath
from bargaining.solutions.results import BargainingSolution, SolutionSet

__all__ = [
    "RAIFFA_CONCEPTS",
    "RaiffaPath",
    "continuous_raiffa_solution",
    "raiffa_key",
    "raiffa_path",
    "raiffa_solution",
    "raiffa_solution_set",
    "solve_raiffa",
]

_ALIASES = {
    "raiffa_discrete": "raiffa",
    "raiffa-discrete": "raiffa",
    "raiffa_continuous": "raiffa_path",
    "raiffa-continuous": "raiffa_path",
    "raiffa-path": "raiffa_path",
    "livne": "raiffa_path",
    "raiffa_ks": "raiffa_path",
    "raiffa-kalai-smorodinsky": "raiffa_path",
}

Problem = BargainingProblem | UtilitySet | Frontier

#: The relative tolerance of the ODE solver on the continuous path.
RTOL = 1e-8

#: A point this far above the frontier (relative to a range of gains) is outside the feasible set.
OUTSIDE = 1e-6

_LEFT = (
    "the Raiffa point {point} is not below any feasible agreement: with discrete issues and no "
    "lotteries the feasible set is a union of pieces, not convex, and the average of the utopia "
    "points can leave it; set lotteries to true"
)


def raiffa_key(concept: str) -> str | None:
    """The key of a Raiffa concept name or alias, or ``None`` if ``concept`` is not one."""
    key = concept.strip().lower()
    key = _ALIASES.get(key, key)
    return key if key in RAIFFA_CONCEPTS else None


class _Ideal:
    """:math:`a(c)`, the ideal point seen from :math:`c`, on a problem's convex pieces."""

    def __init__(self, problem: Problem) -> None:
        if isinstance(problem, UtilitySet) and not problem.lotteries:
            raise InvalidGameError(
                "Raiffa's solutions average utility vectors, which a finite set without lotteries "
                "does not contain; set lotteries to true (the set's convex hull)"
            )
        convex = problem.to_problem() if isinstance(problem, Frontier) else problem
        self.frontier = isinstance(problem, Frontier)
        self.analysis = ConvexAnalysis(convex)
        self.calls = 0

    def __call__(self, c: np.ndarray) -> np.ndarray:
        best = self.outside(c)
        if best is None:
            raise InvalidGameError(_LEFT.format(point=np.round(c, 9).tolist()))
        return best

    def outside(self, c: np.ndarray) -> np.ndarray | None:
        """:math:`a(c)`, or ``None`` if no agreement gives every party at least :math:`c` (or nearly)."""
        analysis = self.analysis
        best = np.full(analysis.n, -np.inf)
        for model, _ in analysis.feasible.pieces():
            for i in range(analysis.n):
                result = model.best(i, c)
                if result.status == "unbounded":
                    raise SolverError(
                        "a utility is unbounded on the feasible set; give every issue finite bounds",
                        "unbounded",
                    )
                if result.ok:
                    best[i] = max(best[i], result.value)
        self.calls += 1
        return best if np.all(np.isfinite(best)) else None


def raiffa_path(problem: Problem, tolerance: float = 1e-9, continuous: bool = False) -> RaiffaPath:
    r"""The midpoint iterates :math:`d_k` (or the continuous path :math:`d(t)`), to the frontier.

    Parameters
    ----------
    problem
        A :class:`~bargaining.BargainingProblem`, a :class:`~bargaining.UtilitySet`
        with lotteries, or a :class:`~bargaining.Frontier`.
    tolerance
        Stop when every gap :math:`a_i(d_k) - d_{k,i}` is below this times the
        party's range of gains :math:`a_i(d) - d_i` (so the rule is invariant
        under positive affine maps of each utility).
    continuous
        Follow :math:`\dot d = a(d) - d` instead of iterating.
    """
    return _run(_Ideal(problem), tolerance, continuous)


def _run(ideal: _Ideal, tolerance: float, continuous: bool) -> RaiffaPath:
    if not (math.isfinite(tolerance) and 0 < tolerance < 1):
        raise InvalidGameError(f"tolerance must be in (0, 1), got {tolerance}")
    analysis = ideal.analysis
    if not analysis.exists:
        raise InvalidGameError(
            "no agreement gives every party more than disagreement: there is no Raiffa path"
        )
    run = _integrate if continuous else _iterate
    times, points, gaps = run(ideal, analysis.d.copy(), tolerance)
    concept = "raiffa_path" if continuous else "raiffa"
    converged = bool(gaps[-1] <= tolerance)
    return RaiffaPath(concept, analysis.parties, np.array(times), np.array(points), np.array(gaps), converged)


def _spans(ideal: _Ideal) -> np.ndarray:
    """Each party's range of gains :math:`a_i(d) - d_i`: the unit its gaps are measured in."""
    span = ideal.analysis.best - ideal.analysis.d
    return np.where(span > 0, span, 1.0)


def _iterate(ideal: _Ideal, d: np.ndarray, tol: float) -> tuple[list[float], list[np.ndarray], list[float]]:
    """:math:`d_{k+1} = d_k + (a(d_k) - d_k)/n` until every relative gap is below ``tol``."""
    n, span = len(d), _spans(ideal)
    gap = ideal(d) - d
    # g_k <= (1 - 1/n)^k g_0 with g_0 = 1: the steps the tolerance needs, and slack for the solver's noise
    limit = math.ceil(math.log(tol) / math.log(1 - 1 / n)) + 20
    times, points, gaps = [0.0], [d], [float(np.max(gap / span))]
    for k in range(1, limit + 1):
        if gaps[-1] <= tol:
            break
        d = d + np.maximum(gap, 0.0) / n
        gap = ideal(d) - d
        if np.any(gap < -OUTSIDE * span):
            raise InvalidGameError(_LEFT.format(point=np.round(d, 9).tolist()))
        times.append(float(k))
        points.append(d)
        gaps.append(float(np.max(gap / span)))
    return times, points, gaps


def _integrate(ideal: _Ideal, d: np.ndarray, tol: float) -> tuple[list[float], list[np.ndarray], list[float]]:
    r"""RK45 on :math:`\dot d = a(d) - d` to the time the gap bound :math:`e^{-t}` reaches ``tol``."""
    from scipy.integrate import solve_ivp

    span = _spans(ideal)
    horizon = math.log(1 / tol) + 1.0

    def field(_t: float, y: np.ndarray) -> np.ndarray:
        # A trial point of the solver can overshoot the frontier by a hair: the path stops there.
        best = ideal.outside(y)
        return np.zeros_like(y) if best is None else np.maximum(best - y, 0.0)

    ode = solve_ivp(field, (0.0, horizon), d, method="RK45", rtol=RTOL, atol=tol * span / 10)
    if not ode.success:
        raise SolverError(f"the continuous Raiffa path could not be followed: {ode.message}")
    times = [float(t) for t in ode.t]
    points = [np.asarray(p, dtype=float) for p in ode.y.T]
    gaps = [float(np.max((ideal(p) - p) / span)) for p in points]
    return times, points, gaps


def raiffa_solution(problem: Problem, tolerance: float = 1e-9) -> BargainingSolution:
    r"""The discrete Raiffa solution: the limit of the midpoint iteration.

    .. math:: d_{k+1} = d_k + \frac{a(d_k) - d_k}{n}, \quad u^R = \lim_k d_k

    Parameters
    ----------
    problem
        A :class:`~bargaining.BargainingProblem`, a :class:`~bargaining.UtilitySet`
        with lotteries, or a :class:`~bargaining.Frontier`.
    tolerance
        The iteration stops once every party's gap to its ideal point is below
        this times its range of gains :math:`a_i(d) - d_i`.

    Returns
    -------
    BargainingSolution
        ``concept="raiffa"``; its notes say how many steps it took and how far
        the answer can be from the limit.

    Examples
    --------
    >>> from bargaining import Frontier
    >>> s = raiffa_solution(Frontier(("a", "b"), "2 - 2*a", domain=(0, 1)))  # a/1 + b/2 <= 1
    >>> [round(float(u), 6) for u in s.utilities]
    [0.5, 1.0]
    """
    return _solution(_Ideal(problem), tolerance, continuous=False)


def continuous_raiffa_solution(problem: Problem, tolerance: float = 1e-9) -> BargainingSolution:
    r"""The continuous Raiffa solution (Livne 1989): the end of :math:`\dot d = a(d) - d`.

    Parameters and returns as for :func:`raiffa_solution`; ``concept="raiffa_path"``.
    """
    return _solution(_Ideal(problem), tolerance, continuous=True)


def _solution(ideal: _Ideal, tolerance: float, continuous: bool) -> BargainingSolution:
    analysis = ideal.analysis
    concept = "raiffa_path" if continuous else "raiffa"
    name = RAIFFA_CONCEPTS[concept]
    w = np.ones(analysis.n)
    if not analysis.exists:
        return no_agreement(
            concept,
            name,
            analysis.parties,
            analysis.d,
            analysis.best,
            analysis.ideal,
            w,
            analysis.tol,
            analysis.solver,
        )
    path = _run(ideal, tolerance, continuous)
    last = np.asarray(path.points[-1])
    span = _spans(ideal)
    agreement, status = _pareto_above(analysis, last, tolerance, span)
    utilities = analysis.feasible.utilities(agreement)
    # the limit lies in the box [last, a(last)]: how far the answer can be from it
    ideal_last = ideal(last)
    bound = max(float(np.max((ideal_last - utilities) / span)), float(np.max((utilities - last) / span)), 0.0)
    how = (
        f"{path.steps} midpoint step{'s' if path.steps != 1 else ''}"
        if not continuous
        else f"{path.steps} RK45 steps to t = {path.times[-1]:.3g}"
    )
    notes = [f"{how}; the limit is within {bound:.2g} of the answer, relative to each range of gains"]
    if continuous:
        notes.append(f"the path is integrated to rtol {RTOL:g}, which the bound does not include")
    if not path.converged:
        status = "optimal_inaccurate"
        notes.append("the gap did not fall below the tolerance (the solver's accuracy limits it)")
    return BargainingSolution(
        concept=concept,
        concept_name=name,
        parties=analysis.parties,
        agreement_exists=True,
        agreement={} if ideal.frontier else agreement,
        utilities=utilities,
        disagreement_point=analysis.d,
        ideal_point=analysis.ideal,
        weights=w,
        status=status,
        solver=analysis.solver,
        notes=tuple(notes),
        method="midpoint iteration" if not continuous else "continuous path",
    )


def _pareto_above(
    analysis: ConvexAnalysis, c: np.ndarray, tolerance: float, span: np.ndarray
) -> tuple[dict[str, Any], str]:
    r"""An agreement on the frontier above :math:`c`: :math:`\max \sum_i g_i` s.t. :math:`u - c \ge g \ge 0`.

    :math:`c` is lowered by the tolerance first (then by a thousand times it):
    at the frontier itself the program has a single feasible point, which
    interior-point solvers handle badly.
    """
    n = analysis.n
    for slack in (1.0, 1e3):
        best: tuple[float, dict[str, Any], str] | None = None
        for model, levels in analysis.feasible.pieces():
            result = model.floor(c - slack * tolerance * span, np.ones(n), np.zeros(n))
            if result.ok and (best is None or result.value > best[0]):
                best = (result.value, {**(result.agreement or {}), **levels}, result.status)
        if best is not None:
            return analysis.feasible.order(best[1]), best[2]
    raise SolverError(
        f"no agreement gives every party at least the Raiffa point {np.round(c, 9).tolist()}: "
        "the solver may be inaccurate, or (with discrete issues) the feasible set is not convex: "
        "set lotteries to true"
    )


_SOLVERS: dict[str, Callable[[Problem], BargainingSolution]] = {
    "raiffa": raiffa_solution,
    "raiffa_path": continuous_raiffa_solution,
}


def solve_raiffa(problem: Problem, concept: str) -> BargainingSolution:
    """Solve ``problem`` with the Raiffa concept named ``concept`` (a key or alias)."""
    key = raiffa_key(concept)
    if key is None:
        raise InvalidGameError(
            f"not a Raiffa concept: {concept!r} (choose from {', '.join(RAIFFA_CONCEPTS)})"
        )
    return _SOLVERS[key](problem)


def raiffa_solution_set(problem: Problem, concept: str) -> SolutionSet:
    """The one-row table ``bargain solve --solution raiffa`` prints."""
    solution = solve_raiffa(problem, concept)
    title = getattr(problem, "name", "") or ""
    issues = problem.issue_names if isinstance(problem, BargainingProblem) else ()
    return SolutionSet((solution,), title=title, issues=issues)
