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

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar

from bargaining.errors import InvalidGameError, SpecError
from bargaining.games.tree_checks import check_node, collect_infosets, distinct_names, node_path, walk
from bargaining.games.tree_nodes import ChanceNode, DecisionNode, Infoset, Node, TerminalNode, exact_number

__all__ = [
    "ChanceNode",
    "DecisionNode",
    "ExtensiveFormGame",
    "Infoset",
    "Node",
    "TerminalNode",
    "exact_number",
]


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
        players = distinct_names(self.players, "players", "player")
        if not players:
            raise SpecError("players", "a game needs at least one player")
        if not isinstance(self.title, str):
            raise SpecError("title", f"expected a string, got {type(self.title).__name__}")
        nodes = dict(self.nodes)
        if not isinstance(self.root, str) or self.root not in nodes:
            raise SpecError("root", f"no node named {self.root!r}; the root must be one of the nodes")
        for node_id, node in nodes.items():
            check_node(node_id, node, players)
            if isinstance(node, DecisionNode) and not node.infoset:  # a singleton, named after its node
                nodes[node_id] = DecisionNode(node.player, node.actions, node.children, node_id)
        order, parents = walk(nodes, self.root)
        unreachable = [node_id for node_id in nodes if node_id not in parents and node_id != self.root]
        if unreachable:
            raise SpecError(
                node_path(unreachable[0]),
                f"node {unreachable[0]!r} cannot be reached from the root {self.root!r}; "
                "connect it through an action or remove it",
            )
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "nodes", MappingProxyType({node_id: nodes[node_id] for node_id in order}))
        object.__setattr__(self, "_parents", MappingProxyType(parents))
        object.__setattr__(self, "_infosets", collect_infosets(self.nodes, players))

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
        mover = {node_id: h.player for h in self._infosets for node_id in h.nodes}  # decision nodes only
        for infoset in self._infosets:
            seen = set()
            for node_id in infoset.nodes:
                own = tuple(
                    (infoset_name[parent], action)
                    for parent, action in self.history(node_id)
                    if mover.get(parent) == infoset.player
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

    def _repr_html_(self) -> str:
        """The tree as a table of its nodes, as HTML for notebooks."""
        from bargaining.display import tree_html

        return tree_html(self.summary(), self.nodes, self.players)
