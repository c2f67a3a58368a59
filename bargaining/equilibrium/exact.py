r"""Rational arithmetic for two-player equilibria: exact vertices, labels and checks.

A floating-point path (Lemke-Howson) ends at a vertex of a best-response
polytope together with a *basis*: :math:`d` tight constraints that determine
it. Here the vertex is recomputed from its basis with :class:`fractions.Fraction`
(Gauss-Jordan elimination, no rounding), its labels are recomputed exactly,
and a pair of vertices is accepted as an equilibrium only if it is completely
labelled in exact arithmetic. (Exact vertex *enumeration* is
:mod:`.rational_vertices`; exact checks of floating-point enumeration are in
:mod:`.certify`.) The payoffs used are the game's exact payoffs
(:meth:`~bargaining.games.NormalFormGame.rational_payoff_array`), mapped to
:math:`(M - \min M) / (\max M - \min M) + 1` exactly, as in
:func:`bargaining.equilibrium.polytope.positive_matrix`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

__all__ = ["ExactVertex", "exact_positive_matrix", "exact_vertex", "solve_exact"]

FractionMatrix = list[list[Fraction]]


def exact_positive_matrix(payoffs: NDArray[np.object_]) -> FractionMatrix:
    """The exact image of ``payoffs`` (Fractions) under the map of :func:`polytope.positive_matrix`."""
    table: list[list[Fraction]] = [[Fraction(v) for v in row] for row in payoffs.tolist()]
    values = [v for row in table for v in row]
    low, high = min(values), max(values)
    spread = high - low if high > low else Fraction(1)
    return [[(v - low) / spread + 1 for v in row] for row in table]


def solve_exact(rows: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> list[Fraction] | None:
    """The unique solution of ``rows @ x = rhs`` in Fractions, or ``None``.

    Gauss-Jordan elimination with exact pivots; an overdetermined system is
    accepted when consistent. Returns ``None`` when the system is
    inconsistent or its solution is not unique.
    """
    n_unknowns = len(rows[0]) if rows else 0
    augmented = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(rows, rhs, strict=True)]
    pivot_row = 0
    pivots: list[int] = []
    for col in range(n_unknowns):
        found = next((r for r in range(pivot_row, len(augmented)) if augmented[r][col] != 0), None)
        if found is None:
            return None
        augmented[pivot_row], augmented[found] = augmented[found], augmented[pivot_row]
        pivot = augmented[pivot_row]
        inverse = 1 / pivot[col]
        pivot[:] = [v * inverse for v in pivot]
        for r in range(len(augmented)):
            if r != pivot_row and augmented[r][col] != 0:
                factor = augmented[r][col]
                row = augmented[r]
                row[:] = [a - factor * b for a, b in zip(row, pivot, strict=True)]
        pivots.append(col)
        pivot_row += 1
    if any(augmented[r][-1] != 0 for r in range(pivot_row, len(augmented))):
        return None
    return [augmented[r][-1] for r in range(n_unknowns)]


@dataclass(frozen=True, slots=True)
class ExactVertex:
    r"""A vertex of :math:`\{x \ge 0,\ M^\top x \le 1\}` in rational arithmetic.

    Attributes
    ----------
    point
        The coordinates :math:`x` as Fractions.
    zero, tight
        Exact label masks: :math:`x_i = 0` and :math:`(M^\top x)_j = 1`.
    """

    point: tuple[Fraction, ...]
    zero: tuple[bool, ...]
    tight: tuple[bool, ...]

    def key(self) -> tuple[Fraction, ...]:
        """A hashable identity: the coordinates."""
        return self.point


def exact_vertex(matrix: FractionMatrix, constraints: Sequence[int]) -> ExactVertex | None:
    r"""The vertex where the constraints ``constraints`` are tight, checked for feasibility.

    Parameters
    ----------
    matrix
        :math:`M` as Fractions, ``d`` rows and ``c`` columns, positive.
    constraints
        Indices of constraints that hold with equality: ``k < d`` means
        :math:`x_k = 0`, ``k >= d`` means :math:`(M^\top x)_{k-d} = 1`. A basis
        (``d`` of them) or any consistent superset.

    Returns
    -------
    ExactVertex or None
        ``None`` if the constraints do not determine a unique point or the
        point violates :math:`x \ge 0` or :math:`M^\top x \le 1`.
    """
    d, c = len(matrix), len(matrix[0])
    zero_set = {k for k in constraints if k < d}
    support = [i for i in range(d) if i not in zero_set]
    if not support:
        return None
    tight_cols = sorted({k - d for k in constraints if k >= d})
    rows = [[matrix[i][j] for i in support] for j in tight_cols]
    solution = solve_exact(rows, [Fraction(1)] * len(rows)) if rows else None
    if solution is None:
        return None
    point = [Fraction(0)] * d
    for i, value in zip(support, solution, strict=True):
        point[i] = value
    if any(v < 0 for v in point):
        return None
    values = [sum((matrix[i][j] * point[i] for i in support), Fraction(0)) for j in range(c)]
    if any(v > 1 for v in values):
        return None
    return ExactVertex(tuple(point), tuple(v == 0 for v in point), tuple(v == 1 for v in values))
