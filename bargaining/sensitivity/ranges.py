r"""The values a parameter is swept over, checked against the model.

A sweep axis is a parameter name and the values it takes, usually
``num`` evenly spaced values from ``low`` to ``high``:

.. math:: \theta_k = \ell + k\,\frac{h - \ell}{n - 1}, \quad k = 0, \dots, n - 1

written ``name=low:high:num`` on the command line (``kursk_held=0:1294:41``);
``name`` alone sweeps the parameter's declared range with 21 values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError

__all__ = [
    "MAX_POINTS",
    "Axis",
    "RangeError",
    "axis",
    "check_points",
    "parameter_of",
    "parameter_range",
    "parse_axis",
]

DEFAULT_POINTS = 21
#: The most points a sweep, grid or threshold solves (each point is at least one solve).
MAX_POINTS = 100_000


class RangeError(InvalidGameError):
    """A sweep range that is empty, reversed, malformed or outside the parameter's range."""


def check_points(count: int, what: str) -> None:
    """Refuse more than :data:`MAX_POINTS` points, naming ``what`` asks for them."""
    if count > MAX_POINTS:
        raise RangeError(
            f"{what}: {count:,} points are more than the {MAX_POINTS:,} a sweep solves "
            "(each is at least one solve); use fewer points, a narrower range, "
            "or sampling (bargain montecarlo)"
        )


@dataclass(frozen=True, slots=True, eq=False)
class Axis:
    """A parameter and the values a sweep gives it.

    Attributes
    ----------
    name
        The parameter.
    values
        The values, a read-only float array.
    unit
        The parameter's unit (for tables and axis labels), ``""`` if none.
    description
        The parameter's description.
    """

    name: str
    values: np.ndarray
    unit: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        values = np.array(self.values, dtype=float).ravel()
        values.flags.writeable = False
        object.__setattr__(self, "values", values)

    @property
    def label(self) -> str:
        """``name (unit)`` for axis labels."""
        return f"{self.name} ({self.unit})" if self.unit else self.name


def parameter_of(model: Any, name: str) -> Any:
    """The :class:`~bargaining.model.issue_space.Parameter` of ``model`` called ``name``.

    Raises
    ------
    RangeError
        For an unknown name, with the closest parameter name.
    """
    from bargaining.errors import suggest

    params = list(getattr(model, "parameters", ()) or ())
    for p in params:
        if p.name == name:
            return p
    names = [p.name for p in params]
    known = f" (parameters: {', '.join(names)})" if names else " (the model has no parameters)"
    raise RangeError(f"unknown parameter {name!r}{suggest(name, names)}{known}")


def parameter_range(model: Any, name: str) -> tuple[float, float] | None:
    """The declared ``(low, high)`` of a parameter, ``None`` if it has none."""
    rng = parameter_of(model, name).range
    return None if rng is None else (float(rng[0]), float(rng[1]))


def axis(
    model: Any,
    name: str,
    low: float | None = None,
    high: float | None = None,
    num: int = DEFAULT_POINTS,
    values: Sequence[float] | np.ndarray | None = None,
) -> Axis:
    r"""An axis of ``model``'s parameter ``name``, checked.

    Parameters
    ----------
    model
        Any spec model (it has ``parameters``).
    name
        The parameter to vary.
    low, high, num
        ``num`` evenly spaced values from ``low`` to ``high``; ``low`` and
        ``high`` default to the parameter's declared range.
    values
        Explicit values instead (any order).

    Raises
    ------
    RangeError
        For an unknown parameter (with a suggestion), fewer than two points, an
        empty or reversed range, values outside the parameter's declared range,
        or no range to default to.
    """
    param = parameter_of(model, name)
    declared = parameter_range(model, name)
    if values is None:
        if low is None or high is None:
            if declared is None:
                raise RangeError(
                    f"parameter {name!r} declares no range; give one, e.g. {name}=low:high:{num}"
                )
            low = declared[0] if low is None else low
            high = declared[1] if high is None else high
        if isinstance(num, bool) or int(num) != num or num < 2:
            raise RangeError(f"{name}: a sweep needs at least 2 points, got {num}")
        check_points(int(num), name)
        if not (np.isfinite(low) and np.isfinite(high)):
            raise RangeError(f"{name}: the range [{low}, {high}] must be finite")
        if low == high:
            raise RangeError(f"{name}: the range {low:g}:{high:g} is empty; give low < high")
        if low > high:
            raise RangeError(f"{name}: the range {low:g}:{high:g} is reversed; write {high:g}:{low:g}")
        grid = np.linspace(float(low), float(high), int(num))
    else:
        grid = np.asarray(values, dtype=float).ravel()
        if grid.size == 0:
            raise RangeError(f"{name}: no values to sweep")
        check_points(grid.size, name)
        if not np.all(np.isfinite(grid)):
            raise RangeError(f"{name}: every value must be a finite number")
    if declared is not None:
        lo, hi = declared
        slack = 1e-12 * max(1.0, abs(lo), abs(hi))
        outside = grid[(grid < lo - slack) | (grid > hi + slack)]
        if outside.size:
            raise RangeError(
                f"{name}: {outside[0]:g} is outside the parameter's declared range [{lo:g}, {hi:g}]; "
                "stay inside it or widen the range in the spec"
            )
        grid = np.clip(grid, lo, hi)
    return Axis(name, grid, unit=param.unit, description=param.description)


_AXIS = re.compile(r"^\s*([A-Za-z_]\w*)\s*(?:=\s*(.*?)\s*)?$")
#: A dotted name (an actor table's cell, ``Kyiv.security.salience``; an actor's name may hold spaces).
_CELL = re.compile(r"^\s*([^=]*\.[^=]*?)\s*(?:=\s*(.*?)\s*)?$")


def parse_axis(text: str, model: Any) -> Axis:
    """An :class:`Axis` from ``name=low:high:num``, ``name=low:high`` or ``name``.

    ``name`` is an identifier, or a dotted name such as an actor table's cell
    ``Kyiv.security.salience``.

    Raises
    ------
    RangeError
        For malformed text, or anything :func:`axis` rejects.

    Examples
    --------
    >>> from bargaining.model.issue_space import BargainingProblem, Party, ContinuousIssue, Parameter
    >>> p = BargainingProblem([Party("a", "x"), Party("b", "1 - x", disagreement="d")],
    ...                       [ContinuousIssue("x")], [Parameter("d", 0.1, (0, 0.5))])
    >>> parse_axis("d=0:0.5:5", p).values.tolist()
    [0.0, 0.125, 0.25, 0.375, 0.5]
    """
    match = _AXIS.match(text) or _CELL.match(text)
    if not match:
        raise RangeError(f"{text!r} is not NAME=LOW:HIGH:NUM (e.g. kursk_held=0:1294:41)")
    name, spec = match.group(1), match.group(2)
    if spec is None or spec == "":
        return axis(model, name)
    parts = [part.strip() for part in spec.split(":")]
    if len(parts) not in (2, 3):
        raise RangeError(f"{text!r} is not NAME=LOW:HIGH:NUM (e.g. {name}=0:1:21)")
    try:
        low, high = float(parts[0]), float(parts[1])
    except ValueError:
        raise RangeError(f"{text!r}: {parts[0]!r} and {parts[1]!r} must be numbers") from None
    num = DEFAULT_POINTS
    if len(parts) == 3:
        try:
            num = int(parts[2])
        except ValueError:
            raise RangeError(f"{text!r}: the number of points {parts[2]!r} must be a whole number") from None
    return axis(model, name, low, high, num)
