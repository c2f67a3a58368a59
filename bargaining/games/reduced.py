r"""The reduced normal form of a game tree: plans as strategies, expected payoffs.

The reduced normal form (Kuhn 1953; Osborne & Rubinstein 1994, §11.1) turns
any finite tree, imperfect information included, into a strategic game. A
pure strategy of player :math:`i` chooses an action at each of :math:`i`'s
information sets; strategies that differ only at information sets that
:math:`i`'s own earlier choices rule out lead to the same play against
everything, and are merged into one *plan*, which leaves those information
sets unspecified (``*``). Payoffs are expected payoffs over chance,

.. math:: U_i(s) = \sum_z \Pr(z \mid s)\, u_i(z).

This is a transformation of the game, not a solver: the Nash equilibria of
the result (:func:`bargaining.equilibrium.equilibria`) are the Nash
equilibria of the tree in mixed strategies
(:func:`bargaining.equilibrium.backward_induction.extensive_equilibria`).

References
----------
Kuhn, H. W. (1953). Extensive games and the problem of information.
*Contributions to the Theory of Games II*, 193-216.
Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*, ch. 11.

Examples
--------
>>> from bargaining.games.extensive_form import DecisionNode, ExtensiveFormGame, TerminalNode
>>> entry = ExtensiveFormGame(("entrant", "incumbent"), {
...     "start": DecisionNode("entrant", ("out", "enter"), ("stay_out", "respond")),
...     "respond": DecisionNode("incumbent", ("fight", "accommodate"), ("war", "share")),
...     "stay_out": TerminalNode((0, 2)), "war": TerminalNode((-1, -1)), "share": TerminalNode((1, 1)),
... }, root="start")
>>> reduced_normal_form(entry).game.strategies
(('out', 'enter'), ('fight', 'accommodate'))
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError
from bargaining.games.extensive_form import ChanceNode, DecisionNode, ExtensiveFormGame, TerminalNode
from bargaining.games.normal_form import NormalFormGame
from bargaining.games.spec_data import normal_form_spec

__all__ = ["MAX_STRATEGIES", "ReducedNormalForm", "reduced_normal_form"]

#: the most pure strategies per player :func:`reduced_normal_form` enumerates
MAX_STRATEGIES = 1 << 16


@dataclass(frozen=True, slots=True, eq=False)
class ReducedNormalForm:
    """The reduced normal form of a game tree.

    Parameters
    ----------
    tree
        The extensive-form game.
    game
        The strategic game: one strategy per plan, expected payoffs (exact).
    plans
        For each player, for each of its strategies (in the order of
        ``game.strategies``), the plan: information set name -> action, at the
        player's information sets that its own plan does not rule out.
    """

    tree: ExtensiveFormGame
    game: NormalFormGame
    plans: tuple[tuple[Mapping[str, str], ...], ...]

    def to_dict(self) -> dict[str, Any]:
        """The strategic game as a ``normal_form`` spec, and the plans by strategy name."""
        return {
            "normal_form": normal_form_spec(self.game),
            "plans": {
                player: {
                    name: dict(plan)
                    for name, plan in zip(self.game.strategies[i], self.plans[i], strict=True)
                }
                for i, player in enumerate(self.game.players)
            },
        }


def _relevant(game: ExtensiveFormGame, player: int, choice: Mapping[str, str]) -> tuple[str, ...]:
    """The player's information sets its own choices do not rule out, in preorder."""
    infoset_of = {n: h.name for h in game.infosets for n in h.nodes}
    seen: dict[str, None] = {}
    stack = [game.root]
    while stack:
        node_id = stack.pop()
        node = game.nodes[node_id]
        if isinstance(node, TerminalNode):
            continue
        if isinstance(node, DecisionNode) and game.players.index(node.player) == player:
            name = infoset_of[node_id]
            seen.setdefault(name)
            stack.append(node.children[node.actions.index(choice[name])])
        else:
            stack.extend(reversed(node.children))
    order = [h.name for h in game.infosets_of(player)]
    return tuple(h for h in order if h in seen)


def _plans(game: ExtensiveFormGame, player: int) -> list[dict[str, str]]:
    """The distinct reduced plans of ``player``, in lexicographic order of the full strategies."""
    infosets = game.infosets_of(player)
    count = 1
    for h in infosets:
        count *= len(h.actions)
    if count > MAX_STRATEGIES:
        raise InvalidGameError(
            f"{game.players[player]} has {count} pure strategies; the reduced normal form is limited "
            f"to {MAX_STRATEGIES} per player (bargaining.games.reduced.MAX_STRATEGIES)"
        )
    plans: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
    for actions in itertools.product(*(h.actions for h in infosets)):
        choice = {h.name: a for h, a in zip(infosets, actions, strict=True)}
        plan = {name: choice[name] for name in _relevant(game, player, choice)}
        plans.setdefault(tuple(plan.items()), plan)
    return list(plans.values())


def _plan_name(plan: Mapping[str, str], infosets: tuple[str, ...]) -> str:
    return "/".join(plan.get(h, "*") for h in infosets) if infosets else "-"


def _expected_payoffs(
    game: ExtensiveFormGame, profile: tuple[Mapping[str, str], ...]
) -> tuple[Fraction, ...]:
    """Expected payoffs when each player follows its plan (chance by expectation)."""
    infoset_of = {n: h.name for h in game.infosets for n in h.nodes}
    totals = [Fraction(0)] * game.num_players
    stack: list[tuple[str, Fraction]] = [(game.root, Fraction(1))]
    while stack:
        node_id, weight = stack.pop()
        node = game.nodes[node_id]
        if isinstance(node, TerminalNode):
            for i, value in enumerate(node.payoffs):
                totals[i] += weight * value
        elif isinstance(node, ChanceNode):
            stack.extend((c, weight * p) for c, p in zip(node.children, node.probabilities, strict=True) if p)
        else:
            action = profile[game.players.index(node.player)][infoset_of[node_id]]
            stack.append((node.children[node.actions.index(action)], weight))
    return tuple(totals)


def reduced_normal_form(game: ExtensiveFormGame) -> ReducedNormalForm:
    r"""The reduced normal form of ``game``: plans as strategies, expected payoffs.

    Strategy names list the plan's action at each of the player's information
    sets in preorder, separated by ``/``, with ``*`` where the plan rules the
    information set out (as Gambit does with action numbers); a player with
    no decision gets the single strategy ``-``.

    Raises
    ------
    InvalidGameError
        If a player has more than :data:`MAX_STRATEGIES` pure strategies.
    """
    plans = [_plans(game, i) for i in range(game.num_players)]
    names = []
    for i, player_plans in enumerate(plans):
        order = tuple(h.name for h in game.infosets_of(i))
        labels = [_plan_name(plan, order) for plan in player_plans]
        if len(set(labels)) != len(labels):  # action names containing "/" or "*"
            labels = ["; ".join(f"{h}={a}" for h, a in plan.items()) or "-" for plan in player_plans]
        names.append(tuple(labels))
    sizes = tuple(len(p) for p in plans)
    payoffs = np.empty((game.num_players, *sizes), dtype=object)
    for index in np.ndindex(*sizes):
        values = _expected_payoffs(game, tuple(plans[i][k] for i, k in enumerate(index)))
        for i, value in enumerate(values):
            payoffs[(i, *index)] = value
    normal = NormalFormGame(payoffs, players=game.players, strategies=tuple(names), title=game.title)
    frozen = tuple(tuple(MappingProxyType(plan) for plan in player_plans) for player_plans in plans)
    return ReducedNormalForm(game, normal, frozen)
