r"""Correlated equilibria of :math:`n`-player games: selections and the set's vertices.

A correlated equilibrium is a distribution :math:`p` over pure profiles with

.. math:: \sum_{s_{-i}} p(a, s_{-i}) \, [u_i(a, s_{-i}) - u_i(a', s_{-i})] \ \ge\ 0
          \quad \text{for every player } i \text{ and } a \ne a' \in S_i,
          \qquad p \ge 0,\ \ \textstyle\sum_s p(s) = 1

(Aumann 1974), written :math:`G p \ge 0`
(:func:`~bargaining.equilibrium.correlated_constraints.correlated_constraints`).
Read as a mediator's recommendation device for a monitored ceasefire: the
mediator draws a profile from :math:`p` and tells each party only its own
recommended action; no party expects to gain by disobeying. Every Nash
equilibrium is one (the product of its mixed strategies), and the set is a
polytope, so it is computed by linear programming even for many players
(Papadimitriou and Roughgarden 2008).

:func:`correlated_equilibrium` selects one:

``"welfare-max"`` / ``"welfare-min"``
    :math:`\max / \min \sum_i u_i(p)` over the polytope: a linear program,
    solved by HiGHS' dual simplex (:func:`scipy.optimize.linprog`) and then
    certified: the solver's multipliers :math:`\lambda \ge 0` give the bound
    :math:`\max_s\, c_s + (G^\top\lambda)_s` on every correlated equilibrium's
    objective, checked to equal :math:`p`'s (zero gap). For rational payoffs
    :math:`p` and the bound are recomputed in exact arithmetic
    (:mod:`.correlated_exact`), so :math:`p` is a correlated equilibrium
    exactly and optimal exactly.
``"max-entropy"``
    :math:`\max -\sum_s p(s) \log p(s)`: the least committal device (Ortiz,
    Schapire and Kakade 2007), a concave program solved by cvxpy with the
    Clarabel interior-point solver (exponential cones). Certified in floating
    point by the dual bound :math:`\log \sum_s \exp (G^\top \lambda)_s` for
    any :math:`\lambda \ge 0`; its incentive constraints hold within the
    stated tolerance, not exactly.

:func:`correlated_vertices` enumerates every vertex of the polytope exactly
(small games; :mod:`.correlated_vertices`).

References
----------
Aumann, R. J. (1974). Subjectivity and correlation in randomized strategies.
*Journal of Mathematical Economics* 1(1), 67-96.
Papadimitriou, C. H. and Roughgarden, T. (2008). Computing correlated
equilibria in multi-player games. *Journal of the ACM* 55(3), 14.
Ortiz, L. E., Schapire, R. E. and Kakade, S. M. (2007). Maximum entropy
correlated equilibria. *AISTATS 2007*, 347-354.

Examples
--------
>>> from bargaining.games import NormalFormGame
>>> chicken = NormalFormGame.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])
>>> best = correlated_equilibrium(chicken, select="welfare-max")
>>> best.to_dict()["welfare"], best.certificate.exact, best.certificate.optimal_exact
('21/2', True, True)
"""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.correlated_constraints import (
    IncentiveConstraints,
    correlated_constraints,
    incentive_slacks,
    is_correlated_equilibrium,
)
from bargaining.equilibrium.correlated_exact import exact_dual_bound, exact_primal, exact_violation
from bargaining.equilibrium.correlated_results import Certificate, CorrelatedEquilibrium, CorrelatedVertices
from bargaining.equilibrium.correlated_vertices import enumerate_vertices
from bargaining.errors import InvalidGameError, SolverError
from bargaining.games.normal_form import NormalFormGame

__all__ = [
    "SELECTIONS",
    "correlated_constraints",
    "correlated_equilibrium",
    "correlated_vertices",
    "is_correlated_equilibrium",
]

#: The selections :func:`correlated_equilibrium` accepts.
SELECTIONS = ("welfare-max", "welfare-min", "max-entropy")

#: Float checks allow this much violation, times the largest payoff difference (at least 1).
RELATIVE_TOLERANCE = 1e-9

#: Probabilities (and multipliers) above this count as positive when the exact vertex is recomputed.
PROBABILITY_TOLERANCE = 1e-9


