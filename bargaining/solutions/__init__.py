"""Axiomatic bargaining solutions over issue spaces and utility sets.

=======================  ==============================================================
module                   what it does
=======================  ==============================================================
:mod:`.concepts`         Nash, Kalai-Smorodinsky, egalitarian, utilitarian: ``solve``
:mod:`.base`             concept names, weights, the answer without agreement
:mod:`.methods`          ``method="conic" | "newton" | "auto"`` for the Nash solution
:mod:`.pieces`           every concept on a union of convex pieces (cvxpy)
:mod:`.feasible`         the feasible set as a union of convex pieces
:mod:`.convex`           the conic programs (cvxpy)
:mod:`.finite`           finite utility sets (no lotteries)
:mod:`.closed_form`      exact sympy forms on two-party frontiers
:mod:`.fast`             the Nash solution with one cvxpy program per piece
:mod:`.newton`           one damped Newton barrier loop, vectorised over instances
:mod:`.nash_programs`    its objectives: a start, the Nash program, a party's best gain
:mod:`.nash_newton`      the certified Nash solution by Newton, at one point or many
:mod:`.smooth`           a smooth problem as numpy functions (the Newton structures)
:mod:`.concavity`        which instances the DCP rules prove concave, without cvxpy
:mod:`.cache`            one bounded, thread-safe cache of compiled structures
:mod:`.results`          :class:`BargainingSolution`, :class:`SolutionSet`
=======================  ==============================================================
"""

from __future__ import annotations

from bargaining.solutions.concepts import (
    SOLUTION_CONCEPTS,
    egalitarian_solution,
    kalai_smorodinsky_solution,
    nash_bargaining_solution,
    solve,
    solve_all,
    utilitarian_solution,
)
from bargaining.solutions.results import BargainingSolution, SolutionSet

__all__ = [
    "SOLUTION_CONCEPTS",
    "BargainingSolution",
    "SolutionSet",
    "egalitarian_solution",
    "kalai_smorodinsky_solution",
    "nash_bargaining_solution",
    "solve",
    "solve_all",
    "utilitarian_solution",
]
