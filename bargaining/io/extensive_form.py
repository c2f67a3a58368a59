"""JSON specs of ``"kind": "extensive_form"``: game trees with chance and information sets.

The tree is written flat: ``"nodes"`` maps a node id to the node, and every
action names the id of the node it leads to. A node is a *decision* node if
it has a ``"player"``, a *chance* node if it has ``"probabilities"``, and a
*terminal* node if it has ``"payoffs"``::

    {
      "format": "bargaining", "version": 1, "kind": "extensive_form",
      "title": "Entry deterrence",
      "players": ["entrant", "incumbent"],
      "root": "start",
      "nodes": {
        "start":   {"player": "entrant", "actions": {"out": "stay_out", "enter": "respond"}},
        "respond": {"player": "incumbent", "actions": {"fight": "war", "accommodate": "share"}},
        "stay_out": {"payoffs": {"entrant": 0, "incumbent": 2}},
        "war":      {"payoffs": {"entrant": -1, "incumbent": -1}},
        "share":    {"payoffs": {"entrant": 1, "incumbent": 1}}
      }
    }

A chance node gives each action a probability (numbers or exact strings
``"1/3"``; they must sum to exactly 1)::

    "battle": {"actions": {"succeeds": "retaken", "fails": "stalemate"},
               "probabilities": {"succeeds": 0.4, "fails": 0.6}}

Decision nodes that the mover cannot tell apart share an ``"infoset"`` name;
they must belong to the same player and offer the same actions (in the same
order). Without ``"infoset"`` a node is an information set of its own.
Payoffs may also be a list in the order of ``"players"``. Every node may
carry a ``"description"`` (e.g. the rationale of an assumed payoff).

Errors name the JSON path: ``nodes.respond.actions.fight`` (a missing node
or a cycle), ``nodes.war.payoffs.incumbent`` (a missing payoff),
``nodes.battle.probabilities`` (probabilities that do not sum to 1),
``nodes.guess_b.actions`` (an information set whose nodes offer different
actions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bargaining.errors import SpecError
from bargaining.games.spec_data import json_number
from bargaining.io.fields import Fields, child_path, describe

if TYPE_CHECKING:
    from bargaining.games.extensive_form import ExtensiveFormGame, Node

__all__ = ["from_dict", "to_dict"]


def _actions(node: Fields) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``"actions": {action: child id}`` as (actions, children)."""
    actions = node.object("actions")
    if not actions.data:
        raise SpecError(node.at("actions"), 'expected at least one action {"name": "next node id"}')
    children = []
    for action in actions.data:
        child = actions.string(action)
        children.append(child)
    return tuple(actions.data), tuple(children)


def _node(node: Fields, players: tuple[str, ...]) -> Node:
    from bargaining.games.extensive_form import ChanceNode, DecisionNode, TerminalNode, exact_number

    if node.has("player"):
        player = node.string("player")
        actions, children = _actions(node)
        infoset = node.string("infoset", "")
        node.check_unknown(["player", "actions", "infoset"])
        return DecisionNode(player, actions, children, infoset)
    if node.has("probabilities"):
        actions, children = _actions(node)
        given = node.object("probabilities")
        probabilities = []
        for action in actions:
            probabilities.append(exact_number(given.raw(action), given.at(action), "a probability"))
        given.check_unknown(actions)
        node.check_unknown(["actions", "probabilities"])
        return ChanceNode(actions, children, tuple(probabilities))
    if node.has("payoffs"):
        raw = node.raw("payoffs")
        where = node.at("payoffs")
        if isinstance(raw, list):
            if len(raw) != len(players):
                named = ", ".join(players)
                message = f"expected {len(players)} payoffs (one per player: {named}), got {len(raw)}"
                raise SpecError(where, message)
            payoffs = [exact_number(v, child_path(where, i), "a payoff") for i, v in enumerate(raw)]
        else:
            table = node.object("payoffs")
            payoffs = [exact_number(table.raw(p), table.at(p), "a payoff") for p in players]
            table.check_unknown(players)
        node.check_unknown(["payoffs"])
        return TerminalNode(tuple(payoffs))
    raise SpecError(
        node.path,
        'cannot tell what kind of node this is: give a decision node "player" and "actions", '
        'a chance node "actions" and "probabilities", or a terminal node "payoffs"',
    )


def from_dict(data: Any) -> ExtensiveFormGame:
    """The :class:`~bargaining.games.extensive_form.ExtensiveFormGame` a parsed spec describes.

    Raises
    ------
    SpecError
        If a field is missing or invalid, or the tree is not a valid game tree
        (a cycle, a missing payoff, probabilities not summing to 1, an
        inconsistent information set); the error names the JSON path.
    """
    from bargaining.games.extensive_form import ExtensiveFormGame

    fields = Fields(data, "")
    title = fields.string("title", "")
    players = []
    for k, item in enumerate(fields.array("players", min_length=1)):
        name = Fields(item, child_path("players", k)).string("name") if isinstance(item, dict) else item
        if not isinstance(name, str) or not name.strip():
            raise SpecError(child_path("players", k), f"expected a player name, got {describe(name)}")
        players.append(name)
    root = fields.string("root")
    nodes_fields = fields.object("nodes")
    if not nodes_fields.data:
        raise SpecError("nodes", "expected at least one node")
    nodes = {
        node_id: _node(Fields(value, nodes_fields.at(node_id)), tuple(players))
        for node_id, value in nodes_fields.data.items()
    }
    fields.check_unknown(["format", "version", "kind", "title", "players", "root", "nodes"])
    return ExtensiveFormGame(tuple(players), nodes, root, title)


def to_dict(game: ExtensiveFormGame) -> dict[str, Any]:
    """The spec of ``game`` (the inverse of :func:`from_dict`), nodes in preorder."""
    from bargaining.games.extensive_form import ChanceNode, DecisionNode
    from bargaining.io import FORMAT, VERSION

    spec: dict[str, Any] = {"format": FORMAT, "version": VERSION, "kind": "extensive_form"}
    if game.title:
        spec["title"] = game.title
    spec["players"] = list(game.players)
    spec["root"] = game.root
    nodes: dict[str, Any] = {}
    for node_id, node in game.nodes.items():
        if isinstance(node, DecisionNode):
            entry: dict[str, Any] = {"player": node.player}
            if node.infoset != node_id:
                entry["infoset"] = node.infoset
            entry["actions"] = dict(zip(node.actions, node.children, strict=True))
        elif isinstance(node, ChanceNode):
            entry = {
                "actions": dict(zip(node.actions, node.children, strict=True)),
                "probabilities": {
                    a: json_number(p) for a, p in zip(node.actions, node.probabilities, strict=True)
                },
            }
        else:
            entry = {"payoffs": {p: json_number(v) for p, v in zip(game.players, node.payoffs, strict=True)}}
        nodes[node_id] = entry
    spec["nodes"] = nodes
    return spec
