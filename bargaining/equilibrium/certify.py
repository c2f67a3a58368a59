r"""Checking floating-point vertex enumeration: exact re-verification and near-tie detection.

Floating-point enumeration decides every label (:math:`x_i = 0`, column
:math:`j` tight) with a tolerance, on payoffs scaled to :math:`[1, 2]`. Two
things can then go wrong near ties: a pair that is completely labelled only
within the tolerance is not an equilibrium (its regret, in payoff units, is
up to the tolerance times the payoff spread), and vertices closer than the
tolerance merge, so equilibria go missing. This module guards against both.

* :func:`exact_pair_check`: for games with rational payoffs, each candidate
  vertex is recomputed from its basis in integer arithmetic (the
  :math:`|I| \times |I|` system :math:`M_{IJ}^\top x_I = 1` of its support
  :math:`I` and tight columns :math:`J`, by fraction-free elimination), its
  labels are recomputed exactly, and the pair is kept only if it is
  completely labelled exactly, that is, a Nash equilibrium with no tolerance.
* :func:`regret_check`: for floating-point payoffs, each candidate must have
  regret at most :data:`REGRET_TOL` times the player's payoff spread.
* :attr:`~bargaining.equilibrium.polytope.PolytopeVertices.near_tie`
  (computed with the vertices) says whether any label decision of the
  floating-point pass was made on a value within
  :data:`~bargaining.equilibrium.polytope.NEAR_TIE` of its threshold (but
  beyond :data:`~bargaining.equilibrium.polytope.ROUNDING`, the rounding
  error of a genuine tie); then merged or mislabelled vertices are possible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.bimatrix import Profile
from bargaining.equilibrium.polytope import ROUNDING, PolytopeVertices
from bargaining.equilibrium.rational_vertices import IntMatrix, integer_pivot, integer_positive_matrix
from bargaining.games.normal_form import NormalFormGame

__all__ = ["REGRET_TOL", "IntegerVertex", "exact_pair_check", "integer_vertex", "regret_check"]

#: largest regret accepted in floating point, relative to the player's payoff spread
REGRET_TOL = 1e-11


@dataclass(frozen=True, slots=True)
class IntegerVertex:
    r"""A vertex of :math:`\{x \ge 0,\ M^\top x \le 1\}` as integers over a positive common denominator.

    Attributes
    ----------
    numerators, denominator
        :math:`x_i` = ``numerators[i] / denominator``.
    zero, tight
        Exact labels: :math:`x_i = 0` and :math:`(M^\top x)_j = 1`.
    """

    numerators: tuple[int, ...]
    denominator: int
    zero: tuple[bool, ...]
    tight: tuple[bool, ...]

    def strategy(self) -> list[Fraction]:
        """The normalised mixed strategy :math:`x / 1^\\top x`, exactly."""
        total = sum(self.numerators)
        return [Fraction(v, total) for v in self.numerators]

    def rounded(self) -> NDArray[np.float64]:
        """The normalised mixed strategy, each probability correctly rounded to a float."""
        total = sum(self.numerators)
        return np.array([v / total for v in self.numerators])


def integer_vertex(matrix: IntMatrix, basis: Sequence[int]) -> IntegerVertex | None:
    r"""The point where the constraints ``basis`` are tight, exactly, if it is a feasible vertex.

    ``basis`` holds ``d`` constraint indices (``k < d``: :math:`x_k = 0`;
    ``k >= d``: column ``k - d`` tight). Returns ``None`` when they do not
    determine a unique point, or the point is infeasible or the origin.
    """
    d, c = len(matrix), len(matrix[0])
    zero_set = {k for k in basis if k < d}
    support = [i for i in range(d) if i not in zero_set]
    columns = sorted({k - d for k in basis if k >= d})
    if not support or len(columns) != len(support):
        return None
    rows = [[matrix[i][j] for i in support] + [1] for j in columns]
    previous, pivoted = 1, [-1] * len(support)
    free = set(range(len(rows)))
    for k in range(len(support)):
        r = next((r for r in free if rows[r][k] != 0), None)
        if r is None:
            return None
        rows = integer_pivot(rows, r, k, previous)
        previous, pivoted[k] = rows[r][k], r
        free.discard(r)
    sign = 1 if previous > 0 else -1
    numerators = [0] * d
    for k, i in enumerate(support):
        numerators[i] = sign * rows[pivoted[k]][-1]
    denominator = sign * previous
    if any(v < 0 for v in numerators):
        return None
    values = [sum(matrix[i][j] * numerators[i] for i in support) for j in range(c)]
    if any(v > denominator for v in values):
        return None
    return IntegerVertex(
        tuple(numerators),
        denominator,
        tuple(v == 0 for v in numerators),
        tuple(v == denominator for v in values),
    )


def exact_pair_check(
    game: NormalFormGame,
    poly_p: PolytopeVertices,
    poly_q: PolytopeVertices,
    pairs: Sequence[tuple[int, int]],
) -> list[tuple[IntegerVertex, IntegerVertex] | None]:
    """For each candidate pair of vertex indices, its exact vertices, or ``None`` if it is no equilibrium.

    Needs exact payoffs (:attr:`NormalFormGame.exact_payoff_array`). ``poly_q``'s
    bases are in Q's numbering (``k < n``: :math:`y_k = 0`; ``k >= n``: row ``k - n`` tight).
    """
    payoffs = game.exact_payoff_array
    if payoffs is None:
        raise ValueError("exact_pair_check needs a game with exact payoffs")
    m, n = game.num_strategies
    matrix_p, matrix_q = integer_positive_matrix(payoffs[1]), integer_positive_matrix(payoffs[0].T)
    cache_p: dict[int, IntegerVertex | None] = {}
    cache_q: dict[int, IntegerVertex | None] = {}
    checked: list[tuple[IntegerVertex, IntegerVertex] | None] = []
    for a, b in pairs:
        if a not in cache_p:
            cache_p[a] = integer_vertex(matrix_p, poly_p.bases[a].tolist())
        if b not in cache_q:
            cache_q[b] = integer_vertex(matrix_q, poly_q.bases[b].tolist())
        vx, vy = cache_p[a], cache_q[b]
        labelled = (
            vx is not None
            and vy is not None
            and all(vx.zero[i] or vy.tight[i] for i in range(m))
            and all(vx.tight[j] or vy.zero[j] for j in range(n))
        )
        checked.append((vx, vy) if labelled and vx and vy else None)
    return checked


def regret_check(game: NormalFormGame, profiles: Sequence[Profile]) -> list[bool]:
    r"""Whether each profile is a probability pair whose regret is at most :data:`REGRET_TOL` of the spread.

    .. math:: \max_i (A y)_i - x^\top A y \le 10^{-11} (\max A - \min A),

    and the same for the column player with :math:`B`.
    """
    payoff_a, payoff_b = game.payoff_matrices
    spread_a = max(float(np.ptp(payoff_a)), np.finfo(float).tiny)
    spread_b = max(float(np.ptp(payoff_b)), np.finfo(float).tiny)
    verdicts = []
    for x, y in profiles:
        valid = all(np.all(p >= -ROUNDING) and abs(float(p.sum()) - 1.0) <= ROUNDING for p in (x, y))
        rows, cols = payoff_a @ y, x @ payoff_b
        regret_a, regret_b = float(rows.max() - x @ rows), float(cols.max() - cols @ y)
        verdicts.append(
            bool(valid and regret_a <= REGRET_TOL * spread_a and regret_b <= REGRET_TOL * spread_b)
        )
    return verdicts
