r"""The cells of an actor table as parameters, so that every sensitivity command can vary them.

Each number of the table is a parameter named after its cell:

================================  ===========================================  ==============
name                              the number                                   range
================================  ===========================================  ==============
``Kyiv.capability``               :math:`c_i`                                  none (> 0)
``Kyiv.security.position``        :math:`x_{id}`, on the issue's scale         the scale
``Kyiv.security.salience``        :math:`s_{id}`, on the scale 0-1 (a file's    [0, 1]
                                  ``salience_scale: 100`` is divided by 100)
================================  ===========================================  ==============

so that ``bargain sweep games/kursk_stakeholders.json --param Kyiv.security.salience=0:1:11``
and ``bargain montecarlo ... --dist Moscow.capability=uniform:20:40`` work as on any
model with parameters. Names are matched whole (an actor's name may hold dots).

Examples
--------
>>> cells = cell_parameters([("A", 2.0, (10.0,), (0.5,))], [("X", 0.0, 100.0)])
>>> [(p.name, p.value, p.range) for p in cells]
[('A.capability', 2.0, None), ('A.X.position', 10.0, (0.0, 100.0)), ('A.X.salience', 0.5, (0.0, 1.0))]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bargaining.errors import SpecError, suggest

__all__ = ["Cell", "CellParameter", "cell_changes", "cell_parameters"]

#: (actor name, capability, positions, saliences), one per actor.
ActorRow = tuple[str, float, Sequence[float], Sequence[float]]
#: (issue name, lower end, upper end), one per issue.
IssueRow = tuple[str, float, float]


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a parameter lives: actor ``actor``'s ``what`` (capability, position or salience) on ``issue``."""

    actor: int
    what: str
    issue: int = -1


@dataclass(frozen=True, slots=True)
class CellParameter:
    """One number of the actor table, as the sensitivity commands read a parameter.

    The same fields as :class:`~bargaining.model.parameters.Parameter` (``name``,
    ``value``, ``range``, ``description``, ``source``, ``unit``,
    ``distribution``), but the name is the cell's (``Kyiv.security.salience``),
    not an identifier: a table's numbers are not used in formulas.
    """

    name: str
    value: float
    range: tuple[float, float] | None
    cell: Cell
    description: str = ""
    source: str = ""
    unit: str = ""
    distribution: Mapping[str, Any] | None = field(default=None, hash=False)


def cell_parameters(actors: Sequence[ActorRow], issues: Sequence[IssueRow]) -> tuple[CellParameter, ...]:
    """Every cell of the table as a parameter, actor by actor (capability, then each issue's two)."""
    out = []
    for a, (name, capability, positions, saliences) in enumerate(actors):
        out.append(
            CellParameter(
                f"{name}.capability", capability, None, Cell(a, "capability"), f"{name}'s capability"
            )
        )
        for d, (issue, lower, upper) in enumerate(issues):
            out.append(
                CellParameter(
                    f"{name}.{issue}.position",
                    positions[d],
                    (lower, upper),
                    Cell(a, "position", d),
                    f"{name}'s position on {issue}",
                )
            )
            out.append(
                CellParameter(
                    f"{name}.{issue}.salience",
                    saliences[d],
                    (0.0, 1.0),
                    Cell(a, "salience", d),
                    f"{name}'s salience on {issue} (0-1)",
                )
            )
    return tuple(out)


def cell_changes(
    parameters: Sequence[CellParameter], updates: Mapping[str, float]
) -> dict[int, dict[str, dict[int, float] | float]]:
    """``{actor index: {"capability": value, "position": {issue: value}, "salience": {...}}}``.

    Raises
    ------
    SpecError
        For an unknown cell (with the closest names) or a value off its range
        (a capability must be positive).
    """
    known = {p.name: p for p in parameters}
    out: dict[int, dict[str, dict[int, float] | float]] = {}
    for name, raw in updates.items():
        if name not in known:
            raise SpecError(
                "parameters",
                f"unknown parameter {name!r}{suggest(name, list(known))}; an actor table's parameters are "
                "its cells: ACTOR.capability, ACTOR.ISSUE.position, ACTOR.ISSUE.salience",
            )
        p, value = known[name], float(raw)
        low, high = p.range if p.range is not None else (0.0, math.inf)
        bad = not math.isfinite(value) or value < low or value > high or (p.range is None and value <= 0)
        if bad:
            span = f"[{low:g}, {high:g}]" if p.range is not None else "(0, inf): a positive number"
            raise SpecError("parameters", f"{name} = {value:g} is off its range {span}")
        entry = out.setdefault(p.cell.actor, {})
        if p.cell.what == "capability":
            entry["capability"] = value
        else:
            cells = entry.setdefault(p.cell.what, {})
            if isinstance(cells, dict):
                cells[p.cell.issue] = value
    return out