#: Max-entropy probabilities below this are interior-point noise, set to 0 (the result is checked after).
NEGLIGIBLE = 1e-8

#: Max-entropy results whose entropy differs from the dual bound by more than this are marked not certified.
ENTROPY_GAP = 1e-6


def _check_game(game: object) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"correlated equilibria need a NormalFormGame, got {type(game).__name__}; "
            "build one with NormalFormGame.from_arrays(A, B, ...) or bargaining.read_game(path)"
        )
    return game


def _scale(constraints: IncentiveConstraints, objective: NDArray[np.float64]) -> float:
    largest = max(np.abs(objective).max(initial=0.0), np.abs(constraints.matrix).max(initial=0.0))
    return max(1.0, float(largest))


def _primal_violation(constraints: IncentiveConstraints, p: NDArray[np.float64]) -> float:
    slacks = incentive_slacks(constraints, p)
    worst = max(0.0, -float(p.min()), abs(float(p.sum()) - 1.0))
    return max(worst, -float(slacks.min(initial=0.0)))


def _solve_lp(
    constraints: IncentiveConstraints, objective: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], float]:
    """HiGHS dual simplex on max c.p s.t. Gp >= 0, sum p = 1, p >= 0: (p, lambda, v)."""
    from scipy.optimize import linprog

    matrix = constraints.matrix
    n_profiles = matrix.shape[1]
    result = linprog(
        -objective,
        A_ub=-matrix if matrix.shape[0] else None,
        b_ub=np.zeros(matrix.shape[0]) if matrix.shape[0] else None,
        A_eq=np.ones((1, n_profiles)),
        b_eq=[1.0],
        bounds=(0, None),
        method="highs-ds",
    )
    if result.status != 0 or result.x is None:
        raise SolverError(f"HiGHS did not solve the correlated-equilibrium program: {result.message}")
    multipliers = -np.asarray(result.ineqlin.marginals) if matrix.shape[0] else np.zeros(0)
    return np.asarray(result.x, dtype=np.float64), multipliers, float(-result.eqlin.marginals[0])


def _lp_certificate(
    game: NormalFormGame, constraints: IncentiveConstraints, objective: NDArray[np.float64], sign: int
) -> tuple[NDArray[np.float64] | tuple[Fraction, ...], Certificate]:
    p, multipliers, value = _solve_lp(constraints, objective)
    tol = RELATIVE_TOLERANCE * _scale(constraints, objective)
    duals = objective + (constraints.matrix.T @ multipliers if multipliers.size else 0.0)
    dual_violation = max(0.0, -float(multipliers.min(initial=0.0)), float(duals.max() - value))
    gap = value - float(objective @ p)
    primal = _primal_violation(constraints, p)
    how = "in floating point"
    if game.is_exact:
        exact_g = correlated_constraints(game, exact=True).matrix.tolist()
        slacks = incentive_slacks(constraints, p)
        exact_p = exact_primal(exact_g, p, slacks, PROBABILITY_TOLERANCE, tol)
        if exact_p is not None:
            exact_c = _exact_welfare(game, sign)
            bound = exact_dual_bound(exact_g, exact_c, multipliers, value - duals, PROBABILITY_TOLERANCE, tol)
            return exact_p, _exact_certificate(exact_c, exact_p, bound, sign, tol, dual_violation)
        primal = float(exact_violation(exact_g, [Fraction(float(v)) for v in p]))
        how = "exact recomputation failed; p checked exactly at its binary value, the dual in floating point"
    verified = primal <= tol and dual_violation <= tol and abs(gap) <= tol
    certifies = (
        f"{how}: incentive constraints violated by at most {primal:.3g}, dual constraints by "
        f"{dual_violation:.3g}, duality gap {gap:.3g}, all within the tolerance {tol:.3g}"
        if verified
        else f"NOT certified ({how}): primal violation {primal:.3g}, dual violation {dual_violation:.3g}, "
        f"gap {gap:.3g} exceed the tolerance {tol:.3g}"
    )
    cert = Certificate("HiGHS dual simplex", False, primal, tol, certifies, dual_violation, value * sign, gap)
    return p, cert


