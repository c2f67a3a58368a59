r"""Thresholds: where an outcome crosses a level, or agreement appears or vanishes.

For an outcome :math:`y(\theta)` and a level :math:`c`, the thresholds are the
roots of

.. math:: g(\theta) = y(\theta) - c, \qquad \theta \in [\theta_{\min}, \theta_{\max}].

They are bracketed by a sweep (a sign change of :math:`g` between neighbouring
points) and each bracket is refined by Brent's method
(:func:`scipy.optimize.brentq`), to :math:`10^{-9}` of the range. For the
condition ``agreement`` (whether any agreement beats disagreement, a yes/no
outcome) each bracket is refined by bisection. A sweep finds every crossing
that is at least one grid step away from the next; use more points
(``num``) to separate crossings that are close together.

Conditions are written ``OUTCOME = NUMBER`` (``"ukraine.gain = 0"``, the
concept prefix optional) or ``agreement``; they are parsed with a regular
expression, never evaluated as code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError
from bargaining.sensitivity.outcomes import Row, is_number
from bargaining.sensitivity.ranges import Axis, axis
from bargaining.sensitivity.runner import evaluate_points, run_points
from bargaining.sensitivity.sweep import SweepResult

__all__ = ["Condition", "ConditionError", "Threshold", "ThresholdResult", "parse_condition", "threshold"]

#: Refine each threshold to this share of the range.
RELATIVE_TOLERANCE = 1e-9


class ConditionError(InvalidGameError):
    """A ``--when`` condition that cannot be read."""


@dataclass(frozen=True, slots=True)
class Condition:
    """``outcome = level``; ``level`` is ``None`` for a yes/no outcome (``agreement``)."""

    outcome: str
    level: float | None = None

    def __str__(self) -> str:
        return self.outcome if self.level is None else f"{self.outcome} = {self.level:g}"


_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_CONDITION = re.compile(rf"^\s*([A-Za-z_][\w.]*)\s*(?:(?:==|=)\s*({_NUMBER})\s*)?$")


def parse_condition(text: str) -> Condition:
    """A :class:`Condition` from ``"OUTCOME = NUMBER"`` or ``"agreement"``.

    Raises
    ------
    ConditionError
        For anything else.

    Examples
    --------
    >>> parse_condition("ukraine.gain = 0")
    Condition(outcome='ukraine.gain', level=0.0)
    >>> parse_condition("agreement")
    Condition(outcome='agreement_exists', level=None)
    """
    match = _CONDITION.match(text)
    if not match:
        raise ConditionError(
            f'cannot read the condition {text!r}; write OUTCOME = NUMBER (e.g. "ukraine.gain = 0") '
            'or "agreement"'
        )
    name, level = match.group(1), match.group(2)
    if name in ("agreement", "agreement_exists"):
        if level is not None:
            raise ConditionError(f"{text!r}: 'agreement' is yes or no; write just \"agreement\"")
        return Condition("agreement_exists")
    if level is None:
        return Condition(name)
    if not math.isfinite(float(level)):
        raise ConditionError(
            f"{text!r}: the level {level} is not a finite number; give a level the outcome can reach"
        )
    return Condition(name, float(level))


@dataclass(frozen=True, slots=True)
class Threshold:
    """One crossing.

    Attributes
    ----------
    value
        The parameter value where the condition's outcome crosses its level.
    direction
        ``"rises"`` if the outcome goes above the level (or agreement becomes
        possible) as the parameter increases, ``"falls"`` otherwise.
    bracket
        The grid interval the crossing was found in.
    """

    value: float
    direction: str
    bracket: tuple[float, float]

    def describe(self, condition: Condition, parameter: str) -> str:
        """A sentence for the terminal."""
        if condition.level is None:
            what = (
                "agreement becomes possible" if self.direction == "rises" else "agreement becomes impossible"
            )
            return f"{parameter} = {self.value:.6g}: {what} as {parameter} increases"
        where = "above" if self.direction == "rises" else "below"
        return f"{parameter} = {self.value:.6g}: {condition.outcome} goes {where} {condition.level:g}"


@dataclass(frozen=True, slots=True)
class ThresholdResult:
    """Every crossing of a condition along one parameter.

    Attributes
    ----------
    parameter
        The parameter varied.
    condition
        The condition, with the outcome resolved to its column name.
    thresholds
        The crossings, in increasing order.
    sweep
        The bracketing sweep.
    """

    parameter: str
    condition: Condition
    thresholds: tuple[Threshold, ...]
    sweep: SweepResult

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "parameter": self.parameter,
            "outcome": self.condition.outcome,
            "level": self.condition.level,
            "thresholds": [
                {"value": t.value, "direction": t.direction, "bracket": list(t.bracket)}
                for t in self.thresholds
            ],
            "range": [float(self.sweep.axes[0].values[0]), float(self.sweep.axes[0].values[-1])],
        }

    def to_table(self) -> str:
        """Sentences for the terminal."""
        ax = self.sweep.axes[0]
        span = f"[{ax.values[0]:g}, {ax.values[-1]:g}]"
        if not self.thresholds:
            return f"{self.condition} is not crossed for {self.parameter} in {span} ({len(ax.values)} points)"
        lines = [t.describe(self.condition, self.parameter) for t in self.thresholds]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per crossing: the value, direction and bracket, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(
            {
                "parameter": self.parameter,
                "outcome": self.condition.outcome,
                "level": self.condition.level,
                **t,
            }
            for t in self.to_dict()["thresholds"]
        )


def _signed(row: Row, condition: Condition) -> float:
    value = row.get(condition.outcome)
    if condition.level is None:
        if isinstance(value, bool):
            return 0.5 if value else -0.5
        return float("nan")
    return float(value) - condition.level if is_number(value) else float("nan")


def threshold(
    model: Any,
    parameter: str,
    when: str | Condition = "agreement",
    *,
    low: float | None = None,
    high: float | None = None,
    num: int = 41,
    solution: str = "nash",
    workers: int | None = None,
) -> ThresholdResult:
    r"""Where ``when`` holds as ``parameter`` varies over its range.

    Parameters
    ----------
    model
        Any spec model.
    parameter
        The parameter to vary.
    when
        ``"OUTCOME = NUMBER"``, ``"agreement"``, or a :class:`Condition`.
    low, high
        The interval to search; default the parameter's declared range.
    num
        Points of the bracketing sweep.
    solution
        The concept(s) solved (unprefixed outcome names refer to the first).
    workers
        Processes for the bracketing sweep.

    Returns
    -------
    ThresholdResult

    Raises
    ------
    ConditionError, UnknownOutcomeError, RangeError
        For a condition that cannot be read, an outcome that does not exist
        (with a suggestion), or a bad range.
    """
    from scipy.optimize import brentq

    condition = parse_condition(when) if isinstance(when, str) else when
    ax: Axis = axis(model, parameter, low, high, num)
    points = [{ax.name: float(v)} for v in ax.values]
    rows = run_points(model, points, solution, workers=workers)
    result = SweepResult((ax,), points, rows, solution, getattr(model, "name", "") or "")
    column = result.outcome(condition.outcome)
    condition = Condition(column, condition.level)
    if condition.level is None and not any(isinstance(r.get(column), bool) for r in rows):
        raise ConditionError(f'{column!r} is not a yes/no outcome; give a level: "{column} = NUMBER"')
    if condition.level is not None and not any(is_number(r.get(column)) for r in rows):
        raise ConditionError(f"{column!r} is not a number, so it cannot cross {condition.level:g}")

    def g(x: float) -> float:
        return _signed(evaluate_points(model, [{ax.name: x}], solution)[0], condition)

    values = np.array([_signed(r, condition) for r in rows])
    grid = ax.values
    xtol = RELATIVE_TOLERANCE * float(grid[-1] - grid[0])
    found: list[Threshold] = []
    for k in range(len(grid) - 1):
        a, b, ga, gb = float(grid[k]), float(grid[k + 1]), values[k], values[k + 1]
        if not (np.isfinite(ga) and np.isfinite(gb)):
            continue
        if ga == 0 and (k == 0 or values[k - 1] != 0):
            if k > 0 and np.isfinite(values[k - 1]) and values[k - 1] * gb < 0:
                found.append(Threshold(a, "rises" if gb > 0 else "falls", (float(grid[k - 1]), b)))
            continue
        if ga * gb < 0:
            root = _bisect(g, a, b, ga, xtol) if condition.level is None else brentq(g, a, b, xtol=xtol)
            found.append(Threshold(float(root), "rises" if gb > ga else "falls", (a, b)))
    return ThresholdResult(parameter, condition, tuple(found), result)


def _bisect(g: Callable[[float], float], a: float, b: float, ga: float, xtol: float) -> float:
    """The jump of a two-valued ``g`` in ``[a, b]``, by bisection (the midpoint of the last interval)."""
    while b - a > xtol:
        m = 0.5 * (a + b)
        gm = g(m)
        if not np.isfinite(gm):
            break
        if gm * ga > 0:
            a = m
        else:
            b = m
    return 0.5 * (a + b)
