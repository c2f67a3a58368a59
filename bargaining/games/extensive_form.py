r"""Extensive-form games: finite game trees with chance and information sets.

A finite extensive-form game (Kuhn 1953; Osborne & Rubinstein 1994, ch. 6
and 11) is a rooted tree whose nodes are of three kinds:

* a *decision node* belongs to a player :math:`i` and offers named actions,
  one per child;
* a *chance node* draws its action with fixed probabilities
  :math:`\pi(a) \ge 0`, :math:`\sum_a \pi(a) = 1`;
* a *terminal node* pays each player :math:`u_i(z)`.

Decision nodes are grouped into *information sets*: a player who moves at
an information set :math:`h` does not know which of its nodes has been
reached, so all nodes of :math:`h` belong to the same player and offer the
same actions. A game has *perfect information* when every information set is
a single node, and *perfect recall* when no player ever forgets what it knew
or did (Kuhn 1953): every node of an information set is reached through the
same sequence of the player's own information sets and actions.

The tree is stored flat, as a mapping from node ids to nodes whose actions
name their children; the layout mirrors the JSON spec
(:mod:`bargaining.io.extensive_form`), so every validation error is a
:class:`~bargaining.errors.SpecError` whose path (``nodes.respond.actions``)
points at the offending field in both.

Payoffs and probabilities are exact :class:`~fractions.Fraction` values:
integers, ``"1/3"`` strings and Fractions as given, floats as their shortest
decimal (``0.1`` is :math:`1/10`), so that probabilities sum to exactly one
and solvers can work in rational arithmetic.

References
----------
Kuhn, H. W. (1953). Extensive games and the problem of information.
*Contributions to the Theory of Games II*, 193-216.
Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*, MIT Press.

Examples
--------
>>> game = ExtensiveFormGame(
...     players=("entrant", "incumbent"),
...     root="start",
...     nodes={
...         "start": DecisionNode("entrant", ("out", "enter"), ("stay_out", "respond")),
...         "respond": DecisionNode("incumbent", ("fight", "accommodate"), ("war", "share")),
...         "stay_out": TerminalNode((0, 2)),
...         "war": TerminalNode((-1, -1)),
...         "share": TerminalNode((1, 1)),
...     },
...     title="Entry game",
... )
>>> game.summary()
'Entry game: 2 players, 2 decision nodes, 3 outcomes, perfect information'
>>> [h.name for h in game.infosets]
['start', 'respond']
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from types import MappingProxyType
from typing import Any, ClassVar

from bargaining.errors import InvalidGameError, SpecError

__all__ = [
    "ChanceNode",
    "DecisionNode",
    "ExtensiveFormGame",
    "Infoset",
    "Node",
    "TerminalNode",
    "exact_number",
]


def exact_number(value: Any, path: str, what: str = "a number") -> Fraction:
    """``value`` as an exact Fraction, or a :class:`SpecError` naming ``path``.

    Integers, Fractions and Decimals are exact; strings are read as
    rationals (``"1/3"``, ``"0.25"``); floats become their shortest decimal.
    """
    if isinstance(value, bool):
        raise SpecError(path, f"expected {what}, got the boolean {str(value).lower()}")
    if isinstance(value, int | Rational):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise SpecError(path, f"expected a finite number, got {value}")
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SpecError(path, f"expected a finite number, got {value!r}")
        return Fraction(repr(value))
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise SpecError(
                path, f'{value!r} is not a number; write e.g. 2, -1.5 or an exact fraction "1/3"'
            ) from None
    raise SpecError(path, f"expected {what}, got {type(value).__name__} {value!r}")


def _names(values: Sequence[str], path: str, what: str) -> tuple[str, ...]:
    if isinstance(values, str):
        raise SpecError(path, f"expected a list of {what} names, got the string {values!r}")
    names = tuple(values)
    for name in names:
        if not isinstance(name, str) or not name:
            raise SpecError(path, f"{what} names must be non-empty strings, got {name!r}")
    if len(set(names)) != len(names):
        repeated = next(n for n in names if names.count(n) > 1)
        raise SpecError(path, f"the {what} name {repeated!r} is repeated; names must be distinct")
    return names


@dataclass(frozen=True, slots=True)
class DecisionNode:
    """A node where ``player`` chooses one of ``actions``; action ``k`` leads to ``children[k]``.

    Parameters
    ----------
    player
        The name of the player who moves.
    actions
        The action names, distinct.
    children
        The ids of the nodes the actions lead to, one per action.
    infoset
        The name of the node's information set; ``""`` (default) puts the node
        in an information set of its own, named after the node (the game
        replaces ``""`` by the node id).
    """

    player: str
    actions: tuple[str, ...]
    children: tuple[str, ...]
    infoset: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))
        object.__setattr__(self, "children", tuple(self.children))


@dataclass(frozen=True, slots=True)
class ChanceNode:
    r"""A move of nature: action ``k`` happens with probability ``probabilities[k]``.

    Parameters
    ----------
    actions
        The names of the chance outcomes, distinct.
    children
        The ids of the nodes they lead to.
    probabilities
        :math:`\pi(a) \ge 0` with :math:`\sum_a \pi(a) = 1` exactly, stored as
        Fractions (floats are read as their shortest decimal).
    """

    actions: tuple[str, ...]
    children: tuple[str, ...]
    probabilities: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))
        object.__setattr__(self, "children", tuple(self.children))
        object.__setattr__(
            self,
            "probabilities",
            tuple(exact_number(p, "probabilities", "a probability") for p in self.probabilities),
        )


@dataclass(frozen=True, slots=True)
class TerminalNode:
    """An end of the game paying ``payoffs[i]`` to player ``i`` (exact Fractions)."""

    payoffs: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "payoffs", tuple(exact_number(v, "payoffs", "a payoff") for v in self.payoffs)
        )


Node = DecisionNode | ChanceNode | TerminalNode


@dataclass(frozen=True, slots=True)
class Infoset:
    """An information set: decision nodes of one player who cannot tell them apart.

    Parameters
    ----------
    name
        Its name (the ``infoset`` of its nodes, or the node id for a singleton).
    player
        The index of the player who moves there.
    actions
        The actions offered at every one of its nodes.
    nodes
        The ids of its nodes, in preorder.
    """

    name: str
    player: int
    actions: tuple[str, ...]
    nodes: tuple[str, ...]


def _node_path(node_id: str, *rest: str) -> str:
    return ".".join(("nodes", node_id, *rest))


@dataclass(frozen=True, slots=True)
class ExtensiveFormGame:
    r"""An immutable finite game tree.

    Parameters
    ----------
    players
        Player names (players are numbered from 0 in this order).
    nodes
        Node id -> :class:`DecisionNode`, :class:`ChanceNode` or
        :class:`TerminalNode`. Stored read-only, in preorder from the root.
    root
        The id of the node where play begins.
    title
        A short description.

    Raises
    ------
    SpecError
        With the JSON path of the problem (``nodes.<id>.actions.<action>``,
        ``nodes.<id>.probabilities``, ...): an action leading to a missing node,
        a cycle, a node reached from two parents, an unreachable node, a
        terminal node without one payoff per player, chance probabilities that
        are negative or do not sum to 1, a decision node of an unknown player,
        an information set whose nodes belong to different players or offer
        different actions.

    Notes
    -----
    An information set may span nodes on one path (absent-mindedness) or
    violate perfect recall; such games are valid, but behaviour strategies
    are only equivalent to mixed strategies under perfect recall (Kuhn 1953),
    see :attr:`has_perfect_recall`.
    """

    players: tuple[str, ...]
    nodes: Mapping[str, Node]
    root: str
    title: str = ""
    _infosets: tuple[Infoset, ...] = field(default=(), init=False, repr=False, compare=False)
    _parents: Mapping[str, tuple[str, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    spec_kind: ClassVar[str] = "extensive_form"

    def __post_init__(self) -> None:
        players = _names(self.players, "players", "player")
        if not players:
            raise SpecError("players", "a game needs at least one player")
        if not isinstance(self.title, str):
            raise SpecError("title", f"expected a string, got {type(self.title).__name__}")
        nodes = dict(self.nodes)
        if not isinstance(self.root, str) or self.root not in nodes:
            raise SpecError("root", f"no node named {self.root!r}; the root must be one of the nodes")
        for node_id, node in nodes.items():
            _check_node(node_id, node, players)
            if isinstance(node, DecisionNode) and not node.infoset:  # a singleton, named after its node
                nodes[node_id] = DecisionNode(node.player, node.actions, node.children, node_id)
        order, parents = _walk(nodes, self.root)
        unreachable = [node_id for node_id in nodes if node_id not in parents and node_id != self.root]
        if unreachable:
            raise SpecError(
                _node_path(unreachable[0]),
                f"node {unreachable[0]!r} cannot be reached from the root {self.root!r}; "
                "connect it through an action or remove it",
            )
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "nodes", MappingProxyType({node_id: nodes[node_id] for node_id in order}))
        object.__setattr__(self, "_parents", MappingProxyType(parents))
        object.__setattr__(self, "_infosets", _collect_infosets(self.nodes, players))

    # ------------------------------------------------------------------ structure
    @property
    def num_players(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def infosets(self) -> tuple[Infoset, ...]:
        """All information sets, in preorder of their first node."""
        return self._infosets

    def infosets_of(self, player: int | str) -> tuple[Infoset, ...]:
        """The information sets of ``player`` (a name or an index)."""
        index = self.player_index(player)
        return tuple(h for h in self._infosets if h.player == index)

    def infoset_of(self, node_id: str) -> Infoset:
        """The information set containing decision node ``node_id``."""
        for infoset in self._infosets:
            if node_id in infoset.nodes:
                return infoset
        raise InvalidGameError(f"{node_id!r} is not a decision node")

    def player_index(self, player: int | str) -> int:
        """The index of ``player`` (a name or an index)."""
        if isinstance(player, int):
            if not 0 <= player < self.num_players:
                last = self.num_players - 1
                raise InvalidGameError(f"player {player} does not exist; players are 0..{last}")
            return player
        if player not in self.players:
            raise InvalidGameError(f"no player named {player!r}; players are {', '.join(self.players)}")
        return self.players.index(player)

    def parent(self, node_id: str) -> tuple[str, str] | None:
        """``(parent id, action)`` leading to ``node_id``, or ``None`` at the root."""
        return self._parents.get(node_id)

    def history(self, node_id: str) -> tuple[tuple[str, str], ...]:
        """The ``(node id, action)`` pairs from the root to ``node_id``."""
        steps: list[tuple[str, str]] = []
        current = self._parents.get(node_id)
        while current is not None:
            steps.append(current)
            current = self._parents.get(current[0])
        return tuple(reversed(steps))

    def subtree(self, node_id: str) -> Iterator[str]:
        """The ids of the nodes below ``node_id`` (itself included), in preorder."""
        stack = [node_id]
        while stack:
            current = stack.pop()
            yield current
            node = self.nodes[current]
            if not isinstance(node, TerminalNode):
                stack.extend(reversed(node.children))

    @property
    def is_perfect_information(self) -> bool:
        """Whether every information set is a single node."""
        return all(len(h.nodes) == 1 for h in self._infosets)

    @property
    def has_perfect_recall(self) -> bool:
        """Whether every node of each information set has the same own history (Kuhn 1953).

        The own history of a node for player :math:`i` is the sequence of
        :math:`i`'s information sets and actions on the path to it; perfect
        recall holds when it is the same for all nodes of each of
        :math:`i`'s information sets (which also rules out absent-mindedness).
        """
        infoset_name = {node_id: h.name for h in self._infosets for node_id in h.nodes}
        for infoset in self._infosets:
            seen = set()
            for node_id in infoset.nodes:
                own = tuple(
                    (infoset_name[parent], action)
                    for parent, action in self.history(node_id)
                    if isinstance(self.nodes[parent], DecisionNode)
                    and self.players.index(self.nodes[parent].player) == infoset.player  # type: ignore[union-attr]
                )
                if any(name == infoset.name for name, _ in own):
                    return False
                seen.add(own)
            if len(seen) > 1:
                return False
        return True

    # --------------------------------------------------------------- model protocol
    def summary(self) -> str:
        """One line: title, players, decision nodes, outcomes and the information structure."""
        decisions = sum(isinstance(n, DecisionNode) for n in self.nodes.values())
        chance = sum(isinstance(n, ChanceNode) for n in self.nodes.values())
        outcomes = sum(isinstance(n, TerminalNode) for n in self.nodes.values())
        parts = [
            f"{self.num_players} player{'s' if self.num_players != 1 else ''}",
            f"{decisions} decision node{'s' if decisions != 1 else ''}",
        ]
        if chance:
            parts.append(f"{chance} chance node{'s' if chance != 1 else ''}")
        parts.append(f"{outcomes} outcome{'s' if outcomes != 1 else ''}")
        if self.is_perfect_information:
            parts.append("perfect information")
        else:
            parts.append(f"{len(self._infosets)} information sets")
        text = ", ".join(parts)
        return f"{self.title}: {text}" if self.title else text

    def parameter_values(self) -> dict[str, float]:
        """Named parameters of the model: a game tree has none."""
        return {}

    def with_parameters(self, values: Mapping[str, float]) -> ExtensiveFormGame:
        """The game with ``values`` assigned; only the empty assignment is valid."""
        if values:
            unknown = ", ".join(repr(name) for name in values)
            raise InvalidGameError(
                f"unknown parameter {unknown}: a game tree has no named parameters; edit the payoffs instead"
            )
        return self

    def __hash__(self) -> int:
        return hash((self.players, self.root, self.title, tuple(self.nodes.items())))

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        return f"ExtensiveFormGame({title}{self.num_players} players, {len(self.nodes)} nodes)"


# ------------------------------------------------------------------ validation
def _check_node(node_id: str, node: Any, players: tuple[str, ...]) -> None:
    """Checks that need only the node itself."""
    if not isinstance(node_id, str) or not node_id:
        raise SpecError("nodes", f"node ids must be non-empty strings, got {node_id!r}")
    where = _node_path(node_id)
    if isinstance(node, TerminalNode):
        if len(node.payoffs) != len(players):
            raise SpecError(
                _node_path(node_id, "payoffs"),
                f"terminal node {node_id!r} has {len(node.payoffs)} payoffs but there are "
                f"{len(players)} players ({', '.join(players)}); give every player a payoff",
            )
        return
    if not isinstance(node, DecisionNode | ChanceNode):
        kind = type(node).__name__
        raise SpecError(where, f"expected a DecisionNode, ChanceNode or TerminalNode, got {kind}")
    actions_path = _node_path(node_id, "actions")
    _names(node.actions, actions_path, "action")
    if not node.actions:
        raise SpecError(actions_path, f"node {node_id!r} offers no action; give it actions or payoffs")
    if len(node.children) != len(node.actions):
        raise SpecError(
            actions_path,
            f"{len(node.actions)} actions but {len(node.children)} children; give one child per action",
        )
    if isinstance(node, DecisionNode):
        if node.player not in players:
            raise SpecError(
                _node_path(node_id, "player"),
                f"no player named {node.player!r}; players are {', '.join(players)}",
            )
        if not isinstance(node.infoset, str):
            raise SpecError(_node_path(node_id, "infoset"), "expected the information set's name (a string)")
        return
    probabilities_path = _node_path(node_id, "probabilities")
    if len(node.probabilities) != len(node.actions):
        raise SpecError(
            probabilities_path,
            f"{len(node.probabilities)} probabilities for {len(node.actions)} actions; give one per action",
        )
    for action, p in zip(node.actions, node.probabilities, strict=True):
        if p < 0 or p > 1:
            raise SpecError(f"{probabilities_path}.{action}", f"probability {p} is not between 0 and 1")
    total = sum(node.probabilities, Fraction(0))
    if total != 1:
        raise SpecError(
            probabilities_path,
            f"the probabilities of chance node {node_id!r} sum to {total} ({float(total):.6g}), not 1; "
            'adjust them so they add up to exactly 1 (write thirds as "1/3")',
        )


def _walk(nodes: Mapping[str, Node], root: str) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """Preorder of the tree and each node's (parent, action); errors for cycles and shared nodes."""
    order: list[str] = []
    parents: dict[str, tuple[str, str]] = {}
    on_path: set[str] = set()
    # iterative depth-first search: (node id, index of the next action to follow)
    stack: list[tuple[str, int]] = [(root, 0)]
    order.append(root)
    on_path.add(root)
    while stack:
        node_id, k = stack.pop()
        node = nodes[node_id]
        if isinstance(node, TerminalNode) or k == len(node.children):
            on_path.discard(node_id)
            continue
        stack.append((node_id, k + 1))
        action, child = node.actions[k], node.children[k]
        where = _node_path(node_id, "actions", action)
        if child not in nodes:
            raise SpecError(where, f"action {action!r} leads to {child!r}, which is not a node")
        if child in on_path or child == root:
            raise SpecError(
                where,
                f"action {action!r} leads back to {child!r}, which comes before {node_id!r}: "
                "the game has a cycle; a game tree must end in terminal nodes on every path",
            )
        if child in parents:
            earlier, earlier_action = parents[child]
            raise SpecError(
                where,
                f"action {action!r} leads to {child!r}, which action {earlier_action!r} of {earlier!r} "
                "already leads to; in a tree every node has one parent (copy the node under a new id)",
            )
        parents[child] = (node_id, action)
        order.append(child)
        on_path.add(child)
        stack.append((child, 0))
    return order, parents


