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

Given object arrays of :class:`fractions.Fraction` (or ints) the path is
followed in exact arithmetic by integer pivoting
(:class:`~bargaining.equilibrium.integer_tableau.IntegerTableau`), where every
ratio comparison is exact and the guarantee holds. In floating point the
ratio test uses tolerances, which rounding errors can defeat on degenerate
games after some hundreds of pivots; the path then leaves the lexicographic
one. This is detected rather than trusted: a repeated pair of bases (hashed,
:class:`_BasisHistory`), or at the pivot limit a basis that is infeasible
when solved afresh, raises :class:`SolverError`, and
:mod:`.lemke_howson_ends` follows such a path again in exact arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.budget import Budget
from bargaining.equilibrium.integer_tableau import IntegerTableau, integer_scaling
from bargaining.errors import SolverError

__all__ = ["LemkeHowsonPath", "lemke_howson_path"]

_PIVOT_TOL = 1e-12
_TIE_TOL = 1e-9
#: basic variables are at most 1 (the payoffs are in [1, 2]); one below -1e-9 is a rounding failure
_FEASIBILITY_TOL = 1e-9


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
    """A floating-point simplex tableau ``[coefficients by label | rhs]`` with its basis."""

    def __init__(self, coefficients: NDArray[np.float64], slack_labels: list[int]) -> None:
        ones = np.ones((coefficients.shape[0], 1))
        self.original = np.concatenate([coefficients, ones], axis=1)
        self.table = np.asfortranarray(self.original)  # column-major, so that BLAS updates it in place
        self.basis = list(slack_labels)  # basis[row] = label of the basic variable
        self.slack = list(slack_labels)  # columns of the initial basis, for the lexicographic rule
        self.row_of = {label: row for row, label in enumerate(slack_labels)}  # basic label -> its row

    def leaving_row(self, column: int) -> int:
        """The row chosen by the lexicographic minimum ratio test for ``column``, with tolerances."""
        entries = self.table[:, column]
        candidates = np.flatnonzero(entries > _PIVOT_TOL)
        if len(candidates) == 0:
            raise SolverError(
                "Lemke-Howson found an unbounded direction in floating point; "
                "the path is followed again in exact arithmetic",
                status="unbounded",
            )
        keys = [self.table.shape[1] - 1, *self.slack]
        for key in keys:
            if len(candidates) == 1:
                break
            if key in self.row_of:  # a basic slack: its column is a unit vector, every other ratio is 0
                candidates = candidates[candidates != self.row_of[key]]
                continue
            ratios = self.table[candidates, key] / entries[candidates]
            best = ratios.min()
            candidates = candidates[ratios <= best + _TIE_TOL * max(1.0, abs(float(best)))]
        return int(candidates[0])

    def pivot(self, row: int, column: int) -> int:
        """Pivot on ``(row, column)``; return the label of the leaving variable."""
        table = self.table
        pivot_row = table[row] / table[row, column]
        factors = table[:, column].copy()
        factors[row] = 0
        if table.size <= _BLAS_BLOCK:  # small: numpy, and no import of scipy.linalg
            table -= np.outer(factors, pivot_row)
        else:
            _rank_one_update(table, factors, pivot_row)
        table[row] = pivot_row
        leaving = self.basis[row]
        self.basis[row] = column
        del self.row_of[leaving]
        self.row_of[column] = row
        return leaving

    def refactor(self) -> None:
        r"""Recompute the tableau from the original system and the current basis.

        The tableau is :math:`B^{-1} [C \mid 1]` for the basis columns :math:`B`
        of the original coefficients :math:`C`; solving for it afresh removes
        the rounding errors accumulated by rank-one updates on long paths.
        """
        try:
            refreshed = np.linalg.solve(self.original[:, self.basis], self.original)
        except np.linalg.LinAlgError:  # pragma: no cover - a basis is non-singular
            return
        if np.all(np.isfinite(refreshed)):
            self.table = np.asfortranarray(refreshed)

    def feasible(self) -> bool:
        """Whether the basis, solved afresh from the original system, is non-singular and feasible."""
        try:
            rhs = np.linalg.solve(self.original[:, self.basis], self.original[:, -1])
        except np.linalg.LinAlgError:
            return False
        return bool(np.all(rhs >= -_FEASIBILITY_TOL))

    def values(self, n_labels: int) -> NDArray[np.float64]:
        """The value of the variable of every label (zero when non-basic)."""
        values = np.zeros(n_labels)
        for row, label in enumerate(self.basis):
            values[label] = self.table[row, -1]
        return values


