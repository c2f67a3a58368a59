"""How a solution concept is computed: ``method="conic"``, ``"newton"`` or ``"auto"``.

=========  ================================================================================
method     what answers
=========  ================================================================================
conic      the cvxpy program on every convex piece (:mod:`bargaining.solutions.pieces`)
newton     Newton's method on the smooth concave program of each piece, every answer
           certified (Nash: :mod:`bargaining.solutions.nash_newton`, by the optimality
           conditions, with the certified ideal point of :mod:`.smooth_concepts`; KS, egalitarian,
           utilitarian: :mod:`bargaining.solutions.smooth_concepts`, by a duality bound
           and a proof that the tie-break cannot matter); issue-space problems whose
           continuous issues have bounds only; raises :class:`~bargaining.errors.SolverError`
           where it does not apply or cannot certify an answer
auto       newton where it applies and certifies its answer, else conic; the result's
           ``fallback`` says why newton did not answer; the default
=========  ================================================================================

The result records the method that answered (:attr:`BargainingSolution.method`).
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from bargaining.errors import InvalidGameError, SolverError, suggest
from bargaining.model.issue_space import BargainingProblem
from bargaining.solutions.base import check_weights
from bargaining.solutions.nash_newton import newton_nash
from bargaining.solutions.results import BargainingSolution
from bargaining.solutions.smooth import SmoothStructure, newton_applies
from bargaining.solutions.smooth_all import newton_all
from bargaining.solutions.smooth_concepts import newton_concept, point_ideal

__all__ = [
    "METHODS",
    "NEWTON_CONCEPTS",
    "by_method",
    "check_method",
    "nash_by_method",
    "newton_answers",
    "newton_solution",
]

#: The methods of every concept.
METHODS = ("conic", "newton", "auto")

#: The concepts with a Newton path.
NEWTON_CONCEPTS = ("nash", "ks", "egalitarian", "utilitarian")


def check_method(method: str, concept: str) -> str:
    """``method`` if it names a method of ``concept``; else an error that says which do."""
    if method not in METHODS:
        raise InvalidGameError(
            f"unknown method {method!r}{suggest(method, list(METHODS))} (choose from {', '.join(METHODS)})"
        )
    if concept not in NEWTON_CONCEPTS and method == "newton":
        known = ", ".join(NEWTON_CONCEPTS)
        raise InvalidGameError(f"method 'newton' solves {known}, not {concept!r}; use 'conic'")
    return method


def newton_solution(
    problem: object, weights: Sequence[float] | None = None, concept: str = "nash"
) -> BargainingSolution | str:
    """The certified Newton answer of ``concept`` for ``problem``, or why there is none."""
    reason = newton_applies(problem)
    structure = SmoothStructure.for_problem(problem) if not reason else None
    if structure is None or not isinstance(problem, BargainingProblem):
        return reason or "the Newton path does not apply"
    if concept != "nash":
        if weights is not None:
            check_weights(weights, np.ones(len(structure.parties)), len(structure.parties))
        return newton_concept(structure, problem, concept, weights)
    solution = newton_nash(structure, problem, [{}], weights)[0]
    if solution is None:
        return "Newton's method could not certify an answer (an edge of the agreement region, or a tie)"
    if not solution.agreement_exists:
        return solution
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ideal = point_ideal(structure, structure.instances(problem, [{}], weights))
    if isinstance(ideal, str):
        return ideal
    return dataclasses.replace(solution, ideal_point=ideal)


def newton_answers(problem: object) -> Mapping[str, BargainingSolution | str] | None:
    """:func:`newton_solution` of every concept with ``weights=None``, all at once; ``None``: one by one.

    The four concepts' barrier programs run stacked
    (:mod:`bargaining.solutions.smooth_all`): what ``solve_all`` uses.
    """
    if newton_applies(problem) or not isinstance(problem, BargainingProblem):
        return None
    structure = SmoothStructure.for_problem(problem)
    return None if structure is None else newton_all(structure, problem)


def nash_by_method(
    problem: object,
    weights: Sequence[float] | None,
    method: str,
    conic: Callable[[], BargainingSolution],
) -> BargainingSolution:
    """The Nash solution of ``problem`` by ``method`` (``conic()`` computes the cvxpy answer)."""
    return by_method(problem, "nash", weights, method, conic)


def by_method(
    problem: object,
    concept: str,
    weights: Sequence[float] | None,
    method: str,
    conic: Callable[[], BargainingSolution],
    answers: Mapping[str, BargainingSolution | str] | None = None,
) -> BargainingSolution:
    """``concept`` for ``problem`` by ``method`` (``conic()`` computes the cvxpy answer).

    ``answers``: :func:`newton_answers` of ``problem``, if known (used where ``weights`` is ``None``).
    """
    if method == "conic":
        return conic()
    if answers is not None and weights is None and concept in answers:
        found = answers[concept]
    else:
        found = newton_solution(problem, weights, concept)
    if isinstance(found, BargainingSolution):
        return found
    if method == "newton":
        raise SolverError(f"method 'newton': {found}; use method='auto' or 'conic'")
    return dataclasses.replace(conic(), fallback=found)
