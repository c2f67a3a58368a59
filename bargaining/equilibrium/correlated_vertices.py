r"""Every vertex of the set of correlated equilibria, exactly (double description).

The correlated equilibria form the polytope :math:`P = \{p : Gp \ge 0,\ p \ge
0,\ \mathbf 1^\top p = 1\}` (see
:mod:`bargaining.equilibrium.correlated_constraints`). Its vertices are the
extreme rays of the pointed cone :math:`C = \{p : Gp \ge 0,\ p \ge 0\}`, scaled
to sum to 1. The double description method (Motzkin et al. 1953; Fukuda and
Prodon 1996) starts from the extreme rays of the orthant :math:`p \ge 0` (the
unit vectors) and adds the incentive constraints one at a time: rays on the
right side stay, rays on the wrong side go, and each *adjacent* pair across the
new hyperplane gives a new ray on it. Two rays are adjacent when no other ray
is tight on every constraint both are tight on (the combinatorial test).

Everything is integer arithmetic (each constraint row scaled to integers, each
ray divided by the gcd of its entries), so every decision is exact. The cost
grows quickly with the game: :func:`enumerate_vertices` refuses games with more
than :data:`MAX_PROFILES` pure profiles and stops when the intermediate ray
count passes :data:`MAX_RAYS`, naming the methods that handle larger games.

References
----------
Fukuda, K. and Prodon, A. (1996). Double description method revisited.
*Combinatorics and Computer Science*, LNCS 1120, 91-111.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from bargaining.errors import InvalidGameError

__all__ = ["LARGER_GAMES", "MAX_PROFILES", "MAX_RAYS", "enumerate_vertices"]

#: Largest number of pure profiles :func:`enumerate_vertices` accepts.
MAX_PROFILES = 16

#: Largest number of intermediate rays before :func:`enumerate_vertices` gives up.
MAX_RAYS = 20_000

#: What to use instead, named in the size errors.
LARGER_GAMES = (
    "for larger games use correlated_equilibrium(game, select='welfare-max' | 'welfare-min' | "
    "'max-entropy') (bargain correlated GAME --select welfare-max), linear and convex programs that "
    "handle games with thousands of profiles, or pass correlated_constraints(game, exact=True).matrix "
    "to an exact polyhedral tool such as lrs or cddlib"
)


def integer_rows(matrix: Sequence[Sequence[Fraction]]) -> list[tuple[int, ...]]:
    """Each row times the lcm of its denominators, divided by the gcd of its entries (zero rows dropped)."""
    rows = []
    for row in matrix:
        scale = math.lcm(*(Fraction(v).denominator for v in row))
        ints = [int(Fraction(v) * scale) for v in row]
        divisor = math.gcd(*ints)
        if divisor:
            rows.append(tuple(v // divisor for v in ints))
    return rows


def _split(
    rays: list[tuple[int, ...]], zeros: list[int], row: tuple[int, ...]
) -> tuple[list[int], list[int], list[int], list[int]]:
    values = [sum(g * r for g, r in zip(row, ray, strict=True) if g and r) for ray in rays]
    positive = [k for k, v in enumerate(values) if v > 0]
    zero = [k for k, v in enumerate(values) if v == 0]
    negative = [k for k, v in enumerate(values) if v < 0]
    return values, positive, zero, negative


def _adjacent(common: int, first: int, second: int, zeros: list[int], need: int) -> bool:
    if common.bit_count() < need:
        return False
    return not any((z & common) == common for k, z in enumerate(zeros) if k != first and k != second)


def _add_constraint(
    rays: list[tuple[int, ...]], zeros: list[int], row: tuple[int, ...], bit: int, dimension: int
) -> tuple[list[tuple[int, ...]], list[int]]:
    values, positive, zero, negative = _split(rays, zeros, row)
    new_rays = [rays[k] for k in positive] + [rays[k] for k in zero]
    new_zeros = [zeros[k] for k in positive] + [zeros[k] | bit for k in zero]
    for i in positive:
        for j in negative:
            common = zeros[i] & zeros[j]
            if not _adjacent(common, i, j, zeros, dimension - 2):
                continue
            a, b = -values[j], values[i]
            ray = [a * x + b * y for x, y in zip(rays[i], rays[j], strict=True)]
            divisor = math.gcd(*ray)
            new_rays.append(tuple(v // divisor for v in ray))
            new_zeros.append(common | bit)
            if len(new_rays) > MAX_RAYS:
                raise InvalidGameError(
                    f"the exact enumeration of correlated-equilibrium vertices passed {MAX_RAYS} "
                    f"intermediate rays and stopped; {LARGER_GAMES}"
                )
    return new_rays, new_zeros


def enumerate_vertices(matrix: Sequence[Sequence[Fraction]], n_profiles: int) -> list[tuple[Fraction, ...]]:
    r"""The vertices of :math:`\{p \ge 0,\ \mathbf 1^\top p = 1,\ Gp \ge 0\}`, exactly, in a fixed order.

    Parameters
    ----------
    matrix
        :math:`G` as rows of Fractions (one column per profile).
    n_profiles
        The number of columns.

    Returns
    -------
    list of tuple of Fraction
        Each vertex as a flattened distribution, sorted.

    Raises
    ------
    InvalidGameError
        If there are more than :data:`MAX_PROFILES` profiles or the
        enumeration passes :data:`MAX_RAYS` intermediate rays.
    """
    if n_profiles > MAX_PROFILES:
        raise InvalidGameError(
            f"select='vertices' enumerates the correlated-equilibrium polytope exactly only for games "
            f"with at most {MAX_PROFILES} pure profiles; this game has {n_profiles}; {LARGER_GAMES}"
        )
    # Ray s starts as the unit vector e_s, tight on p_t >= 0 for every t != s (bits 0..n-1).
    everything = (1 << n_profiles) - 1
    rays = [tuple(int(s == t) for t in range(n_profiles)) for s in range(n_profiles)]
    zeros = [everything & ~(1 << s) for s in range(n_profiles)]
    for k, row in enumerate(integer_rows(matrix)):
        rays, zeros = _add_constraint(rays, zeros, row, 1 << (n_profiles + k), n_profiles)
    vertices = {tuple(Fraction(v, sum(ray)) for v in ray) for ray in rays}
    return sorted(vertices, reverse=True)
