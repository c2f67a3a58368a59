"""JSON specs of ``"kind": "normal_form"``: strategic games with named players and strategies.

Two layouts of the payoffs are read; both name every player and strategy.

Tables, one nested list per player (compact; row player first)::

    {
      "format": "bargaining", "version": 1, "kind": "normal_form",
      "title": "Prisoner's dilemma",
      "description": "...", "source": "where the payoffs come from",
      "players": [
        {"name": "row", "strategies": ["cooperate", "defect"]},
        {"name": "column", "strategies": ["cooperate", "defect"]}
      ],
      "payoffs": {
        "row":    [[3, 0], [5, 1]],
        "column": [[3, 5], [0, 1]]
      }
    }

``payoffs.row[j][k]`` is the row player's payoff when ``row`` plays its
``j``-th and ``column`` its ``k``-th strategy; with three players the tables
nest three deep (``payoffs.us[a][b][c]``).

Outcomes, one entry per strategy profile, each with its own rationale (for
games whose payoffs are assumptions)::

    "outcomes": [
      {"profile": {"ukraine": "hold_kursk", "russia": "counter_attack"},
       "payoffs": {"ukraine": 2, "russia": 1},
       "description": "Assumption: ..."},
      ...
    ]

Every profile must appear exactly once. Payoffs are numbers or strings of
exact rationals (``"1/3"``, ``"0.1"``), which stay exact; a JSON number with
a fraction part is a float. Errors name the JSON path of the field
(``payoffs.russia[2]``, ``outcomes[4].profile.ukraine``).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from bargaining.errors import InvalidGameError, SpecError
from bargaining.io.fields import Fields, child_path, describe, suggest

if TYPE_CHECKING:
    from bargaining.games.normal_form import NormalFormGame

__all__ = ["from_dict", "to_dict"]


def _payoff(value: Any, path: str) -> Fraction:
    """A payoff, exactly: a finite JSON number (the decimal as written) or a string ``"p/q"``."""
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            hint = 'write e.g. 2, -1.5 or an exact fraction as a string, "1/3"'
            raise SpecError(path, f"{value!r} is not a number; {hint}") from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SpecError(path, f"expected a payoff (a number), got {describe(value)}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SpecError(path, f"expected a finite payoff, got {value!r}")
        return Fraction(repr(value))  # the shortest decimal that reads back as this float
    return Fraction(value)


def _depth(value: Any) -> int:
    depth = 0
    while isinstance(value, list) and value:
        value, depth = value[0], depth + 1
    return depth


def _names(items: list[Any], path: str, what: str) -> tuple[str, ...]:
    names: list[str] = []
    for k, item in enumerate(items):
        where = child_path(path, k)
        if not isinstance(item, str) or not item.strip():
            raise SpecError(where, f"expected a non-empty {what} name (a string), got {describe(item)}")
        if item in names:
            raise SpecError(where, f"the {what} name {item!r} is repeated; every {what} needs its own name")
        names.append(item)
    return tuple(names)


def _table(value: Any, path: str, sizes: tuple[int, ...], players: tuple[str, ...], depth: int = 0) -> Any:
    """A nested list of the given sizes, checked level by level."""
    if depth == 0 and isinstance(value, list) and _depth(value) != len(sizes):
        raise SpecError(
            path,
            f"the table nests {_depth(value)} deep but there are {len(sizes)} players; "
            'give one level of nesting per player, in the order of "players"',
        )
    if depth == len(sizes):
        return _payoff(value, path)
    if not isinstance(value, list) or len(value) != sizes[depth]:
        got = describe(value)
        raise SpecError(
            path,
            f"expected a list of {sizes[depth]} items (one per strategy of {players[depth]!r}), got {got}; "
            "every payoff table needs one entry per strategy profile",
        )
    return [_table(item, child_path(path, k), sizes, players, depth + 1) for k, item in enumerate(value)]


def _from_outcomes(
    fields: Fields, players: tuple[str, ...], strategies: tuple[tuple[str, ...], ...]
) -> list[Any]:
    """Payoff tables built from the per-profile ``outcomes`` list."""
    import numpy as np

    sizes = tuple(len(s) for s in strategies)
    payoffs = np.empty((len(players), *sizes), dtype=object)
    seen: dict[tuple[int, ...], int] = {}
    for k, outcome in enumerate(fields.objects("outcomes", min_length=1)):
        profile_fields = outcome.object("profile")
        index = []
        for i, player in enumerate(players):
            strategy = profile_fields.string(player)
            if strategy not in strategies[i]:
                raise SpecError(
                    profile_fields.at(player),
                    f"{player!r} has no strategy {strategy!r}{suggest(strategy, strategies[i])} "
                    f"(strategies: {', '.join(strategies[i])})",
                )
            index.append(strategies[i].index(strategy))
        profile_fields.check_unknown(players)
        key = tuple(index)
        if key in seen:
            earlier = f"outcomes[{seen[key]}]"
            message = f"this profile is already given by {earlier}; list each profile once"
            raise SpecError(outcome.at("profile"), message)
        seen[key] = k
        values = outcome.raw("payoffs")
        where = outcome.at("payoffs")
        if isinstance(values, list):
            if len(values) != len(players):
                named = ", ".join(players)
                message = f"expected {len(players)} payoffs (one per player: {named}), got {len(values)}"
                raise SpecError(where, message)
            numbers = [_payoff(v, child_path(where, i)) for i, v in enumerate(values)]
        else:
            payoff_fields = outcome.object("payoffs")
            numbers = [_payoff(payoff_fields.raw(player), payoff_fields.at(player)) for player in players]
            payoff_fields.check_unknown(players)
        for i, number in enumerate(numbers):
            payoffs[(i, *key)] = number
        outcome.check_unknown(["profile", "payoffs", "label", "rationale"])
    total = math.prod(sizes)
    if len(seen) != total:
        missing = next(p for p in np.ndindex(*sizes) if p not in seen)
        shown = ", ".join(f"{players[i]}: {strategies[i][s]}" for i, s in enumerate(missing))
        raise SpecError(
            fields.at("outcomes"),
            f"{total - len(seen)} of the {total} strategy profiles have no outcome, e.g. {{{shown}}}; "
            "give one outcome per profile",
        )
    return [payoffs[i].tolist() for i in range(len(players))]


def from_dict(data: Any) -> NormalFormGame:
    """The :class:`~bargaining.games.normal_form.NormalFormGame` a parsed spec describes.

    Raises
    ------
    SpecError
        If a field is missing, of the wrong type, ragged, not finite, or a name
        is repeated; the error names the field's JSON path.
    """
    import numpy as np

    from bargaining.games.normal_form import NormalFormGame

    fields = Fields(data, "")
    title = fields.string("title", "")
    players_list = []
    strategies_list = []
    for player in fields.objects("players", min_length=1):
        name = player.string("name")
        if not name.strip():
            raise SpecError(player.at("name"), "a player's name must not be empty")
        if name in players_list:
            raise SpecError(
                player.at("name"), f"the player name {name!r} is repeated; every player needs its own name"
            )
        players_list.append(name)
        names = _names(player.array("strategies", min_length=1), player.at("strategies"), "strategy")
        strategies_list.append(names)
        player.check_unknown(["name", "strategies"])
    players = tuple(players_list)
    strategies = tuple(strategies_list)
    sizes = tuple(len(s) for s in strategies)
    if fields.has("payoffs") == fields.has("outcomes"):
        raise SpecError(
            "payoffs",
            'give the payoffs either as tables ("payoffs": {player: nested lists}) or as '
            '"outcomes" (one per strategy profile), exactly one of the two',
        )
    if fields.has("payoffs"):
        tables_fields = fields.object("payoffs")
        tables = [_table(tables_fields.raw(p), tables_fields.at(p), sizes, players) for p in players]
        tables_fields.check_unknown(players)
    else:
        tables = _from_outcomes(fields, players, strategies)
    fields.check_unknown(["format", "version", "kind", "title", "players", "payoffs", "outcomes"])
    array = np.empty((len(players), *sizes), dtype=object)
    for i, table in enumerate(tables):
        array[i] = table
    try:
        return NormalFormGame(array, players=players, strategies=strategies, title=title)
    except InvalidGameError as exc:  # pragma: no cover - the checks above come first
        raise SpecError("payoffs", str(exc)) from None


def to_dict(game: NormalFormGame) -> dict[str, Any]:
    """The spec of ``game`` in the table layout (the inverse of :func:`from_dict`).

    Exact payoffs are written as integers, as decimals when the decimal reads
    back exactly (``1.5``), else as strings ``"p/q"``
    (:func:`bargaining.games.spec_data.normal_form_spec`).
    """
    from bargaining.games.spec_data import normal_form_spec

    return normal_form_spec(game)
