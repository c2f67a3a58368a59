"""JSON specs of kind ``stakeholders``: the actor table of stakeholder forecasting.

Layout (say for every number whether it is an assumption or cite it, with its
date, in the actor's ``sources``)::

    {
      "format": "bargaining", "version": 1, "kind": "stakeholders",
      "name": "...", "description": "...",
      "salience_scale": 100,
      "issues": [
        {"name": "territory_returned", "lower": 0, "upper": 100,
         "lower_label": "none", "upper_label": "the 1991 borders", "unit": "% of occupied land"}
      ],
      "actors": [
        {"name": "Kyiv", "capability": 20,
         "positions": {"territory_returned": 100}, "saliences": {"territory_returned": 95},
         "sources": {"capability": "assumption: ...", "territory_returned": "cited: ... (2024-11-19)"}}
      ]
    }

``positions`` and ``saliences`` are objects keyed by issue name or lists in
issue order. ``salience_scale`` (1, the default, or 100) is the scale the
saliences are written on; they are stored divided by it, in [0, 1].
"""

from __future__ import annotations

from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, as_number, describe, located, suggest
from bargaining.model.stakeholders import Stakeholder, StakeholderIssue, StakeholderTable

__all__ = ["from_dict", "to_dict"]

_TOP = ("format", "version", "kind", "name", "description", "salience_scale", "issues", "actors")
_ISSUE = ("name", "lower", "upper", "lower_label", "upper_label", "unit", "description")
_ACTOR = ("name", "capability", "positions", "saliences", "sources", "description")


def _issue(item: Fields) -> StakeholderIssue:
    item.check_unknown(_ISSUE)
    with located(item.path):
        return StakeholderIssue(
            item.string("name"),
            item.number("lower", 0.0),
            item.number("upper", 100.0),
            item.string("lower_label", ""),
            item.string("upper_label", ""),
            item.string("unit", ""),
            item.string("description", ""),
        )


def _per_issue(item: Fields, key: str, issues: list[str], scale: float) -> tuple[float, ...]:
    raw = item.raw(key)
    path = item.at(key)
    if isinstance(raw, list):
        if len(raw) != len(issues):
            raise SpecError(path, f"expected one value per issue ({len(issues)}), got {len(raw)}")
        return tuple(as_number(v, f"{path}[{k}]") / scale for k, v in enumerate(raw))
    if not isinstance(raw, dict):
        raise SpecError(path, f"expected an object {{issue: value}} or a list, got {describe(raw)}")
    for name in raw:
        if name not in issues:
            raise SpecError(f"{path}.{name}", f"unknown issue {name!r}{suggest(name, issues)}")
    values = []
    for name in issues:
        if name not in raw:
            raise SpecError(f"{path}.{name}", f"missing the value for issue {name!r}")
        values.append(as_number(raw[name], f"{path}.{name}") / scale)
    return tuple(values)


def _sources(item: Fields, issues: list[str]) -> dict[str, str]:
    raw = item.raw("sources", {})
    path = item.at("sources")
    if not isinstance(raw, dict):
        raise SpecError(path, f"expected an object {{'capability' or issue: note}}, got {describe(raw)}")
    allowed = ["capability", *issues]
    for key, note in raw.items():
        if key not in allowed:
            raise SpecError(
                f"{path}.{key}", f"unknown key {key!r}{suggest(key, allowed)} (expected {allowed})"
            )
        if not isinstance(note, str):
            raise SpecError(f"{path}.{key}", f"expected a note (a string), got {describe(note)}")
    return dict(raw)


def _actor(item: Fields, issues: list[str], scale: float) -> Stakeholder:
    item.check_unknown(_ACTOR)
    name = item.string("name")
    capability = item.number("capability")
    positions = _per_issue(item, "positions", issues, 1.0)
    saliences = _per_issue(item, "saliences", issues, scale)
    for k, s in enumerate(saliences):
        if not 0 <= s <= 1:
            where = f"saliences[{k}]" if isinstance(item.raw("saliences"), list) else f"saliences.{issues[k]}"
            raise SpecError(
                f"{item.path}.{where}",
                f"a salience must be in [0, {scale:g}] (salience_scale {scale:g}), got {s * scale:g}",
            )
    with located(item.path):
        return Stakeholder(
            name, capability, positions, saliences, _sources(item, issues), item.string("description", "")
        )


def from_dict(data: Any) -> StakeholderTable:
    """The :class:`~bargaining.model.stakeholders.StakeholderTable` a parsed spec describes.

    Raises
    ------
    SpecError
        Naming the JSON path of the first invalid field.
    """
    spec = Fields(data, "")
    scale = spec.number("salience_scale", 1.0)
    if scale not in (1.0, 100.0):
        raise SpecError("salience_scale", f"expected 1 or 100, got {scale:g}")
    issues = [_issue(item) for item in spec.objects("issues", min_length=1)]
    names = [i.name for i in issues]
    actors = [_actor(item, names, scale) for item in spec.objects("actors", min_length=2)]
    name = spec.string("name", "")
    description = spec.string("description", "")
    spec.check_unknown(_TOP)
    return StakeholderTable(actors, issues, name=name, description=description)


def to_dict(model: StakeholderTable) -> dict[str, Any]:
    """The spec of ``model`` (``from_dict(to_dict(m)) == m``), saliences on the scale 1."""
    issues = []
    for issue in model.issues:
        entry: dict[str, Any] = {"name": issue.name, "lower": issue.lower, "upper": issue.upper}
        for key in ("lower_label", "upper_label", "unit", "description"):
            if getattr(issue, key):
                entry[key] = getattr(issue, key)
        issues.append(entry)
    actors = []
    for actor in model.actors:
        item: dict[str, Any] = {
            "name": actor.name,
            "capability": actor.capability,
            "positions": dict(zip(model.issue_names, actor.positions, strict=True)),
            "saliences": dict(zip(model.issue_names, actor.saliences, strict=True)),
        }
        if actor.sources:
            item["sources"] = dict(actor.sources)
        if actor.description:
            item["description"] = actor.description
        actors.append(item)
    spec: dict[str, Any] = {"format": "bargaining", "version": 1, "kind": "stakeholders"}
    if model.name:
        spec["name"] = model.name
    if model.description:
        spec["description"] = model.description
    spec["issues"] = issues
    spec["actors"] = actors
    return spec
