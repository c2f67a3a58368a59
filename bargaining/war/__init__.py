"""The bargaining model of war (Fearon 1995): range, optimal demand, risk of war.

The closed forms and the proposer's optimum live in :mod:`bargaining.war.fearon`,
the result in :mod:`bargaining.war.results`, the spec model in
:mod:`bargaining.model.war` and the beliefs in :mod:`bargaining.model.beliefs`.
Shifting power and the commitment problem (Powell 2006) live in
:mod:`bargaining.war.commitment` (model :mod:`bargaining.model.shifting_power`),
learning while fighting (after Powell 2004) in :mod:`bargaining.war.learning`
(model :mod:`bargaining.model.learning`).
"""

from __future__ import annotations

from bargaining.model.beliefs import CostDistribution, CostTypes, UniformCost
from bargaining.model.learning import FightingType, LearningWhileFighting
from bargaining.model.shifting_power import ShiftingPower
from bargaining.model.war import CostType, NormalBelief, UniformBelief, WarBargaining, WarParty
from bargaining.war.commitment import commitment_equilibrium, powell_gaps, solve_shifting_power
from bargaining.war.commitment_results import CommitmentSolution
from bargaining.war.fearon import bargaining_range, fearon_solution, solve_war
from bargaining.war.learning import learning_equilibrium, solve_learning_while_fighting
from bargaining.war.learning_results import LearningSolution
from bargaining.war.results import WarSolution

__all__ = [
    "CommitmentSolution",
    "CostDistribution",
    "CostType",
    "CostTypes",
    "FightingType",
    "LearningSolution",
    "LearningWhileFighting",
    "NormalBelief",
    "ShiftingPower",
    "UniformBelief",
    "UniformCost",
    "WarBargaining",
    "WarParty",
    "WarSolution",
    "bargaining_range",
    "commitment_equilibrium",
    "fearon_solution",
    "learning_equilibrium",
    "powell_gaps",
    "solve_learning_while_fighting",
    "solve_shifting_power",
    "solve_war",
]
