"""JSON specs of kind ``coalitional``: transferable-utility games.

Layout (``players`` and exactly one way to give :math:`v`; numbers may be
formulas over the parameters)::

    {
      "format": "bargaining", "version": 1, "kind": "coalitional",
      "name": "...", "description": "...",
      "parameters": [{"name": "guarantee", "value": 1, "description": "Assumption: ..."}],
      "players": ["ukraine", "us", "eu"],
      "coalitions": {"ukraine+us": "guarantee", "ukraine+us+eu": 1.5}, "default": 0
    }

or ``"formula": "us * ukraine * (1 + eu)"`` (each player's name is 1 when
the player is in the coalition), or
``"weighted_voting": {"weights": {"us": 1, ...}, "quota": 9, "veto": ["us"],
"member_quota": 0, "blocking_minority": 0}``, or
``"bankruptcy": {"estate": 100, "claims": {"a": 100, "b": 200}}``, or
``"glove": {"left": ["a"], "right": ["b", "c"]}``. Coalitions left out of a
table are worth ``default`` (0 unless given); the solution says which.
"""

from __future__ import annotations

from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, describe, located
from bargaining.io.issue_space import formula, number_or_formula, read_parameters, write_parameters
from bargaining.model.characteristic import (
    Bankruptcy,
    GloveMarket,
    ValueArray,
    ValueFormula,
    ValueTable,
    WeightedVoting,
)
from bargaining.model.coalitional import CoalitionalGame

__all__ = ["from_dict", "to_dict"]

_WAYS = ("coalitions", "formula", "weighted_voting", "bankruptcy", "glove")
_TOP = ("format", "version", "kind", "name", "description", "parameters", "players", "default", *_WAYS)


def _players(spec: Fields) -> list[str]:
    names = []
    for i, item in enumerate(spec.array("players", min_length=2)):
        path = f"players[{i}]"
        if isinstance(item, dict):
            entry = Fields(item, path)
            entry.check_unknown(("name",))
            names.append(entry.name())
        elif isinstance(item, str) and item.isidentifier():
            names.append(item)
        else:
            raise SpecError(path, f"expected a player's name (an identifier), got {describe(item)}")
    return names


def _per_player(spec: Fields, key: str, players: list[str]) -> list[Any]:
    """A number per player: a list in the players' order, or an object keyed by name."""
    raw = spec.raw(key)
    path = spec.at(key)
    if isinstance(raw, list):
        if len(raw) != len(players):
            raise SpecError(path, f"expected {len(players)} entries, one per player, got {len(raw)}")
        return [formula(x, f"{path}[{i}]") for i, x in enumerate(raw)]
    item = Fields(raw, path)
    item.check_unknown(players)
    return [formula(item.raw(p), item.at(p)) for p in players]


def _names(spec: Fields, key: str, players: list[str]) -> list[str]:
    out = []
    for i, name in enumerate(spec.array(key, default=[])):
        if name not in players:
            raise SpecError(
                f"{spec.at(key)}[{i}]", f"unknown player {name!r} (players: {', '.join(players)})"
            )
        out.append(name)
    return out


def _build(spec: Fields, way: str, players: list[str], common: dict[str, Any]) -> CoalitionalGame:
    if way == "coalitions":
        table = spec.object("coalitions")
        default = formula(spec.raw("default", 0), spec.at("default"))
        return CoalitionalGame.from_table(players, table.data, default=default, **common)
    if way == "formula":
        return CoalitionalGame.from_formula(players, formula(spec.raw("formula"), "formula"), **common)
    item = spec.object(way)
    with located(""):
        if way == "weighted_voting":
            item.check_unknown(("weights", "quota", "veto", "member_quota", "blocking_minority"))
            return CoalitionalGame.weighted_voting(
                players,
                _per_player(item, "weights", players),
                formula(item.raw("quota"), item.at("quota")),
                veto=_names(item, "veto", players),
                member_quota=item.raw("member_quota", 0),
                blocking_minority=item.raw("blocking_minority", 0),
                **common,
            )
        if way == "bankruptcy":
            item.check_unknown(("estate", "claims"))
            estate = formula(item.raw("estate"), item.at("estate"))
            return CoalitionalGame.bankruptcy(players, estate, _per_player(item, "claims", players), **common)
        item.check_unknown(("left", "right"))
        left, right = _names(item, "left", players), _names(item, "right", players)
        for name in players:
            if (name in left) == (name in right):
                where = "both" if name in left else "neither"
                raise SpecError(
                    item.path, f"player {name!r} is in {where} of left and right; each holds one glove"
                )
        return CoalitionalGame.glove(
            [p for p in players if p in left], [p for p in players if p in right], **common
        )