def _coefficients(
    payoff_a: NDArray[Any], payoff_b: NDArray[Any], exact: bool
) -> tuple[NDArray[Any], NDArray[Any], int, int]:
    r"""The systems :math:`B^\top x + s = 1` and :math:`r + A y = 1`, columns by label, and the scalings.

    In exact arithmetic :math:`A` and :math:`B` are first multiplied by their
    least common denominators :math:`k_A, k_B` (integer pivoting); the
    polytopes scale by :math:`1/k`, which changes neither the path nor its
    labels, and the end points are scaled back.
    """
    m, n = payoff_a.shape
    scale_a = scale_b = 1
    if exact:
        payoff_a, scale_a = integer_scaling(payoff_a.tolist())
        payoff_b, scale_b = integer_scaling(payoff_b.tolist())
    dtype = object if exact else np.float64
    coeff_p = np.zeros((n, m + n), dtype=dtype)
    coeff_q = np.zeros((m, m + n), dtype=dtype)
    coeff_p[:, :m] = payoff_b.T
    coeff_q[:, m:] = payoff_a
    for j in range(n):
        coeff_p[j, m + j] = 1
    for i in range(m):
        coeff_q[i, i] = 1
    return coeff_p, coeff_q, scale_a, scale_b


def lemke_howson_path(
    payoff_a: NDArray[Any],
    payoff_b: NDArray[Any],
    dropped_label: int,
    max_pivots: int = 100_000,
    refactor_every: int | None = None,
    budget: Budget | None = None,
) -> LemkeHowsonPath:
    r"""Follow the Lemke-Howson path that drops ``dropped_label``, from :math:`(0, 0)`.

    Parameters
    ----------
    payoff_a, payoff_b
        Positive payoff matrices :math:`A, B` (float, or object arrays of
        Fractions or ints for exact arithmetic: integer pivoting,
        :mod:`.integer_tableau`), shape ``(m, n)``.
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
        :mod:`.lemke_howson_ends`), and on random games up to 200x200 the
        paths match QuantEcon's pivot for pivot.
    budget
        A time budget, checked every 64 pivots; when it has run out,
        :class:`~bargaining.equilibrium.budget.TimeLimitReached` is raised.

    Raises
    ------
    SolverError
        With ``status="max_pivots"`` if the path takes more than
        ``max_pivots`` pivots. In floating point, errors that prove that
        rounding misdecided a ratio test: ``status="cycle"`` if a pair of
        bases repeats (the exact lexicographic rule never repeats one),
        ``"astray"`` if at the limit a basis, solved afresh, is infeasible,
        and ``"unbounded"`` if no row can leave.
    """
    m, n = payoff_a.shape
    exact = payoff_a.dtype == object
    coeff_p, coeff_q, scale_a, scale_b = _coefficients(payoff_a, payoff_b, exact)
    tableau_p: _Tableau | IntegerTableau
    tableau_q: _Tableau | IntegerTableau
    if exact:
        tableau_p = IntegerTableau(coeff_p, list(range(m, m + n)))
        tableau_q = IntegerTableau(coeff_q, list(range(m)))
    else:
        tableau_p, tableau_q = _Tableau(coeff_p, list(range(m, m + n))), _Tableau(coeff_q, list(range(m)))
    seen = _BasisHistory(m + n, tableau_p.basis, tableau_q.basis)
    entering = dropped_label
    current = tableau_p if dropped_label < m else tableau_q
    for pivots in range(1, max_pivots + 1):
        if budget is not None and pivots % 64 == 0:
            budget.check(f"the Lemke-Howson path from label {dropped_label}")
        if refactor_every and pivots % refactor_every == 0:
            for tableau in (tableau_p, tableau_q):
                if isinstance(tableau, _Tableau):
                    tableau.refactor()
        row = current.leaving_row(entering)
        leaving = current.pivot(row, entering)
        if leaving == dropped_label:
            x = np.asarray(tableau_p.values(m + n)[:m], dtype=object if exact else np.float64) * scale_b
            y = np.asarray(tableau_q.values(m + n)[m:], dtype=object if exact else np.float64) * scale_a
            nonbasic_p = tuple(sorted(set(range(m + n)) - set(tableau_p.basis)))
            nonbasic_q = tuple(sorted(set(range(m + n)) - set(tableau_q.basis)))
            return LemkeHowsonPath(x, y, nonbasic_p, nonbasic_q, pivots)
        seen.record(current is tableau_p, entering, leaving, pivots)
        if pivots == max_pivots and not exact:
            _check_feasible(tableau_p, tableau_q, pivots)
        entering = leaving
        current = tableau_q if current is tableau_p else tableau_p
    raise SolverError(
        f"Lemke-Howson did not finish within {max_pivots} pivots from label {dropped_label}; "
        "try --method vertex (Python: method='vertex') for small games, or, from Python, other "
        "initial labels or a larger max_pivots",
        status="max_pivots",
    )


