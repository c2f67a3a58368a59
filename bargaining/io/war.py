"""JSON specs of kind ``war``: the bargaining model of war (Fearon 1995).

Layout (every number may be a formula over the parameters; say in each
parameter's ``description`` whether it is an assumption or a public figure,
and give its ``source``)::

    {
      "format": "bargaining", "version": 1, "kind": "war",
      "name": "...", "description": "...",
      "parameters": [{"name": "kursk_held", "value": 1000, "range": [0, 1300], "unit": "km²",
                      "description": "...", "source": "..."}],
      "parties": [
        {"name": "ukraine", "cost": "ua_cost_base + ua_holding_cost * kursk_held / kursk_reference"},
        {"name": "russia", "cost": 0.15}
      ],
      "win_probability": "p_base + kursk_effect * kursk_held / kursk_reference",
      "size": 1,
      "proposer": "ukraine",
      "uncertainty": {"distribution": "uniform", "low": 0.05, "high": 0.35}
    }

``win_probability`` is the chance that the first party wins a war. The
optional ``uncertainty`` is the proposer's belief about the *responder's*
cost: ``{"distribution": "uniform", "low": ..., "high": ...}`` or
``{"distribution": "normal", "mean": ..., "sd": ...}`` (truncated at 0) or
``{"distribution": "types", "types": [{"name": "resolute", "cost": ...,
"probability": ...}, ...]}`` (probabilities summing to 1). Without it the
information is complete.
"""

from __future__ import annotations

from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, child_path
from bargaining.io.issue_space import formula, number_or_formula, read_parameters, write_parameters
from bargaining.io.sides import side_index, two_sides
from bargaining.model.war import CostType, NormalBelief, UniformBelief, WarBargaining, WarParty

__all__ = ["from_dict", "to_dict"]

_TOP = (
    "format",
    "version",
    "kind",
    "name",
    "description",
    "parameters",
    "parties",
    "win_probability",
    "size",
    "proposer",
    "uncertainty",
)


def _under(exc: SpecError, path: str) -> SpecError:
    """``exc`` with its path below ``path`` (model errors use paths relative to the object)."""
    if exc.path.startswith(path):
        return exc
    return SpecError(child_path(path, exc.path) if exc.path else path, exc.message)


def _party(item: Fields) -> WarParty:
    item.check_unknown(("name", "cost"))
    try:
        cost = formula(item.raw("cost"), item.at("cost"))
        return WarParty(item.name(), cost, item.string("description", ""))
    except SpecError as exc:
        raise _under(exc, item.path) from None


def _uncertainty(spec: Fields) -> UniformBelief | NormalBelief | tuple[CostType, ...] | None:
    if not spec.has("uncertainty"):
        spec.raw("uncertainty", None)
        return None
    item = spec.object("uncertainty")
    kind = item.choice("distribution", ("uniform", "normal", "types"))
    try:
        if kind == "uniform":
            item.check_unknown(("distribution", "low", "high"))
            return UniformBelief(
                formula(item.raw("low"), item.at("low")), formula(item.raw("high"), item.at("high"))
            )
        if kind == "normal":
            item.check_unknown(("distribution", "mean", "sd"))
            mean = formula(item.raw("mean"), item.at("mean"))
            return NormalBelief(mean, formula(item.raw("sd"), item.at("sd")))
        item.check_unknown(("distribution", "types"))
        types = []
        for entry in item.objects("types", min_length=1):
            entry.check_unknown(("name", "cost", "probability"))
            try:
                types.append(
                    CostType(
                        entry.name(),
                        formula(entry.raw("cost"), entry.at("cost")),
                        formula(entry.raw("probability"), entry.at("probability")),
                        entry.string("description", ""),
                    )
                )
            except SpecError as exc:
                raise _under(exc, entry.path) from None
        return tuple(types)
    except SpecError as exc:
        raise _under(exc, item.path) from None


def from_dict(data: Any) -> WarBargaining:
    """The :class:`~bargaining.model.war.WarBargaining` a parsed spec describes.

    Raises
    ------
    SpecError
        Naming the JSON path of the first invalid field.
    """
    spec = Fields(data, "")
    parameters = read_parameters(spec)
    parties = [_party(item) for item in spec.objects("parties")]
    two_sides([p.name for p in parties], "parties", "the bargaining model of war has")
    proposer = side_index(spec.raw("proposer", 0), spec.at("proposer"), [p.name for p in parties])
    win_probability = formula(spec.raw("win_probability"), spec.at("win_probability"))
    size = formula(spec.raw("size", 1.0), spec.at("size"))
    uncertainty = _uncertainty(spec)
    name = spec.string("name", "")
    description = spec.string("description", "")
    spec.check_unknown(_TOP)
    return WarBargaining(
        parties,
        win_probability,
        size=size,
        proposer=proposer,
        uncertainty=uncertainty,
        parameters=parameters,
        name=name,
        description=description,
    )


def to_dict(model: WarBargaining) -> dict[str, Any]:
    """The spec of ``model`` (``from_dict(to_dict(m)) == m``)."""
    parties = []
    for party in model.parties:
        entry: dict[str, Any] = {"name": party.name, "cost": number_or_formula(party.cost)}
        if party.description:
            entry["description"] = party.description
        parties.append(entry)
    out: dict[str, Any] = {"format": "bargaining", "version": 1, "kind": "war"}
    if model.name:
        out["name"] = model.name
    if model.description:
        out["description"] = model.description
    out["parameters"] = write_parameters(model.parameters)
    out["parties"] = parties
    out["win_probability"] = number_or_formula(model.win_probability)
    out["size"] = number_or_formula(model.size)
    out["proposer"] = model.party_names[model.proposer]
    u = model.uncertainty
    if isinstance(u, UniformBelief):
        out["uncertainty"] = {
            "distribution": "uniform",
            "low": number_or_formula(u.low),
            "high": number_or_formula(u.high),
        }
    elif isinstance(u, NormalBelief):
        out["uncertainty"] = {
            "distribution": "normal",
            "mean": number_or_formula(u.mean),
            "sd": number_or_formula(u.sd),
        }
    elif u is not None:
        types = []
        for t in u:
            item: dict[str, Any] = {
                "name": t.name,
                "cost": number_or_formula(t.cost),
                "probability": number_or_formula(t.probability),
            }
            if t.description:
                item["description"] = t.description
            types.append(item)
        out["uncertainty"] = {"distribution": "types", "types": types}
    return out
