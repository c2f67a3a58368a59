r"""The Lemke-Howson algorithm with lexicographic pivoting.

With the best-response polytopes :math:`P = \{x \ge 0 : B^\top x + s = 1, s \ge 0\}`
and :math:`Q = \{y \ge 0 : r + A y = 1, r \ge 0\}` of a positive bimatrix game
(see :mod:`bargaining.equilibrium.polytope`), every label
:math:`k \in \{0..m+n-1\}` names one variable in each tableau: :math:`x_k`
and :math:`r_k` for :math:`k < m`, :math:`s_{k-m}` and :math:`y_{k-m}` for
:math:`k \ge m`. A label is present when its variable is non-basic in either
tableau. Starting from the artificial equilibrium :math:`(0, 0)`, the
algorithm *drops* label :math:`k_0` by entering its variable, then
alternates between the tableaux: whichever variable leaves one tableau, the
variable with the same label enters the other, until the leaving variable has
label :math:`k_0` (von Stengel 2007, Algorithm 3.6).

The leaving variable is chosen by the *lexicographic* minimum ratio test:
among rows :math:`r` with a positive entry :math:`t_r` in the entering column,
minimise :math:`(\beta_r, (B^{-1})_{r\cdot}) / t_r` lexicographically, where
:math:`\beta` is the right-hand side and :math:`B^{-1}` is read from the
columns of the initial (slack) basis. This is the simplex method on the
perturbed system :math:`1 + (\varepsilon, \dots, \varepsilon^k)`, which is
non-degenerate, so the path never revisits a basis and always ends at an
equilibrium, even in degenerate games (von Stengel 2007, sec. 3.7).

The same code runs in floating point (with tolerances) or, given object
arrays of :class:`fractions.Fraction`, in exact arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import SolverError

__all__ = ["LemkeHowsonPath", "lemke_howson_path"]

_PIVOT_TOL = 1e-12
_TIE_TOL = 1e-9


@dataclass(frozen=True, slots=True, eq=False)
class LemkeHowsonPath:
    """The end of a Lemke-Howson path.

    Attributes
    ----------
    x, y
        The end points in :math:`P` and :math:`Q` (not normalised).
    nonbasic_p, nonbasic_q
        The labels of the non-basic variables of each tableau at the end: a
        basis of the vertex (``nonbasic_p`` are :math:`P`'s tight constraints,
        in label numbering).
    pivots
        The number of pivots taken.
    """

    x: NDArray[Any]
    y: NDArray[Any]
    nonbasic_p: tuple[int, ...]
    nonbasic_q: tuple[int, ...]
    pivots: int


#: elements per BLAS call in the rank-one update; OpenBLAS runs smaller updates on one thread
_BLAS_BLOCK = 8192


def _rank_one_update(
    table: NDArray[np.float64], column: NDArray[np.float64], row: NDArray[np.float64]
) -> None:
    """``table -= outer(column, row)`` in place, with BLAS ``dger`` on blocks of columns.

    ``table`` is column-major, so each block of columns is contiguous and
    updated in place. Blocks are kept small because a multithreaded update
    of the whole tableau can stall for milliseconds on a busy machine, while
    one thread takes microseconds; numpy's ``outer`` and subtraction would
    make two passes and allocate the outer product.
    """
    from scipy.linalg.blas import dger

    step = max(1, _BLAS_BLOCK // max(1, table.shape[0]))
    for start in range(0, table.shape[1], step):
        block = table[:, start : start + step]
        updated = dger(-1.0, column, row[start : start + step], a=block, overwrite_a=True)
        if not np.shares_memory(updated, block):  # pragma: no cover - dger copies only non-Fortran blocks
            block[...] = updated


class _Tableau:
    """A simplex tableau ``[coefficients by label | rhs]`` with its basis."""

    def __init__(self, coefficients: NDArray[Any], slack_labels: list[int], exact: bool) -> None:
        ones = np.full((coefficients.shape[0], 1), 1, dtype=coefficients.dtype)
        self.table = np.concatenate([coefficients, ones], axis=1)
        self.original = self.table.copy()
        if not exact:  # column-major, so that BLAS updates it in place
            self.table = np.asfortranarray(self.table)
        self.basis = list(slack_labels)  # basis[row] = label of the basic variable
        self.slack = list(slack_labels)  # columns of the initial basis, for the lexicographic rule
        self.exact = exact

    def leaving_row(self, column: int) -> int:
        """The row chosen by the lexicographic minimum ratio test for entering ``column``."""
        entries = self.table[:, column]
        candidates = np.flatnonzero(entries > (0 if self.exact else _PIVOT_TOL))
        if len(candidates) == 0:
            raise SolverError(
                "Lemke-Howson found an unbounded direction; the best-response polytope is not bounded. "
                "This cannot happen for finite payoffs; please report the game."
            )
        keys = [self.table.shape[1] - 1, *self.slack]
        for key in keys:
            if len(candidates) == 1:
                break
            ratios = self.table[candidates, key] / entries[candidates]
            best = ratios.min()
            if self.exact:
                candidates = candidates[ratios == best]
            else:
                candidates = candidates[ratios <= best + _TIE_TOL * max(1.0, abs(float(best)))]
        return int(candidates[0])

    def pivot(self, row: int, column: int) -> int:
        """Pivot on ``(row, column)``; return the label of the leaving variable."""
        table = self.table
        pivot_row = table[row] / table[row, column]
        factors = table[:, column].copy()
        factors[row] = 0
        if self.exact or table.size <= _BLAS_BLOCK:  # small: numpy, and no import of scipy.linalg
            table -= np.outer(factors, pivot_row)
        else:
            _rank_one_update(table, factors, pivot_row)
        table[row] = pivot_row
        leaving = self.basis[row]
        self.basis[row] = column
        return leaving

    def refactor(self) -> None:
        r"""Recompute the tableau from the original system and the current basis (floating point only).

        The tableau is :math:`B^{-1} [C \mid 1]` for the basis columns :math:`B`
        of the original coefficients :math:`C`; solving for it afresh removes
        the rounding errors accumulated by rank-one updates on long paths.
        """
        if self.exact:
            return
        try:
            refreshed = np.linalg.solve(self.original[:, self.basis], self.original)
        except np.linalg.LinAlgError:  # pragma: no cover - a basis is non-singular
            return
        if np.all(np.isfinite(refreshed)):
            self.table = np.asfortranarray(refreshed)

    def values(self, n_labels: int) -> NDArray[Any]:
        """The value of the variable of every label (zero when non-basic)."""
        values = np.zeros(n_labels, dtype=self.table.dtype)
        for row, label in enumerate(self.basis):
            values[label] = self.table[row, -1]
        return values


def lemke_howson_path(
    payoff_a: NDArray[Any],
    payoff_b: NDArray[Any],
    dropped_label: int,
    max_pivots: int = 100_000,
    refactor_every: int | None = None,
) -> LemkeHowsonPath:
    r"""Follow the Lemke-Howson path that drops ``dropped_label``, from :math:`(0, 0)`.

    Parameters
    ----------
    payoff_a, payoff_b
        Positive payoff matrices :math:`A, B` (float, or object arrays of
        Fractions for exact arithmetic), shape ``(m, n)``.
    dropped_label
        The initially dropped label, :math:`0 \le k_0 < m + n`.
    max_pivots
        Give up after this many pivots. The lexicographic rule always
        terminates, but some paths are very long (their length varies from
        tens to many thousands of pivots between labels of the same random
        200x200 game).
    refactor_every
        In floating point, recompute the tableaux from the original data every
        this many pivots, so that rounding errors cannot accumulate on very
        long paths. Off by default: every end point is verified anyway (see
        :func:`bargaining.equilibrium.two_player.lemke_howson`), and on random
        games up to 200x200 the paths match QuantEcon's pivot for pivot.

    Raises
    ------
    SolverError
        If the path takes more than ``max_pivots`` pivots.
    """
    m, n = payoff_a.shape
    exact = payoff_a.dtype == object
    dtype = object if exact else np.float64
    # P tableau: columns by label: x_0..x_{m-1}, s_0..s_{n-1}; rows: B^T x + s = 1
    coeff_p = np.zeros((n, m + n), dtype=dtype)
    coeff_q = np.zeros((m, m + n), dtype=dtype)
    coeff_p[:, :m] = payoff_b.T
    coeff_q[:, m:] = payoff_a
    for j in range(n):
        coeff_p[j, m + j] = 1
    for i in range(m):
        coeff_q[i, i] = 1
    tableau_p = _Tableau(coeff_p, list(range(m, m + n)), exact)
    tableau_q = _Tableau(coeff_q, list(range(m)), exact)
    entering = dropped_label
    current = tableau_p if dropped_label < m else tableau_q
    for pivots in range(1, max_pivots + 1):
        if refactor_every and not exact and pivots % refactor_every == 0:
            tableau_p.refactor()
            tableau_q.refactor()
        row = current.leaving_row(entering)
        leaving = current.pivot(row, entering)
        if leaving == dropped_label:
            x = tableau_p.values(m + n)[:m]
            y = tableau_q.values(m + n)[m:]
            nonbasic_p = tuple(sorted(set(range(m + n)) - set(tableau_p.basis)))
            nonbasic_q = tuple(sorted(set(range(m + n)) - set(tableau_q.basis)))
            return LemkeHowsonPath(x, y, nonbasic_p, nonbasic_q, pivots)
        entering = leaving
        current = tableau_q if current is tableau_p else tableau_p
    raise SolverError(
        f"Lemke-Howson did not finish within {max_pivots} pivots from label {dropped_label}; "
        "try --method vertex (Python: method='vertex') for small games, or, from Python, other "
        "initial labels or a larger max_pivots",
        status="max_pivots",
    )
