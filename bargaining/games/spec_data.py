"""Games as plain JSON-ready data: exact numbers as JSON values, a normal-form game as its spec.

The library and the readers in :mod:`bargaining.io` write games the same
way: an exact number is an integer, a decimal that reads back exactly
(``0.25``), else a string ``"p/q"``. This module imports no file access.

Examples
--------
>>> from fractions import Fraction
>>> [json_number(Fraction(v)) for v in ("2", "1/4", "1/3")]
[2, 0.25, '1/3']

Exact numbers are read from text within stated limits, so a file cannot
stall the reader (``Fraction("1e999999999")`` would compute a billion-digit
integer): at most :data:`MAX_NUMBER_LENGTH` characters, a decimal exponent of
at most :data:`MAX_DECIMAL_EXPONENT` in size, and a value within the range of
floating point (about 1.8e308), since solvers also use the payoffs as floats.

>>> exact_rational("2.5e-3"), exact_rational("1/3")
(Fraction(1, 400), Fraction(1, 3))
>>> exact_rational("1e999999999")
Traceback (most recent call last):
...
ValueError: its exponent 999999999 is beyond the limit of 1000 in size
"""

from __future__ import annotations

import re
import sys
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bargaining.games.normal_form import NormalFormGame

__all__ = [
    "MAX_DECIMAL_EXPONENT",
    "MAX_NUMBER_LENGTH",
    "SPEC_FORMAT",
    "SPEC_VERSION",
    "check_magnitude",
    "exact_rational",
    "json_number",
    "json_payoff",
    "nested_payoffs",
    "normal_form_spec",
]

#: the ``"format"`` of every spec (:data:`bargaining.io.FORMAT`)
SPEC_FORMAT = "bargaining"
#: the spec ``"version"`` this release writes (:data:`bargaining.io.VERSION`)
SPEC_VERSION = 1
#: the most characters an exact number in a file may have
MAX_NUMBER_LENGTH = 1000
#: the largest decimal exponent (``e``) an exact number in a file may have, in size
MAX_DECIMAL_EXPONENT = 1000

_EXPONENT = re.compile(r"[eE]\s*([+-]?\d+)")
_FLOAT_MAX = Fraction(sys.float_info.max)


def exact_rational(text: str) -> Fraction:
    """A number written as text (``"2"``, ``"-1.5e3"``, ``"1/3"``), exactly, within the limits.

    Raises
    ------
    ValueError
        With the reason, if the text is not a number, is longer than
        :data:`MAX_NUMBER_LENGTH`, has an exponent beyond
        :data:`MAX_DECIMAL_EXPONENT`, divides by zero or lies beyond the range of
        floating point. Callers name the field or line.
    """
    if len(text) > MAX_NUMBER_LENGTH:
        raise ValueError(f"it has {len(text)} characters, beyond the limit of {MAX_NUMBER_LENGTH}")
    exponent = _EXPONENT.search(text)
    if exponent is not None and abs(int(exponent.group(1))) > MAX_DECIMAL_EXPONENT:
        raise ValueError(
            f"its exponent {exponent.group(1)} is beyond the limit of {MAX_DECIMAL_EXPONENT} in size"
        )
    try:
        value = Fraction(text.strip())
    except ZeroDivisionError:
        raise ValueError("it divides by zero") from None
    return check_magnitude(value)


def check_magnitude(value: Fraction) -> Fraction:
    """``value``, or a ``ValueError`` if it lies beyond the range of floating point (about 1.8e308)."""
    if abs(value) > _FLOAT_MAX:
        raise ValueError("it lies beyond the range of floating point (about 1.8e308); rescale the numbers")
    return value


def json_number(value: Fraction) -> int | float | str:
    """An integer, a decimal that reads back exactly (``0.25``), else ``"p/q"``."""
    if value.denominator == 1:
        return int(value)
    if Fraction(repr(float(value))) == value:
        return float(value)
    return f"{value.numerator}/{value.denominator}"


def json_payoff(value: Any) -> int | float | str:
    """A payoff: exact ones as :func:`json_number`, floats as integers when integral."""
    if isinstance(value, Fraction):
        return json_number(value)
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def nested_payoffs(table: Any) -> Any:
    """A payoff table (an array, one axis per player) as nested lists of :func:`json_payoff`."""
    if getattr(table, "ndim", 0) == 0:
        return json_payoff(table.item() if hasattr(table, "item") else table)
    return [nested_payoffs(row) for row in table]


def normal_form_spec(game: NormalFormGame) -> dict[str, Any]:
    """The ``normal_form`` spec of ``game`` in the table layout.

    Exact payoffs are written as integers, as decimals when the decimal reads
    back exactly (``1.5``), else as strings ``"p/q"``.
    """
    exact = game.exact_payoff_array
    values = exact if exact is not None else game.payoff_array
    spec: dict[str, Any] = {"format": SPEC_FORMAT, "version": SPEC_VERSION, "kind": "normal_form"}
    if game.title:
        spec["title"] = game.title
    spec["players"] = [
        {"name": name, "strategies": list(game.strategies[i])} for i, name in enumerate(game.players)
    ]
    spec["payoffs"] = {name: nested_payoffs(values[i]) for i, name in enumerate(game.players)}
    return spec
