r"""Every vertex of a best-response polytope, in exact integer arithmetic.

For a positive integer matrix :math:`M` (``d`` rows, ``c`` columns) the polytope
:math:`\{x \in \mathbb{R}^d : x \ge 0,\ M^\top x \le 1\}` is written with
slacks, :math:`M^\top x + s = 1`, and explored from the origin (all slacks
basic) by pivoting. Ties in the ratio test, which make a vertex *degenerate*
(more than ``d`` tight constraints), are broken by the *lexicographic* rule:
among rows :math:`r` with a positive entry :math:`t_r` in the entering column,
the leaving row minimises :math:`(\beta_r, (B^{-1})_{r\cdot}) / t_r`
lexicographically. This is pivoting on the perturbed right-hand side
:math:`1 + (\varepsilon, \varepsilon^2, \dots, \varepsilon^c)`, whose polytope
is simple; its bases (the *lexicographically feasible* bases) form the
connected graph of a simple polytope, every vertex of the original polytope is
the point of at least one of them, and a breadth-first search over them visits
them all (Avis and Fukuda 1992; von Stengel 2007, sec. 3.7).

No number is ever rounded. The tableau is kept in integers with the
determinant of the basis as common denominator (*integer pivoting*, Edmonds
1967): pivoting on :math:`t = T_{re}` maps every other row to
:math:`(T_{ik} t - T_{ie} T_{rk}) / \delta`, an exact division, where
:math:`\delta` is the previous pivot. Every label (:math:`x_i = 0`, constraint
:math:`j` tight) is then an integer compared with zero.

References
----------
D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and vertex
enumeration of arrangements and polyhedra", *Discrete Comput. Geom.* 8 (1992)
295-313.

J. Edmonds, "Systems of distinct representatives and linear algebra",
*J. Res. Nat. Bur. Standards* 71B (1967) 241-245.

B. von Stengel, "Equilibrium computation for two-player games in strategic and
extensive form", ch. 3 of *Algorithmic Game Theory*, Cambridge University
Press, 2007.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import SolverError

__all__ = ["RationalVertices", "integer_pivot", "integer_positive_matrix", "rational_vertices"]

IntMatrix = list[list[int]]


def integer_positive_matrix(payoffs: NDArray[np.object_]) -> IntMatrix:
    r"""A positive integer image :math:`\lambda (M - \min M) + 1` of rational payoffs, :math:`\lambda > 0`.

    :math:`\lambda` clears the denominators and divides out the common factor,
    so the entries are the smallest integers of this form. A positive affine
    map of one player's payoffs changes no best response, so the polytope has
    the same vertices up to scale, with the same labels, and the same
    normalised equilibria.
    """
    table: list[list[Fraction]] = payoffs.tolist()  # Fractions or ints: both have numerator, denominator
    denominator = lcm(*(v.denominator for row in table for v in row))
    scaled = [[v.numerator * (denominator // v.denominator) for v in row] for row in table]
    low = min(v for row in scaled for v in row)
    integers = [[v - low for v in row] for row in scaled]
    common = gcd(*(v for row in integers for v in row)) or 1
    return [[v // common + 1 for v in row] for row in integers]


def integer_pivot(rows: IntMatrix, r: int, e: int, previous: int) -> IntMatrix:
    r"""Integer pivoting on row ``r``, column ``e``: the new tableau, with common denominator ``rows[r][e]``.

    .. math:: T'_{ik} = (T_{ik} T_{re} - T_{ie} T_{rk}) / \delta \quad (i \ne r), \qquad T'_{rk} = T_{rk},

    with :math:`\delta` = ``previous``, the common denominator before the pivot
    (the division is exact). Rows are new lists; ``rows`` is not changed.
    """
    pivot_row = rows[r]
    pivot = pivot_row[e]
    result: IntMatrix = []
    for i, row in enumerate(rows):
        factor = row[e]
        if i == r:
            result.append(list(row))
        elif factor == 0:
            result.append(list(row) if pivot == previous else [v * pivot // previous for v in row])
        else:
            result.append([(v * pivot - factor * w) // previous for v, w in zip(row, pivot_row, strict=True)])
    return result


@dataclass(frozen=True, slots=True, eq=False)
class RationalVertices:
    r"""The vertices :math:`x \ne 0` of :math:`\{x \ge 0,\ M^\top x \le 1\}`, exactly.

    Attributes
    ----------
    keys
        Each vertex as reduced integers ``(numerators..., denominator)``, in the order found.
    zero
        ``zero[v, i]``: :math:`x_i = 0` exactly, shape ``(V, d)``.
    tight
        ``tight[v, j]``: :math:`(M^\top x)_j = 1` exactly, shape ``(V, c)``.
    bases
        The number of lexicographically feasible bases visited (including the origin's).
    """

    keys: tuple[tuple[int, ...], ...]
    zero: NDArray[np.bool_]
    tight: NDArray[np.bool_]
    bases: int

    @property
    def points(self) -> tuple[tuple[Fraction, ...], ...]:
        """Each vertex as Fractions."""
        return tuple(self.point(k) for k in range(len(self.keys)))

    def point(self, k: int) -> tuple[Fraction, ...]:
        """Vertex ``k`` as Fractions."""
        key = self.keys[k]
        return tuple(Fraction(v, key[-1]) for v in key[:-1])

    def strategy(self, k: int) -> list[Fraction]:
        """Vertex ``k`` normalised to sum one: a mixed strategy."""
        key = self.keys[k]
        total = sum(key[:-1])
        return [Fraction(v, total) for v in key[:-1]]

    @property
    def degenerate(self) -> bool:
        """Whether some vertex has more than ``d`` tight constraints."""
        counts = self.zero.sum(axis=1) + self.tight.sum(axis=1)
        return bool(np.any(counts > self.zero.shape[1]))

    def __len__(self) -> int:
        return len(self.keys)


class _Dictionary(NamedTuple):
    """A basis in dictionary form: ``rows[i]`` holds the non-basic columns then the rhs, over ``det``."""

    rows: IntMatrix
    basic: list[int]
    nonbasic: list[int]
    det: int


def _leaving_row(table: _Dictionary, q: int, slacks: range) -> int:
    """The lexicographic minimum-ratio row for the non-basic column ``q`` (the rhs is the last column).

    Ties on the rhs (degenerate vertices) are broken on the columns of :math:`B^{-1}`, the slacks'
    columns of the full tableau: a non-basic slack's column is in the dictionary, a basic one's is
    ``det`` in its row and zero elsewhere.
    """
    rows = table.rows
    kept = [r for r, row in enumerate(rows) if row[q] > 0]
    if not kept:  # pragma: no cover - the polytope is bounded
        raise SolverError("unbounded edge in a best-response polytope; the payoffs must be finite")
    column = -1
    for slack in (-1, *slacks):
        if len(kept) == 1:
            break
        if slack >= 0:
            if slack in table.nonbasic:
                column = table.nonbasic.index(slack)
            else:  # a unit column: the row where the slack is basic has det, the others zero
                unit = [r for r in kept if table.basic[r] == slack]
                kept = [r for r in kept if table.basic[r] != slack] or unit
                continue
        best = kept[0]
        best_num, best_den, tied = rows[best][column], rows[best][q], [best]
        for r in kept[1:]:
            num, den = rows[r][column], rows[r][q]
            left, right = num * best_den, best_num * den
            if left < right:
                best_num, best_den, tied = num, den, [r]
            elif left == right:
                tied.append(r)
        kept = tied
    return kept[0]


def _pivot(table: _Dictionary, r: int, q: int) -> _Dictionary:
    r"""Integer pivoting in dictionary form: the non-basic column ``q`` enters, the basic row ``r`` leaves.

    .. math:: T'_{ik} = (T_{ik} T_{rq} - T_{iq} T_{rk}) / \delta, \quad T'_{iq} = -T_{iq}
              \ (i \ne r), \qquad T'_{rk} = T_{rk}, \quad T'_{rq} = \delta,

    where the leaving variable takes column ``q`` and :math:`T_{rq}` becomes the common denominator.
    """
    rows, det = table.rows, table.det
    pivot_row = rows[r]
    pivot = pivot_row[q]
    result: IntMatrix = []
    for i, row in enumerate(rows):
        factor = row[q]
        if i == r:
            new = list(row)
            new[q] = det
        elif factor == 0:
            new = list(row) if pivot == det else [v * pivot // det for v in row]
        else:
            new = [(v * pivot - factor * w) // det for v, w in zip(row, pivot_row, strict=True)]
            new[q] = -factor
        result.append(new)
    leaving = table.basic[r]
    basic = [*table.basic[:r], table.nonbasic[q], *table.basic[r + 1 :]]
    nonbasic = [*table.nonbasic[:q], leaving, *table.nonbasic[q + 1 :]]
    return _Dictionary(result, basic, nonbasic, pivot)


def _vertex(table: _Dictionary, d: int) -> tuple[tuple[int, ...], tuple[bool, ...], tuple[bool, ...]]:
    """The basis's point as reduced integers ``(numerators..., denominator)`` and its exact labels."""
    c = len(table.rows)
    values = [0] * (d + c)
    for r, var in enumerate(table.basic):
        values[var] = table.rows[r][-1]
    common = gcd(table.det, *values[:d])
    key = (*(v // common for v in values[:d]), table.det // common)
    return key, tuple(v == 0 for v in values[:d]), tuple(v == 0 for v in values[d:])


def rational_vertices(matrix: IntMatrix, max_bases: int | None = None) -> RationalVertices:
    r"""All vertices :math:`x \ne 0` of :math:`\{x \ge 0,\ M^\top x \le 1\}`, by exact lexicographic pivoting.

    Parameters
    ----------
    matrix
        :math:`M`, ``d`` lists of ``c`` positive integers (see :func:`integer_positive_matrix`).
    max_bases
        Stop with :class:`~bargaining.errors.SolverError` (``status="max_bases"``)
        after visiting this many bases; ``None``: no limit.

    Returns
    -------
    RationalVertices
        Every vertex with its exact labels; complete by construction.
    """
    d, c = len(matrix), len(matrix[0])
    slacks = range(d, d + c)
    start = _Dictionary(
        [[matrix[i][j] for i in range(d)] + [1] for j in range(c)], list(slacks), list(range(d)), 1
    )
    queue: deque[_Dictionary] = deque([start])
    seen = {sum(1 << k for k in slacks)}  # bases as bitmasks of their basic variables
    found: dict[tuple[int, ...], tuple[tuple[bool, ...], tuple[bool, ...]]] = {}
    while queue:
        table = queue.popleft()
        key, zero, tight = _vertex(table, d)
        if not all(zero):
            found.setdefault(key, (zero, tight))
        mask = sum(1 << k for k in table.basic)
        for q, entering in enumerate(table.nonbasic):
            r = _leaving_row(table, q, slacks)
            neighbour = mask ^ (1 << table.basic[r]) | (1 << entering)
            if neighbour in seen:
                continue
            if max_bases is not None and len(seen) >= max_bases:
                raise SolverError(
                    f"exact vertex enumeration stopped after {max_bases} bases", status="max_bases"
                )
            seen.add(neighbour)
            queue.append(_pivot(table, r, q))
    keys = list(found)
    zero_mask = np.array([found[k][0] for k in keys], dtype=bool).reshape(len(keys), d)
    tight_mask = np.array([found[k][1] for k in keys], dtype=bool).reshape(len(keys), c)
    return RationalVertices(tuple(keys), zero_mask, tight_mask, len(seen))
