r"""Equilibria of game trees: backward induction and the reduced normal form.

**Backward induction** (Kuhn 1953; Selten 1975) solves a game of perfect
information from its end: at a terminal node the value is the payoff vector;
at a chance node it is the expectation

.. math:: v(x) = \sum_a \pi_x(a)\, v(x a);

at a decision node of player :math:`i` the player picks an action with the
highest :math:`v_i(x a)`. Every strategy profile built this way is a
subgame-perfect equilibrium (SPE) in pure strategies, and every pure SPE is
built this way. When a player is indifferent, each best action starts a
different SPE, and the choices made in a subgame change what is best above
it, so :func:`subgame_perfect_equilibria` keeps, at every node, the list of
all SPE of the subgame and combines them: at a decision node, every
combination of the children's SPE together with every action that is best
against that combination.

**The reduced normal form** (Kuhn 1953; Osborne & Rubinstein 1994, §11.1)
turns any finite tree, imperfect information included, into a strategic
game. A pure strategy of player :math:`i` chooses an action at each of
:math:`i`'s information sets; strategies that differ only at information
sets that :math:`i`'s own earlier choices rule out lead to the same play
against everything, and are merged into one *plan*, which leaves those
information sets unspecified (``*``). Payoffs are expected payoffs over
chance. The Nash equilibria of that game (:func:`bargaining.equilibrium.equilibria`)
are the Nash equilibria of the tree in mixed strategies. Under perfect recall
each mixed strategy :math:`\sigma_i` has an equivalent behaviour strategy
(Kuhn's theorem),

.. math:: \beta_i(a \mid h) = \frac{\sum_{s:\, s(h) = a} \sigma_i(s)}
                                   {\sum_{s:\, h \text{ not ruled out by } s} \sigma_i(s)},

undefined when :math:`\sigma_i` itself avoids :math:`h`.

References
----------
Kuhn, H. W. (1953). Extensive games and the problem of information.
*Contributions to the Theory of Games II*, 193-216.
Selten, R. (1975). Reexamination of the perfectness concept for equilibrium
points in extensive games. *International Journal of Game Theory* 4, 25-55.
Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*, ch. 6 and 11.

Examples
--------
>>> from bargaining.games.extensive_form import DecisionNode, ExtensiveFormGame, TerminalNode
>>> entry = ExtensiveFormGame(("entrant", "incumbent"), {
...     "start": DecisionNode("entrant", ("out", "enter"), ("stay_out", "respond")),
...     "respond": DecisionNode("incumbent", ("fight", "accommodate"), ("war", "share")),
...     "stay_out": TerminalNode((0, 2)), "war": TerminalNode((-1, -1)), "share": TerminalNode((1, 1)),
... }, root="start")
>>> [dict(eq.choices) for eq in subgame_perfect_equilibria(entry)]
[{'start': 'enter', 'respond': 'accommodate'}]
>>> reduced_normal_form(entry).game.strategies
(('out', 'enter'), ('fight', 'accommodate'))
>>> len(extensive_equilibria(entry))  # (enter, accommodate) and the threat (out, fight) ...
3
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING

from bargaining.equilibrium.tree_results import (
    Behaviour,
    ExtensiveEquilibria,
    SubgamePerfectEquilibrium,
    SubgamePerfectSet,
    TreeSolution,
)
from bargaining.errors import InvalidGameError
from bargaining.games.extensive_form import ChanceNode, DecisionNode, ExtensiveFormGame, TerminalNode
from bargaining.games.reduced import ReducedNormalForm, reduced_normal_form

if TYPE_CHECKING:
    from bargaining.equilibrium.results import Equilibrium

__all__ = [
    "Behaviour",
    "ExtensiveEquilibria",
    "SubgamePerfectEquilibrium",
    "SubgamePerfectSet",
    "TreeSolution",
    "behaviour_strategies",
    "extensive_equilibria",
    "solve_tree",
    "subgame_perfect_equilibria",
]


# --------------------------------------------------------------------------- backward induction
def subgame_perfect_equilibria(game: ExtensiveFormGame, limit: int = 10_000) -> SubgamePerfectSet:
    """Every pure subgame-perfect equilibrium of a perfect-information game, by backward induction.

    Parameters
    ----------
    game
        A game of perfect information (every information set a single node);
        chance nodes are allowed and handled by expectation.
    limit
        The most equilibria to enumerate; ties at many nodes multiply them.

    Returns
    -------
    SubgamePerfectSet
        In a deterministic order (children's equilibria in order, then actions in order).

    Raises
    ------
    InvalidGameError
        If the game has imperfect information (use :func:`extensive_equilibria`)
        or more than ``limit`` equilibria.
    """
    if not game.is_perfect_information:
        shared = next(h for h in game.infosets if len(h.nodes) > 1)
        raise InvalidGameError(
            f"backward induction needs perfect information, but information set {shared.name!r} has "
            f"{len(shared.nodes)} nodes; use extensive_equilibria(game) (the reduced normal form) instead"
        )
    players = game.players
    # (choices, payoffs, outcome) of every SPE of the subgame below each node, leaves first
    solved: dict[str, list[_Partial]] = {}
    for node_id in reversed(list(game.nodes)):
        node = game.nodes[node_id]
        if isinstance(node, TerminalNode):
            solved[node_id] = [({}, node.payoffs, {node_id: Fraction(1)})]
            continue
        options = [solved.pop(child) for child in node.children]
        solved[node_id] = _combine(node_id, node, options, players, limit)
    movers = MappingProxyType(
        {n: node.player for n, node in game.nodes.items() if isinstance(node, DecisionNode)}
    )
    equilibria = tuple(
        SubgamePerfectEquilibrium(
            MappingProxyType({n: choices[n] for n in game.nodes if n in movers}),
            payoffs,
            MappingProxyType(outcome),
            players,
            movers,
        )
        for choices, payoffs, outcome in solved[game.root]
    )
    return SubgamePerfectSet(game, equilibria)


#: one subgame-perfect equilibrium of a subgame: (choices, payoffs, outcome)
_Partial = tuple[dict[str, str], tuple[Fraction, ...], dict[str, Fraction]]


def _combine(
    node_id: str,
    node: DecisionNode | ChanceNode,
    options: list[list[_Partial]],
    players: tuple[str, ...],
    limit: int,
) -> list[_Partial]:
    """Every SPE of the subgame at ``node``, from every combination of its children's SPE."""
    results: list[_Partial] = []
    for combo in itertools.product(*options):
        choices: dict[str, str] = {}
        for child_choices, _, _ in combo:
            choices.update(child_choices)
        if isinstance(node, ChanceNode):
            payoffs = tuple(
                sum((p * sol[1][i] for p, sol in zip(node.probabilities, combo, strict=True)), Fraction(0))
                for i in range(len(players))
            )
            outcome: dict[str, Fraction] = {}
            for p, (_, _, child_outcome) in zip(node.probabilities, combo, strict=True):
                for leaf, q in child_outcome.items():
                    if p * q:
                        outcome[leaf] = outcome.get(leaf, Fraction(0)) + p * q
            results.append((choices, payoffs, outcome))
        else:
            mover = players.index(node.player)
            best = max(sol[1][mover] for sol in combo)
            for action, (_, child_payoffs, child_outcome) in zip(node.actions, combo, strict=True):
                if child_payoffs[mover] == best:
                    results.append(({node_id: action, **choices}, child_payoffs, child_outcome))
        if len(results) > limit:
            raise InvalidGameError(
                f"the game has more than {limit} subgame-perfect equilibria (ties at many nodes); "
                "break the ties in the payoffs (or, from Python, raise limit=)"
            )
    return results


# --------------------------------------------------------------------------- behaviour strategies
def behaviour_strategies(reduced: ReducedNormalForm, equilibrium: Equilibrium) -> Behaviour:
    r"""Kuhn's behaviour strategies :math:`\beta_i(a \mid h)` equivalent to a mixed profile.

    Returns, per player, per information set (preorder), the probabilities of
    its actions, or ``None`` where the player's own strategy rules it out.
    Exact when the equilibrium carries exact probabilities. Valid under
    perfect recall only (the caller checks).
    """
    tree = reduced.tree
    result = []
    for i in range(tree.num_players):
        sigma = (
            equilibrium.exact_probabilities[i]
            if equilibrium.exact_probabilities is not None
            else tuple(Fraction(float(p)) for p in equilibrium.probabilities[i])
        )
        rows: list[tuple[str, tuple[Fraction, ...] | None]] = []
        for h in tree.infosets_of(i):
            reach = sum(
                (p for p, plan in zip(sigma, reduced.plans[i], strict=True) if h.name in plan), Fraction(0)
            )
            if reach == 0:
                rows.append((h.name, None))
                continue
            probs = tuple(
                sum(
                    (p for p, plan in zip(sigma, reduced.plans[i], strict=True) if plan.get(h.name) == a),
                    Fraction(0),
                )
                / reach
                for a in h.actions
            )
            rows.append((h.name, probs))
        result.append(tuple(rows))
    return tuple(result)


def extensive_equilibria(
    game: ExtensiveFormGame, method: str = "auto", exact: bool = False, time_limit: float | None = None
) -> ExtensiveEquilibria:
    """The Nash equilibria of a game tree, through its reduced normal form.

    Parameters
    ----------
    game
        Any finite game tree (imperfect information and chance allowed).
    method, exact, time_limit
        Passed to :func:`bargaining.equilibrium.equilibria`; the result's
        ``equilibria.guarantee`` says what the list is.

    Returns
    -------
    ExtensiveEquilibria
        The equilibria over plans and, when the game has perfect recall, the
        equivalent behaviour strategies at each information set.

    Notes
    -----
    These are Nash equilibria: in a game with perfect information they
    include profiles sustained by threats that are not credible; see
    :func:`subgame_perfect_equilibria` for the refinement.
    """
    from bargaining.equilibrium import equilibria

    reduced = reduced_normal_form(game)
    found = equilibria(reduced.game, method=method, exact=exact, time_limit=time_limit)
    behaviours = tuple(behaviour_strategies(reduced, eq) for eq in found) if game.has_perfect_recall else None
    return ExtensiveEquilibria(reduced, found, behaviours)


# --------------------------------------------------------------------------- bargain solve
def solve_tree(model: ExtensiveFormGame, solution: str = "all") -> TreeSolution:
    """The handler ``bargain solve`` uses for ``extensive_form`` specs.

    Parameters
    ----------
    model
        The game tree.
    solution
        ``"all"``: the subgame-perfect equilibria (perfect information only)
        and the Nash equilibria of the reduced normal form; ``"spe"`` (or
        ``"backward-induction"``): the former only; any other value: the
        latter only, with that equilibrium method.
    """
    if solution in ("spe", "backward-induction"):
        return TreeSolution(subgame_perfect_equilibria(model), None)
    spe = subgame_perfect_equilibria(model) if solution == "all" and model.is_perfect_information else None
    return TreeSolution(spe, extensive_equilibria(model, method="auto" if solution == "all" else solution))
