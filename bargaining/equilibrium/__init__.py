r"""Nash equilibria of normal-form games: :func:`equilibria` and the result objects.

:func:`equilibria` dispatches on the number of players and ``method``:

Two players (:mod:`bargaining.equilibrium.two_player`)
    ``"auto"`` (= ``"vertex"``), ``"vertex"``, ``"support"``,
    ``"lemke-howson"``, ``"zero-sum"``, ``"pure"``, and nashpy's algorithms
    ``"nashpy-vertex"``, ``"nashpy-support"``, ``"nashpy-lemke-howson"``.

More players (:mod:`bargaining.equilibrium.n_player`)
    ``"pure"`` (:func:`~bargaining.equilibrium.n_player.pure_equilibria`),
    ``"mixed"`` (:func:`~bargaining.equilibrium.n_player.mixed_equilibria`: all
    equilibria of small games, by support enumeration), ``"logit"``
    (:func:`~bargaining.equilibrium.n_player.logit_path`: one equilibrium by
    following the logit quantal-response correspondence) and ``"auto"``
    (``"mixed"``).

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

import importlib
import inspect
from typing import Any

from bargaining.equilibrium.results import Equilibrium, EquilibriumSet
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

#: method -> function name in bargaining.equilibrium.two_player
METHODS_TWO_PLAYER: dict[str, str] = {
    "auto": "vertex_enumeration",
    "vertex": "vertex_enumeration",
    "support": "support_enumeration",
    "lemke-howson": "lemke_howson",
    "zero-sum": "zero_sum_equilibrium",
    "pure": "pure_equilibria_2p",
    "nashpy-vertex": "nashpy_equilibria",
    "nashpy-support": "nashpy_equilibria",
    "nashpy-lemke-howson": "nashpy_equilibria",
}

#: method -> function name in bargaining.equilibrium.n_player
METHODS_N_PLAYER: dict[str, str] = {
    "auto": "mixed_equilibria",
    "pure": "pure_equilibria",
    "mixed": "mixed_equilibria",
    "logit": "logit_path",
}

_ALIASES = {
    "lemke_howson": "lemke-howson",
    "lh": "lemke-howson",
    "zero_sum": "zero-sum",
    "enumeration": "vertex",
}


def equilibria(game: NormalFormGame, method: str = "auto", exact: bool = False) -> EquilibriumSet:
    """The Nash equilibria of ``game`` computed by ``method``.

    Parameters
    ----------
    game
        A :class:`~bargaining.games.NormalFormGame`.
    method
        See the module docstring. ``"auto"`` enumerates all extreme
        equilibria of two-player games (vertex enumeration) and all
        equilibria of small games with more players.
    exact
        Compute and verify in rational arithmetic (two-player methods except
        nashpy's; passed on to n-player methods that accept it).

    Returns
    -------
    EquilibriumSet

    Raises
    ------
    InvalidGameError
        If the method is unknown or does not apply to the game.
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"equilibria() needs a NormalFormGame, got {type(game).__name__}; "
            "build one with NormalFormGame.from_arrays(A, B) or bargaining.read_game(path)"
        )
    name = _ALIASES.get(method, method)
    if game.num_players == 2 and name == "logit":
        # The logit path (quantal response) works for any number of players.
        from bargaining.equilibrium.n_player import logit_path

        traced: EquilibriumSet = logit_path(game, exact=exact)
        return traced
    if game.num_players == 2:
        if name not in METHODS_TWO_PLAYER:
            raise InvalidGameError(
                f"unknown method {method!r} for a two-player game; "
                f"choose one of {', '.join([*METHODS_TWO_PLAYER, 'logit'])}"
            )
        from bargaining.equilibrium import two_player

        function = getattr(two_player, METHODS_TWO_PLAYER[name])
        if name.startswith("nashpy-"):
            if exact:
                raise InvalidGameError(f"method {name!r} is floating point only; drop exact=True")
            result: EquilibriumSet = function(game, name)
            return result
        if name == "pure":
            result = function(game)
            return result
        result = function(game, exact=exact)
        return result
    if name not in METHODS_N_PLAYER:
        raise InvalidGameError(
            f"unknown method {method!r} for a {game.num_players}-player game; "
            f"choose one of {', '.join(METHODS_N_PLAYER)}"
        )
    module = importlib.import_module("bargaining.equilibrium.n_player")
    function = getattr(module, METHODS_N_PLAYER[name])
    kwargs: dict[str, Any] = {}
    if exact and "exact" in inspect.signature(function).parameters:
        kwargs["exact"] = True
    found = function(game, **kwargs)
    if isinstance(found, EquilibriumSet):
        return found
    return EquilibriumSet(game, name, tuple(found), exact=False, complete=False)


def solve_game(model: Any, solution: str = "all") -> EquilibriumSet:
    """The handler ``bargain solve`` uses for ``normal_form`` specs.

    Parameters
    ----------
    model
        A :class:`~bargaining.games.normal_form.NormalFormGame`.
    solution
        ``"all"`` for the default method, otherwise an equilibrium method name
        (see :func:`bargaining.equilibrium.equilibria`).
    """
    return equilibria(model, method="auto" if solution == "all" else solution)
