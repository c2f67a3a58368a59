r"""Zero-sum (and constant-sum) games by linear programming.

In a zero-sum game :math:`B = -A` (or constant-sum, :math:`A + B = c`, which
has the same best responses), the minimax theorem (von Neumann 1928) gives
the value :math:`v` and the optimal strategies as solutions of two linear
programmes:

.. math::

    v = \max_{x \in \Delta_m} \min_j (A^\top x)_j
      = \max \{ v : A^\top x \ge v \mathbf{1},\ \mathbf{1}^\top x = 1,\ x \ge 0 \},

    v = \min_{y \in \Delta_n} \max_i (A y)_i
      = \min \{ w : A y \le w \mathbf{1},\ \mathbf{1}^\top y = 1,\ y \ge 0 \}.

Every pair of optimal strategies is a Nash equilibrium and every equilibrium
is such a pair. The programmes are solved with HiGHS
(:func:`scipy.optimize.linprog`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import SolverError

__all__ = ["ZeroSumSolution", "solve_zero_sum"]


@dataclass(frozen=True, slots=True)
class ZeroSumSolution:
    """The value of a zero-sum game (to the row player) and a pair of optimal strategies."""

    value: float
    row_strategy: NDArray[np.float64]
    column_strategy: NDArray[np.float64]


def _maximin(payoffs: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
    """``max_x min_j (payoffs^T x)_j`` over the simplex, and a maximiser."""
    from scipy.optimize import linprog

    m, n = payoffs.shape
    objective = np.zeros(m + 1)
    objective[-1] = -1.0  # maximise v
    inequalities = np.concatenate([-payoffs.T, np.ones((n, 1))], axis=1)  # v - (A^T x)_j <= 0
    equality = np.concatenate([np.ones((1, m)), np.zeros((1, 1))], axis=1)
    bounds = [(0.0, None)] * m + [(None, None)]
    result = linprog(
        objective,
        A_ub=inequalities,
        b_ub=np.zeros(n),
        A_eq=equality,
        b_eq=[1.0],
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:
        raise SolverError(
            f"the linear programme of the zero-sum game failed: {result.message}", str(result.status)
        )
    strategy = np.clip(result.x[:m], 0.0, None)
    return float(result.x[-1]) + 0.0, strategy / strategy.sum()


def solve_zero_sum(payoff_a: NDArray[np.float64]) -> ZeroSumSolution:
    r"""The value and a pair of optimal strategies of the zero-sum game with row payoffs ``payoff_a``.

    Parameters
    ----------
    payoff_a
        The row player's payoffs :math:`A`; the column player's are :math:`-A`
        (up to a constant).

    Examples
    --------
    Matching pennies has value 0 and the uniform strategies as unique optimum:

    >>> solution = solve_zero_sum(np.array([[1.0, -1.0], [-1.0, 1.0]]))
    >>> round(solution.value, 12), solution.row_strategy.round(12).tolist()
    (0.0, [0.5, 0.5])
    """
    value, row = _maximin(payoff_a)
    negative_value, column = _maximin(-payoff_a.T)
    return ZeroSumSolution(value, row, column)
