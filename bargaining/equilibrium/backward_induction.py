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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from bargaining.errors import InvalidGameError
from bargaining.games.extensive_form import ChanceNode, DecisionNode, ExtensiveFormGame, TerminalNode

if TYPE_CHECKING:
    from bargaining.equilibrium.results import Equilibrium, EquilibriumSet
    from bargaining.games.normal_form import NormalFormGame

__all__ = [
    "ExtensiveEquilibria",
    "ReducedNormalForm",
    "SubgamePerfectEquilibrium",
    "SubgamePerfectSet",
    "TreeSolution",
    "extensive_equilibria",
    "reduced_normal_form",
    "solve_tree",
    "subgame_perfect_equilibria",
]

#: the most pure strategies per player :func:`reduced_normal_form` enumerates
MAX_STRATEGIES = 1 << 16


def _text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


# --------------------------------------------------------------------------- backward induction
@dataclass(frozen=True, slots=True)
class SubgamePerfectEquilibrium:
    """One pure subgame-perfect equilibrium of a perfect-information game.

    Parameters
    ----------
    choices
        Decision node id -> the action chosen there, at *every* decision node
        (off the path of play too: that is what makes threats credible or not).
    payoffs
        Expected payoffs, one per player (exact).
    outcome
        Terminal node id -> probability of ending there (several with chance).
    players
        Player names.
    movers
        Decision node id -> the name of the player who moves there.
    """

    choices: Mapping[str, str]
    payoffs: tuple[Fraction, ...]
    outcome: Mapping[str, Fraction]
    players: tuple[str, ...]
    movers: Mapping[str, str]

    def strategy_of(self, player: str) -> dict[str, str]:
        """``{node id: action}`` at the nodes where ``player`` moves."""
        return {node: action for node, action in self.choices.items() if self.movers[node] == player}

    def to_dict(self) -> dict[str, Any]:
        """Plain data: each player's choices, payoffs (floats and exact ``"p/q"``) and the outcome."""
        return {
            "strategies": {p: self.strategy_of(p) for p in self.players},
            "payoffs": {p: float(v) for p, v in zip(self.players, self.payoffs, strict=True)},
            "exact_payoffs": {p: _text(v) for p, v in zip(self.players, self.payoffs, strict=True)},
            "outcome": {node: float(p) for node, p in self.outcome.items()},
        }

    def __repr__(self) -> str:
        moves = ", ".join(f"{node}: {action}" for node, action in self.choices.items())
        return f"SubgamePerfectEquilibrium({moves})"


@dataclass(frozen=True, slots=True)
class SubgamePerfectSet:
    """Every pure subgame-perfect equilibrium of a perfect-information game."""

    game: ExtensiveFormGame
    equilibria: tuple[SubgamePerfectEquilibrium, ...]

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[SubgamePerfectEquilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, index: int) -> SubgamePerfectEquilibrium:
        return self.equilibria[index]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {
            "game": self.game.summary(),
            "players": list(self.game.players),
            "method": "backward-induction",
            "count": len(self.equilibria),
            "equilibria": [eq.to_dict() for eq in self.equilibria],
        }

    def to_table(self) -> str:
        """One row per equilibrium: each player's choices (node: action) and the payoffs."""
        from bargaining.table import format_table

        players = self.game.players
        headers = ["#", *players, *(f"u({p})" for p in players)]
        rows = [
            [
                k,
                *("; ".join(f"{n}: {a}" for n, a in eq.strategy_of(p).items()) or "-" for p in players),
                *(_number(v) for v in eq.payoffs),
            ]
            for k, eq in enumerate(self.equilibria)
        ]
        count = len(self.equilibria)
        title = (
            f"{self.game.summary()} -- {count} subgame-perfect equilibri{'um' if count == 1 else 'a'} "
            "(backward induction, pure)"
        )
        return format_table(headers, rows, title=title)


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
    solved: dict[str, list[tuple[dict[str, str], tuple[Fraction, ...], dict[str, Fraction]]]] = {}
    for node_id in reversed(list(game.nodes)):
        node = game.nodes[node_id]
        if isinstance(node, TerminalNode):
            solved[node_id] = [({}, node.payoffs, {node_id: Fraction(1)})]
            continue
        options = [solved.pop(child) for child in node.children]
        results = []
        for combo in itertools.product(*options):
            choices: dict[str, str] = {}
            for child_choices, _, _ in combo:
                choices.update(child_choices)
            if isinstance(node, ChanceNode):
                payoffs = tuple(
                    sum(
                        (p * sol[1][i] for p, sol in zip(node.probabilities, combo, strict=True)), Fraction(0)
                    )
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
                    "raise limit= or break the ties"
                )
        solved[node_id] = results
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


