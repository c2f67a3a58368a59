r"""The Nash solution of one issue-space problem at many parameter points: the sweep's fast path.

A sweep with ``solution="nash"`` solves its points as
:func:`bargaining.solutions.solve` with ``method="auto"`` does, only all
points at once: Newton's method (:mod:`bargaining.solutions.nash_newton`,
vectorised over points and pieces, every answer certified by the optimality
conditions) where it applies and certifies, and elsewhere the one conic Nash
program, :func:`bargaining.solutions.solve` with ``method="conic"``. The
Newton path does not compute the ideal point, so no row has ``*.ideal``
columns (the columns are the same at every point).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bargaining.errors import BargainingError
from bargaining.sensitivity.outcomes import Row, flatten_result
from bargaining.solutions.concepts import solve
from bargaining.solutions.nash_newton import newton_nash
from bargaining.solutions.results import BargainingSolution
from bargaining.solutions.smooth import SmoothStructure

__all__ = ["BatchNash", "batch_nash_rows", "fast_row"]


def batch_nash_rows(problem: Any, points: Sequence[Mapping[str, float]]) -> list[Row]:
    """Outcome rows of the Nash solution at each point (as the per-point path gives them)."""
    solver = BatchNash.for_problem(problem)
    rows: list[Row | None] = [None] * len(points)
    if solver is not None and points:
        rows = solver.rows(problem, points)
    return [
        row if row is not None else fast_row(problem, point) for row, point in zip(rows, points, strict=True)
    ]


def fast_row(model: Any, point: Mapping[str, float]) -> Row:
    """The Nash row of ``model`` at ``point`` from the conic program (no ``*.ideal``)."""
    try:
        solution = solve(model.with_parameters(dict(point)) if point else model, "nash", method="conic")
    except BargainingError as exc:
        return {"error": str(exc)}
    return _row(solution)


def _row(solution: BargainingSolution) -> Row:
    # The Newton path does not compute the ideal point; keep the columns the same at every point.
    return {k: v for k, v in flatten_result(solution.to_dict()).items() if not k.endswith(".ideal")}


class BatchNash:
    """The Newton path of one problem structure, as outcome rows."""

    def __init__(self, structure: SmoothStructure) -> None:
        self.structure = structure

    @classmethod
    def for_problem(cls, problem: Any) -> BatchNash | None:
        """The solver of ``problem``'s structure (cached), or ``None`` if the Newton path does not apply."""
        structure = SmoothStructure.for_problem(problem)
        return None if structure is None else cls(structure)

    def rows(self, problem: Any, points: Sequence[Mapping[str, float]]) -> list[Row | None]:
        """The outcome row of ``problem`` at each point; ``None`` where cvxpy must decide."""
        solutions = newton_nash(self.structure, problem, points)
        return [None if s is None else _row(s) for s in solutions]
