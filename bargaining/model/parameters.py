"""Named parameters: the numbers a scenario depends on, and the checks of names and numbers.

Examples
--------
>>> Parameter("held", 0.5, (0, 1)).with_value(0.25).value
0.25
"""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bargaining.errors import SpecError
from bargaining.expressions.build import integer_digits

__all__ = ["Parameter", "check_name", "same_name_note", "spec_number"]


def check_name(name: Any, path: str) -> str:
    """``name`` in Unicode normal form NFKC if a valid identifier, else a :class:`SpecError` at ``path``.

    Python's parser reads every identifier in a formula in NFKC form (the
    ligature ``ﬁ`` as ``fi``, the micro sign ``µ`` as the Greek ``μ``), so a
    declared name is stored the same way: the formula's name and the declared
    one then always agree, and two names that look different but read the
    same are caught as a repeated name.

    Examples
    --------
    >>> check_name("\u00b5", "name") == "\u03bc"  # micro sign -> Greek mu
    True
    """
    normal = unicodedata.normalize("NFKC", name) if isinstance(name, str) else name
    if not isinstance(normal, str) or not normal.isidentifier() or normal.startswith("__"):
        raise SpecError(
            path, f"{name!r} is not a valid name; use letters, digits and underscores, starting with a letter"
        )
    return normal


def same_name_note(name: str) -> str:
    """A note for a repeated name: names are compared as formulas read them (NFKC)."""
    return (
        " (names are compared in Unicode normal form NFKC, as formulas read them)"
        if not name.isascii()
        else ""
    )


def spec_number(value: Any, path: str) -> float:
    """``value`` as a finite float, or a :class:`SpecError` at ``path``."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        raise SpecError(path, f"expected a number, got {value!r}")
    try:
        number = float(value)
    except OverflowError:  # an integer of more than 308 digits
        number = math.inf
    if not math.isfinite(number):
        shown = f"an integer of {integer_digits(value)} digits" if isinstance(value, int) else repr(value)
        raise SpecError(
            path, f"expected a finite number, got {shown}: beyond the range of floating point (about 1.8e308)"
        )
    return number


@dataclass(frozen=True, slots=True)
class Parameter:
    """A named number a scenario depends on (e.g. how much of Kursk is held).

    Parameters
    ----------
    name
        An identifier used in formulas.
    value
        The value used when solving.
    range
        Optional ``(low, high)`` the value must lie in; sweeps and tornado
        charts use it as the plausible range.
    description
        What the number is, and whether it is an illustrative assumption or a
        public figure.
    source
        For a public figure, where it comes from.
    unit
        Its unit, for tables and axis labels (e.g. ``"km²"``).
    distribution
        Optional uncertainty about the value for Monte Carlo analysis, as in the
        spec (e.g. ``{"type": "normal", "mean": 0.15, "sd": 0.05}``); see
        :mod:`bargaining.model.uncertainty`.
    """

    name: str
    value: float
    range: tuple[float, float] | None = None
    description: str = ""
    source: str = ""
    unit: str = ""
    distribution: Mapping[str, Any] | None = field(default=None, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_name(self.name, "name"))
        object.__setattr__(self, "value", spec_number(self.value, "value"))
        if self.range is not None:
            if len(self.range) != 2:
                raise SpecError("range", f"expected [low, high], got {list(self.range)!r}")
            low, high = (spec_number(v, "range") for v in self.range)
            if low > high:
                raise SpecError("range", f"[{low:g}, {high:g}] is reversed; write [{high:g}, {low:g}]")
            object.__setattr__(self, "range", (low, high))
            if not low <= self.value <= high:
                raise SpecError(
                    "value",
                    f"parameter {self.name!r} = {self.value:g} is outside its range [{low:g}, {high:g}]; "
                    "change the value or widen the range",
                )

    def with_value(self, value: float) -> Parameter:
        """A copy with another value (checked against the range)."""
        return dataclasses.replace(self, value=value)
