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
(:func:`scipy.optimize.linprog`): :func:`solve_zero_sum` on a matrix,
:func:`zero_sum_equilibrium` on a game (with an exact recomputation).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.bimatrix import ExactProfile, Profile, require_two_players
from bargaining.equilibrium.exact import solve_exact
from bargaining.equilibrium.extreme import extreme_equilibria
from bargaining.equilibrium.polytope import hull_vertices
from bargaining.equilibrium.results import Equilibrium, EquilibriumSet
from bargaining.errors import InvalidGameError, SolverError
from bargaining.games.normal_form import NormalFormGame

__all__ = ["ZeroSumSolution", "solve_zero_sum", "zero_sum_equilibrium"]


@dataclass(frozen=True, slots=True, eq=False)
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


def zero_sum_equilibrium(game: NormalFormGame, exact: bool = False) -> EquilibriumSet:
    r"""The value and a pair of optimal strategies of a zero-sum (or constant-sum) game, by LP.

    See :mod:`bargaining.equilibrium.zero_sum`. With ``exact=True`` the
    optimal strategies are recomputed in rational arithmetic from the LP's
    supports and checked to guarantee the value exactly.

    Raises
    ------
    InvalidGameError
        If :math:`A + B` is not constant.

    Examples
    --------
    Rock-paper-scissors:

    >>> from bargaining.games.normal_form import NormalFormGame
    >>> rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    >>> game = NormalFormGame.from_arrays(rps, [[-v for v in row] for row in rps])
    >>> result = zero_sum_equilibrium(game, exact=True)
    >>> result[0].describe(0), result.notes[0]
    ('1/3 s0, 1/3 s1, 1/3 s2', 'value of the game to player_0: 0')
    """
    require_two_players(game, "zero-sum")
    payoff_a, _ = game.payoff_matrices
    scale = max(1.0, float(np.abs(game.payoff_array).max()))
    if not game.is_constant_sum(tol=1e-9 * scale):
        raise InvalidGameError(
            "method 'zero-sum' needs a zero-sum (or constant-sum) game, where A + B is the same for every "
            "profile; use --method vertex (Python: method='vertex') for general games"
        )
    solution = solve_zero_sum(payoff_a)
    profile: Profile = (solution.row_strategy, solution.column_strategy)
    value_text = f"{solution.value:.10g}"
    exact_profile: ExactProfile | None = None
    if exact:
        exact_profile, value = _exact_zero_sum(game, profile)
        profile = (
            np.array([float(v) for v in exact_profile[0]]),
            np.array([float(v) for v in exact_profile[1]]),
        )
        value_text = str(value)
    equilibrium = Equilibrium.from_profile(game, profile, exact=exact_profile)
    note = f"value of the game to {game.players[0]}: {value_text}"
    return EquilibriumSet(game, "zero-sum", (equilibrium,), exact=exact, complete=False, notes=(note,))


def _exact_zero_sum(game: NormalFormGame, profile: Profile) -> tuple[ExactProfile, Fraction]:
    """Exact optimal strategies from the LP's solution, or from exact vertex enumeration if that fails."""
    rational = game.rational_payoff_array()[0]
    m, n = game.num_strategies
    strategies: list[list[Fraction]] = []
    matrices = (rational, rational.T)
    for side, (sigma, own) in enumerate(zip(profile, matrices, strict=True)):
        opponent_values = sigma @ np.asarray(own, dtype=np.float64)  # payoff against each opponent strategy
        target = opponent_values.min() if side == 0 else opponent_values.max()
        scale = max(1.0, float(np.abs(opponent_values).max()))
        support = np.flatnonzero(sigma > 1e-9)
        tight = np.flatnonzero(np.abs(opponent_values - target) <= 1e-7 * scale)
        size = len(sigma)
        rows = [[Fraction(own[i, j]) for i in support] + [Fraction(-1)] for j in tight]
        rows.append([Fraction(1)] * len(support) + [Fraction(0)])
        solution = solve_exact(rows, [Fraction(0)] * len(tight) + [Fraction(1)])
        if solution is None:
            break
        full = [Fraction(0)] * size
        for i, value in zip(support, solution[:-1], strict=True):
            full[int(i)] = value
        strategies.append(full)
    if len(strategies) == 2 and all(v >= 0 for s in strategies for v in s):
        x, y = strategies
        guaranteed_row = min(sum((x[i] * rational[i, j] for i in range(m)), Fraction(0)) for j in range(n))
        guaranteed_col = max(sum((rational[i, j] * y[j] for j in range(n)), Fraction(0)) for i in range(m))
        if guaranteed_row == guaranteed_col:
            return (x, y), guaranteed_row
    first = extreme_equilibria(game, hull_vertices, "vertex", exact=True)[0]
    if first.exact_probabilities is None or first.exact_payoffs is None:  # pragma: no cover - exact mode
        raise SolverError("exact vertex enumeration returned an equilibrium without exact values")
    x_exact, y_exact = first.exact_probabilities
    return (list(x_exact), list(y_exact)), first.exact_payoffs[0]
