r"""An exact simplex tableau in integers, with the lexicographic minimum ratio test.

For a system :math:`C z = \mathbf 1` with integer :math:`C` whose last columns
form the identity (the slack basis), the tableau of a basis :math:`\beta` is
:math:`T = C_\beta^{-1} [C \mid \mathbf 1]`. *Integer pivoting* keeps
:math:`D T` instead, with :math:`D = |\det C_\beta|`: every entry of
:math:`D T` is then an integer (a minor of :math:`[C \mid \mathbf 1]`, by
Cramer's rule), and pivoting on row :math:`r` and column :math:`c` is

.. math:: t'_{ij} = \frac{t_{ij} t_{rc} - t_{ic} t_{rj}}{D} \quad (i \ne r),
          \qquad t'_{rj} = t_{rj}, \qquad D' = t_{rc},

where the division is exact (Bareiss 1968; Edmonds 1967). Python integers
make this arithmetic exact whatever the size of the minors, with no
greatest-common-divisor reductions (which make :class:`fractions.Fraction`
slow).

The lexicographic minimum ratio test chooses, for the entering column
:math:`c`, among rows with :math:`t_{rc} > 0`, the row that minimises
:math:`(t_{r,\text{rhs}}, t_{r,s_1}, \dots, t_{r,s_d}) / t_{rc}`
lexicographically, where :math:`s_1..s_d` are the slack columns (they hold
:math:`D C_\beta^{-1}`). It is the ordinary ratio test on the perturbed
right-hand side :math:`\mathbf 1 + (\varepsilon, \dots, \varepsilon^d)`, which
is non-degenerate: the rows of :math:`C_\beta^{-1}` are linearly
independent, so two rows never tie and the choice is unique (von Stengel
2007, sec. 3.7). Here every comparison is made exactly, by cross
multiplication: :math:`a / b < a' / b'` iff :math:`a b' < a' b` for
:math:`b, b' > 0`.

References
----------
E. H. Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
elimination", *Mathematics of Computation* 22 (1968) 565-578.

B. von Stengel, "Equilibrium computation for two-player games in strategic and
extensive form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*,
Cambridge University Press, 2007.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import lcm

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import SolverError

__all__ = ["IntegerTableau", "integer_scaling"]


def integer_scaling(matrix: Sequence[Sequence[Fraction | int]]) -> tuple[NDArray[np.object_], int]:
    """``(k * matrix, k)`` with ``k`` the least common denominator: an object array of Python ints.

    Examples
    --------
    >>> scaled, k = integer_scaling([[Fraction(1, 2), 1], [Fraction(3, 2), Fraction(2, 3)]])
    >>> scaled.tolist(), k
    ([[3, 6], [9, 4]], 6)
    """
    values = [Fraction(v) for row in matrix for v in row]
    k = lcm(*(v.denominator for v in values)) if values else 1
    rows = [[int(Fraction(v) * k) for v in row] for row in matrix]
    scaled = np.empty((len(rows), len(rows[0]) if rows else 0), dtype=object)
    scaled[...] = rows
    return scaled, k


class IntegerTableau:
    r"""The tableau :math:`D \cdot C_\beta^{-1} [C \mid \mathbf 1]` of a basis, in Python integers.

    Parameters
    ----------
    coefficients
        The integer matrix :math:`C` (an object array of ints), one column per
        label; the columns ``slack_labels`` form the identity.
    slack_labels
        The labels of the initial basis, one per row.
    """

    def __init__(self, coefficients: NDArray[np.object_], slack_labels: list[int]) -> None:
        ones = np.full((coefficients.shape[0], 1), 1, dtype=object)
        self.table: NDArray[np.object_] = np.concatenate([coefficients.astype(object), ones], axis=1)
        self.determinant = 1
        self.basis = list(slack_labels)  # basis[row] = label of the basic variable
        self.slack = list(slack_labels)  # columns of the initial basis, for the lexicographic rule
        self.row_of = {label: row for row, label in enumerate(slack_labels)}  # basic label -> its row

    def leaving_row(self, column: int) -> int:
        """The unique row chosen by the lexicographic minimum ratio test for entering ``column``."""
        entries = self.table[:, column]
        candidates = [int(r) for r in np.flatnonzero(entries > 0)]
        if not candidates:
            raise SolverError(
                "Lemke-Howson found an unbounded direction; the best-response polytope is not bounded. "
                "This cannot happen for finite payoffs; please report the game."
            )
        for key in (self.table.shape[1] - 1, *self.slack):
            if len(candidates) == 1:
                break
            if key in self.row_of:  # a basic slack: its column is D e_r, every other ratio is 0
                candidates = [r for r in candidates if r != self.row_of[key]]
                continue
            candidates = self._minimisers(candidates, key, column)
        if len(candidates) != 1:  # pragma: no cover - the rows of a basis inverse are independent
            raise SolverError(f"the lexicographic ratio test left rows {candidates} tied; please report")
        return candidates[0]

    def _minimisers(self, candidates: list[int], key: int, column: int) -> list[int]:
        """The candidates ``r`` that minimise ``table[r, key] / table[r, column]`` (exactly)."""
        table = self.table
        best_num, best_den = table[candidates[0], key], table[candidates[0], column]
        for r in candidates[1:]:
            num, den = table[r, key], table[r, column]
            if num * best_den < best_num * den:
                best_num, best_den = num, den
        return [r for r in candidates if table[r, key] * best_den == best_num * table[r, column]]

    def pivot(self, row: int, column: int) -> int:
        """Pivot on ``(row, column)`` by integer pivoting; return the label of the leaving variable."""
        table = self.table
        pivot_element = table[row, column]
        pivot_row = table[row].copy()
        factors = table[:, column].copy()
        table *= pivot_element
        table -= np.outer(factors, pivot_row)
        table //= self.determinant  # exact: every entry is a minor of the original system
        table[row] = pivot_row
        self.determinant = pivot_element
        leaving = self.basis[row]
        self.basis[row] = column
        del self.row_of[leaving]
        self.row_of[column] = row
        return leaving

    def values(self, n_labels: int) -> list[Fraction]:
        """The value of the variable of every label (zero when non-basic), as Fractions."""
        values = [Fraction(0)] * n_labels
        for row, label in enumerate(self.basis):
            values[label] = Fraction(int(self.table[row, -1]), int(self.determinant))
        return values
