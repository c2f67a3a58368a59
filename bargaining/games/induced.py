r"""The induced normal form of a Bayesian game: type-contingent plans as strategies, ex-ante payoffs.

A strategy of player :math:`i` maps its types to actions, :math:`s_i : T_i \to A_i`;
the payoffs are ex ante (Harsanyi 1967-68),

.. math:: U_i(s) = \sum_t p(t)\, u_i\bigl(t, s_0(t_0), \dots, s_{n-1}(t_{n-1})\bigr).

This is a transformation of the game, not a solver: the Nash equilibria of
the result are the Bayesian Nash equilibria
(:func:`bargaining.equilibrium.bayesian.bayesian_equilibria`).

References
----------
Harsanyi, J. C. (1967-68). Games with incomplete information played by
"Bayesian" players, I-III. *Management Science* 14.

Examples
--------
>>> from bargaining.games.bayesian import BayesianGame
>>> bos = BayesianGame.from_tables(
...     players=("row", "column"), actions=(("B", "S"), ("B", "S")), types=((), ("meet", "avoid")),
...     prior={("meet",): "1/2", ("avoid",): "1/2"},
...     tables={("meet",): ([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
...             ("avoid",): ([[2, 0], [0, 1]], [[0, 2], [1, 0]])})
>>> induced_normal_form(bos).strategies
(('B', 'S'), ('B/B', 'B/S', 'S/B', 'S/S'))
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from bargaining.errors import InvalidGameError
from bargaining.games.normal_form import NormalFormGame

if TYPE_CHECKING:
    from bargaining.games.bayesian import BayesianGame

__all__ = ["MAX_STRATEGIES", "induced_normal_form", "type_plans"]

#: the most pure strategies per player :func:`induced_normal_form` builds
MAX_STRATEGIES = 1 << 14


def type_plans(game: BayesianGame, player: int) -> list[tuple[int, ...]]:
    """Every map from the player's types to its actions, as action indices per type."""
    count = game.num_actions[player] ** game.num_types[player]
    if count > MAX_STRATEGIES:
        raise InvalidGameError(
            f"{game.players[player]} has {count} type-contingent strategies "
            f"({game.num_actions[player]} actions ^ {game.num_types[player]} types); the induced normal form "
            f"is limited to {MAX_STRATEGIES} per player"
        )
    return list(itertools.product(range(game.num_actions[player]), repeat=game.num_types[player]))


def induced_normal_form(game: BayesianGame) -> NormalFormGame:
    r"""The strategic game whose strategies map types to actions, with ex-ante payoffs :math:`U_i(s)`.

    A strategy's name lists its action for each type, in the order of the
    player's types, separated by ``/`` (just the action for a player with one
    type). Payoffs are exact.
    """
    plans = [np.array(type_plans(game, i), dtype=np.intp) for i in range(game.num_players)]
    sizes = tuple(len(p) for p in plans)
    payoffs = np.full((game.num_players, *sizes), Fraction(0), dtype=object)
    for types in game.type_profiles():
        weight = game.prior[types]
        # the action each strategy of each player takes at its type in this profile
        chosen = [plans[i][:, k] for i, k in enumerate(types)]
        for j in range(game.num_players):
            table = game.payoffs[(j, *types)]
            payoffs[j] = payoffs[j] + weight * table[np.ix_(*chosen)]
    names = tuple(
        tuple("/".join(game.actions[i][a] for a in plan) for plan in type_plans(game, i))
        for i in range(game.num_players)
    )
    return NormalFormGame(payoffs, players=game.players, strategies=names, title=game.title)