def _exact_certificate(
    objective: list[Fraction],
    p: tuple[Fraction, ...],
    bound: Fraction,
    sign: int,
    tol: float,
    dual_violation: float,
) -> Certificate:
    """The certificate of an exactly feasible p and an exact dual bound (sign -1: welfare-min)."""
    exact_gap = bound - sum((c * q for c, q in zip(objective, p, strict=True)), Fraction(0))
    direction = "from above" if sign > 0 else "from below"
    certifies = (
        "p satisfies every incentive constraint exactly (rational arithmetic), and multipliers "
        f"lambda >= 0 bound the welfare of every correlated equilibrium {direction} by that of p: "
        "optimal, exactly"
        if exact_gap == 0
        else "p satisfies every incentive constraint exactly; the exact dual bound exceeds its "
        f"objective by {float(exact_gap):.3g}, so p is optimal to within that"
    )
    return Certificate(
        "HiGHS dual simplex, recomputed exactly",
        True,
        0.0,
        tol,
        certifies,
        dual_violation,
        float(bound) * sign,
        float(exact_gap),
        exact_gap == 0,
    )


def _exact_welfare(game: NormalFormGame, sign: int) -> list[Fraction]:
    payoffs = game.rational_payoff_array()
    total = payoffs.sum(axis=0).ravel()
    return [Fraction(v) * sign for v in total]


def _round_up(value: float) -> float:
    """``value`` rounded up to two significant figures (so that a printed bound stays a bound)."""
    if value <= 0:
        return 0.0
    unit = 10.0 ** (math.floor(math.log10(value)) - 1)
    return float(math.ceil(value / unit * (1 - 1e-12)) * unit)


def _max_entropy(
    game: NormalFormGame, constraints: IncentiveConstraints
) -> tuple[NDArray[np.float64], Certificate, float]:
    import cvxpy as cp

    matrix = constraints.matrix
    p = cp.Variable(matrix.shape[1])
    incentive = [matrix @ p >= 0] if matrix.shape[0] else []
    problem = cp.Problem(cp.Maximize(cp.sum(cp.entr(p))), [*incentive, cp.sum(p) == 1, p >= 0])
    solver = "CLARABEL" if "CLARABEL" in cp.installed_solvers() else "SCS"
    try:
        problem.solve(solver=solver)
    except cp.error.SolverError as exc:
        raise SolverError(f"{solver} failed on the max-entropy correlated equilibrium: {exc}") from None
    if p.value is None or problem.status not in ("optimal", "optimal_inaccurate"):
        raise SolverError(f"{solver} did not solve the max-entropy program (status {problem.status})")
    # Interior-point noise below the solver's accuracy is set to 0; p is checked afterwards.
    dist = np.asarray(p.value, dtype=np.float64).copy()
    dist[dist < NEGLIGIBLE] = 0.0
    dist /= dist.sum()
    raw = np.asarray(incentive[0].dual_value, dtype=np.float64) if incentive else np.zeros(0)
    dual_violation = max(0.0, -float(raw.min(initial=0.0)))  # the bound then uses lambda clipped at 0
    lam = np.clip(raw, 0.0, None)
    exponent = matrix.T @ lam if lam.size else np.zeros(matrix.shape[1])
    top = float(exponent.max())
    bound = top + float(np.log(np.exp(exponent - top).sum()))
    positive = dist[dist > 0]
    entropy = float(-(positive * np.log(positive)).sum()) + 0.0  # no -0.0
    gap = bound - entropy
    tol = 1e-7 * _scale(constraints, np.zeros(1))
    primal = _primal_violation(constraints, dist)
    if game.is_exact:
        exact_g = correlated_constraints(game, exact=True).matrix.tolist()
        primal = float(exact_violation(exact_g, [Fraction(float(v)) for v in dist]))
    how = "checked exactly at p's binary value" if game.is_exact else "checked in floating point"
    # The gap is a difference of two floats near the entropy: allow for its rounding.
    pinsker = _round_up(float(np.sqrt(2 * (max(gap, 0.0) + 8 * np.finfo(float).eps * max(1.0, abs(bound))))))
    certifies = (
        f"a floating-point result: incentive constraints violated by at most {primal:.3g} ({how}; "
        f"tolerance {tol:.3g}); "
        f"dual multipliers lambda >= 0 bound the entropy of every correlated equilibrium by "
        f"log sum exp(G'lambda) = {bound:.9g}, which differs from p's entropy by {gap:.3g}; entropy is "
        f"flat at its maximum, so only |p - p*|_1 <= sqrt(2 gap) = {pinsker:.2g} (Pinsker)"
    )
    if primal > tol or abs(gap) > ENTROPY_GAP:
        certifies = "NOT certified: " + certifies
    return (
        dist,
        Certificate(
            f"cvxpy + {solver} (exponential cone)", False, primal, tol, certifies, dual_violation, bound, gap
        ),
        entropy,
    )


