r"""Outcomes as named columns: solve a model and flatten its result.

Every spec kind has a solver (:data:`bargaining.kinds.KINDS`)
whose result has ``to_dict()``. A sensitivity analysis needs the result as a
flat row of named outcomes, the same names at every point:

=================================  =======================================================
column                             meaning
=================================  =======================================================
``agreement_exists``               some agreement gives every party more than disagreement
``ukraine.disagreement``           :math:`d_i` (the same for every concept)
``ukraine.ideal``                  :math:`a_i`, the ideal point
``nash.territory_returned``        the agreement of a concept on an issue (a level name
                                   for a discrete issue)
``nash.ukraine.utility``           :math:`u_i` of that concept's agreement
``nash.ukraine.gain``              :math:`u_i - d_i`
=================================  =======================================================

Other kinds are flattened generically: nested objects are joined with dots,
lists with one entry per party are keyed by the party's name
(``shares.ukraine``), other lists by position (``equilibria.0.pure``); lists of
names become one comma-separated string. Book-keeping fields (solver names,
notes, formulas as text) are left out.

An outcome name may omit the concept when it is unambiguous:
:func:`resolve_outcome` reads ``ukraine.gain`` as ``nash.ukraine.gain`` when
Nash is the first concept solved.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard

from bargaining.errors import BargainingError, InvalidGameError, suggest

__all__ = [
    "Row",
    "UnknownOutcomeError",
    "check_solution",
    "evaluate",
    "flatten_result",
    "is_number",
    "resolve_outcome",
    "solve_model",
]

#: One point's outcomes: column name -> number, bool, string (a level name) or None.
Row = dict[str, Any]

_SKIP = frozenset({"solver", "notes", "exact", "formula", "concept_name", "title", "model", "game", "method"})


class UnknownOutcomeError(InvalidGameError):
    """An outcome name that no column has (the message suggests the closest)."""


#: Kinds solved by the bargaining solution concepts (``nash``, ``ks``, ..., ``all``, Raiffa's).
_CONCEPT_KINDS = frozenset({"issue_space", "utility_set", "frontier"})
#: Kinds whose ``solution`` names an equilibrium method (``auto``, ``vertex``, ...).
_GAME_KINDS = frozenset({"normal_form", "extensive_form", "bayesian"})


def check_solution(model: Any, solution: str) -> None:
    """Refuse a solution name the model's solver does not know, before any point is solved.

    A sensitivity analysis catches each point's error in its row, so without
    this an unknown concept came back as an error in every row and exit status 0.

    Raises
    ------
    InvalidGameError
        Naming the concepts (or equilibrium methods) that the model's kind knows.

    Examples
    --------
    >>> from bargaining.model.utility_space import Frontier
    >>> check_solution(Frontier(("a", "b"), "1 - a"), "nash")
    >>> check_solution(Frontier(("a", "b"), "1 - a"), "bogus")
    Traceback (most recent call last):
    ...
    bargaining.errors.InvalidGameError: unknown solution 'bogus' (choose from nash, ks, egalitarian, ...
    """
    if not isinstance(solution, str):
        raise InvalidGameError(f"solution must be a name such as 'nash' or 'all', got {solution!r}")
    kind = getattr(model, "spec_kind", "")
    if kind in _CONCEPT_KINDS and solution != "all":
        from bargaining.solutions.base import concept_key
        from bargaining.solutions.raiffa import raiffa_key

        if raiffa_key(solution) is None:
            concept_key(solution)
    elif kind == "stakeholders" and solution != "all":
        from bargaining.stakeholders.forecast import MODELS

        if solution not in MODELS:
            raise InvalidGameError(
                f"unknown stakeholder model {solution!r}; choose all or one of {', '.join(MODELS)}"
                f"{suggest(solution, list(MODELS))}"
            )
    elif kind in _GAME_KINDS and solution != "all" and isinstance(getattr(model, "num_players", None), int):
        from bargaining.equilibrium.selection import ALIASES, METHODS_N_PLAYER, METHODS_TWO_PLAYER

        players = model.num_players
        known = [*METHODS_TWO_PLAYER, "logit"] if players == 2 else list(METHODS_N_PLAYER)
        if ALIASES.get(solution, solution) not in known:
            raise InvalidGameError(
                f"unknown method {solution!r} for a {players}-player game; choose one of "
                f"all, {', '.join(known)}{suggest(solution, known)}"
            )


def is_number(value: Any) -> TypeGuard[int | float]:
    """Whether ``value`` is a finite real number (not a bool, a string or None)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _plain(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _flatten(value: Any, prefix: str, out: Row, names: Sequence[str]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key in _SKIP:
                continue
            _flatten(item, f"{prefix}.{key}" if prefix else str(key), out, names)
    elif isinstance(value, list | tuple):
        if value and all(isinstance(v, str) for v in value):
            out[prefix] = ", ".join(value)
        elif not value:
            out[prefix] = ""
        else:
            keys = list(names) if len(value) == len(names) and names else [str(i) for i in range(len(value))]
            for key, item in zip(keys, value, strict=True):
                _flatten(item, f"{prefix}.{key}", out, names)
    else:
        out[prefix] = _plain(value)


def _solution_row(solution: Mapping[str, Any], out: Row) -> None:
    concept = solution["concept"]
    for issue, value in solution["agreement"].items():
        out[f"{concept}.{issue}"] = _plain(value)
    for party, values in solution["parties"].items():
        out[f"{concept}.{party}.utility"] = values["utility"]
        out[f"{concept}.{party}.gain"] = values["gain"]
        out.setdefault(f"{party}.disagreement", values["disagreement"])
        out.setdefault(f"{party}.ideal", values["ideal"])
    out[f"{concept}.agreement_exists"] = bool(solution["agreement_exists"])
    if solution.get("blocking"):
        out[f"{concept}.blocking"] = ", ".join(solution["blocking"])


def flatten_result(data: Mapping[str, Any]) -> Row:
    """One flat row of named outcomes from a result's ``to_dict()``.

    Parameters
    ----------
    data
        ``result.to_dict()`` of any solve handler's result.

    Returns
    -------
    dict
        Column name -> plain value (see the module docstring for the names).

    Examples
    --------
    >>> flatten_result({"model": "war", "parties": ["a", "b"], "shares": [0.6, 0.4]})
    {'shares.a': 0.6, 'shares.b': 0.4}
    """
    out: Row = {}
    solutions = data.get("solutions")
    if isinstance(solutions, list) and all(isinstance(s, Mapping) and "concept" in s for s in solutions):
        if solutions:
            out["agreement_exists"] = any(bool(s["agreement_exists"]) for s in solutions)
        for solution in solutions:
            _solution_row(solution, out)
        return out
    if "concept" in data and "parties" in data and "agreement" in data:
        out["agreement_exists"] = bool(data["agreement_exists"])
        _solution_row(data, out)
        return out
    names: list[str] = []
    for key in ("parties", "players"):
        value = data.get(key)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            names = list(value)
            break
    _flatten({k: v for k, v in data.items() if k not in ("parties", "players")}, "", out, names)
    return out


def solve_model(model: Any, solution: str = "all") -> Any:
    """Solve ``model`` with the solver of its kind (:func:`bargaining.dispatch.solve_model`)."""
    from bargaining.dispatch import solve_model as solve

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return solve(model, solution)


def evaluate(model: Any, values: Mapping[str, float], solution: str = "all") -> Row:
    """The outcomes of ``model`` with some parameters set to ``values``.

    A point where the model is not valid (e.g. no gains from trade in an
    alternating-offers game) or the solver fails gives a row with only an
    ``error`` column: a sweep records it and goes on.
    """
    try:
        point = model.with_parameters(dict(values)) if values else model
        result = solve_model(point, solution)
        if hasattr(result, "outcome_row"):  # a result that gives its own row (stakeholder forecasts)
            row: Row = result.outcome_row()
            return row
        return flatten_result(result.to_dict())
    except BargainingError as exc:
        return {"error": str(exc)}


def resolve_outcome(name: str, columns: Sequence[str]) -> str:
    """The column an outcome name refers to.

    ``name`` is a column, or a column without its concept prefix
    (``ukraine.gain`` for ``nash.ukraine.gain``: the first concept that has
    it).

    Raises
    ------
    UnknownOutcomeError
        With the closest column names.
    """
    if name in columns:
        return name
    for column in columns:
        head, sep, rest = column.partition(".")
        if sep and rest == name:
            return column
    import difflib

    close = difflib.get_close_matches(name, list(columns), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    shown = ", ".join(list(columns)[:12]) + (", ..." if len(columns) > 12 else "")
    raise UnknownOutcomeError(f"unknown outcome {name!r}{hint} (outcomes: {shown})")
