"""JSON specs of kind ``legislative``: Baron-Ferejohn legislative bargaining (Winter 1996's vetoes).

Layout (every number may be a formula over the parameters; say in each
parameter's ``description`` whether it is an assumption or a public figure)::

    {
      "format": "bargaining", "version": 1, "kind": "legislative",
      "name": "...", "description": "...",
      "parameters": [{"name": "delta", "value": 0.9, "range": [0.5, 0.99], "description": "Assumption: ..."}],
      "parties": ["ukraine", "us", "eu", "uk"],
      "recognition": {"ukraine": 0.4, "us": 0.3, "eu": 0.2, "uk": 0.1},
      "discount_factor": "delta",
      "quota": 3,
      "veto": ["ukraine"]
    }

``parties`` is a list of names (or of ``{"name": ..., "description": ...}``),
or a number ``n`` (the parties are then ``p1`` ... ``pn``). ``recognition``
(default: equal) and ``discount_factor`` (one for all, or
``{"party": value}``) are formulas; ``quota`` is the number of votes a
proposal needs, the proposer's included (default: a simple majority).
"""

from __future__ import annotations

from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, describe
from bargaining.io.issue_space import formula, number_or_formula, read_parameters, write_parameters
from bargaining.model.legislative import LegislativeBargaining

__all__ = ["from_dict", "to_dict"]

_TOP = (
    "format",
    "version",
    "kind",
    "name",
    "description",
    "parameters",
    "parties",
    "recognition",
    "discount_factor",
    "quota",
    "veto",
)


def _parties(spec: Fields) -> list[str] | int:
    raw = spec.raw("parties")
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    names = []
    for i, item in enumerate(spec.array("parties", min_length=2)):
        path = f"parties[{i}]"
        if isinstance(item, dict):
            entry = Fields(item, path)
            entry.check_unknown(("name",))
            names.append(entry.name())
        elif isinstance(item, str):
            names.append(item)
        else:
            raise SpecError(path, f"expected a party's name, got {describe(item)}")
    return names


def _per_party(spec: Fields, key: str) -> Any:
    raw = spec.raw(key)
    if isinstance(raw, dict):
        return {name: formula(value, f"{spec.at(key)}.{name}") for name, value in raw.items()}
    if key == "recognition":
        raise SpecError(
            spec.at(key), f'expected an object {{"party": probability, ...}}, got {describe(raw)}'
        )
    return formula(raw, spec.at(key))


def from_dict(data: Any) -> LegislativeBargaining:
    """The :class:`~bargaining.model.legislative.LegislativeBargaining` a parsed spec describes.

    Raises
    ------
    SpecError
        Naming the JSON path of the first invalid field.
    """
    spec = Fields(data, "")
    parameters = read_parameters(spec)
    parties = _parties(spec)
    veto = spec.array("veto", default=[])
    for i, name in enumerate(veto):
        if not isinstance(name, str):
            raise SpecError(f"veto[{i}]", f"expected a party's name, got {describe(name)}")
    model = LegislativeBargaining(
        parties,
        recognition=_per_party(spec, "recognition") if spec.has("recognition") else None,
        discount_factor=_per_party(spec, "discount_factor"),
        quota=formula(spec.raw("quota"), "quota") if spec.has("quota") else None,
        veto=veto,
        parameters=parameters,
        name=spec.string("name", ""),
        description=spec.string("description", ""),
    )
    spec.check_unknown(_TOP)
    return model


def to_dict(model: LegislativeBargaining) -> dict[str, Any]:
    """The spec of ``model`` (``from_dict(to_dict(m)) == m``)."""
    out: dict[str, Any] = {"format": "bargaining", "version": 1, "kind": "legislative"}
    if model.name:
        out["name"] = model.name
    if model.description:
        out["description"] = model.description
    out["parameters"] = write_parameters(model.parameters)
    out["parties"] = list(model.parties)
    if model.recognition is not None:
        out["recognition"] = {
            p: number_or_formula(e) for p, e in zip(model.parties, model.recognition, strict=True)
        }
    if len(model.discount_factor) == 1:
        out["discount_factor"] = number_or_formula(model.discount_factor[0])
    else:
        out["discount_factor"] = {
            p: number_or_formula(e) for p, e in zip(model.parties, model.discount_factor, strict=True)
        }
    if model.quota is not None:
        out["quota"] = number_or_formula(model.quota)
    if model.veto:
        out["veto"] = list(model.veto)
    return out
