r"""The core and its relatives: membership, the least core, vertices, and the game's properties.

.. math::

    C(v) = \{x : x(N) = v(N),\; x(S) \ge v(S)\ \forall S \subseteq N\}, \qquad
    \varepsilon^* = \min_x \max_{S \ne \emptyset, N} \bigl(v(S) - x(S)\bigr)
    \text{ s.t. } x(N) = v(N).

The core is non-empty iff :math:`\varepsilon^* \le 0` iff the game is
*balanced* (Bondareva 1963, Shapley 1967). :math:`\varepsilon^*` is the first
level of the prenucleolus's LP sequence, so :func:`least_core` reuses
:func:`~bargaining.coalitional.nucleolus.prenucleolus` and inherits its exact
confirmation for small games.

Examples
--------
>>> from bargaining.model.coalitional import CoalitionalGame
>>> glove = CoalitionalGame.glove(["left"], ["right_1", "right_2"])
>>> core_violation(glove, [0.5, 0.5, 0.0])
(0.5, 5)
>>> glove.coalition_name(5)
'left+right_2'
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.coalitional.nucleolus import NucleolusResult, incidence, prenucleolus
from bargaining.errors import SpecError
from bargaining.model.coalitional import CoalitionalGame

__all__ = [
    "CORE_VERTEX_MAX_PLAYERS",
    "CoreReport",
    "core_report",
    "core_vertices",
    "core_violation",
    "coalition_sums",
    "is_convex",
    "is_superadditive",
    "least_core",
]

#: the most players for which the core's vertices are enumerated
CORE_VERTEX_MAX_PLAYERS = 5
_TOL = 1e-9


def coalition_sums(x: NDArray[Any] | list[float]) -> NDArray[np.float64]:
    """:math:`x(S)` for every mask :math:`S` (in mask order)."""
    sums = np.zeros(1)
    for xi in np.asarray(x, dtype=float):
        sums = np.concatenate([sums, sums + xi])
    return sums


def core_violation(game: CoalitionalGame, x: NDArray[np.float64] | list[float]) -> tuple[float, int]:
    """The largest :math:`v(S) - x(S)` and the coalition with it (:math:`\\le 0`: ``x`` is in the core).

    An allocation that does not distribute exactly :math:`v(N)` is reported
    against the grand coalition (the violation :math:`|x(N) - v(N)|`).
    """
    values = game.dense("core membership")
    point = np.asarray(x, dtype=float)
    if point.shape != (game.n,):
        raise SpecError("allocation", f"expected {game.n} payoffs, one per player, got {point.size}")
    gap = abs(float(point.sum()) - float(values[-1]))
    if gap > _TOL * max(1.0, abs(float(values[-1]))):
        return gap, game.grand_coalition
    excess = values - coalition_sums(point)
    worst = int(np.argmax(excess[1:-1])) + 1 if game.n > 1 else 0
    return float(excess[worst]), worst


def least_core(game: CoalitionalGame) -> NucleolusResult:
    """The least core: :math:`\\varepsilon^*` (``.least_core_epsilon``) and the prenucleolus, its centre."""
    return prenucleolus(game)


def core_vertices(game: CoalitionalGame) -> NDArray[np.float64]:
    """The vertices of the core (rows), for games of at most :data:`CORE_VERTEX_MAX_PLAYERS` players.

    Each vertex solves :math:`x(N) = v(N)` with :math:`n - 1` coalition
    constraints tight; candidates are kept if they satisfy every constraint
    (tolerance :math:`10^{-9}`). Empty if the core is empty.
    """
    n = game.n
    if n > CORE_VERTEX_MAX_PLAYERS:
        raise SpecError(
            "players", f"core vertices are enumerated for at most {CORE_VERTEX_MAX_PLAYERS} players"
        )
    values = game.dense("the core's vertices")
    rows = incidence(n)
    grand = (1 << n) - 1
    chosen = np.array(list(itertools.combinations(range(1, grand), n - 1)), dtype=np.int64).reshape(-1, n - 1)
    picks = np.hstack([chosen, np.full((len(chosen), 1), grand)])
    systems = rows[picks]
    regular = np.abs(np.linalg.det(systems)) > 1e-9
    points = np.linalg.solve(systems[regular], values[picks[regular]][..., None])[..., 0]
    scale = 1e-9 * max(1.0, float(np.abs(values).max()))
    inside = np.all(points @ rows.T >= values - scale, axis=1)
    found: list[NDArray[Any]] = []
    for x in points[inside]:
        if not any(np.allclose(x, y, atol=1e-9 * max(1.0, float(np.abs(x).max()))) for y in found):
            found.append(x)
    return np.array(found).reshape(len(found), n)


def is_superadditive(game: CoalitionalGame) -> bool:
    r""":math:`v(S \cup T) \ge v(S) + v(T)` for all disjoint :math:`S, T`."""
    values = game.dense("the superadditivity test")
    full = game.grand_coalition
    masks = np.arange(full + 1)
    for s in range(1, full + 1):
        others = masks[(masks & s) == 0]
        if np.any(values[s | others] < values[s] + values[others] - _TOL * (1 + abs(values[s]))):
            return False
    return True


def is_convex(game: CoalitionalGame) -> bool:
    r"""Supermodular: :math:`v(S \cup \{i\}) - v(S)` grows with :math:`S` (Shapley 1971: then the core is
    non-empty and holds the Shapley value)."""
    values = game.dense("the convexity test")
    n = game.n
    masks = np.arange(1 << n)
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            s = masks[((masks >> i) & 1 == 0) & ((masks >> j) & 1 == 0)]
            gain_small = values[s | 1 << i] - values[s]
            gain_large = values[s | 1 << i | 1 << j] - values[s | 1 << j]
            if np.any(gain_large < gain_small - 1e-9):
                return False
    return True


@dataclass(frozen=True, slots=True)
class CoreReport:
    """The core at a glance.

    Attributes
    ----------
    non_empty
        Whether the core is non-empty (equivalently: the game is balanced).
    least_core_epsilon
        :math:`\\varepsilon^*` (:math:`\\le 0` iff non-empty).
    confirmed
        Whether :math:`\\varepsilon^*` was confirmed in exact arithmetic.
    superadditive, convex
        The game's properties.
    vertices
        The core's vertices (small games), else ``None``.
    """

    non_empty: bool
    least_core_epsilon: float
    confirmed: bool
    superadditive: bool
    convex: bool
    vertices: tuple[tuple[float, ...], ...] | None

    @property
    def balanced(self) -> bool:
        """Bondareva-Shapley: balanced iff the core is non-empty."""
        return self.non_empty

    def to_dict(self) -> dict[str, Any]:
        """Plain values."""
        return {
            "non_empty": self.non_empty,
            "balanced": self.balanced,
            "least_core_epsilon": self.least_core_epsilon,
            "confirmed_exactly": self.confirmed,
            "superadditive": self.superadditive,
            "convex": self.convex,
            "vertices": None if self.vertices is None else [list(v) for v in self.vertices],
        }


def core_report(game: CoalitionalGame, least: NucleolusResult | None = None) -> CoreReport:
    """Non-emptiness, the least core's epsilon, the properties and (small games) the vertices."""
    least = least if least is not None else least_core(game)
    eps = least.least_core_epsilon
    if least.exact_levels:
        non_empty = least.exact_levels[0] <= 0
    else:
        scale = max(1.0, float(np.abs(game.dense("the core")).max()))
        non_empty = eps <= _TOL * scale
    vertices = None
    if game.n <= CORE_VERTEX_MAX_PLAYERS:
        vertices = tuple(tuple(float(a) for a in v) for v in core_vertices(game))
    return CoreReport(non_empty, eps, least.confirmed, is_superadditive(game), is_convex(game), vertices)
