"""The models: what a negotiation is, with no solver in sight.

=============================  ==============================================================
module                         what it holds
=============================  ==============================================================
:mod:`.issue_space`            parties, issues, constraints, parameters: a bargaining problem
:mod:`.utility_space`          a problem given directly in utility space (a set, a frontier)
:mod:`.alternating_offers`     Rubinstein's alternating-offers model as a spec model
:mod:`.parametrized`           what the parametrized two-party models share
:mod:`.uncertainty`            distributions of uncertain parameters
=============================  ==============================================================

Nothing here imports a solver, :mod:`bargaining.io`, click or matplotlib.
"""

from __future__ import annotations

from bargaining.model.issue_space import (
    BargainingProblem,
    Constraint,
    ContinuousIssue,
    DiscreteIssue,
    Issue,
    Level,
    Parameter,
    Party,
)

__all__ = [
    "BargainingProblem",
    "Constraint",
    "ContinuousIssue",
    "DiscreteIssue",
    "Issue",
    "Level",
    "Parameter",
    "Party",
]