def correlated_equilibrium(game: NormalFormGame, select: str = "welfare-max") -> CorrelatedEquilibrium:
    r"""One correlated equilibrium of ``game``, chosen by ``select``, with its certificate.

    Parameters
    ----------
    game
        A :class:`~bargaining.games.NormalFormGame` with any number of players.
    select
        ``"welfare-max"`` (maximise :math:`\sum_i u_i(p)`), ``"welfare-min"``
        (minimise it: the worst a mediator's device can do), or
        ``"max-entropy"`` (maximise :math:`-\sum_s p(s)\log p(s)`). For the
        set's vertices use :func:`correlated_vertices`.

    Returns
    -------
    CorrelatedEquilibrium
        Its :attr:`~CorrelatedEquilibrium.certificate` says what was verified:
        for the welfare selections of games with rational payoffs, that
        :math:`p` is a correlated equilibrium and optimal, both exactly.

    Raises
    ------
    InvalidGameError
        If ``select`` is unknown.
    SolverError
        If the solver fails.
    """
    game = _check_game(game)
    if select not in SELECTIONS:
        hint = " (use correlated_vertices(game) for the set's vertices)" if select == "vertices" else ""
        raise InvalidGameError(
            f"unknown correlated-equilibrium selection {select!r}; "
            f"choose one of {', '.join(SELECTIONS)}{hint}"
        )
    constraints = correlated_constraints(game)
    if select == "max-entropy":
        dist, cert, entropy = _max_entropy(game, constraints)
        return CorrelatedEquilibrium(game, select, dist, cert, objective=entropy)
    sign = 1 if select == "welfare-max" else -1
    welfare = game.payoff_array.sum(axis=0).ravel()
    found, cert = _lp_certificate(game, constraints, sign * welfare, sign)
    if isinstance(found, tuple):
        result = CorrelatedEquilibrium(game, select, np.zeros(game.num_strategies), cert, found)
    else:
        result = CorrelatedEquilibrium(game, select, found, cert)
    return replace(result, objective=result.welfare)


def correlated_vertices(game: NormalFormGame) -> CorrelatedVertices:
    """Every vertex of the set of correlated equilibria of ``game``, in exact rational arithmetic.

    Parameters
    ----------
    game
        A game with at most
        :data:`~bargaining.equilibrium.correlated_vertices.MAX_PROFILES` pure
        profiles. Non-rational float payoffs are read as their shortest
        decimals (``0.1`` is ``1/10``), as in exact Nash mode.

    Returns
    -------
    CorrelatedVertices
        Complete: every correlated equilibrium is a mixture of these; each
        vertex is re-checked exactly against every incentive constraint.

    Raises
    ------
    InvalidGameError
        If the game is too large; the message names the selections (and
        external tools) that handle larger games.
    """
    game = _check_game(game)
    matrix = correlated_constraints(game, exact=True).matrix.tolist()
    found = enumerate_vertices(matrix, game.num_profiles)
    certifies = "a vertex of the correlated-equilibrium set; every incentive constraint holds, exactly"
    cert = Certificate("double description, exact", True, 0.0, 0.0, certifies)
    vertices = []
    for vertex in found:
        if exact_violation(matrix, vertex) != 0:  # pragma: no cover - a defect, never a result
            raise SolverError(f"internal error: vertex {vertex} fails an incentive constraint")
        v = CorrelatedEquilibrium(game, "vertex", np.zeros(game.num_strategies), cert, vertex)
        vertices.append(replace(v, objective=v.welfare))
    notes = () if game.is_exact else ("Float payoffs were read as their shortest decimals (0.1 is 1/10).",)
    return CorrelatedVertices(game, tuple(vertices), "double description, exact", notes)
