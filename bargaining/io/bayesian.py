"""JSON specs of ``"kind": "bayesian"``: Bayesian games with types and a common prior.

Each player lists its actions and, if its type is private, its types; with
independent types each type carries its prior probability (and a rationale
in ``"description"``). ``"type_profiles"`` gives the payoffs for each
combination of types, as payoff tables (as in ``normal_form`` specs) or as
``"outcomes"`` with a rationale per action profile::

    {
      "format": "bargaining", "version": 1, "kind": "bayesian",
      "title": "Battle of the Sexes, player 2's preferences unknown",
      "players": [
        {"name": "row", "actions": ["B", "S"]},
        {"name": "column", "actions": ["B", "S"],
         "types": [{"name": "meet", "probability": "1/2"},
                   {"name": "avoid", "probability": "1/2"}]}
      ],
      "type_profiles": [
        {"types": {"column": "meet"},
         "payoffs": {"row": [[2, 0], [0, 1]], "column": [[1, 0], [0, 2]]}},
        {"types": {"column": "avoid"},
         "outcomes": [{"profile": {"row": "B", "column": "B"}, "payoffs": {"row": 2, "column": 0},
                       "rationale": "..."}, ...]}
      ]
    }

A correlated prior is given instead as a top-level list, one entry per type
profile (then types carry no ``"probability"``)::

    "prior": [{"types": {"ukraine": "buffer_zone", "russia": "hawk"}, "probability": 0.3}, ...]

``"types"`` in a type profile names the type of every player that has
several; players with one type are left out. Every type profile appears
exactly once. Errors name the JSON path: ``players[0].types`` (independent
probabilities that do not sum to 1), ``prior`` (a joint prior that does not),
``type_profiles[2].types.ukraine`` (an unknown type),
``type_profiles[0].payoffs.russia[1]`` (a ragged table).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, child_path, suggest

if TYPE_CHECKING:
    from bargaining.games.bayesian import BayesianGame

__all__ = ["from_dict", "to_dict"]


def _profile_index(
    entry: Fields, players: list[str], types: list[tuple[str, ...]], key: str = "types"
) -> tuple[int, ...]:
    """The type profile named by ``entry.types`` as indices (0 for players with one type)."""
    uncertain = [i for i, t in enumerate(types) if len(t) > 1]
    if not uncertain:
        if entry.has(key):
            entry.object(key).check_unknown([])
        return tuple(0 for _ in players)
    named = entry.object(key)
    index = [0] * len(players)
    for i in uncertain:
        name = named.string(players[i])
        if name not in types[i]:
            raise SpecError(
                named.at(players[i]),
                f"{players[i]!r} has no type {name!r}{suggest(name, types[i])} "
                f"(types: {', '.join(types[i])})",
            )
        index[i] = types[i].index(name)
    named.check_unknown([players[i] for i in uncertain])
    return tuple(index)


def _profile_text(players: list[str], types: list[tuple[str, ...]], index: tuple[int, ...]) -> str:
    shown = [f"{players[i]}: {types[i][k]}" for i, k in enumerate(index) if len(types[i]) > 1]
    return "{" + ", ".join(shown) + "}"


def _read_types(player: Fields, name: str) -> tuple[list[str], list[Fraction]]:
    """A player's type names and, if given, their probabilities (checked to sum to 1)."""
    from bargaining.games.extensive_form import exact_number

    type_names: list[str] = []
    probabilities: list[Fraction] = []
    for entry in player.objects("types", default=[]):
        type_name = entry.string("name")
        if not type_name.strip() or type_name in type_names:
            raise SpecError(entry.at("name"), f"type name {type_name!r} is empty or repeated")
        type_names.append(type_name)
        if entry.has("probability"):
            probabilities.append(
                exact_number(entry.raw("probability"), entry.at("probability"), "a probability")
            )
        entry.check_unknown(["name", "probability"])
    if probabilities and len(probabilities) != len(type_names):
        raise SpecError(player.at("types"), 'give every type a probability, or none (and a joint "prior")')
    for k, p in enumerate(probabilities):
        if p <= 0 or p > 1:
            where = child_path(child_path(player.at("types"), k), "probability")
            raise SpecError(where, f"probability {p} must be above 0 and at most 1")
    total = sum(probabilities, Fraction(0))
    if probabilities and total != 1:
        raise SpecError(
            player.at("types"),
            f"the probabilities of {name!r}'s types sum to {total} ({float(total):.6g}), not 1; "
            'adjust them so they add up to exactly 1 (write thirds as "1/3")',
        )
    return type_names, probabilities


