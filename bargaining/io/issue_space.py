"""JSON specs of kind ``issue_space``: bargaining over issues.

Layout (every number may carry a ``description``; say whether it is an
illustrative assumption or a public figure, and give its ``source``)::

    {
      "format": "bargaining", "version": 1, "kind": "issue_space",
      "name": "...", "description": "...",
      "parameters": [
        {"name": "kursk_held", "value": 1000, "range": [0, 1300], "unit": "km²",
         "description": "...", "source": "..."}
      ],
      "issues": [
        {"name": "territory", "type": "continuous", "lower": 0, "upper": 1},
        {"name": "kursk_returned", "type": "continuous", "lower": 0, "upper": "kursk_held"},
        {"name": "security", "type": "discrete",
         "levels": [{"name": "none", "value": 0, "description": "..."}, ...]}
      ],
      "parties": [
        {"name": "ukraine", "utility": "...", "disagreement": "...", "bargaining_power": 1}
      ],
      "constraints": [{"name": "...", "expression": "territory + kursk_returned <= 1.5"}]
    }

Formulas (utilities, disagreement values, bounds, bargaining powers,
constraints) follow :mod:`bargaining.expressions.parse`.
"""

from __future__ import annotations

from typing import Any

from bargaining.errors import SpecError
from bargaining.expressions.parse import Expression
from bargaining.io.fields import Fields, as_number, child_path, describe, located
from bargaining.model.issue_space import (
    BargainingProblem,
    Constraint,
    ContinuousIssue,
    DiscreteIssue,
    Level,
    Parameter,
    Party,
)

__all__ = ["from_dict", "read_parameters", "to_dict", "write_parameters"]

_TOP = (
    "format",
    "version",
    "kind",
    "name",
    "description",
    "parameters",
    "issues",
    "parties",
    "constraints",
    "lotteries",
)