def from_dict(data: Any) -> CoalitionalGame:
    """The :class:`~bargaining.model.coalitional.CoalitionalGame` a parsed spec describes.

    Raises
    ------
    SpecError
        Naming the JSON path of the first invalid field (``coalitions.us+eu`` for
        a coalition naming an unknown player or listed twice in another order).
    """
    spec = Fields(data, "")
    parameters = read_parameters(spec)
    players = _players(spec)
    given = [w for w in _WAYS if spec.has(w)]
    if len(given) != 1:
        found = ", ".join(given) if given else "none"
        raise SpecError("", f"give the coalition values one way: one of {', '.join(_WAYS)} (found: {found})")
    if spec.has("default") and given[0] != "coalitions":
        raise SpecError("default", "a default value applies only to a coalitions table; remove it")
    common = {
        "parameters": tuple(parameters),
        "name": spec.string("name", ""),
        "description": spec.string("description", ""),
    }
    spec.check_unknown(_TOP)
    game = _build(spec, given[0], players, common)
    if given[0] == "glove":
        return CoalitionalGame(
            tuple(players), _glove_in_order(game, players), game.parameters, game.name, game.description
        )
    return game


def _glove_in_order(game: CoalitionalGame, players: list[str]) -> GloveMarket:
    """The glove market over ``players`` in the spec's order."""
    rule = game.definition
    if not isinstance(rule, GloveMarket):
        raise SpecError("glove", "expected a glove market")
    left = tuple(players.index(game.players[i]) for i in rule.left)
    right = tuple(players.index(game.players[i]) for i in rule.right)
    return GloveMarket(tuple(sorted(left)), tuple(sorted(right)))


def to_dict(model: CoalitionalGame) -> dict[str, Any]:
    """The spec of ``model`` (``from_dict(to_dict(m)) == m``)."""
    out: dict[str, Any] = {"format": "bargaining", "version": 1, "kind": "coalitional"}
    if model.name:
        out["name"] = model.name
    if model.description:
        out["description"] = model.description
    out["parameters"] = write_parameters(model.parameters)
    out["players"] = list(model.players)
    d = model.definition
    names = model.players
    if isinstance(d, ValueTable):
        out["coalitions"] = {model.coalition_name(m): number_or_formula(e) for m, e in d.entries}
        out["default"] = number_or_formula(d.default)
    elif isinstance(d, ValueArray):
        out["coalitions"] = {model.coalition_name(m): float(d.values[m]) for m in range(1, len(d.values))}
    elif isinstance(d, ValueFormula):
        out["formula"] = str(d.formula)
    elif isinstance(d, WeightedVoting):
        rule: dict[str, Any] = {
            "weights": {p: number_or_formula(w) for p, w in zip(names, d.weights, strict=True)},
            "quota": number_or_formula(d.quota),
        }
        if d.veto:
            rule["veto"] = [names[i] for i in d.veto]
        if d.member_quota:
            rule["member_quota"] = d.member_quota
        if d.blocking_minority:
            rule["blocking_minority"] = d.blocking_minority
        out["weighted_voting"] = rule
    elif isinstance(d, Bankruptcy):
        claims = {p: number_or_formula(c) for p, c in zip(names, d.claims, strict=True)}
        out["bankruptcy"] = {"estate": number_or_formula(d.estate), "claims": claims}
    else:
        out["glove"] = {"left": [names[i] for i in d.left], "right": [names[i] for i in d.right]}
    return out