@dataclass(frozen=True, slots=True)
class _Players:
    """What ``"players"`` says: names, actions, types and, for independent types, their marginals."""

    names: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    types: tuple[tuple[str, ...], ...]
    marginals: tuple[list[Fraction] | None, ...]


def _read_players(fields: Fields) -> _Players:
    from bargaining.games.bayesian import KNOWN_TYPE
    from bargaining.io.payoff_tables import name_list

    players: list[str] = []
    actions: list[tuple[str, ...]] = []
    types: list[tuple[str, ...]] = []
    marginals: list[list[Fraction] | None] = []
    for player in fields.objects("players", min_length=1):
        name = player.string("name")
        if not name.strip() or name in players:
            raise SpecError(
                player.at("name"), f"player name {name!r} is empty or repeated; give each its own"
            )
        players.append(name)
        actions.append(name_list(player.array("actions", min_length=1), player.at("actions"), "action"))
        type_names, probabilities = _read_types(player, name)
        types.append(tuple(type_names) or (KNOWN_TYPE,))
        marginals.append(probabilities or ([Fraction(1)] if not type_names or len(type_names) == 1 else None))
        player.check_unknown(["name", "actions", "types"])
    return _Players(tuple(players), tuple(actions), tuple(types), tuple(marginals))


def _read_prior(fields: Fields, players: _Players) -> Any:
    """The common prior: the joint ``"prior"`` list, or the product of the types' probabilities."""
    import numpy as np

    from bargaining.games.extensive_form import exact_number

    names, types, marginals = list(players.names), list(players.types), players.marginals
    shape = tuple(len(t) for t in types)
    if fields.has("prior"):
        if any(m is not None and len(t) > 1 for m, t in zip(marginals, types, strict=True)):
            raise SpecError("prior", 'give either per-type probabilities or a joint "prior", not both')
        prior = np.full(shape, Fraction(0), dtype=object)
        seen: dict[tuple[int, ...], int] = {}
        for k, entry in enumerate(fields.objects("prior", min_length=1)):
            index = _profile_index(entry, names, types)
            if index in seen:
                raise SpecError(
                    entry.at("types"), f"this type profile is already given by prior[{seen[index]}]"
                )
            seen[index] = k
            prior[index] = exact_number(entry.raw("probability"), entry.at("probability"), "a probability")
            entry.check_unknown(["types", "probability"])
        return prior
    missing = next((i for i, m in enumerate(marginals) if m is None), None)
    if missing is not None:
        raise SpecError(
            child_path(child_path("players", missing), "types"),
            'give each type a "probability" (independent types) or a joint "prior" list',
        )
    given = [m for m in marginals if m is not None]  # every player's, after the check above
    prior = np.empty(shape, dtype=object)
    for index in np.ndindex(*shape):
        prior[index] = math.prod((given[i][k] for i, k in enumerate(index)), start=Fraction(1))
    return prior