def formula(value: Any, path: str) -> Any:
    """A formula field: a string or a number (checked for finiteness)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SpecError(path, f"expected a formula (a string) or a number, got {describe(value)}")
    return as_number(value, path)


def read_parameters(spec: Fields) -> list[Parameter]:
    """The ``parameters`` list of a spec."""
    parameters = []
    for item in spec.objects("parameters", default=[]):
        with located(item.path):
            low_high = None
            if item.has("range"):
                bounds = item.array("range")
                if len(bounds) != 2:
                    raise SpecError(item.at("range"), f"expected [low, high], got {describe(bounds)}")
                where = item.at("range")
                low_high = (as_number(bounds[0], f"{where}[0]"), as_number(bounds[1], f"{where}[1]"))
            parameter = Parameter(
                name=item.name(),
                value=item.number("value"),
                range=low_high,
                description=item.string("description", ""),
                source=item.string("source", ""),
                unit=item.string("unit", ""),
                distribution=item.object("distribution", None) and item.raw("distribution"),
            )
            if parameter.distribution is not None:
                from bargaining.model.uncertainty import check_distribution

                check_distribution(parameter, item.at("distribution"))
        item.check_unknown()
        parameters.append(parameter)
    return parameters


def _levels(item: Fields) -> list[Level]:
    raw = item.raw("levels")
    path = item.at("levels")
    levels = []
    if isinstance(raw, dict):
        for name, value in raw.items():
            levels.append(_level(name, value, "", child_path(path, name)))
    elif isinstance(raw, list):
        for i, entry in enumerate(raw):
            level = Fields(entry, child_path(path, i))
            levels.append(
                _level(level.name(), level.number("value"), level.string("description", ""), level.path)
            )
            level.check_unknown()
    else:
        raise SpecError(path, f'expected a list of {{"name": ..., "value": ...}} levels, got {describe(raw)}')
    if not levels:
        raise SpecError(path, "a discrete issue needs at least one level")
    return levels


def _level(name: str, value: Any, description: str, path: str) -> Level:
    with located(path):
        return Level(name, as_number(value, path), description)


def _issue(item: Fields) -> ContinuousIssue | DiscreteIssue:
    kind = item.choice("type", ("continuous", "discrete"), "continuous")
    with located(item.path):
        if kind == "discrete":
            issue: ContinuousIssue | DiscreteIssue = DiscreteIssue(
                item.name(), tuple(_levels(item)), item.string("description", ""), item.string("unit", "")
            )
        else:
            issue = ContinuousIssue(
                item.name(),
                formula(item.raw("lower", 0.0), item.at("lower")),
                formula(item.raw("upper", 1.0), item.at("upper")),
                item.string("description", ""),
                item.string("unit", ""),
            )
    item.check_unknown()
    return issue


def _party(item: Fields) -> Party:
    with located(item.path):
        party = Party(
            item.name(),
            formula(item.raw("utility"), item.at("utility")),
            formula(item.raw("disagreement", 0.0), item.at("disagreement")),
            formula(item.raw("bargaining_power", 1.0), item.at("bargaining_power")),
            item.string("description", ""),
        )
    item.check_unknown()
    return party


def _constraint(spec: Fields, i: int, raw: Any) -> Constraint:
    path = child_path(spec.at("constraints"), i)
    if isinstance(raw, str):
        raw = {"expression": raw}
    item = Fields(raw, path)
    with located(item.path):
        constraint = Constraint(
            item.string("expression"), item.string("name", "") or "", item.string("description", "")
        )
    item.check_unknown()
    return constraint


def from_dict(data: Any) -> BargainingProblem:
    """The :class:`~bargaining.BargainingProblem` a parsed spec describes.

    Raises
    ------
    SpecError
        Naming the JSON path of the first invalid field.
    """
    spec = Fields(data, "")
    parameters = read_parameters(spec)
    issues = [_issue(item) for item in spec.objects("issues", min_length=1)]
    parties = [_party(item) for item in spec.objects("parties", min_length=2)]
    constraints = [_constraint(spec, i, raw) for i, raw in enumerate(spec.array("constraints", default=[]))]
    name = spec.string("name", "")
    description = spec.string("description", "")
    lotteries = spec.boolean("lotteries", False)
    spec.check_unknown(_TOP)
    return BargainingProblem(
        parties, issues, parameters, constraints, lotteries=lotteries, name=name, description=description
    )


def number_or_formula(expr: Expression | Any) -> Any:
    """A formula as JSON: a number if it is a plain number, else its source text."""
    text = str(expr)
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if text.lstrip("-").isdigit() else value


def write_parameters(parameters: Any) -> list[dict[str, Any]]:
    """The ``parameters`` list of a spec."""
    out = []
    for p in parameters:
        item: dict[str, Any] = {"name": p.name, "value": p.value}
        if p.range is not None:
            item["range"] = list(p.range)
        for attr in ("unit", "description", "source", "distribution"):
            if getattr(p, attr):
                item[attr] = getattr(p, attr)
        out.append(item)
    return out


def to_dict(problem: BargainingProblem) -> dict[str, Any]:
    """The spec of ``problem`` (``from_dict(to_dict(p)) == p``)."""
    issues: list[dict[str, Any]] = []
    for issue in problem.issues:
        if isinstance(issue, DiscreteIssue):
            item: dict[str, Any] = {
                "name": issue.name,
                "type": "discrete",
                "levels": [
                    {
                        "name": lv.name,
                        "value": lv.value,
                        **({"description": lv.description} if lv.description else {}),
                    }
                    for lv in issue.level_list
                ],
            }
        else:
            item = {
                "name": issue.name,
                "type": "continuous",
                "lower": number_or_formula(issue.lower),
                "upper": number_or_formula(issue.upper),
            }
        for attr in ("unit", "description"):
            if getattr(issue, attr):
                item[attr] = getattr(issue, attr)
        issues.append(item)
    parties = []
    for party in problem.parties:
        entry: dict[str, Any] = {
            "name": party.name,
            "utility": number_or_formula(party.utility),
            "disagreement": number_or_formula(party.disagreement),
            "bargaining_power": number_or_formula(party.bargaining_power),
        }
        if party.description:
            entry["description"] = party.description
        parties.append(entry)
    constraints = []
    for c in problem.constraints:
        entry = {"expression": str(c.expression)}
        if c.name:
            entry["name"] = c.name
        if c.description:
            entry["description"] = c.description
        constraints.append(entry)
    spec: dict[str, Any] = {"format": "bargaining", "version": 1, "kind": "issue_space"}
    if problem.name:
        spec["name"] = problem.name
    if problem.description:
        spec["description"] = problem.description
    spec["parameters"] = write_parameters(problem.parameters)
    spec["issues"] = issues
    spec["parties"] = parties
    if constraints:
        spec["constraints"] = constraints
    if problem.lotteries:
        spec["lotteries"] = True
    return spec
