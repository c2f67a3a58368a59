"""Checks of a game tree's structure, each a :class:`~bargaining.errors.SpecError` with the JSON path.

:func:`check_node` checks what one node says by itself (its actions,
children, player, probabilities, payoffs); :func:`walk` the shape of the
tree (every action leads to a node, no cycle, one parent per node);
:func:`collect_infosets` that the nodes of an information set belong to one
player and offer the same actions. Paths are those of the JSON spec
(``nodes.respond.actions.fight``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from bargaining.errors import SpecError
from bargaining.games.tree_nodes import ChanceNode, DecisionNode, Infoset, Node, TerminalNode

__all__ = ["check_node", "collect_infosets", "distinct_names", "node_path", "walk"]


def distinct_names(values: Sequence[str], path: str, what: str) -> tuple[str, ...]:
    """``values`` as distinct non-empty names, or a :class:`SpecError` at ``path``."""
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


def node_path(node_id: str, *rest: str) -> str:
    """The JSON path of a node's field: ``nodes.<id>.<rest>``."""
    return ".".join(("nodes", node_id, *rest))


def check_node(node_id: str, node: Any, players: tuple[str, ...]) -> None:
    """Checks that need only the node itself."""
    if not isinstance(node_id, str) or not node_id:
        raise SpecError("nodes", f"node ids must be non-empty strings, got {node_id!r}")
    where = node_path(node_id)
    if isinstance(node, TerminalNode):
        if len(node.payoffs) != len(players):
            raise SpecError(
                node_path(node_id, "payoffs"),
                f"terminal node {node_id!r} has {len(node.payoffs)} payoffs but there are "
                f"{len(players)} players ({', '.join(players)}); give every player a payoff",
            )
        return
    if not isinstance(node, DecisionNode | ChanceNode):
        kind = type(node).__name__
        raise SpecError(where, f"expected a DecisionNode, ChanceNode or TerminalNode, got {kind}")
    actions_path = node_path(node_id, "actions")
    distinct_names(node.actions, actions_path, "action")
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
                node_path(node_id, "player"),
                f"no player named {node.player!r}; players are {', '.join(players)}",
            )
        if not isinstance(node.infoset, str):
            raise SpecError(node_path(node_id, "infoset"), "expected the information set's name (a string)")
        return
    probabilities_path = node_path(node_id, "probabilities")
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


def walk(nodes: Mapping[str, Node], root: str) -> tuple[list[str], dict[str, tuple[str, str]]]:
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
        where = node_path(node_id, "actions", action)
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


def collect_infosets(nodes: Mapping[str, Node], players: tuple[str, ...]) -> tuple[Infoset, ...]:
    """Group decision nodes into information sets; check players and actions agree."""
    members: dict[str, list[tuple[str, DecisionNode]]] = {}
    for node_id, node in nodes.items():
        if isinstance(node, DecisionNode):
            members.setdefault(node.infoset, []).append((node_id, node))
    infosets = []
    for name, entries in members.items():
        ids = [node_id for node_id, _ in entries]
        first = entries[0][1]
        for other_id, other in entries[1:]:
            if other.player != first.player:
                raise SpecError(
                    node_path(other_id, "player"),
                    f"node {other_id!r} is in information set {name!r} with node {ids[0]!r}, but "
                    f"{other.player!r} moves at {other_id!r} and {first.player!r} at {ids[0]!r}; "
                    "all nodes of an information set belong to one player",
                )
            if other.actions != first.actions:
                raise SpecError(
                    node_path(other_id, "actions"),
                    f"node {other_id!r} is in information set {name!r} with node {ids[0]!r}, but offers "
                    f"actions [{', '.join(other.actions)}] where {ids[0]!r} offers "
                    f"[{', '.join(first.actions)}]; a player who cannot tell the nodes apart "
                    "must have the same actions at each, in the same order",
                )
        infosets.append(Infoset(name, players.index(first.player), first.actions, tuple(ids)))
    return tuple(infosets)
