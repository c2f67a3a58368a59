"""JSON specs of kinds ``utility_set`` and ``frontier``: problems in utility space.

``utility_set``::

    {"format": "bargaining", "version": 1, "kind": "utility_set",
     "parties": [{"name": "alice", "disagreement": 0, "bargaining_power": 1}, {"name": "bob"}],
     "outcomes": [{"name": "deal_a", "utilities": [3, 1]}, {"name": "deal_b", "utilities": [1, 2]}],
     "lotteries": true}

``frontier`` (the formula uses the first party's name as its variable)::

    {"format": "bargaining", "version": 1, "kind": "frontier",
     "parties": [{"name": "alice", "disagreement": 0}, {"name": "bob", "disagreement": 0}],
     "frontier": "1 - alice**2", "domain": [0, 1],
     "parameters": [...]}
"""

from __future__ import annotations

from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, as_number, child_path
from bargaining.io.issue_space import formula, number_or_formula, read_parameters, write_parameters
from bargaining.model.utility_space import Frontier, UtilitySet

__all__ = ["from_dict", "to_dict"]

_COMMON = ("format", "version", "kind", "name", "description", "parties")


def _parties(spec: Fields, numeric: bool) -> tuple[list[str], list[Any], list[Any]]:
    names, disagreement, power = [], [], []
    for item in spec.objects("parties", min_length=2):
        names.append(item.name())
        if numeric:
            disagreement.append(item.number("disagreement", 0.0))
            power.append(item.number("bargaining_power", 1.0))
            if power[-1] <= 0:
                raise SpecError(item.at("bargaining_power"), f"must be positive (e.g. 1), got {power[-1]:g}")
        else:
            disagreement.append(formula(item.raw("disagreement", 0.0), item.at("disagreement")))
            power.append(formula(item.raw("bargaining_power", 1.0), item.at("bargaining_power")))
        item.check_unknown()
    return names, disagreement, power


def _relocate(exc: SpecError, mapping: dict[str, str]) -> SpecError:
    head = exc.path.split(".")[0].split("[")[0]
    return SpecError(exc.path.replace(head, mapping[head], 1) if head in mapping else exc.path, exc.message)


def from_dict(data: Any) -> UtilitySet | Frontier:
    """The :class:`~bargaining.UtilitySet` or :class:`~bargaining.Frontier` a spec describes."""
    spec = Fields(data, "")
    kind = spec.string("kind")
    if kind == "utility_set":
        names, disagreement, power = _parties(spec, numeric=True)
        labels, points = [], []
        for k, item in enumerate(spec.objects("outcomes", min_length=1)):
            labels.append(item.name() if item.has("name") else f"outcome_{k}")
            raw = item.raw("utilities")
            if isinstance(raw, dict):
                unknown = set(raw) - set(names)
                if unknown:
                    raise SpecError(item.at("utilities"), f"unknown party {sorted(unknown)[0]!r}")
                missing = [p for p in names if p not in raw]
                if missing:
                    raise SpecError(item.at("utilities"), f"no utility for {missing[0]!r}")
                raw = [raw[p] for p in names]
            if not isinstance(raw, list) or len(raw) != len(names):
                raise SpecError(item.at("utilities"), f"expected {len(names)} utilities, one per party")
            points.append([as_number(v, child_path(item.at("utilities"), i)) for i, v in enumerate(raw)])
            item.check_unknown()
        lotteries = spec.boolean("lotteries", False)
        spec.check_unknown([*_COMMON, "outcomes", "lotteries"])
        return UtilitySet(
            names,
            points,
            disagreement,
            power,
            labels,
            lotteries,
            name=spec.string("name", ""),
            description=spec.string("description", ""),
        )
    names, disagreement, power = _parties(spec, numeric=False)
    parameters = read_parameters(spec)
    frontier = formula(spec.raw("frontier"), "frontier")
    domain = spec.array("domain", [0.0, 1.0])
    if len(domain) != 2:
        raise SpecError("domain", "expected [low, high]")
    domain = [formula(v, f"domain[{i}]") for i, v in enumerate(domain)]
    spec.check_unknown([*_COMMON, "parameters", "frontier", "domain"])
    try:
        return Frontier(
            names,
            frontier,
            tuple(domain),
            disagreement,
            power,
            parameters,
            name=spec.string("name", ""),
            description=spec.string("description", ""),
        )
    except SpecError as exc:
        mapping = {"disagreement_point": "parties", "bargaining_power": "parties"}
        if exc.path.startswith(("disagreement_point[", "bargaining_power[")):
            index = exc.path.split("[")[1].split("]")[0]
            field = "disagreement" if exc.path.startswith("disagreement") else "bargaining_power"
            raise SpecError(f"parties[{index}].{field}", exc.message) from None
        raise _relocate(exc, mapping) from None


def to_dict(model: UtilitySet | Frontier) -> dict[str, Any]:
    """The spec of a utility set or frontier (a round trip of :func:`from_dict`)."""
    spec: dict[str, Any] = {"format": "bargaining", "version": 1, "kind": model.spec_kind}
    if model.name:
        spec["name"] = model.name
    if model.description:
        spec["description"] = model.description
    if isinstance(model, UtilitySet):
        spec["parties"] = [
            {"name": p, "disagreement": float(d), "bargaining_power": float(w)}
            for p, d, w in zip(model.parties, model.disagreement_point, model.bargaining_power, strict=True)
        ]
        spec["outcomes"] = [
            {"name": label, "utilities": [float(u) for u in row]}
            for label, row in zip(model.labels, model.points, strict=True)
        ]
        spec["lotteries"] = model.lotteries
        return spec
    spec["parameters"] = write_parameters(model.parameters)
    spec["parties"] = [
        {"name": p, "disagreement": number_or_formula(d), "bargaining_power": number_or_formula(w)}
        for p, d, w in zip(model.parties, model.disagreement_point, model.bargaining_power, strict=True)
    ]
    spec["frontier"] = str(model.frontier)
    spec["domain"] = [number_or_formula(v) for v in model.domain]
    return spec
