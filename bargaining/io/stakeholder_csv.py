"""Actor tables from CSV: the common ``Actor,Capability,Position1,Salience1,...`` layout and KTAB's.

The common layout has a header row naming the columns ``Actor``,
``Capability`` and, per issue, ``Position<k>`` and ``Salience<k>`` (``k`` a
number or the issue's name, e.g. ``Position_territory``); one row per actor.
Positions are on ``[lower, upper]`` (default 0-100), saliences on
``salience_scale`` (1 or 100).

KTAB's scenario CSV (``SMPModel::csvRead``) starts with a line
``scenName, scenDesc, numActors, numDims,``, then a header line, then one line
per actor ``name, desc, capability, pos_1, sal_1, ...``; positions and
saliences are on 0-100 and an actor's saliences sum to at most 100.

Every error names the row (counted from 1, the header included) and the column.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from bargaining.errors import SpecError
from bargaining.model.stakeholders import Stakeholder, StakeholderIssue, StakeholderTable

__all__ = ["from_csv_text", "from_ktab_csv", "looks_like_ktab"]

_POSITION = re.compile(r"^position[\s_:-]*(.*)$", re.IGNORECASE)
_SALIENCE = re.compile(r"^salience[\s_:-]*(.*)$", re.IGNORECASE)


def _cell(row: list[str], k: int, line: int, column: str) -> str:
    if k >= len(row) or not row[k].strip():
        raise SpecError(f"row {line}, column {column}", "the cell is empty; give a value")
    return row[k].strip()


def _number(row: list[str], k: int, line: int, column: str) -> float:
    text = _cell(row, k, line, column)
    try:
        value = float(text)
    except ValueError:
        raise SpecError(f"row {line}, column {column}", f"expected a number, got {text!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise SpecError(f"row {line}, column {column}", f"expected a finite number, got {text!r}")
    return value


def _rows(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n"))))
    return [r for r in rows if any(cell.strip() for cell in r)]


def _header(header: list[str]) -> tuple[int, int, list[tuple[str, int, int]]]:
    names = [h.strip() for h in header]
    lower = [h.lower() for h in names]
    missing = [c for c in ("actor", "capability") if c not in lower]
    if missing:
        raise SpecError("row 1", f"missing column {missing[0].capitalize()!r} (columns: {', '.join(names)})")
    positions = {m.group(1): k for k, h in enumerate(names) if (m := _POSITION.match(h))}
    saliences = {m.group(1): k for k, h in enumerate(names) if (m := _SALIENCE.match(h))}
    if not positions:
        raise SpecError(
            "row 1", "missing column 'Position1' (one Position and one Salience column per issue)"
        )
    issues = []
    for key, k in positions.items():
        if key not in saliences:
            raise SpecError("row 1", f"missing column 'Salience{key}' for column {names[k]!r}")
        name = f"issue_{key}" if key.isdigit() or not key else key
        issues.append((name, k, saliences[key]))
    for key in saliences:
        if key not in positions:
            raise SpecError("row 1", f"missing column 'Position{key}' for column 'Salience{key}'")
    return lower.index("actor"), lower.index("capability"), issues


def from_csv_text(
    text: str, *, lower: float = 0.0, upper: float = 100.0, salience_scale: float = 1.0, name: str = ""
) -> StakeholderTable:
    """The actor table of a CSV in the common ``Actor,Capability,Position1,Salience1,...`` layout.

    Raises
    ------
    SpecError
        ``row 3, column Salience1: ...`` for the first bad cell, ``row 1: missing column ...``.
    """
    rows = _rows(text)
    if len(rows) < 3:
        raise SpecError("row 1", "expected a header row and at least two actors")
    header = [h.strip() for h in rows[0]]
    actor_col, cap_col, issue_cols = _header(rows[0])
    issues = [StakeholderIssue(n, lower, upper) for n, _, _ in issue_cols]
    actors: list[Stakeholder] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        who = _cell(row, actor_col, line, header[actor_col])
        if who.casefold() in seen:
            raise SpecError(
                f"row {line}, column {header[actor_col]}",
                f"actor {who!r} appears twice (also row {seen[who.casefold()]})",
            )
        seen[who.casefold()] = line
        capability = _number(row, cap_col, line, header[cap_col])
        if capability <= 0:
            raise SpecError(
                f"row {line}, column {header[cap_col]}", f"capability must be positive, got {capability:g}"
            )
        positions, saliences = [], []
        for _, pk, sk in issue_cols:
            p = _number(row, pk, line, header[pk])
            if not lower <= p <= upper:
                raise SpecError(
                    f"row {line}, column {header[pk]}",
                    f"position {p:g} is off the scale [{lower:g}, {upper:g}]",
                )
            s = _number(row, sk, line, header[sk])
            if not 0 <= s <= salience_scale:
                raise SpecError(
                    f"row {line}, column {header[sk]}", f"salience {s:g} is outside [0, {salience_scale:g}]"
                )
            positions.append(p)
            saliences.append(s / salience_scale)
        actors.append(Stakeholder(who, capability, positions, saliences))
    return StakeholderTable(actors, issues, name=name)


def looks_like_ktab(text: str) -> bool:
    """Whether ``text`` starts as KTAB's scenario CSV (``name, desc, numActors, numDims,``)."""
    rows = _rows(text)
    if not rows or len(rows[0]) < 4:
        return False
    return all(cell.strip().isdigit() for cell in rows[0][2:4])


