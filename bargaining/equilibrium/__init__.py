r"""Nash equilibria of normal-form games: :func:`equilibria` and the result objects.

:func:`equilibria` dispatches on the number of players and ``method``:

Two players (:mod:`bargaining.equilibrium.two_player`)
    ``"auto"`` (``"vertex"``, or ``"lemke-howson"`` for games too large for it), ``"vertex"``, ``"support"``,
    ``"lemke-howson"``, ``"zero-sum"``, ``"pure"``, and nashpy's algorithms
    ``"nashpy-vertex"``, ``"nashpy-support"``, ``"nashpy-lemke-howson"``.

More players (:mod:`bargaining.equilibrium.n_player`)
    ``"pure"`` (:func:`~bargaining.equilibrium.n_player.pure_equilibria`),
    ``"mixed"`` (:func:`~bargaining.equilibrium.n_player.mixed_equilibria`: all
    equilibria of small games, by support enumeration), ``"logit"``
    (:func:`~bargaining.equilibrium.n_player.logit_path`: one equilibrium by
    following the logit quantal-response correspondence) and ``"auto"``
    (``"mixed"``, or ``"logit"`` for games with too many support profiles).

Every result says what it guarantees (``guarantee``: all equilibria, all
extreme equilibria and the components, all pure equilibria, one equilibrium,
or some equilibria) and which method ran and why (``reason``);
:mod:`.selection` makes the choice and :mod:`.guarantees` words it.
``time_limit=`` seconds bound the work (:mod:`.budget`): when they run out the
result holds what was found so far, marked incomplete.

Each ``n_player`` function takes the game (and ``exact=...`` when it supports
it) and returns an :class:`EquilibriumSet` (or a sequence of
:class:`Equilibrium`, which is wrapped).

Modules: :mod:`.results` (:class:`EquilibriumSet`; :class:`Equilibrium` is in
:mod:`.strategy_profile`); two players: :mod:`.bimatrix` (shared checks and
types), :mod:`.polytope` and :mod:`.extreme` (vertex and support enumeration),
:mod:`.lemke_howson`, :mod:`.zero_sum`, :mod:`.exact` (rational arithmetic);
more players: :mod:`.pure`, :mod:`.support_n` with :mod:`.support_equations`
and :mod:`.subdivision` (support enumeration), :mod:`.logit`; and
:mod:`.dominance`. The array-level solvers take frozen options
(:class:`~.support_n.SupportSearch`, :class:`~.logit.LogitPath`) and return
frozen results with their diagnostics.

Examples
--------
>>> from bargaining.games import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                 strategies=[["cooperate", "defect"], ["cooperate", "defect"]])
>>> result = equilibria(pd)
>>> [eq.support_names for eq in result]
[(('defect',), ('defect',))]
>>> result[0].is_nash(pd)
True
"""

from __future__ import annotations

import dataclasses
import importlib
from typing import Any

from bargaining.equilibrium.budget import Budget
from bargaining.equilibrium.results import Equilibrium, EquilibriumSet
from bargaining.equilibrium.selection import (
    INTERRUPTIBLE,
    METHODS_N_PLAYER,
    METHODS_TWO_PLAYER,
    MethodChoice,
    choose_method,
)
from bargaining.errors import InvalidGameError
from bargaining.games.normal_form import NormalFormGame

__all__ = [
    "METHODS_N_PLAYER",
    "METHODS_TWO_PLAYER",
    "Equilibrium",
    "EquilibriumSet",
    "equilibria",
    "solve_game",
]


