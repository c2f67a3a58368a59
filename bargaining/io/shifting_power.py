"""JSON specs of kind ``shifting_power``: the commitment problem (Fearon 1995; Powell 2006).

Layout (every number may be a formula over the parameters)::

    {
      "format": "bargaining", "version": 1, "kind": "shifting_power",
      "parameters": [{"name": "erosion", "value": 0.03}],
      "parties": [{"name": "ukraine", "cost": 0.3}, {"name": "russia", "cost": 0.3}],
      "discount": 0.97,
      "size": 1,
      "win_probability": ["0.45", "0.45 - erosion", "0.45 - 2*erosion"],
      "proposer": "russia",
      "labels": ["2024-08", "2024-09", "2024-10"]
    }

``win_probability[t]`` is the first party's chance of winning a war begun in
period ``t``; the last value holds for ever after. ``proposer`` is one party
(by name or index) for every period, or a list with one per period. ``labels``
(optional) names the periods. Costs of war are lump sums in units of the
per-period flow ``size``.
"""

from __future__ import annotations

from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, child_path, describe
from bargaining.io.issue_space import formula, number_or_formula, read_parameters, write_parameters
from bargaining.io.sides import side_index, two_sides
from bargaining.model.shifting_power import MAX_PERIODS, ShiftingPower
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
    "discount",
    "size",
    "win_probability",
    "proposer",
    "labels",
)


def _party(item: Fields) -> WarParty:
    item.check_unknown(("name", "cost"))
    try:
        cost = formula(item.raw("cost"), item.at("cost"))
        return WarParty(item.name(), cost, item.string("description", ""))
    except SpecError as exc:
        if exc.path.startswith(item.path):
            raise
        raise SpecError(child_path(item.path, exc.path) if exc.path else item.path, exc.message) from None


def _proposer(spec: Fields, names: list[str]) -> int | tuple[int, ...]:
    raw = spec.raw("proposer", 1)
    path = spec.at("proposer")
    if isinstance(raw, list):
        return tuple(side_index(x, f"{path}[{t}]", names) for t, x in enumerate(raw))
    return side_index(raw, path, names)


def _labels(spec: Fields) -> tuple[str, ...]:
    raw = spec.array("labels", [])
    for t, x in enumerate(raw):
        if not isinstance(x, str):
            raise SpecError(f"labels[{t}]", f"expected a string, got {describe(x)}")
    return tuple(raw)


def from_dict(data: Any) -> ShiftingPower:
    """The :class:`~bargaining.model.shifting_power.ShiftingPower` a parsed spec describes.

    Raises
    ------
    SpecError
        Naming the JSON path of the first invalid field (``win_probability[2]``,
        ``discount``, ``parties[1].cost``, ``proposer[0]``, ...).
    """
    spec = Fields(data, "")
    parameters = read_parameters(spec)
    parties = [_party(item) for item in spec.objects("parties")]
    two_sides([p.name for p in parties], "parties", "the commitment problem has")
    path = spec.array("win_probability", min_length=1)
    if len(path) > MAX_PERIODS:
        raise SpecError("win_probability", f"at most {MAX_PERIODS} periods, got {len(path)}")
    probabilities = tuple(formula(p, f"win_probability[{t}]") for t, p in enumerate(path))
    discount = formula(spec.raw("discount"), spec.at("discount"))
    size = formula(spec.raw("size", 1.0), spec.at("size"))
    proposer = _proposer(spec, [p.name for p in parties])
    labels = _labels(spec)
    name, description = spec.string("name", ""), spec.string("description", "")
    spec.check_unknown(_TOP)
    return ShiftingPower(
        (parties[0], parties[1]),
        probabilities,
        discount,
        size=size,
        proposer=proposer,
        labels=labels,
        parameters=tuple(parameters),
        name=name,
        description=description,
    )


def to_dict(model: ShiftingPower) -> dict[str, Any]:
    """The spec of ``model`` (``from_dict(to_dict(m)) == m``)."""
    out: dict[str, Any] = {"format": "bargaining", "version": 1, "kind": "shifting_power"}
    if model.name:
        out["name"] = model.name
    if model.description:
        out["description"] = model.description
    out["parameters"] = write_parameters(model.parameters)
    parties = []
    for party in model.parties:
        entry: dict[str, Any] = {"name": party.name, "cost": number_or_formula(party.cost)}
        if party.description:
            entry["description"] = party.description
        parties.append(entry)
    out["parties"] = parties
    out["discount"] = number_or_formula(model.discount)
    out["size"] = number_or_formula(model.size)
    out["win_probability"] = [number_or_formula(p) for p in model.win_probability]
    names = model.party_names
    proposers = model.proposers
    out["proposer"] = names[proposers[0]] if len(set(proposers)) == 1 else [names[i] for i in proposers]
    if model.labels:
        out["labels"] = list(model.labels)
    return out
