"""bargaining: game-theoretic bargaining for negotiations to end wars.

The public API, importable from the top level::

    import bargaining as bg

    problem = bg.load("games/kursk.json")          # or build one in Python
    result = bg.nash_bargaining_solution(problem)
    print(result.to_table())

Names are resolved lazily (PEP 562), so ``import bargaining`` is instant and
cvxpy and sympy load only when a solver needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # errors
    "BargainingError": "bargaining.errors",
    "InvalidGameError": "bargaining.errors",
    "ExpressionError": "bargaining.errors",
    "SpecError": "bargaining.errors",
    "GameFormatError": "bargaining.errors",
    "ConvexityError": "bargaining.errors",
    "SolverError": "bargaining.errors",
    # expressions
    "Expression": "bargaining.expressions.parse",
    "parse_expression": "bargaining.expressions.parse",
    # the issue-space model
    "Parameter": "bargaining.model.issue_space",
    "ContinuousIssue": "bargaining.model.issue_space",
    "DiscreteIssue": "bargaining.model.issue_space",
    "Level": "bargaining.model.issue_space",
    "Party": "bargaining.model.issue_space",
    "Constraint": "bargaining.model.issue_space",
    "BargainingProblem": "bargaining.model.issue_space",
    # utility-space problems
    "UtilitySet": "bargaining.model.utility_space",
    "Frontier": "bargaining.model.utility_space",
    # bargaining solutions
    "SOLUTION_CONCEPTS": "bargaining.solutions.concepts",
    "solve": "bargaining.solutions.concepts",
    "solve_all": "bargaining.solutions.concepts",
    "nash_bargaining_solution": "bargaining.solutions.concepts",
    "kalai_smorodinsky_solution": "bargaining.solutions.concepts",
    "egalitarian_solution": "bargaining.solutions.concepts",
    "utilitarian_solution": "bargaining.solutions.concepts",
    "raiffa_solution": "bargaining.solutions.raiffa",
    "continuous_raiffa_solution": "bargaining.solutions.raiffa",
    # their results
    "BargainingSolution": "bargaining.solutions.results",
    "SolutionSet": "bargaining.solutions.results",
    # alternating offers over issues
    "alternating_offers_solution": "bargaining.sequential.alternating",
    "AlternatingOffersSolution": "bargaining.sequential.alternating",
    # Rubinstein's closed forms
    "rubinstein_solution": "bargaining.sequential",
    "rubinstein_shares": "bargaining.sequential",
    "rubinstein_limit": "bargaining.sequential",
    "RubinsteinSolution": "bargaining.sequential",
    # the rubinstein spec model
    "AlternatingOffers": "bargaining.model.alternating_offers",
    "Bargainer": "bargaining.model.alternating_offers",
    # the bargaining model of war
    "fearon_solution": "bargaining.war.fearon",
    "bargaining_range": "bargaining.war.fearon",
    "WarBargaining": "bargaining.model.war",
    "WarSolution": "bargaining.war.results",
    "UniformCost": "bargaining.model.beliefs",
    "CostTypes": "bargaining.model.beliefs",
    "CostDistribution": "bargaining.model.beliefs",
    # the double auction
    "DoubleAuction": "bargaining.model.double_auction",
    "linear_equilibrium": "bargaining.auction",
    "DoubleAuctionSolution": "bargaining.auction",
    # coalitional games
    "CoalitionalGame": "bargaining.model.coalitional",
    "solve_coalitional": "bargaining.coalitional.solve",
    "shapley_value": "bargaining.coalitional.shapley",
    "banzhaf_value": "bargaining.coalitional.shapley",
    "power_indices": "bargaining.coalitional.power",
    "nucleolus": "bargaining.coalitional.nucleolus",
    "prenucleolus": "bargaining.coalitional.nucleolus",
    "core_report": "bargaining.coalitional.core",
    "legislative_bargaining": "bargaining.coalitional.legislative",
    "coalitional_game_from_problem": "bargaining.coalitional.bridge",
    "solve_with_coalitions": "bargaining.coalitional.bridged",
    # strategic games
    "NormalFormGame": "bargaining.games.normal_form",
    # equilibria
    "equilibria": "bargaining.equilibrium",
    "Equilibrium": "bargaining.equilibrium",
    "EquilibriumSet": "bargaining.equilibrium",
    "correlated_equilibrium": "bargaining.equilibrium.correlated",
    "correlated_vertices": "bargaining.equilibrium.correlated",
    # dominance
    "iterated_dominance": "bargaining.equilibrium.dominance",
    # game trees
    "ExtensiveFormGame": "bargaining.games.extensive_form",
    # their solutions
    "subgame_perfect_equilibria": "bargaining.equilibrium.backward_induction",
    "reduced_normal_form": "bargaining.games.reduced",
    "extensive_equilibria": "bargaining.equilibrium.backward_induction",
    # Bayesian games
    "BayesianGame": "bargaining.games.bayesian",
    "bayesian_equilibria": "bargaining.equilibrium.bayesian",
    "induced_normal_form": "bargaining.games.induced",
    "value_of_ambiguity": "bargaining.equilibrium.bayesian",
    # files
    "load": "bargaining.io",
    "loads": "bargaining.io",
    "save": "bargaining.io",
    "dumps": "bargaining.io",
    # game files
    "read_game": "bargaining.io.games",
    "write_game": "bargaining.io.games",
    "read_efg": "bargaining.io.efg",
    "write_efg": "bargaining.io.efg",
    # the live explorer (Panel, an optional extra, imported when a page is built)
    "explore": "bargaining.explore",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'bargaining' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover
    from bargaining.auction import DoubleAuctionSolution, linear_equilibrium  # noqa: F401
    from bargaining.coalitional.bridge import coalitional_game_from_problem  # noqa: F401
    from bargaining.coalitional.bridged import solve_with_coalitions  # noqa: F401
    from bargaining.coalitional.core import core_report  # noqa: F401
    from bargaining.coalitional.legislative import legislative_bargaining  # noqa: F401
    from bargaining.coalitional.nucleolus import nucleolus, prenucleolus  # noqa: F401
    from bargaining.coalitional.power import power_indices  # noqa: F401
    from bargaining.coalitional.shapley import banzhaf_value, shapley_value  # noqa: F401
    from bargaining.coalitional.solve import solve_coalitional  # noqa: F401
    from bargaining.equilibrium import (  # noqa: F401
        Equilibrium,
        EquilibriumSet,
        equilibria,
    )
    from bargaining.equilibrium.backward_induction import (  # noqa: F401
        extensive_equilibria,
        subgame_perfect_equilibria,
    )
    from bargaining.equilibrium.bayesian import (  # noqa: F401
        bayesian_equilibria,
        value_of_ambiguity,
    )
    from bargaining.equilibrium.dominance import (  # noqa: F401
        iterated_dominance,
    )
    from bargaining.errors import (  # noqa: F401
        BargainingError,
        ConvexityError,
        ExpressionError,
        GameFormatError,
        InvalidGameError,
        SolverError,
        SpecError,
    )
    from bargaining.explore import explore  # noqa: F401
    from bargaining.expressions.parse import (  # noqa: F401
        Expression,
        parse_expression,
    )
    from bargaining.games.bayesian import BayesianGame  # noqa: F401
    from bargaining.games.extensive_form import (  # noqa: F401
        ExtensiveFormGame,
    )
    from bargaining.games.induced import induced_normal_form  # noqa: F401
    from bargaining.games.normal_form import (  # noqa: F401
        NormalFormGame,
    )
    from bargaining.games.reduced import reduced_normal_form  # noqa: F401
    from bargaining.io import (  # noqa: F401
        dumps,
        load,
        loads,
        save,
    )
    from bargaining.io.efg import read_efg, write_efg  # noqa: F401
    from bargaining.io.games import (  # noqa: F401
        read_game,
        write_game,
    )
    from bargaining.model.alternating_offers import (  # noqa: F401
        AlternatingOffers,
        Bargainer,
    )
    from bargaining.model.beliefs import (  # noqa: F401
        CostDistribution,
        CostTypes,
        UniformCost,
    )
    from bargaining.model.coalitional import CoalitionalGame  # noqa: F401
    from bargaining.model.double_auction import DoubleAuction  # noqa: F401
    from bargaining.model.issue_space import (  # noqa: F401
        BargainingProblem,
        Constraint,
        ContinuousIssue,
        DiscreteIssue,
        Level,
        Parameter,
        Party,
    )
    from bargaining.model.utility_space import (  # noqa: F401
        Frontier,
        UtilitySet,
    )
    from bargaining.model.war import WarBargaining  # noqa: F401
    from bargaining.sequential import (  # noqa: F401
        RubinsteinSolution,
        rubinstein_limit,
        rubinstein_shares,
        rubinstein_solution,
    )
    from bargaining.sequential.alternating import (  # noqa: F401
        AlternatingOffersSolution,
        alternating_offers_solution,
    )
    from bargaining.solutions.concepts import (  # noqa: F401
        SOLUTION_CONCEPTS,
        egalitarian_solution,
        kalai_smorodinsky_solution,
        nash_bargaining_solution,
        solve,
        solve_all,
        utilitarian_solution,
    )
    from bargaining.solutions.raiffa import continuous_raiffa_solution, raiffa_solution  # noqa: F401
    from bargaining.solutions.results import (  # noqa: F401
        BargainingSolution,
        SolutionSet,
    )
    from bargaining.war.fearon import (  # noqa: F401
        bargaining_range,
        fearon_solution,
    )
    from bargaining.war.results import WarSolution  # noqa: F401
