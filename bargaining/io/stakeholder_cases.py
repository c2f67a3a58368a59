"""Backtest case files: actor tables with the outcome recorded on each issue, and its source.

Layout::

    {
      "format": "bargaining-backtest", "version": 1, "description": "...",
      "cases": [
        {"name": "...", "source": "where the table comes from",
         "outcome": {"issue": 42}, "outcome_source": "where the outcome is recorded (with its date)",
         "table": {"issues": [...], "actors": [...], "salience_scale": 100}}
      ]
    }

``table`` is the body of a ``stakeholders`` spec (:mod:`bargaining.io.stakeholders`).
"""

from __future__ import annotations

from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, as_number, describe, located
from bargaining.io.stakeholders import from_dict as table_from_dict

__all__ = ["read_cases"]


def read_cases(data: Any) -> list[tuple[str, Any, tuple[float, ...], str]]:
    """``(name, table, outcome, outcome_source)`` per case of a parsed case file."""
    spec = Fields(data, "")
    if spec.string("format") != "bargaining-backtest":
        raise SpecError("format", "expected 'bargaining-backtest' (a file of cases with recorded outcomes)")
    if spec.raw("version", 1) != 1:
        raise SpecError("version", "this release reads version 1")
    cases = []
    for item in spec.objects("cases", min_length=1):
        item.check_unknown(("name", "source", "outcome", "outcome_source", "table"))
        name = item.string("name")
        table_data = item.raw("table")
        if not isinstance(table_data, dict):
            raise SpecError(item.at("table"), f"expected an actor table {{...}}, got {describe(table_data)}")
        with located(item.at("table")):
            table = table_from_dict(
                {**table_data, "format": "bargaining", "version": 1, "kind": "stakeholders"}
            )
        raw = item.raw("outcome")
        if not isinstance(raw, dict):
            raise SpecError(item.at("outcome"), f"expected {{issue: recorded value}}, got {describe(raw)}")
        outcome = []
        for issue in table.issues:
            path = f"{item.at('outcome')}.{issue.name}"
            if issue.name not in raw:
                raise SpecError(path, "missing the recorded outcome of this issue")
            value = as_number(raw[issue.name], path)
            if not issue.lower <= value <= issue.upper:
                raise SpecError(
                    path, f"{value:g} is off the issue's scale [{issue.lower:g}, {issue.upper:g}]"
                )
            outcome.append(value)
        extra = set(raw) - set(table.issue_names)
        if extra:
            raise SpecError(f"{item.at('outcome')}.{sorted(extra)[0]}", "not an issue of the table")
        cases.append((name, table, tuple(outcome), item.string("outcome_source")))
    spec.check_unknown(("format", "version", "description", "cases"))
    return cases