# --------------------------------------------------------------------------- reduced normal form
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
        from bargaining.io.normal_form import to_dict

        return {
            "normal_form": to_dict(self.game),
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
            f"to {MAX_STRATEGIES} per player (bargaining.equilibrium.backward_induction.MAX_STRATEGIES)"
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
    from bargaining.games.normal_form import NormalFormGame

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


# --------------------------------------------------------------------------- behaviour strategies
Behaviour = tuple[tuple[tuple[str, tuple[Fraction, ...] | None], ...], ...]


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


def _describe_behaviour(
    tree: ExtensiveFormGame, rows: tuple[tuple[str, tuple[Fraction, ...] | None], ...]
) -> str:
    parts = []
    actions = {h.name: h.actions for h in tree.infosets}
    for name, probs in rows:
        if probs is None:
            parts.append(f"{name}: (not reached)")
            continue
        played = [(a, p) for a, p in zip(actions[name], probs, strict=True) if p > 0]
        if len(played) == 1:
            parts.append(f"{name}: {played[0][0]}")
        else:
            parts.append(f"{name}: " + ", ".join(f"{float(p):.4g} {a}" for a, p in played))
    return "; ".join(parts) or "-"


@dataclass(frozen=True, slots=True, eq=False)
class ExtensiveEquilibria:
    """Nash equilibria of a game tree, from its reduced normal form.

    Parameters
    ----------
    reduced
        The reduced normal form that was solved.
    equilibria
        Its equilibria (mixed strategies over plans).
    behaviours
        For each equilibrium, the equivalent behaviour strategies (see
        :func:`behaviour_strategies`); ``None`` without perfect recall.
    """

    reduced: ReducedNormalForm
    equilibria: EquilibriumSet
    behaviours: tuple[Behaviour, ...] | None

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, index: int) -> Equilibrium:
        return self.equilibria[index]

    def to_dict(self) -> dict[str, Any]:
        """The normal-form equilibria (by plan) and, under perfect recall, the behaviour strategies."""
        tree = self.reduced.tree
        data = self.equilibria.to_dict()
        data["game"] = tree.summary()
        data["perfect_recall"] = self.behaviours is not None
        if self.behaviours is not None:
            actions = {h.name: h.actions for h in tree.infosets}
            for entry, behaviour in zip(data["equilibria"], self.behaviours, strict=True):
                entry["behaviour"] = {
                    tree.players[i]: {
                        name: None
                        if probs is None
                        else {a: float(p) for a, p in zip(actions[name], probs, strict=True)}
                        for name, probs in rows
                    }
                    for i, rows in enumerate(behaviour)
                }
        return data

    def to_table(self) -> str:
        """One row per equilibrium: behaviour at each information set (or the plans), and payoffs."""
        if self.behaviours is None:
            return self.equilibria.to_table() + "\nNo perfect recall: strategies are shown as plans."
        from bargaining.table import format_table

        tree = self.reduced.tree
        headers = ["#", "type", *tree.players, *(f"u({p})" for p in tree.players)]
        rows: list[list[Any]] = []
        for k, (eq, behaviour) in enumerate(zip(self.equilibria, self.behaviours, strict=True)):
            payoffs: list[Any] = (
                [_number(v) for v in eq.exact_payoffs]
                if eq.exact_payoffs is not None
                else list(map(float, eq.payoffs))
            )
            rows.append(
                [
                    k,
                    "pure" if eq.is_pure else "mixed",
                    *(_describe_behaviour(tree, rows_i) for rows_i in behaviour),
                    *payoffs,
                ]
            )
        count = len(self.equilibria)
        kind = "extreme Nash equilibri" if self.equilibria.complete else "Nash equilibri"
        title = (
            f"{tree.summary()} -- {count} {kind}{'um' if count == 1 else 'a'} "
            f"(reduced normal form, {self.equilibria.method}{', exact' if self.equilibria.exact else ''})"
        )
        lines = [format_table(headers, rows, title=title)]
        if self.equilibria.degenerate:
            lines.append("The reduced normal form is degenerate: equilibria may form continua.")
        lines.extend(self.equilibria.notes)
        return "\n".join(lines)


def extensive_equilibria(
    game: ExtensiveFormGame, method: str = "auto", exact: bool = False
) -> ExtensiveEquilibria:
    """The Nash equilibria of a game tree, through its reduced normal form.

    Parameters
    ----------
    game
        Any finite game tree (imperfect information and chance allowed).
    method, exact
        Passed to :func:`bargaining.equilibrium.equilibria`.

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
    found = equilibria(reduced.game, method=method, exact=exact)
    behaviours = tuple(behaviour_strategies(reduced, eq) for eq in found) if game.has_perfect_recall else None
    return ExtensiveEquilibria(reduced, found, behaviours)


# --------------------------------------------------------------------------- bargain solve
@dataclass(frozen=True, slots=True, eq=False)
class TreeSolution:
    """What ``bargain solve`` reports for a game tree: SPE (perfect information) and Nash equilibria."""

    subgame_perfect: SubgamePerfectSet | None
    nash: ExtensiveEquilibria | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data: ``subgame_perfect`` and ``nash``, each ``None`` when not computed."""
        return {
            "subgame_perfect": None if self.subgame_perfect is None else self.subgame_perfect.to_dict(),
            "nash": None if self.nash is None else self.nash.to_dict(),
        }

    def to_table(self) -> str:
        """The subgame-perfect equilibria, then the Nash equilibria."""
        parts = [part.to_table() for part in (self.subgame_perfect, self.nash) if part is not None]
        return "\n\n".join(parts)


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
