r"""Tornado analysis: every parameter with a range varied alone, ranked by its effect.

For an outcome :math:`y` and each parameter :math:`\theta_j` with a declared
range :math:`[\ell_j, h_j]`, the others held at the spec's values
:math:`\theta^0`,

.. math:: y_j^- = y(\theta^0 \text{ with } \theta_j = \ell_j), \qquad
          y_j^+ = y(\theta^0 \text{ with } \theta_j = h_j),

and the parameters are ranked by the swing
:math:`\max(y_j^-, y^0, y_j^+) - \min(y_j^-, y^0, y_j^+)`. It is a
one-at-a-time analysis: it shows which assumptions matter most near the
spec's point, not their interactions (see :mod:`.montecarlo` for those).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from bargaining.errors import InvalidGameError
from bargaining.sensitivity.outcomes import is_number, resolve_outcome
from bargaining.sensitivity.ranges import parameter_of
from bargaining.sensitivity.runner import run_points

__all__ = ["TornadoBar", "TornadoResult", "tornado"]


@dataclass(frozen=True, slots=True)
class TornadoBar:
    """One parameter's bar: the outcome at the ends of its range.

    Attributes
    ----------
    parameter, unit
        The parameter and its unit.
    low, high
        The ends of its range.
    outcome_low, outcome_high
        The outcome there (``None`` where the model could not be solved).
    swing
        :math:`\\max - \\min` of the outcome over the two ends and the spec's value.
    """

    parameter: str
    unit: str
    low: float
    high: float
    outcome_low: float | None
    outcome_high: float | None
    swing: float


@dataclass(frozen=True, slots=True)
class TornadoResult:
    """Parameters ranked by their one-at-a-time effect on one outcome."""

    outcome: str
    base: float
    bars: tuple[TornadoBar, ...]
    title: str = ""

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per bar, largest swing first."""
        bars: list[dict[str, Any]] = self.to_dict()["bars"]
        return bars

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "title": self.title,
            "outcome": self.outcome,
            "base": self.base,
            "bars": [
                {
                    "parameter": b.parameter,
                    "unit": b.unit,
                    "low": b.low,
                    "high": b.high,
                    "outcome_low": b.outcome_low,
                    "outcome_high": b.outcome_high,
                    "swing": b.swing,
                }
                for b in self.bars
            ],
        }

    def to_table(self) -> str:
        """The bars, largest swing first."""
        from bargaining.table import format_table

        rows = [
            [
                b.parameter,
                f"[{b.low:g}, {b.high:g}]" + (f" {b.unit}" if b.unit else ""),
                "-" if b.outcome_low is None else b.outcome_low,
                "-" if b.outcome_high is None else b.outcome_high,
                b.swing,
            ]
            for b in self.bars
        ]
        title = f"{self.outcome} = {self.base:.4g} at the spec's values; each parameter varied over its range"
        return format_table(["parameter", "range", "at low", "at high", "swing"], rows, title)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per parameter (the index), largest swing first, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_records(), index="parameter")


def tornado(
    model: Any,
    outcome: str,
    parameters: Sequence[str] | None = None,
    *,
    solution: str = "all",
    executor: Executor | None = None,
    workers: int | None = None,
) -> TornadoResult:
    """Vary each parameter with a range alone over it; rank by the swing of ``outcome``.

    Parameters
    ----------
    model
        Any spec model.
    outcome
        A numeric outcome (concept prefix optional, e.g. ``"ukraine.gain"``).
    parameters
        Default every parameter whose declared range is more than a point.
    solution, executor, workers
        As for :func:`~bargaining.sensitivity.sweep.sweep`.

    Raises
    ------
    UnknownOutcomeError
        For an outcome that does not exist (with a suggestion).
    InvalidGameError
        For an outcome that is not a number, or no parameter with a range.
    """
    if parameters is None:
        params = [p for p in model.parameters if p.range is not None and p.range[1] > p.range[0]]
    else:
        params = [parameter_of(model, name) for name in parameters]
        for p in params:
            if p.range is None or p.range[1] <= p.range[0]:
                raise InvalidGameError(
                    f"parameter {p.name!r} has no range to vary it over; declare one in the spec"
                )
    if not params:
        raise InvalidGameError("no parameter has a range; declare ranges in the spec to draw a tornado")
    points: list[dict[str, float]] = [{}]
    for p in params:
        points += [{p.name: float(p.range[0])}, {p.name: float(p.range[1])}]
    rows = run_points(model, points, solution, executor=executor, workers=workers)
    base_row = rows[0]
    if "error" in base_row:
        raise InvalidGameError(f"the model cannot be solved at the spec's values: {base_row['error']}")
    column = resolve_outcome(outcome, list(base_row))

    def number(row: dict[str, Any]) -> float | None:
        value = row.get(column)
        if isinstance(value, bool):
            return float(value)
        return float(value) if is_number(value) else None

    base = number(base_row)
    if base is None:
        raise InvalidGameError(
            f"outcome {column!r} is {base_row.get(column)!r}, not a number; pick a numeric outcome"
        )

    bars = []
    for k, p in enumerate(params):
        lo, hi = number(rows[1 + 2 * k]), number(rows[2 + 2 * k])
        known = [v for v in (lo, base, hi) if v is not None]
        bars.append(
            TornadoBar(p.name, p.unit, float(p.range[0]), float(p.range[1]), lo, hi, max(known) - min(known))
        )
    bars.sort(key=lambda b: -b.swing)
    return TornadoResult(column, base, tuple(bars), getattr(model, "name", "") or "")
