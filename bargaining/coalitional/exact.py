r"""Exact rational arithmetic for small games: linear systems, a simplex method, Kohlberg's criterion.

The nucleolus found by floating-point LPs is *confirmed* here: Kohlberg (1971)
showed that a pre-imputation :math:`x` is the prenucleolus iff for every
level :math:`t`, the coalitions with excess :math:`e(S, x) = v(S) - x(S) \ge t`
form a *balanced* collection (positive weights :math:`\lambda_S` with
:math:`\sum_S \lambda_S 1_S = 1_N`), and an imputation is the nucleolus iff
each such collection is balanced once the singletons :math:`\{i\}` with
:math:`x_i = v(\{i\})` may be added with weight :math:`\ge 0`. Each test is a
small linear programme, solved here by the simplex method in
:class:`fractions.Fraction` with Bland's rule (no cycling, no rounding).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

__all__ = ["balanced", "kohlberg_certifies", "maximise", "solve_unique"]


def solve_unique(rows: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> tuple[Fraction, ...] | None:
    """The unique solution of ``rows @ x = rhs`` in exact rationals, or ``None`` (none, or not unique)."""
    m = [list(r) + [b] for r, b in zip(rows, rhs, strict=True)]
    n = len(rows[0]) if rows else 0
    pivot_row = 0
    for col in range(n):
        found = next((r for r in range(pivot_row, len(m)) if m[r][col] != 0), None)
        if found is None:
            return None
        m[pivot_row], m[found] = m[found], m[pivot_row]
        p = m[pivot_row][col]
        m[pivot_row] = [a / p for a in m[pivot_row]]
        for r in range(len(m)):
            if r != pivot_row and m[r][col] != 0:
                f = m[r][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[pivot_row], strict=True)]
        pivot_row += 1
    if any(row[-1] != 0 for row in m[pivot_row:]):
        return None
    return tuple(m[i][-1] for i in range(n))


def _pivot(tableau: list[list[Fraction]], basis: list[int], row: int, col: int) -> None:
    p = tableau[row][col]
    tableau[row] = [a / p for a in tableau[row]]
    for r in range(len(tableau)):
        if r != row and tableau[r][col] != 0:
            f = tableau[r][col]
            tableau[r] = [a - f * b for a, b in zip(tableau[r], tableau[row], strict=True)]
    basis[row] = col


def _optimise(tableau: list[list[Fraction]], basis: list[int], allowed: int) -> None:
    """Maximise the objective in the last row (stored as reduced costs ``-c``), Bland's rule."""
    while True:
        objective = tableau[-1]
        col = next((j for j in range(allowed) if objective[j] < 0), None)
        if col is None:
            return
        best: tuple[Fraction, int] | None = None
        for r in range(len(tableau) - 1):
            a = tableau[r][col]
            if a > 0:
                ratio = tableau[r][-1] / a
                if best is None or ratio < best[0] or (ratio == best[0] and basis[r] < basis[best[1]]):
                    best = (ratio, r)
        if best is None:
            raise ArithmeticError("the linear programme is unbounded")
        _pivot(tableau, basis, best[1], col)


def maximise(
    a_eq: Sequence[Sequence[Fraction]], b_eq: Sequence[Fraction], c: Sequence[Fraction]
) -> Fraction | None:
    r""":math:`\max c^\top z` s.t. :math:`A z = b`, :math:`z \ge 0`; ``None`` if infeasible."""
    m, n = len(a_eq), len(c)
    # phase 1: artificials a_r, maximise -sum(a)
    tableau = [
        [*row, *(Fraction(int(r == k)) for k in range(m)), b]
        for r, (row, b) in enumerate(zip(a_eq, b_eq, strict=True))
    ]
    phase1 = [Fraction(0)] * (n + m + 1)
    for row in tableau:
        for j in range(n):
            phase1[j] -= row[j]
        phase1[-1] -= row[-1]
    tableau.append(phase1)
    basis = list(range(n, n + m))
    _optimise(tableau, basis, n)
    if tableau[-1][-1] != 0:
        return None
    for r, b in enumerate(basis):  # drive artificials out of the basis where possible
        if b >= n:
            col = next((j for j in range(n) if tableau[r][j] != 0), None)
            if col is not None:
                _pivot(tableau, basis, r, col)
    objective = [-Fraction(x) for x in c] + [Fraction(0)] * m + [Fraction(0)]
    for r, b in enumerate(basis):
        if b < n and objective[b] != 0:
            f = objective[b]
            objective = [a - f * t for a, t in zip(objective, tableau[r], strict=True)]
    tableau[-1] = objective
    _optimise(tableau, basis, n)
    return tableau[-1][-1]


def balanced(collection: Sequence[int], n: int, optional: Sequence[int] = ()) -> bool:
    r"""Whether positive weights on ``collection`` (and :math:`\ge 0` on ``optional``) sum to :math:`1_N`.

    Solves :math:`\max t` over :math:`\lambda_S = \mu_S + t`,
    :math:`\sum_S \lambda_S 1_S + \sum_T \nu_T 1_T = 1_N`, :math:`t \le 1`, all
    variables :math:`\ge 0`; balanced iff the maximum is positive.
    """
    sets = list(collection)
    extra = list(optional)
    columns = [*sets, *extra]
    rows: list[list[Fraction]] = []
    for i in range(n):
        row = [Fraction(m >> i & 1) for m in columns]
        t_coefficient = Fraction(sum(m >> i & 1 for m in sets))
        rows.append([*row, t_coefficient, Fraction(0)])
    rows.append([Fraction(0)] * len(columns) + [Fraction(1), Fraction(1)])
    rhs = [Fraction(1)] * (n + 1)
    c = [Fraction(0)] * len(columns) + [Fraction(1), Fraction(0)]
    best = maximise(rows, rhs, c)
    return best is not None and best > 0


def kohlberg_certifies(values: Sequence[Fraction], x: Sequence[Fraction], imputation: bool) -> bool:
    """Whether ``x`` is the nucleolus (``imputation``) or the prenucleolus of ``values``, exactly.

    Parameters
    ----------
    values
        :math:`v(S)` for every mask, as fractions.
    x
        The candidate, as fractions.
    imputation
        ``True`` for the nucleolus (over imputations), ``False`` for the prenucleolus.
    """
    n = len(x)
    grand = (1 << n) - 1
    if sum(x, Fraction(0)) != values[grand]:
        return False
    if imputation and any(x[i] < values[1 << i] for i in range(n)):
        return False
    sums = [Fraction(0)]
    for xi in x:
        sums = sums + [s + xi for s in sums]
    excess = {m: values[m] - sums[m] for m in range(1, grand)}
    floor = [1 << i for i in range(n) if x[i] == values[1 << i]] if imputation else []
    singletons = {1 << i for i in range(n)}
    for level in sorted(set(excess.values()), reverse=True):
        collection = [m for m, e in excess.items() if e >= level]
        if singletons <= set(collection):
            break  # this and every lower level hold every singleton: balanced (small weights elsewhere)
        if not balanced(collection, n, [m for m in floor if m not in collection]):
            return False
    return True