def from_ktab_csv(text: str) -> tuple[StakeholderTable, dict[str, Any]]:
    """The actor table of a KTAB scenario CSV, and its scenario name and description.

    Positions and saliences are on 0-100; the table keeps positions on that
    scale and saliences divided by 100, as KTAB does.
    """
    rows = _rows(text)
    if len(rows) < 2:
        raise SpecError("row 1", "expected 'scenName, scenDesc, numActors, numDims,' then a header line")
    num_actors = int(_number(rows[0], 2, 1, "numActors"))
    num_dims = int(_number(rows[0], 3, 1, "numDims"))
    header = [h.strip() for h in rows[1]]
    if len(rows) - 2 != num_actors:
        raise SpecError(
            "row 1, column numActors", f"says {num_actors} actors but the file has {len(rows) - 2}"
        )
    dims = [
        header[3 + 2 * d] if 3 + 2 * d < len(header) and header[3 + 2 * d] else f"dim_{d}"
        for d in range(num_dims)
    ]
    issues = [StakeholderIssue(n, 0.0, 100.0) for n in dims]
    actors: list[Stakeholder] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[2:], start=3):
        who = _cell(row, 0, line, "name")
        if who.casefold() in seen:
            raise SpecError(
                f"row {line}, column name", f"actor {who!r} appears twice (also row {seen[who.casefold()]})"
            )
        seen[who.casefold()] = line
        capability = _number(row, 2, line, "capability")
        if capability <= 0:
            raise SpecError(
                f"row {line}, column capability", f"capability must be positive, got {capability:g}"
            )
        positions, saliences = [], []
        for d in range(num_dims):
            p = _number(row, 3 + 2 * d, line, f"pos_{d + 1}")
            s = _number(row, 4 + 2 * d, line, f"sal_{d + 1}")
            if not 0 <= p <= 100:
                raise SpecError(f"row {line}, column pos_{d + 1}", f"position {p:g} is outside [0, 100]")
            if not 0 <= s <= 100:
                raise SpecError(f"row {line}, column sal_{d + 1}", f"salience {s:g} is outside [0, 100]")
            positions.append(p)
            saliences.append(s / 100)
        if sum(saliences) > 1 + 1e-12:
            raise SpecError(
                f"row {line}, column sal_1", f"{who!r}'s saliences sum to {100 * sum(saliences):g} > 100"
            )
        actors.append(
            Stakeholder(
                who, capability, positions, saliences, description=row[1].strip() if len(row) > 1 else ""
            )
        )
    info = {"name": rows[0][0].strip(), "description": rows[0][1].strip()}
    return StakeholderTable(actors, issues, name=info["name"], description=info["description"]), info
