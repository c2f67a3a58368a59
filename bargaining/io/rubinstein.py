"""JSON specs of kind ``rubinstein``: alternating-offers bargaining (Rubinstein 1982).

Layout (every number may be a formula over the parameters; say in each
parameter's ``description`` whether it is an assumption or a public figure,
and give its ``source``)::

    {
      "format": "bargaining", "version": 1, "kind": "rubinstein",
      "name": "...", "description": "...",
      "parameters": [{"name": "ua_monthly_cost", "value": 0.03, "range": [0.01, 0.1],
                      "description": "...", "source": "...", "unit": "..."}],
      "players": [
        {"name": "ukraine", "discount_factor": 0.95,
         "breakdown_payoff": 0, "inside_option": 0, "outside_option": 0.2,
         "description": "..."},
        {"name": "russia", "discount_rate": "ru_monthly_cost", ...}
      ],
      "first_proposer": "ukraine",
      "breakdown_probability": 0.0,
      "period_length": 1,
      "horizon": null,
      "size": 1
    }

Each player gives ``discount_factor`` (per period) or ``discount_rate`` (per
unit of time, with ``period_length``). ``first_proposer`` is a player's name
or index; ``horizon`` (optional) is the number of offers before talks end.
"""

from __future__ import annotations

from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, child_path, describe
from bargaining.io.issue_space import formula, number_or_formula, read_parameters, write_parameters
from bargaining.io.sides import side_index, two_sides
from bargaining.model.alternating_offers import AlternatingOffers, Bargainer

__all__ = ["from_dict", "to_dict"]

_TOP = (
    "format",
    "version",
    "kind",
    "name",
    "description",
    "parameters",
    "players",
    "first_proposer",
    "breakdown_probability",
    "period_length",
    "horizon",
    "size",
)
_PLAYER = ("name", "discount_factor", "discount_rate", "breakdown_payoff", "inside_option", "outside_option")


def _under(exc: SpecError, path: str) -> SpecError:
    """``exc`` with its path below ``path`` (model errors use paths relative to the object)."""
    if exc.path.startswith(path):
        return exc
    return SpecError(child_path(path, exc.path) if exc.path else path, exc.message)


def _player(item: Fields) -> Bargainer:
    item.check_unknown(_PLAYER)
    kwargs: dict[str, Any] = {}
    for key in _PLAYER[1:]:
        if item.has(key):
            kwargs[key] = formula(item.raw(key), item.at(key))
    try:
        player = Bargainer(item.name(), description=item.string("description", ""), **kwargs)
    except SpecError as exc:
        raise _under(exc, item.path) from None
    return player


def _horizon(spec: Fields) -> int | None:
    raw = spec.raw("horizon", None)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float) or raw != int(raw) or raw < 1:
        raise SpecError(
            spec.at("horizon"), f"expected a positive whole number of offers, got {describe(raw)}"
        )
    return int(raw)


def from_dict(data: Any) -> AlternatingOffers:
    """The :class:`~bargaining.model.alternating_offers.AlternatingOffers` a parsed spec describes.

    Raises
    ------
    SpecError
        Naming the JSON path of the first invalid field.
    """
    spec = Fields(data, "")
    parameters = read_parameters(spec)
    players = [_player(item) for item in spec.objects("players")]
    names = [p.name for p in players]
    two_sides(names, "players", "alternating offers are between", "player")
    first = side_index(spec.raw("first_proposer", 0), spec.at("first_proposer"), names, "player")
    scalars = {
        key: formula(spec.raw(key, default), spec.at(key))
        for key, default in (("breakdown_probability", 0.0), ("period_length", 1.0), ("size", 1.0))
    }
    horizon = _horizon(spec)
    name = spec.string("name", "")
    description = spec.string("description", "")
    spec.check_unknown(_TOP)
    return AlternatingOffers(
        players,
        first_proposer=first,
        horizon=horizon,
        parameters=parameters,
        name=name,
        description=description,
        **scalars,
    )


def to_dict(model: AlternatingOffers) -> dict[str, Any]:
    """The spec of ``model`` (``from_dict(to_dict(m)) == m``)."""
    players = []
    for player in model.players:
        entry: dict[str, Any] = {"name": player.name}
        for key in _PLAYER[1:]:
            value = getattr(player, key)
            default = key in ("breakdown_payoff", "inside_option") and str(value) == "0.0"
            if value is not None and not default:
                entry[key] = number_or_formula(value)
        if player.description:
            entry["description"] = player.description
        players.append(entry)
    out: dict[str, Any] = {"format": "bargaining", "version": 1, "kind": "rubinstein"}
    if model.name:
        out["name"] = model.name
    if model.description:
        out["description"] = model.description
    out["parameters"] = write_parameters(model.parameters)
    out["players"] = players
    out["first_proposer"] = model.player_names[model.first_proposer]
    out["breakdown_probability"] = number_or_formula(model.breakdown_probability)
    out["period_length"] = number_or_formula(model.period_length)
    if model.horizon is not None:
        out["horizon"] = model.horizon
    out["size"] = number_or_formula(model.size)
    return out
