"""JSON specs of kind ``stochastic_bargaining``: bargaining while the war moves (Merlo & Wilson 1995).

Layout (every number may be a formula over the parameters)::

    {
      "format": "bargaining", "version": 1, "kind": "stochastic_bargaining",
      "parameters": [{"name": "held", "value": 1000}, {"name": "holding_cost", "value": 0.02}],
      "players": [{"name": "ukraine", "discount": 0.97}, {"name": "russia", "discount": 0.97}],
      "pie": "1",
      "fighting": {"ukraine": "-holding_cost*held/1294", "russia": "-0.03*held/1294"},
      "proposer": 0.5,
      "states": [
        {"name": "full", "values": {"held": 1294}},
        {"name": "none", "values": {"held": 0}, "pie": 0.8}
      ],
      "transitions": [[0.8, 0.2], [0, 1]],
      "initial_state": "full"
    }

``pie`` (the value an agreement divides), ``fighting`` (each player's payoff
per period of fighting, by player name) and ``proposer`` (the probability
that the *first* player proposes) are defaults that a state may override;
each is evaluated at the state's ``values`` (parameters set to the state's
own numbers). ``transitions[i][j]`` is the probability that a period of
fighting in state ``i`` ends in state ``j``.
"""

from __future__ import annotations

import re
from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, as_number
from bargaining.io.issue_space import formula, number_or_formula, read_parameters, write_parameters
from bargaining.io.sides import two_sides
from bargaining.model.stochastic_bargaining import MarkovState, StochasticBargaining

__all__ = ["from_dict", "to_dict"]

_TOP = (
    "format",
    "version",
    "kind",
    "name",
    "description",
    "parameters",
    "players",
    "pie",
    "fighting",
    "proposer",
    "states",
    "transitions",
    "initial_state",
)


def _fighting(spec: Fields, names: tuple[str, str], default: tuple[Any, Any]) -> tuple[Any, Any]:
    if not spec.has("fighting"):
        spec.raw("fighting", None)
        return default
    item = spec.object("fighting")
    item.check_unknown(names)
    return (
        formula(item.raw(names[0], default[0]), item.at(names[0])),
        formula(item.raw(names[1], default[1]), item.at(names[1])),
    )


def _state(item: Fields, names: tuple[str, str], defaults: dict[str, Any]) -> MarkovState:
    item.check_unknown(("name", "values", "pie", "fighting", "proposer"))
    values: list[tuple[str, float]] = []
    if item.has("values"):
        table = item.object("values")
        for key in table.data:
            values.append((key, as_number(table.raw(key), table.at(key))))
    return MarkovState(
        item.name(),
        pie=formula(item.raw("pie", defaults["pie"]), item.at("pie")),
        fighting=_fighting(item, names, defaults["fighting"]),
        proposer=formula(item.raw("proposer", defaults["proposer"]), item.at("proposer")),
        values=tuple(values),
        description=item.string("description", ""),
    )


def _relocate(exc: SpecError, spec: Fields, names: tuple[str, str]) -> SpecError:
    """The model's path (``states[2].fighting[0]``) as the spec's (``fighting.ukraine``)."""
    match = re.fullmatch(r"states\[(\d+)\]\.(pie|proposer|fighting\[(\d)\])", exc.path)
    if not match:
        return exc
    state = spec.data["states"][int(match.group(1))]
    field = match.group(2).split("[")[0]
    key = names[int(match.group(3))] if match.group(3) else ""
    own = isinstance(state, dict) and state.get(field) is not None
    if field == "fighting":
        own = own and isinstance(state[field], dict) and key in state[field]
    path = f"states[{match.group(1)}].{field}" if own else field
    return SpecError(f"{path}.{key}" if key else path, exc.message)


def from_dict(data: Any) -> StochasticBargaining:
    """The :class:`~bargaining.model.stochastic_bargaining.StochasticBargaining` a parsed spec describes.

    Raises
    ------
    SpecError
        Naming the JSON path of the first invalid field (``transitions[1]`` for a
        row that does not sum to one, ``players[0].discount``, ...).
    """
    spec = Fields(data, "")
    parameters = read_parameters(spec)
    players = list(spec.objects("players", min_length=2))
    if len(players) != 2:
        raise SpecError("players", f"stochastic bargaining has two players, got {len(players)}")
    for p in players:
        p.check_unknown(("name", "discount"))
    names = (players[0].name(), players[1].name())
    two_sides(names, "players", "stochastic bargaining has", "player")
    discounts = tuple(formula(p.raw("discount"), p.at("discount")) for p in players)
    defaults = {
        "pie": formula(spec.raw("pie", 1.0), spec.at("pie")),
        "fighting": _fighting(spec, names, (0.0, 0.0)),
        "proposer": formula(spec.raw("proposer", 0.5), spec.at("proposer")),
    }
    states = tuple(_state(item, names, defaults) for item in spec.objects("states", min_length=1))
    rows = spec.array("transitions")
    for i, row in enumerate(rows):
        if not isinstance(row, list):
            raise SpecError(f"transitions[{i}]", "expected a list of probabilities, one per state")
    transitions = tuple(
        tuple(formula(x, f"transitions[{i}][{j}]") for j, x in enumerate(r)) for i, r in enumerate(rows)
    )
    initial = spec.string("initial_state", "")
    name, description = spec.string("name", ""), spec.string("description", "")
    spec.check_unknown(_TOP)
    try:
        return StochasticBargaining(
            names,
            (discounts[0], discounts[1]),
            states,
            transitions,
            initial_state=initial,
            parameters=tuple(parameters),
            name=name,
            description=description,
        )
    except SpecError as exc:
        raise _relocate(exc, spec, names) from None


def to_dict(model: StochasticBargaining) -> dict[str, Any]:
    """The spec of ``model`` (``from_dict(to_dict(m)) == m``), every state written in full."""
    out: dict[str, Any] = {"format": "bargaining", "version": 1, "kind": "stochastic_bargaining"}
    if model.name:
        out["name"] = model.name
    if model.description:
        out["description"] = model.description
    out["parameters"] = write_parameters(model.parameters)
    out["players"] = [
        {"name": n, "discount": number_or_formula(d)}
        for n, d in zip(model.player_names, model.discounts, strict=True)
    ]
    states = []
    for s in model.states:
        entry: dict[str, Any] = {"name": s.name}
        if s.description:
            entry["description"] = s.description
        if s.values:
            entry["values"] = dict(s.values)
        entry["pie"] = number_or_formula(s.pie)
        entry["fighting"] = {
            n: number_or_formula(f) for n, f in zip(model.player_names, s.fighting, strict=True)
        }
        entry["proposer"] = number_or_formula(s.proposer)
        states.append(entry)
    out["states"] = states
    out["transitions"] = [[number_or_formula(x) for x in row] for row in model.transitions]
    out["initial_state"] = model.initial_state
    return out
