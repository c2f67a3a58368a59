"""Games as plain JSON-ready data: exact numbers as JSON values, a normal-form game as its spec.

The library and the readers in :mod:`bargaining.io` write games the same
way: an exact number is an integer, a decimal that reads back exactly
(``0.25``), else a string ``"p/q"``. This module imports no file access.

Examples
--------
>>> from fractions import Fraction
>>> [json_number(Fraction(v)) for v in ("2", "1/4", "1/3")]
[2, 0.25, '1/3']
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bargaining.games.normal_form import NormalFormGame

__all__ = ["SPEC_FORMAT", "SPEC_VERSION", "json_number", "json_payoff", "nested_payoffs", "normal_form_spec"]

#: the ``"format"`` of every spec (:data:`bargaining.io.FORMAT`)
SPEC_FORMAT = "bargaining"
#: the spec ``"version"`` this release writes (:data:`bargaining.io.VERSION`)
SPEC_VERSION = 1


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
