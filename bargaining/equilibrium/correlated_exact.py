r"""Exact certificates for the correlated-equilibrium programs, in rational arithmetic.

A floating-point simplex solution of

.. math:: \max_p \ c^\top p \quad \text{s.t.} \quad G p \ge 0,\ \ \mathbf 1^\top p = 1,\ \ p \ge 0

is a vertex: its *support* (:math:`p_s > 0`) and its *tight* incentive
constraints (:math:`(Gp)_k = 0`) determine it. :func:`exact_primal` solves that
system again in Fractions; the result is then checked exactly (:math:`p \ge 0`,
:math:`\sum p = 1`, :math:`G p \ge 0`): a float tolerance only chooses which
system to solve, never whether the answer is accepted.

The dual is :math:`\min v` s.t. :math:`v \ge c_s + (G^\top \lambda)_s` for every
profile :math:`s`, :math:`\lambda \ge 0`. *Any* :math:`\lambda \ge 0` gives the
upper bound :math:`\max_s\, c_s + (G^\top\lambda)_s \ge c^\top p^*` (weak
duality, since :math:`\lambda^\top G p \ge 0` for every correlated
equilibrium). :func:`exact_dual_bound` recovers the solver's multipliers
exactly from the dual's tight set (falling back on their exact binary values),
and computes this bound in Fractions; a bound equal to the objective of an
exactly feasible :math:`p` certifies :math:`p` optimal, exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.exact import solve_exact

__all__ = ["exact_dual_bound", "exact_primal", "exact_violation"]

FractionRows = Sequence[Sequence[Fraction]]


def exact_violation(matrix: FractionRows, p: Sequence[Fraction]) -> Fraction:
    r"""The largest violation of :math:`p \ge 0`, :math:`\sum p = 1` and :math:`G p \ge 0`, exactly."""
    worst = max(Fraction(0), -min(p), abs(sum(p, Fraction(0)) - 1))
    for row in matrix:
        slack = sum((g * q for g, q in zip(row, p, strict=True) if g and q), Fraction(0))
        worst = max(worst, -slack)
    return worst


def exact_primal(
    matrix: FractionRows,
    p: NDArray[np.float64],
    slacks: NDArray[np.float64],
    probability_tol: float,
    slack_tol: float,
) -> tuple[Fraction, ...] | None:
    r"""The vertex with the float solution's support and tight constraints, in Fractions.

    The support is where :math:`p_s >` ``probability_tol``, the tight rows
    where :math:`(Gp)_k \le` ``slack_tol``; these only choose the system to
    solve. Returns ``None`` when that system has no unique solution or its
    solution is not a correlated equilibrium (checked exactly).
    """
    n_profiles = len(p)
    support = [s for s in range(n_profiles) if p[s] > probability_tol]
    tight = [k for k in range(len(matrix)) if slacks[k] <= slack_tol]
    rows = [[matrix[k][s] for s in support] for k in tight] + [[Fraction(1)] * len(support)]
    rhs = [Fraction(0)] * len(tight) + [Fraction(1)]
    solution = solve_exact(rows, rhs) if support else None
    if solution is None:
        return None
    exact = [Fraction(0)] * n_profiles
    for s, value in zip(support, solution, strict=True):
        exact[s] = value
    return tuple(exact) if exact_violation(matrix, exact) == 0 else None


def dual_values(
    matrix: FractionRows, objective: Sequence[Fraction], multipliers: Sequence[Fraction]
) -> list[Fraction]:
    r""":math:`c_s + (G^\top \lambda)_s` for every profile :math:`s`, exactly."""
    values = list(objective)
    for row, lam in zip(matrix, multipliers, strict=True):
        if lam:
            values = [v + lam * g for v, g in zip(values, row, strict=True)]
    return values


def exact_dual_bound(
    matrix: FractionRows,
    objective: Sequence[Fraction],
    multipliers: NDArray[np.float64],
    reduced: NDArray[np.float64],
    multiplier_tol: float,
    reduced_tol: float,
) -> Fraction:
    r"""An exact upper bound :math:`\max_s c_s + (G^\top\lambda)_s` on the program's optimum.

    Parameters
    ----------
    matrix, objective
        :math:`G` and :math:`c` in Fractions.
    multipliers
        The solver's :math:`\lambda` (floats).
    reduced
        The solver's :math:`v - c_s - (G^\top\lambda)_s` per profile (floats),
        to find the dual's tight profiles.
    multiplier_tol, reduced_tol
        Which multipliers count as positive, and which profiles as tight;
        they only choose the system to solve.

    Notes
    -----
    First solves :math:`c_s + (G^\top \lambda)_s = v` on the tight profiles
    for the positive multipliers and :math:`v` exactly; if that has no unique
    nonnegative solution, uses the float multipliers (clipped at 0) at their
    exact binary values. Either way the bound is valid (weak duality).
    """
    positive = [k for k in range(len(matrix)) if multipliers[k] > multiplier_tol]
    tight = [s for s in range(len(objective)) if reduced[s] <= reduced_tol]
    rows = [[matrix[k][s] for k in positive] + [Fraction(-1)] for s in tight]
    solution = solve_exact(rows, [-objective[s] for s in tight]) if tight else None
    lam = [Fraction(0)] * len(matrix)
    if solution is not None and all(v >= 0 for v in solution[:-1]):
        for k, value in zip(positive, solution[:-1], strict=True):
            lam[k] = value
    else:
        lam = [Fraction(float(max(v, 0.0))) for v in multipliers]
    return max(dual_values(matrix, objective, lam))
