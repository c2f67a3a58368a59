r"""Payoffs and names of a normal-form game, normalised: exact where the user wrote them exactly.

A payoff given as an integer, a :class:`~fractions.Fraction`, a
:class:`~decimal.Decimal` or a string such as ``"1/3"`` is kept as a
Fraction besides its float; an integral float below :math:`2^{53}` is exact
too. :class:`bargaining.games.normal_form.NormalFormGame` stores what
:func:`normalise_payoffs` returns.

Examples
--------
>>> rational_payoff("1/3", "at index (0, 0, 0)")
(0.3333333333333333, Fraction(1, 3))
>>> rational_payoff(0.1, "at index (0, 0, 0)")
(0.1, None)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import InvalidGameError

__all__ = [
    "EXACT_INT_LIMIT",
    "normalise_payoffs",
    "payoff_names",
    "rational_payoff",
    "readonly",
    "strategy_names",
]

#: integral floats up to this magnitude are exact in binary64
EXACT_INT_LIMIT = 2.0**53


def readonly(array: NDArray[Any]) -> NDArray[Any]:
    """``array``, made read-only in place."""
    array.flags.writeable = False
    return array


def rational_payoff(value: Any, where: str) -> tuple[float, Fraction | None]:
    """A payoff as a float and, if it is rational as written, a Fraction."""
    if isinstance(value, bool | np.bool_):
        raise InvalidGameError(f"payoff {where} is the boolean {value}; payoffs must be numbers")
    if isinstance(value, int | np.integer | Rational):
        exact = Fraction(int(value)) if isinstance(value, int | np.integer) else Fraction(value)
        return float(exact), exact
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidGameError(f"payoff {where} is {value}; payoffs must be finite numbers")
        exact = Fraction(value)
        return float(exact), exact
    if isinstance(value, str):
        try:
            exact = Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise InvalidGameError(
                f"payoff {where} is the string {value!r}, which is not a number; "
                "write an integer, a decimal or a fraction such as '1/3'"
            ) from None
        return float(exact), exact
    if isinstance(value, float | np.floating):
        number = float(value)
        if not math.isfinite(number):
            raise InvalidGameError(f"payoff {where} is {number}; payoffs must be finite numbers")
        if number.is_integer() and abs(number) < EXACT_INT_LIMIT:
            return number, Fraction(int(number))
        return number, None
    if isinstance(value, list | tuple | np.ndarray):
        raise InvalidGameError(
            f"the payoffs are ragged: found a sequence {where} where a number was expected; "
            "every player needs one payoff for every strategy profile, all tables of the same shape"
        )
    raise InvalidGameError(f"payoff {where} is a {type(value).__name__}; payoffs must be numbers")


def normalise_payoffs(raw: Any) -> tuple[NDArray[np.float64], NDArray[np.object_] | None, bool]:
    """The float payoff array, the exact one (or None) and whether all payoffs are integral."""
    if isinstance(raw, np.ndarray) and raw.dtype.kind in "iuf":
        floats = np.array(raw, dtype=np.float64)
        if not np.all(np.isfinite(floats)):
            where = tuple(int(k) for k in np.argwhere(~np.isfinite(floats))[0])
            raise InvalidGameError(
                f"payoff at index {where} is {floats[where]}; payoffs must be finite numbers (no NaN or inf)"
            )
        integral = bool(np.all(floats == np.round(floats)) and np.all(np.abs(floats) < EXACT_INT_LIMIT))
        return floats, None, integral
    if isinstance(raw, np.ndarray) and raw.dtype.kind not in "O":
        raise InvalidGameError(
            f"payoffs of dtype {raw.dtype} are not numbers; pass integers, floats or Fractions"
        )
    try:
        objects = np.array(raw, dtype=object)
    except ValueError as exc:  # pragma: no cover - numpy keeps ragged objects
        raise InvalidGameError(
            f"the payoffs are ragged ({exc}); give every player a table of the same shape"
        ) from None
    floats = np.empty(objects.shape, dtype=np.float64)
    exact = np.empty(objects.shape, dtype=object)
    all_exact = True
    for index, value in np.ndenumerate(objects):
        number, rational = rational_payoff(value, f"at index {index}")
        floats[index] = number
        exact[index] = rational
        all_exact = all_exact and rational is not None
    if not all_exact:
        return floats, None, False
    integral = all(value.denominator == 1 for value in exact.flat) and bool(
        np.all(np.abs(floats) < EXACT_INT_LIMIT)
    )
    return floats, (None if integral else exact), integral


def payoff_names(given: Sequence[str] | None, count: int, default: str, what: str) -> tuple[str, ...]:
    """``count`` distinct names (``default0, default1, ...`` when none are given) of players or strategies."""
    if given is None or (isinstance(given, tuple | list) and len(given) == 0 and count > 0):
        return tuple(f"{default}{k}" for k in range(count))
    if isinstance(given, str):
        raise InvalidGameError(f"{what} must be a sequence of names, got the string {given!r}")
    names = tuple(given)
    if len(names) != count:
        raise InvalidGameError(f"{what} has {len(names)} names but there are {count}; give exactly {count}")
    for name in names:
        if not isinstance(name, str) or not name:
            raise InvalidGameError(f"{what} contains {name!r}; names must be non-empty strings")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InvalidGameError(f"{what} repeats the name {name!r}; names must be distinct")
        seen.add(name)
    return names


def strategy_names(
    given: Sequence[Sequence[str] | None] | None, sizes: tuple[int, ...], players: tuple[str, ...]
) -> tuple[tuple[str, ...], ...]:
    """Each player's strategy names (``s0, s1, ...`` where none are given), one list per player."""
    n_players = len(sizes)
    if given is None or len(given) == 0:
        given = [None] * n_players
    elif isinstance(given, str) or len(given) != n_players:
        raise InvalidGameError(
            f"strategies gives names for {len(given)} players but the game has {n_players}; "
            "give one list of strategy names per player"
        )
    return tuple(
        payoff_names(names, sizes[i], "s", f"strategies of {players[i]!r}") for i, names in enumerate(given)
    )
