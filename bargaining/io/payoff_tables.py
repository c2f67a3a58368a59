"""Payoff tables and outcome lists, as strategic-game specs give them (``normal_form``, ``bayesian``).

A table is a nested list, one level per player (``payoffs.row[j][k]``); an
outcome list gives one entry per strategy profile, each with its payoffs.
Payoffs are exact: a JSON number is its decimal as written, a string
``"p/q"`` a rational. Errors name the JSON path of the field.

Examples
--------
>>> payoff_table([[1, "1/2"], [0, 2.5]], "payoffs.row", (2, 2), ("row", "column"))
[[Fraction(1, 1), Fraction(1, 2)], [Fraction(0, 1), Fraction(5, 2)]]
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from bargaining.errors import SpecError
from bargaining.expressions.build import integer_digits
from bargaining.games.spec_data import check_magnitude, exact_rational
from bargaining.io.fields import Fields, child_path, describe, suggest

__all__ = [
    "exact_payoff",
    "name_list",
    "nesting_depth",
    "payoff_table",
    "rational_text",
    "tables_from_outcomes",
]


_BEYOND = "a number beyond the range of floating point (about 1.8e308); rescale it"


def exact_payoff(value: Any, path: str) -> Fraction:
    """A payoff, exactly: a finite JSON number (the decimal as written) or a string ``"p/q"``."""
    if isinstance(value, str):
        return rational_text(value, path)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SpecError(path, f"expected a payoff (a number), got {describe(value)}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SpecError(path, f"expected a finite payoff, got {value!r}: {_BEYOND}")
        return Fraction(repr(value))  # the shortest decimal that reads back as this float
    try:
        return check_magnitude(Fraction(value))
    except ValueError as exc:
        raise SpecError(path, f"the integer of {integer_digits(value)} digits is too large: {exc}") from None


def rational_text(value: str, path: str) -> Fraction:
    """A number written as a string (``"1/3"``, ``"2.5e-3"``), exactly and within the limits.

    The limits are those of :func:`bargaining.games.spec_data.exact_rational`.
    """
    try:
        return exact_rational(value)
    except ValueError as exc:
        shown = value if len(value) <= 40 else value[:37] + "..."
        hint = 'write e.g. 2, -1.5 or an exact fraction as a string, "1/3"'
        reason = str(exc) if str(exc).startswith(("it ", "its ")) else "it is not a number"
        raise SpecError(path, f"{shown!r}: {reason}; {hint}") from None


def nesting_depth(value: Any) -> int:
    """How deep the first items of ``value`` nest as lists."""
    depth = 0
    while isinstance(value, list) and value:
        value, depth = value[0], depth + 1
    return depth


def name_list(items: list[Any], path: str, what: str) -> tuple[str, ...]:
    """Distinct non-empty names, or a :class:`SpecError` naming the item's path."""
    names: list[str] = []
    for k, item in enumerate(items):
        where = child_path(path, k)
        if not isinstance(item, str) or not item.strip():
            raise SpecError(where, f"expected a non-empty {what} name (a string), got {describe(item)}")
        if item in names:
            raise SpecError(where, f"the {what} name {item!r} is repeated; every {what} needs its own name")
        names.append(item)
    return tuple(names)


def payoff_table(
    value: Any, path: str, sizes: tuple[int, ...], players: tuple[str, ...], depth: int = 0
) -> Any:
    """A nested list of the given sizes, checked level by level."""
    if depth == 0 and isinstance(value, list) and nesting_depth(value) != len(sizes):
        raise SpecError(
            path,
            f"the table nests {nesting_depth(value)} deep but there are {len(sizes)} players; "
            'give one level of nesting per player, in the order of "players"',
        )
    if depth == len(sizes):
        return exact_payoff(value, path)
    if not isinstance(value, list) or len(value) != sizes[depth]:
        got = describe(value)
        raise SpecError(
            path,
            f"expected a list of {sizes[depth]} items (one per strategy of {players[depth]!r}), got {got}; "
            "every payoff table needs one entry per strategy profile",
        )
    return [
        payoff_table(item, child_path(path, k), sizes, players, depth + 1) for k, item in enumerate(value)
    ]


def tables_from_outcomes(
    fields: Fields, players: tuple[str, ...], strategies: tuple[tuple[str, ...], ...]
) -> list[Any]:
    """Payoff tables built from the per-profile ``outcomes`` list."""
    import numpy as np

    sizes = tuple(len(s) for s in strategies)
    payoffs = np.empty((len(players), *sizes), dtype=object)
    seen: dict[tuple[int, ...], int] = {}
    for k, outcome in enumerate(fields.objects("outcomes", min_length=1)):
        profile_fields = outcome.object("profile")
        index = []
        for i, player in enumerate(players):
            strategy = profile_fields.string(player)
            if strategy not in strategies[i]:
                raise SpecError(
                    profile_fields.at(player),
                    f"{player!r} has no strategy {strategy!r}{suggest(strategy, strategies[i])} "
                    f"(strategies: {', '.join(strategies[i])})",
                )
            index.append(strategies[i].index(strategy))
        profile_fields.check_unknown(players)
        key = tuple(index)
        if key in seen:
            earlier = f"outcomes[{seen[key]}]"
            message = f"this profile is already given by {earlier}; list each profile once"
            raise SpecError(outcome.at("profile"), message)
        seen[key] = k
        values = outcome.raw("payoffs")
        where = outcome.at("payoffs")
        if isinstance(values, list):
            if len(values) != len(players):
                named = ", ".join(players)
                message = f"expected {len(players)} payoffs (one per player: {named}), got {len(values)}"
                raise SpecError(where, message)
            numbers = [exact_payoff(v, child_path(where, i)) for i, v in enumerate(values)]
        else:
            payoff_fields = outcome.object("payoffs")
            numbers = [
                exact_payoff(payoff_fields.raw(player), payoff_fields.at(player)) for player in players
            ]
            payoff_fields.check_unknown(players)
        for i, number in enumerate(numbers):
            payoffs[(i, *key)] = number
        outcome.check_unknown(["profile", "payoffs", "label", "rationale"])
    total = math.prod(sizes)
    if len(seen) != total:
        missing = next(p for p in np.ndindex(*sizes) if p not in seen)
        shown = ", ".join(f"{players[i]}: {strategies[i][s]}" for i, s in enumerate(missing))
        raise SpecError(
            fields.at("outcomes"),
            f"{total - len(seen)} of the {total} strategy profiles have no outcome, e.g. {{{shown}}}; "
            "give one outcome per profile",
        )
    return [payoffs[i].tolist() for i in range(len(players))]
