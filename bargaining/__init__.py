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
    "Expression": "bargaining.expressions",
    "parse_expression": "bargaining.expressions",
    # the issue-space model
    "Parameter": "bargaining.model",
    "ContinuousIssue": "bargaining.model",
    "DiscreteIssue": "bargaining.model",
    "Party": "bargaining.model",
    "Constraint": "bargaining.model",
    "BargainingProblem": "bargaining.model",
    # utility-space problems
    "UtilitySet": "bargaining.utility_space",
    "Frontier": "bargaining.utility_space",
    # solutions
    "SOLUTION_CONCEPTS": "bargaining.solutions",
    "solve": "bargaining.solutions",
    "nash_bargaining_solution": "bargaining.solutions",
    "kalai_smorodinsky_solution": "bargaining.solutions",
    "egalitarian_solution": "bargaining.solutions",
    "utilitarian_solution": "bargaining.solutions",
    "BargainingSolution": "bargaining.results",
    "SolutionSet": "bargaining.results",
    # io
    "load": "bargaining.io",
    "loads": "bargaining.io",
    "save": "bargaining.io",
    "dumps": "bargaining.io",
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
    from bargaining.errors import (  # noqa: F401
        BargainingError,
        ConvexityError,
        ExpressionError,
        GameFormatError,
        InvalidGameError,
        SolverError,
        SpecError,
    )
    from bargaining.expressions import Expression, parse_expression  # noqa: F401
    from bargaining.io import dumps, load, loads, save  # noqa: F401
    from bargaining.model import (  # noqa: F401
        BargainingProblem,
        Constraint,
        ContinuousIssue,
        DiscreteIssue,
        Parameter,
        Party,
    )
    from bargaining.results import BargainingSolution, SolutionSet  # noqa: F401
    from bargaining.solutions import (  # noqa: F401
        SOLUTION_CONCEPTS,
        egalitarian_solution,
        kalai_smorodinsky_solution,
        nash_bargaining_solution,
        solve,
        utilitarian_solution,
    )
    from bargaining.utility_space import Frontier, UtilitySet  # noqa: F401