def equilibria(
    game: NormalFormGame, method: str = "auto", exact: bool = False, time_limit: float | None = None
) -> EquilibriumSet:
    """The Nash equilibria of ``game`` computed by ``method``, with what they guarantee.

    Parameters
    ----------
    game
        A :class:`~bargaining.games.NormalFormGame`.
    method
        See the module docstring. ``"auto"`` enumerates all extreme
        equilibria of two-player games (vertex enumeration; Lemke-Howson
        beyond its size limit) and all equilibria of small games with more
        players (support enumeration; the logit path beyond its limit); see
        :mod:`bargaining.equilibrium.selection`.
    exact
        Compute and verify in rational arithmetic (two-player methods except
        nashpy's; passed on to n-player methods that accept it).
    time_limit
        Seconds allowed (``None``: no limit). When they run out the method
        stops and returns what it found so far, with ``timed_out=True``,
        ``complete=False`` and a guarantee that says so. The budget is
        checked inside support enumeration of n-player games, the logit
        path, pure enumeration and between Lemke-Howson paths; vertex and
        two-player support enumeration and the zero-sum programmes run to
        their end (the result then notes that they finished past the limit).

    Returns
    -------
    EquilibriumSet
        With ``guarantee`` (what the list is: all equilibria, all extreme
        equilibria and the components, all pure equilibria, one equilibrium,
        or some equilibria), ``reason`` (which method ran and why), and
        ``elapsed`` seconds.

    Raises
    ------
    InvalidGameError
        If the method is unknown or does not apply to the game, the game is
        too large for the exhaustive method asked for (the message names the
        method that can handle it), or ``time_limit`` is not a positive number.
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"equilibria() needs a NormalFormGame, got {type(game).__name__}; "
            "build one with NormalFormGame.from_arrays(A, B) or bargaining.read_game(path)"
        )
    budget = Budget.start(time_limit)
    choice = choose_method(game, method, exact)
    result = _run(choice, game, exact, budget)
    return _finish(result, choice, budget)


def _run(choice: MethodChoice, game: NormalFormGame, exact: bool, budget: Budget) -> EquilibriumSet:
    """Call the chosen function with the arguments it takes."""
    module_name = "two_player" if choice.two_player else "n_player"
    function = getattr(importlib.import_module(f"bargaining.equilibrium.{module_name}"), choice.function)
    kwargs: dict[str, Any] = {"budget": budget} if choice.method in INTERRUPTIBLE else {}
    if choice.method.startswith("nashpy-"):
        found: EquilibriumSet = function(game, choice.method, **kwargs)
        return found
    if choice.method == "pure" and choice.two_player:
        found = function(game)
        return found
    found = function(game, exact=exact, **kwargs)
    return found


def _finish(result: EquilibriumSet, choice: MethodChoice, budget: Budget) -> EquilibriumSet:
    """The result with its reason, time, and the guarantee derived again from what happened."""
    elapsed = budget.elapsed()
    notes = list(result.notes)
    late = budget.time_limit is not None and elapsed > budget.time_limit
    if late and not result.timed_out and choice.method not in INTERRUPTIBLE:
        notes.append(
            f"{choice.method} does not check the time limit as it runs: it finished after "
            f"{elapsed:.3g} s, past the {budget.time_limit:g} s limit, and its result is whole."
        )
    reason = choice.reason
    if budget.time_limit is not None and choice.method not in INTERRUPTIBLE:
        reason += " (it runs to its end: the time limit is checked only before and after it)"
    return dataclasses.replace(
        result,
        notes=tuple(notes),
        guarantee="",  # derived again in __post_init__ from the fields below
        reason=reason,
        elapsed=elapsed,
        time_limit=budget.time_limit,
    )


def solve_game(model: Any, solution: str = "all", time_limit: float | None = None) -> EquilibriumSet:
    """The handler ``bargain solve`` uses for ``normal_form`` specs.

    Parameters
    ----------
    model
        A :class:`~bargaining.games.normal_form.NormalFormGame`.
    solution
        ``"all"`` for the default method, otherwise an equilibrium method name
        (see :func:`bargaining.equilibrium.equilibria`).
    time_limit
        Seconds allowed (see :func:`bargaining.equilibrium.equilibria`).
    """
    return equilibria(model, method="auto" if solution == "all" else solution, time_limit=time_limit)