def _read_payoffs(fields: Fields, players: _Players) -> Any:
    """:math:`u_i(t, a)` from ``"type_profiles"``: one entry per type profile, tables or outcomes."""
    import numpy as np

    from bargaining.io.payoff_tables import payoff_table, tables_from_outcomes

    names, types = list(players.names), list(players.types)
    shape = tuple(len(t) for t in types)
    sizes = tuple(len(a) for a in players.actions)
    payoffs = np.empty((len(names), *shape, *sizes), dtype=object)
    given: dict[tuple[int, ...], int] = {}
    for k, entry in enumerate(fields.objects("type_profiles", min_length=1)):
        index = _profile_index(entry, names, types)
        if index in given:
            raise SpecError(
                entry.at("types"), f"this type profile is already given by type_profiles[{given[index]}]"
            )
        given[index] = k
        if entry.has("payoffs") == entry.has("outcomes"):
            raise SpecError(
                entry.at("payoffs"),
                'give the payoffs either as tables ("payoffs": {player: nested lists}) or as '
                '"outcomes" (one per action profile), exactly one of the two',
            )
        if entry.has("payoffs"):
            tables_fields = entry.object("payoffs")
            tables = [
                payoff_table(tables_fields.raw(p), tables_fields.at(p), sizes, players.names) for p in names
            ]
            tables_fields.check_unknown(names)
        else:
            tables = tables_from_outcomes(entry, players.names, players.actions)
        for i, table in enumerate(tables):
            payoffs[(i, *index)] = np.array(table, dtype=object)
        entry.check_unknown(["types", "payoffs", "outcomes", "label", "rationale"])
    absent = [index for index in np.ndindex(*shape) if index not in given]
    if absent:
        raise SpecError(
            "type_profiles",
            f"no payoffs for the type profile {_profile_text(names, types, absent[0])}; "
            "give one entry per combination of types",
        )
    return payoffs


def from_dict(data: Any) -> BayesianGame:
    """The :class:`~bargaining.games.bayesian.BayesianGame` a parsed spec describes.

    Raises
    ------
    SpecError
        If a field is missing or invalid, a prior does not sum to 1, a type
        profile is missing or repeated, or a payoff table is ragged; the error
        names the field's JSON path.
    """
    from bargaining.games.bayesian import BayesianGame

    fields = Fields(data, "")
    title = fields.string("title", "")
    players = _read_players(fields)
    prior = _read_prior(fields, players)
    payoffs = _read_payoffs(fields, players)
    fields.check_unknown(["format", "version", "kind", "title", "players", "prior", "type_profiles"])
    return BayesianGame(players.names, players.types, players.actions, prior, payoffs, title)


def to_dict(game: BayesianGame) -> dict[str, Any]:
    """The spec of ``game`` (the inverse of :func:`from_dict`), payoffs as tables."""
    import numpy as np

    from bargaining.games.bayesian import KNOWN_TYPE
    from bargaining.games.spec_data import json_number
    from bargaining.io import FORMAT, VERSION

    independent = game.is_independent()
    spec: dict[str, Any] = {"format": FORMAT, "version": VERSION, "kind": "bayesian"}
    if game.title:
        spec["title"] = game.title
    players = []
    for i, name in enumerate(game.players):
        entry: dict[str, Any] = {"name": name, "actions": list(game.actions[i])}
        if game.types[i] != (KNOWN_TYPE,):
            entry["types"] = [
                {"name": t, "probability": json_number(p)} if independent else {"name": t}
                for t, p in zip(game.types[i], game.marginal(i), strict=True)
            ]
        players.append(entry)
    spec["players"] = players

    def named(index: tuple[int, ...]) -> dict[str, str]:
        return {
            game.players[i]: game.types[i][k] for i, k in enumerate(index) if game.types[i] != (KNOWN_TYPE,)
        }

    if not independent:
        probabilities: list[Fraction] = game.prior.ravel().tolist()  # in the order of np.ndindex
        spec["prior"] = [
            {"types": named(index), "probability": json_number(p)}
            for index, p in zip(np.ndindex(*game.num_types), probabilities, strict=True)
        ]

    def nested(table: Any) -> Any:
        if getattr(table, "ndim", 0) == 0:
            return json_number(Fraction(table.item() if hasattr(table, "item") else table))
        return [nested(row) for row in table]

    spec["type_profiles"] = [
        {
            "types": named(index),
            "payoffs": {p: nested(game.payoffs[(i, *index)]) for i, p in enumerate(game.players)},
        }
        for index in np.ndindex(*game.num_types)
    ]
    return spec
