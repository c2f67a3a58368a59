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

from typing import TYPE_CHECKING, Any

from bargaining.errors import InvalidGameError, SpecError
from bargaining.io.fields import Fields
from bargaining.io.payoff_tables import name_list, payoff_table, tables_from_outcomes

if TYPE_CHECKING:
    from bargaining.games.normal_form import NormalFormGame

__all__ = ["from_dict", "to_dict"]


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
        names = name_list(player.array("strategies", min_length=1), player.at("strategies"), "strategy")
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
        if not all(tables_fields.has(p) for p in players):
            tables_fields.check_unknown(players)  # a player missing: name a misspelt one as such
        tables = [payoff_table(tables_fields.raw(p), tables_fields.at(p), sizes, players) for p in players]
        tables_fields.check_unknown(players)
    else:
        tables = tables_from_outcomes(fields, players, strategies)
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
