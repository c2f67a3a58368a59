"""Coalitional (TU) games: values, voting power, the core and the nucleolus, claims rules.

==========================  ========================================================================
module                      what it computes
==========================  ========================================================================
:mod:`.shapley`             the Shapley and Banzhaf values (exact, or sampled with intervals)
:mod:`.power`               Shapley-Shubik and Banzhaf indices of weighted voting (exact DP)
:mod:`.nucleolus`           the nucleolus and prenucleolus (HiGHS LPs, confirmed exactly)
:mod:`.exact`               rational linear algebra, an exact simplex, Kohlberg's criterion
:mod:`.core`                core membership, the least core, vertices, superadditivity, convexity
:mod:`.claims`              proportional, CEA, CEL and Talmud rules for claims problems
:mod:`.legislative`         Baron-Ferejohn legislative bargaining (stationary equilibrium)
:mod:`.legislative_search`  its tie structures: smoothed orders, ordered partitions
:mod:`.legislative_spec`    ``bargain solve`` of spec kind ``legislative``
:mod:`.bridge`              a TU game derived from a bargaining problem of 3+ parties
:mod:`.bridged`             that game's solutions beside the bargaining solutions (``--coalitions``)
:mod:`.solve`               everything side by side (``bargain solve``)
==========================  ========================================================================

The games themselves are :class:`bargaining.model.coalitional.CoalitionalGame`.
"""

from __future__ import annotations

from bargaining.coalitional.bridge import coalitional_game_from_problem
from bargaining.coalitional.claims import (
    constrained_equal_awards,
    constrained_equal_losses,
    proportional,
    talmud,
)
from bargaining.coalitional.core import (
    core_report,
    core_vertices,
    core_violation,
    is_convex,
    is_superadditive,
    least_core,
)
from bargaining.coalitional.legislative import legislative_bargaining
from bargaining.coalitional.nucleolus import nucleolus, prenucleolus
from bargaining.coalitional.power import power_indices
from bargaining.coalitional.shapley import banzhaf_value, shapley_value
from bargaining.coalitional.solve import solve_coalitional

__all__ = [
    "banzhaf_value",
    "coalitional_game_from_problem",
    "constrained_equal_awards",
    "constrained_equal_losses",
    "core_report",
    "core_vertices",
    "core_violation",
    "is_convex",
    "is_superadditive",
    "least_core",
    "legislative_bargaining",
    "nucleolus",
    "power_indices",
    "prenucleolus",
    "proportional",
    "shapley_value",
    "solve_coalitional",
    "talmud",
]