def _collect_infosets(nodes: Mapping[str, Node], players: tuple[str, ...]) -> tuple[Infoset, ...]:
    """Group decision nodes into information sets; check players and actions agree."""
    members: dict[str, list[str]] = {}
    for node_id, node in nodes.items():
        if isinstance(node, DecisionNode):
            members.setdefault(node.infoset, []).append(node_id)
    infosets = []
    for name, ids in members.items():
        first = nodes[ids[0]]
        assert isinstance(first, DecisionNode)
        for other_id in ids[1:]:
            other = nodes[other_id]
            assert isinstance(other, DecisionNode)
            if other.player != first.player:
                raise SpecError(
                    _node_path(other_id, "player"),
                    f"node {other_id!r} is in information set {name!r} with node {ids[0]!r}, but "
                    f"{other.player!r} moves at {other_id!r} and {first.player!r} at {ids[0]!r}; "
                    "all nodes of an information set belong to one player",
                )
            if other.actions != first.actions:
                raise SpecError(
                    _node_path(other_id, "actions"),
                    f"node {other_id!r} is in information set {name!r} with node {ids[0]!r}, but offers "
                    f"actions [{', '.join(other.actions)}] where {ids[0]!r} offers "
                    f"[{', '.join(first.actions)}]; a player who cannot tell the nodes apart "
                    "must have the same actions at each, in the same order",
                )
        infosets.append(Infoset(name, players.index(first.player), first.actions, tuple(ids)))
    return tuple(infosets)
