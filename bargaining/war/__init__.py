"""The bargaining model of war (Fearon 1995): range, optimal demand, risk of war."""

from __future__ import annotations

from bargaining.war.fearon import (
    CostDistribution,
    CostTypes,
    UniformCost,
    WarBargaining,
    WarSolution,
    bargaining_range,
    fearon_solution,
)

__all__ = [
    "CostDistribution",
    "CostTypes",
    "UniformCost",
    "WarBargaining",
    "WarSolution",
    "bargaining_range",
    "fearon_solution",
]
