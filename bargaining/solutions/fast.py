r"""A faster Nash solution for sweeps and Monte Carlo: solve only what Nash needs.

:func:`bargaining.solutions.concepts.solve` first analyses the problem on every convex
piece (one per combination of discrete levels): each party's best utility
(the ideal point) and the largest common gain (whether an agreement exists),
then solves the concept. For the Nash solution alone only one program per
piece is needed,

.. math:: \max_{u \in S_k} \prod_i (u_i - d_i)^{w_i / \sum_j w_j},

because an agreement that gives every party more than :math:`d` exists exactly
when the best of these products is positive. That is a third of the programs
(for the Kursk scenario, 5 instead of 15), each re-solved from the cached
compilation (:mod:`bargaining.solutions.feasible`) with new parameter values.

The shortcut is used only where it gives the same answer as
:func:`~bargaining.solutions.concepts.solve`: when the best piece's Nash point gives
every party a gain clearly above the solver tolerance. Near the edge of the
agreement region (and where no agreement exists) it falls back to the full
solution, so the result is the same, except that the ideal point is not
computed (it is ``nan``).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from bargaining.model.domain import partial_domains
from bargaining.solutions.results import BargainingSolution

__all__ = ["fast_nash"]

#: Gains below this (relative to the scale of the problem) are left to the full solution.
_CLEAR = 1e-6


def fast_nash(problem: Any) -> BargainingSolution:
    """The Nash bargaining solution of an issue-space problem, with one program per piece.

    Parameters
    ----------
    problem
        A :class:`~bargaining.model.issue_space.BargainingProblem`.

    Returns
    -------
    BargainingSolution
        As :func:`bargaining.solutions.concepts.solve` ``(problem, "nash")`` gives it,
        with ``ideal_point`` all ``nan`` when the shortcut applies.
    """
    from bargaining.solutions.concepts import concept_name, solve
    from bargaining.solutions.convex import solver_name
    from bargaining.solutions.feasible import IssueFeasible

    feasible = IssueFeasible(problem)
    d = feasible.disagreement_point
    w = feasible.bargaining_power
    solved: list[tuple[float, Any, dict[str, Any]]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for model, levels in feasible.pieces():
            result = model.nash(d, w)
            if not result.ok and not result.infeasible:
                return solve(problem, "nash")  # the full solution raises the proper error
            if result.ok and result.utilities is not None:
                solved.append((result.value, result, levels))
    if not solved:
        return solve(problem, "nash")
    solved.sort(key=lambda item: -item[0])
    value, result, levels = solved[0]
    scale = max(1.0, float(np.max(np.abs(d))), float(np.max(np.abs(result.utilities))))
    if float(np.min(result.utilities - d)) <= _CLEAR * scale or result.status != "optimal":
        return solve(problem, "nash")  # near an edge, or an optimum to check (:mod:`.certify`)
    # Ties between pieces (the full solution keeps the first of equal products) are rare but
    # possible with symmetric levels: leave them to the full solution too.
    if len(solved) > 1 and solved[1][0] >= value - _CLEAR * max(1.0, abs(value)):
        return solve(problem, "nash")
    agreement = feasible.order({**result.agreement, **levels})
    return BargainingSolution(
        concept="nash",
        concept_name=concept_name("nash", w),
        parties=feasible.parties,
        agreement_exists=True,
        agreement=agreement,
        utilities=feasible.utilities(agreement),
        disagreement_point=d,
        ideal_point=np.full(len(d), np.nan),
        weights=w,
        status=result.status,
        solver=solver_name(),
        notes=partial_domains(problem.parties, problem.issues, problem.parameter_values()),
    )