def _check_feasible(
    tableau_p: _Tableau | IntegerTableau, tableau_q: _Tableau | IntegerTableau, pivots: int
) -> None:
    """Raise ``SolverError(status="astray")`` if floating point reached an infeasible or singular basis."""
    for tableau in (tableau_p, tableau_q):
        if isinstance(tableau, _Tableau) and not tableau.feasible():
            raise SolverError(
                f"after {pivots} pivots Lemke-Howson reached an infeasible basis: rounding errors "
                "misdecided a ratio test (the exact path visits feasible bases only)",
                status="astray",
            )


class _BasisHistory:
    """The pairs of bases visited, hashed (Zobrist): a repeat proves that floating point went astray.

    On the lexicographic path every pair of bases is a distinct vertex pair
    of the perturbed, non-degenerate polytopes, so a pair that repeats means
    some ratio test was decided wrongly; the path would then cycle forever.
    Each label has a random 64-bit key per tableau, and a pair's hash is the
    exclusive or of the keys of its basic labels, updated in O(1) per pivot.
    A hash collision (probability about :math:`p^2 / 2^{64}` after
    :math:`p` pivots) would only send the path to exact arithmetic.
    """

    def __init__(self, n_labels: int, basis_p: list[int], basis_q: list[int]) -> None:
        self.keys = _zobrist_keys(n_labels)
        self.state = 0
        for label in basis_p:
            self.state ^= self.keys[0][label]
        for label in basis_q:
            self.state ^= self.keys[1][label]
        self.seen = {self.state}

    def record(self, in_p: bool, entering: int, leaving: int, pivots: int) -> None:
        """Record a pivot (``entering`` replaced ``leaving`` in P's basis or Q's); raise on a repeat."""
        keys = self.keys[0 if in_p else 1]
        self.state ^= keys[entering] ^ keys[leaving]
        if self.state in self.seen:
            raise SolverError(
                f"Lemke-Howson returned to a pair of bases after {pivots} pivots: rounding errors "
                "misdecided a ratio test (the exact lexicographic rule never repeats a basis)",
                status="cycle",
            )
        self.seen.add(self.state)


@lru_cache(maxsize=32)
def _zobrist_keys(n_labels: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Random 64-bit keys for each label of the P and the Q tableau (fixed seed: reproducible)."""
    keys = np.random.default_rng(20260).integers(1, 2**63, size=(2, n_labels))
    return tuple(int(k) for k in keys[0]), tuple(int(k) for k in keys[1])
