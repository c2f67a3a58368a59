r"""The compromise forecast of an actor table at many points at once: the sensitivity fast path.

A sweep, Monte Carlo run or Sobol analysis of the ``stakeholders`` kind with
``solution="compromise"`` needs, at each point :math:`p`, only

.. math:: \bar x^{(p)}_d = \frac{\sum_i c^{(p)}_i s^{(p)}_{id} x^{(p)}_{id}}{\sum_i c^{(p)}_i s^{(p)}_{id}},

so the table is not rebuilt per point: its arrays are copied once per point,
the point's cells written in (each checked against its range, as
``with_parameters`` checks it), and every point's weighted mean taken in one
array operation. The rows are those of the per-point path
(:meth:`~bargaining.stakeholders.forecast.StakeholderComparison.outcome_row`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from bargaining.errors import SpecError
from bargaining.model.stakeholder_parameters import cell_changes
from bargaining.sensitivity.outcomes import Row

__all__ = ["compromise_rows"]


def compromise_rows(table: Any, points: Sequence[Mapping[str, float]]) -> list[Row]:
    """The compromise row of ``table`` (a :class:`~bargaining.model.stakeholders.StakeholderTable`)
    at each point; a point with a cell off its range, or an issue nobody cares about, gives an
    ``error`` row."""
    parameters = table.parameters
    n = len(points)
    c = np.repeat(table.capabilities[None, :], n, axis=0)
    x = np.repeat(table.positions[None], n, axis=0)
    s = np.repeat(table.saliences[None], n, axis=0)
    errors: dict[int, str] = {}
    for k, point in enumerate(points):
        try:
            changes = cell_changes(parameters, point)
        except SpecError as exc:
            errors[k] = str(exc)
            continue
        for actor, change in changes.items():
            for what, target in (("position", x), ("salience", s)):
                cells = change.get(what)
                if isinstance(cells, dict):
                    for d, value in cells.items():
                        target[k, actor, d] = value
            capability = change.get("capability")
            if isinstance(capability, float):
                c[k, actor] = capability
    w = c[:, :, None] * s
    total = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (w * x).sum(axis=1) / total
    rows: list[Row] = []
    issues = table.issue_names
    for k in range(n):
        if k in errors:
            rows.append({"error": errors[k]})
        elif (total[k] <= 0).any():
            d = int(np.flatnonzero(total[k] <= 0)[0])
            rows.append({"error": f"no actor cares about issue {issues[d]!r} (every salience is 0)"})
        else:
            row: Row = {f"compromise.{i}": float(v) for i, v in zip(issues, mean[k], strict=True)}
            rows.append({**row, "compromise.rounds": 0, "compromise.converged": True})
    return rows
