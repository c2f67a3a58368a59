"""Coalitions as bitmasks: player ``i`` is in coalition ``S`` iff bit ``i`` of ``S`` is set.

A coalition is written in specs as player names joined by ``+``
(``"ukraine+us+eu"``; the order does not matter) and stored as an integer
mask; the grand coalition of ``n`` players is ``2**n - 1`` and the empty one
``0`` (written ``"{}"``).

Examples
--------
>>> players = ("ukraine", "us", "eu")
>>> parse_coalition("eu+ukraine", players, "coalitions")
5
>>> coalition_name(5, players)
'ukraine+eu'
>>> sizes(3).tolist()
[0, 1, 1, 2, 1, 2, 2, 3]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import SpecError, suggest

__all__ = [
    "EMPTY_NAME",
    "MAX_DENSE_PLAYERS",
    "MAX_PLAYERS",
    "coalition_name",
    "indicators",
    "members",
    "parse_coalition",
    "sizes",
]

#: the most players whose characteristic function is stored as a dense array (2**24 floats: 128 MB)
MAX_DENSE_PLAYERS = 24
#: the most players a coalition mask (a signed 64-bit integer) can hold
MAX_PLAYERS = 60
#: how the empty coalition is written
EMPTY_NAME = "{}"


def parse_coalition(text: object, players: tuple[str, ...], path: str) -> int:
    """The mask of the coalition ``text`` (names joined by ``+``) of ``players``.

    Raises
    ------
    SpecError
        At ``path`` for an unknown player (with a suggestion) or a player named twice.
    """
    if not isinstance(text, str):
        raise SpecError(path, f"expected a coalition such as {'+'.join(players[:2])!r}, got {text!r}")
    stripped = text.strip()
    if stripped in ("", EMPTY_NAME):
        return 0
    mask = 0
    for raw in stripped.split("+"):
        name = raw.strip()
        if name not in players:
            raise SpecError(
                path,
                f"coalition {text!r} names unknown player {name!r}{suggest(name, list(players))} "
                f"(players: {', '.join(players)})",
            )
        bit = 1 << players.index(name)
        if mask & bit:
            raise SpecError(path, f"coalition {text!r} names {name!r} twice; name each member once")
        mask |= bit
    return mask


def coalition_name(mask: int, players: tuple[str, ...]) -> str:
    """``"a+b"`` for the players of ``mask`` in the order of ``players`` (``"{}"`` if empty)."""
    names = [p for i, p in enumerate(players) if mask >> i & 1]
    return "+".join(names) if names else EMPTY_NAME


def members(mask: int, n: int) -> tuple[int, ...]:
    """The indices of the players in ``mask``."""
    return tuple(i for i in range(n) if mask >> i & 1)


def sizes(n: int) -> NDArray[np.int64]:
    """``|S|`` for every mask ``S`` of ``n`` players (``2**n`` entries)."""
    out = np.zeros(1, dtype=np.int64)
    for _ in range(n):
        out = np.concatenate([out, out + 1])
    return out


def indicators(masks: NDArray[np.int64], n: int) -> NDArray[np.float64]:
    """``(n, len(masks))``: 1.0 where player ``i`` is in the coalition, else 0.0."""
    bits = (masks[None, :] >> np.arange(n, dtype=np.int64)[:, None]) & 1
    return bits.astype(np.float64)
