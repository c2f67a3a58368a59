r"""Sweeps over one parameter and grids over two: the outcome at every point.

A sweep solves the model at each value :math:`\theta_k` of one parameter, the
others held at the spec's values, and records the outcome row
(:mod:`bargaining.sensitivity.outcomes`):

.. math:: y_k = y(\theta_k), \quad k = 0, \dots, n - 1

A grid does the same at every pair :math:`(\theta^{(1)}_j, \theta^{(2)}_k)` of two
parameters (row-major: the second parameter varies fastest).

Notes
-----
Each point re-solves the compiled cvxpy model with new parameter values (see
:mod:`bargaining.solutions.feasible`); nothing is rebuilt per point. With
``solution="nash"`` issue-space problems take the certified Newton path at all points at
once where it applies (:mod:`bargaining.sensitivity.batch`), and the conic program elsewhere.
Points can run on a process pool (``workers=N``) or any
:class:`concurrent.futures.Executor`, including a Dask cluster's.

Examples
--------
>>> from bargaining.model.issue_space import BargainingProblem, Party, ContinuousIssue, Parameter
>>> dollar = BargainingProblem(
...     [Party("a", "share", disagreement="d_a"), Party("b", "1 - share")],
...     [ContinuousIssue("share")], [Parameter("d_a", 0.0, (0, 0.6))])
>>> result = sweep(dollar, "d_a", [0.0, 0.2, 0.4], solution="nash")
>>> [round(float(x), 6) for x in result.column("nash.share")]
[0.5, 0.6, 0.7]
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.sensitivity.outcomes import Row, is_number, resolve_outcome
from bargaining.sensitivity.ranges import Axis, axis
from bargaining.sensitivity.runner import Progress, run_points

__all__ = ["SweepResult", "grid", "sweep"]


@dataclass(frozen=True, slots=True, eq=False)
class SweepResult:
    """The outcomes of a model at many parameter points.

    Attributes
    ----------
    axes
        The swept parameters and their values (one for a sweep, two for a grid).
    points
        ``{parameter: value}`` of each point, in order (row-major for grids).
    rows
        The outcomes at each point (see :mod:`bargaining.sensitivity.outcomes`).
    solution
        The solution concept(s) solved.
    title
        The model's name.
    """

    axes: Sequence[Axis]
    points: Sequence[Mapping[str, float]]
    rows: Sequence[Row]
    solution: str = "all"
    title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "axes", tuple(self.axes))
        object.__setattr__(self, "points", tuple(dict(p) for p in self.points))
        object.__setattr__(self, "rows", tuple(dict(r) for r in self.rows))
        if len(self.points) != len(self.rows):
            raise ValueError(f"{len(self.points)} points but {len(self.rows)} rows")

    @property
    def shape(self) -> tuple[int, ...]:
        """``(n,)`` for a sweep, ``(n1, n2)`` for a grid."""
        return tuple(len(a.values) for a in self.axes)

    @property
    def parameters(self) -> tuple[str, ...]:
        """The swept parameters' names."""
        return tuple(a.name for a in self.axes)

    @property
    def outcomes(self) -> tuple[str, ...]:
        """Every outcome column, in first-seen order."""
        names: dict[str, None] = {}
        for row in self.rows:
            for key in row:
                names.setdefault(key, None)
        return tuple(names)

    def outcome(self, name: str) -> str:
        """The column ``name`` refers to (see :func:`~bargaining.sensitivity.outcomes.resolve_outcome`)."""
        return resolve_outcome(name, self.outcomes)

    def values(self, name: str) -> list[Any]:
        """The raw values of an outcome (or swept parameter) at each point; ``None`` where missing."""
        if name in self.parameters:
            return [p[name] for p in self.points]
        column = self.outcome(name)
        return [row.get(column) for row in self.rows]

    def column(self, name: str) -> np.ndarray:
        """An outcome as floats (booleans as 0/1; ``nan`` where missing or not a number).

        For a grid the array has the grid's shape.
        """
        out = np.array(
            [float(v) if is_number(v) or isinstance(v, bool) else np.nan for v in self.values(name)],
            dtype=float,
        )
        return out.reshape(self.shape)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per point, parameters first: ``pandas.DataFrame(result.to_records())``."""
        columns = self.outcomes
        return [
            {**point, **{c: row.get(c) for c in columns}}
            for point, row in zip(self.points, self.rows, strict=True)
        ]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: the axes, the solution and the records."""
        return {
            "title": self.title,
            "solution": self.solution,
            "parameters": [
                {"name": a.name, "unit": a.unit, "values": [float(v) for v in a.values]} for a in self.axes
            ],
            "shape": list(self.shape),
            "records": self.to_records(),
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), indent=2, allow_nan=False)

    def to_csv(self) -> str:
        """The records as CSV text (a header row, then one row per point)."""
        buffer = io.StringIO()
        records = self.to_records()
        writer = csv.writer(buffer, lineterminator="\n")
        header = [*self.parameters, *self.outcomes]
        writer.writerow(header)
        for record in records:
            writer.writerow(["" if record.get(c) is None else _csv(record.get(c)) for c in header])
        return buffer.getvalue()

    def default_columns(self) -> list[str]:
        """The columns a terminal table shows: the agreements and the gains."""
        keep = []
        for name in self.outcomes:
            last = name.rsplit(".", 1)[-1]
            if name.count(".") == 1 and last in ("disagreement", "ideal"):
                continue
            if name != "agreement_exists" and last in ("agreement_exists", "utility", "blocking", "status"):
                continue
            keep.append(name)
        return keep

    def to_table(self, columns: Sequence[str] | None = None) -> str:
        """A terminal table, a row per point (``columns`` picks outcomes; default :meth:`default_columns`)."""
        from bargaining.table import format_table

        chosen = [self.outcome(c) for c in columns] if columns else self.default_columns()
        headers = [*(a.label for a in self.axes), *chosen]
        rows = []
        for point, row in zip(self.points, self.rows, strict=True):
            cells: list[Any] = [point[p] for p in self.parameters]
            cells += ["-" if row.get(c) is None else row.get(c) for c in chosen]
            rows.append(cells)
        errors = [row["error"] for row in self.rows if "error" in row]
        what = " x ".join(self.parameters)
        table = format_table(headers, rows, title=f"{self.title}: sweep of {what}" if self.title else None)
        if errors:
            table += f"\n{len(errors)} point(s) could not be solved, e.g.: {errors[0]}"
        return table

    def __repr__(self) -> str:
        shown = " x ".join(self.parameters)
        return f"SweepResult({shown}, {len(self.rows)} points, {len(self.outcomes)} outcomes)"

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per point: the parameters, then every outcome, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_records())


