r"""Rules for claims (bankruptcy) problems: an estate :math:`E` below the claims :math:`c_i`.

=================  =================================================================
rule               award
=================  =================================================================
proportional       :math:`E\,c_i / \sum_j c_j`
CEA                :math:`\min(c_i, \lambda)`, :math:`\lambda` such that awards sum to :math:`E`
CEL                :math:`\max(0, c_i - \lambda)`, the same
Talmud             CEA on the half-claims while :math:`E \le \sum c/2`, else half-claims plus CEL
                   on the other halves (Aumann and Maschler 1985)
=================  =================================================================

Aumann and Maschler (1985) proved that the Talmud rule gives the nucleolus of
the bankruptcy game :math:`v(S) = \max(0, E - \sum_{i \notin S} c_i)`.

Examples
--------
>>> [round(x, 4) for x in talmud(200, [100, 200, 300])]
[50.0, 75.0, 75.0]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from bargaining.coalitional.results import Allocation
from bargaining.errors import SpecError
from bargaining.model.characteristic import Bankruptcy
from bargaining.model.coalitional import CoalitionalGame

__all__ = [
    "CLAIMS_RULES",
    "claims_allocations",
    "constrained_equal_awards",
    "constrained_equal_losses",
    "proportional",
    "talmud",
]


def _level(estate: float, claims: NDArray[np.float64], award: str) -> float:
    """The :math:`\\lambda` at which the awards sum to the estate (bisection to machine precision)."""
    low, high = 0.0, float(claims.max())
    for _ in range(200):
        mid = (low + high) / 2
        total = np.minimum(claims, mid).sum() if award == "cea" else np.maximum(0.0, claims - mid).sum()
        if (total < estate) == (award == "cea"):
            low = mid
        else:
            high = mid
    return (low + high) / 2


def proportional(estate: float, claims: Sequence[float]) -> tuple[float, ...]:
    """Awards proportional to the claims."""
    c = np.asarray(claims, dtype=float)
    return tuple(float(x) for x in (estate * c / c.sum() if c.sum() > 0 else c))


def constrained_equal_awards(estate: float, claims: Sequence[float]) -> tuple[float, ...]:
    """CEA: equal awards, no one above their claim."""
    c = np.asarray(claims, dtype=float)
    return tuple(float(x) for x in np.minimum(c, _level(estate, c, "cea")))


def constrained_equal_losses(estate: float, claims: Sequence[float]) -> tuple[float, ...]:
    """CEL: equal losses, no one below zero."""
    c = np.asarray(claims, dtype=float)
    return tuple(float(x) for x in np.maximum(0.0, c - _level(estate, c, "cel")))


def talmud(estate: float, claims: Sequence[float]) -> tuple[float, ...]:
    """The Talmud rule (Aumann and Maschler 1985)."""
    half = np.asarray(claims, dtype=float) / 2
    if estate <= half.sum():
        return constrained_equal_awards(estate, list(half))
    rest = constrained_equal_losses(float(estate - half.sum()), list(half))
    return tuple(float(a + b) for a, b in zip(half, rest, strict=True))


CLAIMS_RULES = {
    "proportional": proportional,
    "cea": constrained_equal_awards,
    "cel": constrained_equal_losses,
    "talmud": talmud,
}


def claims_allocations(game: CoalitionalGame) -> tuple[Allocation, ...]:
    """Every claims rule on a bankruptcy game."""
    rule = game.definition
    if not isinstance(rule, Bankruptcy):
        raise SpecError("bankruptcy", "claims rules need a claims problem (bankruptcy in the spec)")
    estate, claims = rule.numbers(game.parameter_values())
    note = "Talmud = the nucleolus of the bankruptcy game (Aumann and Maschler 1985)"
    return tuple(
        Allocation(name, game.players, f(estate, list(claims)), note=note if name == "talmud" else "")
        for name, f in CLAIMS_RULES.items()
    )
