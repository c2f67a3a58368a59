"""Solve any model by its kind: the solver :data:`bargaining.kinds.KINDS` names.

This is what ``bargain solve`` and every sensitivity analysis call, so a new
model family is solvable everywhere once its kind has a line in the registry.

Examples
--------
>>> from bargaining.model.utility_space import Frontier
>>> dollar = Frontier(("a", "b"), "1 - a")
>>> [s.concept for s in solve_model(dollar, "all").solutions]
['nash', 'ks', 'egalitarian', 'utilitarian']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from bargaining.errors import InvalidGameError
from bargaining.kinds import KINDS

__all__ = ["solve_model", "solver_for"]


def solver_for(kind: str) -> Callable[..., Any]:
    """The solver registered for models of ``kind``.

    Raises
    ------
    InvalidGameError
        If no kind of that name is registered.
    """
    if kind not in KINDS:
        raise InvalidGameError(
            f"no solver for models of kind {kind!r}; known kinds: {', '.join(sorted(KINDS))}"
        )
    module_name, _, attribute = KINDS[kind].solver.partition(":")
    solver: Callable[..., Any] = getattr(importlib.import_module(module_name), attribute)
    return solver


def solve_model(model: Any, solution: str = "all", method: str | None = None) -> Any:
    """Solve ``model`` with the solver of its kind (``model.spec_kind``).

    Parameters
    ----------
    model
        Any model with a ``spec_kind`` (a :class:`~bargaining.model.BargainingProblem`,
        a game, an alternating-offers or war model, ...).
    solution
        ``"all"``, or a concept or method name the kind's solver knows.
    method
        How to compute it, for kinds whose solver takes a method
        (:attr:`bargaining.kinds.Kind.methods`, e.g. ``"auto"``: certified
        Newton steps where they answer, else the conic programs); ignored by
        the other kinds. ``None``: the solver's own default.
    """
    kind = getattr(model, "spec_kind", "")
    solver = solver_for(kind)
    if method is not None and method in KINDS[kind].methods:
        return solver(model, solution=solution, method=method)
    return solver(model, solution=solution)