def _csv(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return value


def _as_axis(model: Any, name: str, values: Sequence[float] | np.ndarray | Axis | None, num: int) -> Axis:
    if isinstance(values, Axis):
        return values
    if values is None:
        return axis(model, name, num=num)
    return axis(model, name, values=values)


def sweep(
    model: Any,
    parameter: str | Axis,
    values: Sequence[float] | np.ndarray | None = None,
    *,
    num: int = 21,
    solution: str = "all",
    executor: Executor | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> SweepResult:
    """Solve ``model`` at each value of one parameter, the others held fixed.

    Parameters
    ----------
    model
        Any spec model (issue space, utility set, frontier, Rubinstein, war, ...).
    parameter
        The parameter's name, or an :class:`~bargaining.sensitivity.ranges.Axis`.
    values
        The values; default ``num`` values across the parameter's declared range.
    num
        Number of values when ``values`` is not given.
    solution
        The concept(s) to solve, as for ``bargain solve`` (``"all"``, ``"nash"``, ...).
    executor, workers, progress
        Where to solve the points (see :func:`~bargaining.sensitivity.runner.run_points`).

    Returns
    -------
    SweepResult

    Raises
    ------
    RangeError
        For an unknown parameter, or values outside its declared range.
    """
    ax = parameter if isinstance(parameter, Axis) else _as_axis(model, parameter, values, num)
    points = [{ax.name: float(v)} for v in ax.values]
    rows = run_points(
        model,
        points,
        solution,
        executor=executor,
        workers=workers,
        progress=progress,
        label=f"sweeping {ax.name}",
    )
    return SweepResult((ax,), points, rows, solution, getattr(model, "name", "") or "")


def grid(
    model: Any,
    axes: Mapping[str, Sequence[float] | np.ndarray | None] | Sequence[Axis],
    *,
    num: int = 11,
    solution: str = "all",
    executor: Executor | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> SweepResult:
    """Solve ``model`` at every combination of values of two (or more) parameters.

    Parameters
    ----------
    model
        Any spec model.
    axes
        ``{name: values or None}`` (``None``: ``num`` values across the declared
        range), or a sequence of :class:`~bargaining.sensitivity.ranges.Axis`.
    num, solution, executor, workers, progress
        As for :func:`sweep`.

    Returns
    -------
    SweepResult
        With ``shape == (n1, n2)``; the last parameter varies fastest.
    """
    import itertools

    from bargaining.sensitivity.ranges import RangeError, check_points

    if isinstance(axes, Mapping):
        built = [_as_axis(model, name, values, num) for name, values in axes.items()]
    else:
        built = list(axes)
    names = [a.name for a in built]
    if len(set(names)) != len(names):
        raise RangeError(f"a parameter appears twice in the grid: {', '.join(names)}")
    if not built:
        raise RangeError("a grid needs at least one parameter")
    check_points(int(np.prod([len(a.values) for a in built], dtype=object)), "grid")
    points = [
        {a.name: float(v) for a, v in zip(built, combo, strict=True)}
        for combo in itertools.product(*(a.values for a in built))
    ]
    rows = run_points(
        model,
        points,
        solution,
        executor=executor,
        workers=workers,
        progress=progress,
        label=f"grid over {' x '.join(names)}",
    )
    return SweepResult(tuple(built), points, rows, solution, getattr(model, "name", "") or "")
