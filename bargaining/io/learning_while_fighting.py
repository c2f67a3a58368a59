"""JSON specs of kind ``learning_while_fighting``: screening while fighting (after Powell 2004).

Layout (every number may be a formula over the parameters)::

    {
      "format": "bargaining", "version": 1, "kind": "learning_while_fighting",
      "parties": [{"name": "russia", "cost": 0.02}, {"name": "ukraine"}],
      "types": [
        {"name": "wavering", "probability": 0.5, "cost": 0.04, "win": 0.02, "loss": 0.1},
        {"name": "resolute", "probability": 0.5, "cost": 0.01, "win": 0.04, "loss": 0.04}
      ],
      "discount": 0.97,
      "rounds": 24
    }

The first party is the uninformed side: it makes every offer and pays
``cost`` per round of fighting. The second is the informed side, one of the
``types``: each has a prior ``probability``, a ``cost`` per round, and the
chances that a round of fighting ends the war in its favour (``win``) or
against it (``loss``). ``rounds`` of talks are held; after them the war is
fought to its end. The prize an agreement divides is worth 1.
"""

from __future__ import annotations

from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, child_path, describe
from bargaining.io.issue_space import formula, number_or_formula, read_parameters, write_parameters
from bargaining.io.sides import two_sides
from bargaining.model.learning import FightingType, LearningWhileFighting
from bargaining.model.war import WarParty

__all__ = ["from_dict", "to_dict"]

_TOP = (
    "format",
    "version",
    "kind",
    "name",
    "description",
    "parameters",
    "parties",
    "types",
    "discount",
    "rounds",
)
_TYPE = ("name", "probability", "cost", "win", "loss")


def _type(item: Fields) -> FightingType:
    item.check_unknown(_TYPE)
    try:
        p, c, win, loss = (formula(item.raw(key), item.at(key)) for key in _TYPE[1:])
        return FightingType(item.name(), p, c, win, loss, item.string("description", ""))
    except SpecError as exc:
        if exc.path.startswith(item.path):
            raise
        raise SpecError(child_path(item.path, exc.path) if exc.path else item.path, exc.message) from None


def _rounds(spec: Fields) -> int:
    raw = spec.raw("rounds", 12)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise SpecError("rounds", f"expected a whole number of rounds, got {describe(raw)}")
    return raw


def from_dict(data: Any) -> LearningWhileFighting:
    """The :class:`~bargaining.model.learning.LearningWhileFighting` a parsed spec describes.

    Raises
    ------
    SpecError
        Naming the JSON path of the first invalid field (``types[1].win``,
        ``parties[0].cost``, ``discount``, ``rounds``, ...).
    """
    spec = Fields(data, "")
    parameters = read_parameters(spec)
    parties = list(spec.objects("parties"))
    two_sides([item.name() for item in parties], "parties", "learning while fighting has")
    first, second = parties
    first.check_unknown(("name", "cost"))
    second.check_unknown(("name",))
    proposer = WarParty(
        first.name(), formula(first.raw("cost", 0.0), first.at("cost")), first.string("description", "")
    )
    responder = second.name()
    types = tuple(_type(item) for item in spec.objects("types", min_length=1))
    discount = formula(spec.raw("discount"), spec.at("discount"))
    rounds = _rounds(spec)
    name, description = spec.string("name", ""), spec.string("description", "")
    spec.check_unknown(_TOP)
    return LearningWhileFighting(
        proposer,
        responder,
        types,
        discount,
        rounds=rounds,
        parameters=tuple(parameters),
        name=name,
        description=description,
    )


def to_dict(model: LearningWhileFighting) -> dict[str, Any]:
    """The spec of ``model`` (``from_dict(to_dict(m)) == m``)."""
    out: dict[str, Any] = {"format": "bargaining", "version": 1, "kind": "learning_while_fighting"}
    if model.name:
        out["name"] = model.name
    if model.description:
        out["description"] = model.description
    out["parameters"] = write_parameters(model.parameters)
    first: dict[str, Any] = {"name": model.proposer.name, "cost": number_or_formula(model.proposer.cost)}
    if model.proposer.description:
        first["description"] = model.proposer.description
    out["parties"] = [first, {"name": model.responder}]
    types = []
    for t in model.types:
        entry: dict[str, Any] = {"name": t.name}
        for key in _TYPE[1:]:
            entry[key] = number_or_formula(getattr(t, key))
        if t.description:
            entry["description"] = t.description
        types.append(entry)
    out["types"] = types
    out["discount"] = number_or_formula(model.discount)
    out["rounds"] = model.rounds
    return out
