"""The bargaining model of war (Fearon 1995): range, optimal demand, risk of war.

The closed forms and the proposer's optimum live in :mod:`bargaining.war.fearon`,
the result in :mod:`bargaining.war.results`, the spec model in
:mod:`bargaining.model.war` and the beliefs in :mod:`bargaining.model.beliefs`.
"""

from __future__ import annotations

from bargaining.model.beliefs import CostDistribution, CostTypes, UniformCost
from bargaining.model.war import CostType, NormalBelief, UniformBelief, WarBargaining, WarParty
from bargaining.war.fearon import bargaining_range, fearon_solution, solve_war
from bargaining.war.results import WarSolution

__all__ = [
    "CostDistribution",
    "CostType",
    "CostTypes",
    "NormalBelief",
    "UniformBelief",
    "UniformCost",
    "WarBargaining",
    "WarParty",
    "WarSolution",
    "bargaining_range",
    "fearon_solution",
    "solve_war",
]
