r"""The incentive constraints that define the correlated equilibria of a game.

A *correlated equilibrium* (Aumann 1974) of an :math:`n`-player game is a
probability distribution :math:`p` over pure profiles :math:`s \in S = S_0
\times \dots \times S_{n-1}` such that no player gains by disobeying the
action :math:`p` recommends to it: for every player :math:`i` and every pair
of its strategies :math:`a \ne a'`,

.. math:: \sum_{s_{-i}} p(a, s_{-i}) \, [u_i(a, s_{-i}) - u_i(a', s_{-i})] \ \ge\ 0,
          \qquad p \ge 0, \qquad \sum_s p(s) = 1.

Read as a mediator's recommendation device (for a monitored ceasefire, say):
the mediator draws a profile from :math:`p` and tells each party only its own
recommended action; the constraint for :math:`(i, a, a')` says that party
:math:`i`, told :math:`a`, expects no more from :math:`a'`. The set of
correlated equilibria is the polytope these linear inequalities cut out of the
simplex; it contains every Nash equilibrium (as the product of its mixed
strategies).

Here the constraints are the matrix :math:`G` with one row per
:math:`(i, a, a')` and one column per profile (in C order of
``game.num_strategies``), so that the incentive constraints read :math:`G p
\ge 0`. :func:`correlated_constraints` builds it in floating point or in exact
rationals; :func:`incentive_slacks` and :func:`is_correlated_equilibrium`
check a distribution against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import InvalidGameError

if TYPE_CHECKING:
    from bargaining.games.normal_form import NormalFormGame

__all__ = [
    "IncentiveConstraints",
    "correlated_constraints",
    "exact_distribution_of",
    "incentive_slacks",
    "is_correlated_equilibrium",
]


@dataclass(frozen=True, slots=True, eq=False)
class IncentiveConstraints:
    r"""The incentive constraints :math:`G p \ge 0` of a game.

    Attributes
    ----------
    matrix
        :math:`G`, shape ``(rows, num_profiles)``: float, or an object array of
        :class:`~fractions.Fraction` when built with ``exact=True``.
    labels
        For each row, ``(player, recommended, deviation)`` as indices.
    shape
        ``game.num_strategies``: the distribution's shape before flattening.
    exact
        Whether :attr:`matrix` holds Fractions.
    """

    matrix: NDArray[Any]
    labels: tuple[tuple[int, int, int], ...]
    shape: tuple[int, ...]
    exact: bool

    def describe(self, row: int, game: NormalFormGame) -> str:
        """Row ``row`` in words: ``driver_1 told swerve does not prefer straight``."""
        player, recommended, deviation = self.labels[row]
        names = game.strategies[player]
        return f"{game.players[player]} told {names[recommended]} does not prefer {names[deviation]}"


def correlated_constraints(game: NormalFormGame, exact: bool = False) -> IncentiveConstraints:
    r"""The matrix :math:`G` of the incentive constraints :math:`G p \ge 0`.

    Row :math:`(i, a, a')` has, in the column of profile :math:`s`, the gain
    :math:`u_i(a, s_{-i}) - u_i(a', s_{-i})` if :math:`s_i = a` and 0
    otherwise.

    Parameters
    ----------
    game
        A :class:`~bargaining.games.NormalFormGame` with any number of players.
    exact
        Build :math:`G` from the game's rational payoffs
        (:meth:`~bargaining.games.NormalFormGame.rational_payoff_array`) as
        Fractions.

    Returns
    -------
    IncentiveConstraints
        One row per player and ordered pair of its distinct strategies; pass
        :attr:`~IncentiveConstraints.matrix` to an exact polyhedral tool (lrs,
        cddlib) to enumerate the vertices of larger games.
    """
    payoffs: NDArray[Any] = game.rational_payoff_array() if exact else game.payoff_array
    shape = game.num_strategies
    rows: list[NDArray[Any]] = []
    labels: list[tuple[int, int, int]] = []
    for i in range(game.num_players):
        table = payoffs[i]
        for a in range(shape[i]):
            for b in range(shape[i]):
                if a == b:
                    continue
                row: NDArray[Any] = (
                    np.full(shape, Fraction(0), dtype=object) if exact else np.zeros(shape, dtype=np.float64)
                )
                index: list[Any] = [slice(None)] * game.num_players
                index[i] = a
                row[tuple(index)] = np.take(table, a, axis=i) - np.take(table, b, axis=i)
                rows.append(row.ravel())
                labels.append((i, a, b))
    dtype: Any = object if exact else np.float64
    matrix = np.array(rows, dtype=dtype) if rows else np.zeros((0, game.num_profiles), dtype=dtype)
    matrix.flags.writeable = False
    return IncentiveConstraints(matrix, tuple(labels), shape, exact)


def exact_distribution_of(game: NormalFormGame, distribution: Any) -> tuple[Fraction, ...]:
    """``distribution`` (any nested sequence of numbers over profiles) flattened as Fractions.

    Floats are converted exactly (their binary value); checked to have the
    game's shape.
    """
    array = np.array(distribution, dtype=object)
    if array.shape != game.num_strategies:
        raise InvalidGameError(
            f"a distribution over profiles of this game has shape {game.num_strategies} "
            f"(one axis per player), got {array.shape}"
        )
    return tuple(Fraction(v) for v in array.ravel())


def incentive_slacks(constraints: IncentiveConstraints, distribution: Any) -> NDArray[Any]:
    r"""The left-hand sides :math:`G p`, one per incentive constraint.

    Exact (Fractions) when the constraints are exact and ``distribution``
    holds Fractions; a distribution is a correlated equilibrium when every
    slack is :math:`\ge 0` (and it is a probability distribution).
    """
    flat = np.asarray(distribution, dtype=object if constraints.exact else np.float64).ravel()
    if constraints.matrix.shape[0] == 0:
        return np.zeros(0, dtype=flat.dtype)
    slacks: NDArray[Any] = constraints.matrix.dot(flat)
    return slacks


def is_correlated_equilibrium(
    game: NormalFormGame, distribution: Any, tol: float = 1e-9, exact: bool = False
) -> bool:
    r"""Whether ``distribution`` (shape ``game.num_strategies``) is a correlated equilibrium.

    Checks :math:`p \ge 0`, :math:`\sum_s p(s) = 1` and :math:`G p \ge 0`.

    Parameters
    ----------
    game
        The game.
    distribution
        Probabilities over pure profiles, one axis per player.
    tol
        Float mode only: allowed violation of each constraint, in the units
        of the constraint (probability; payoff times probability).
    exact
        Check in rational arithmetic with the game's rational payoffs: floats
        in ``distribution`` are taken at their exact binary value, so pass
        Fractions for distributions such as 1/3; ``tol`` is then unused.
    """
    if exact:
        p = exact_distribution_of(game, distribution)
        constraints = correlated_constraints(game, exact=True)
        slacks = incentive_slacks(constraints, np.array(p, dtype=object))
        return min(p) >= 0 and sum(p, Fraction(0)) == 1 and all(v >= 0 for v in slacks)
    floats = np.asarray(distribution, dtype=np.float64)
    if floats.shape != game.num_strategies:
        raise InvalidGameError(
            f"a distribution over profiles of this game has shape {game.num_strategies}, got {floats.shape}"
        )
    slacks = incentive_slacks(correlated_constraints(game), floats)
    return bool(
        floats.min() >= -tol and abs(floats.sum() - 1.0) <= tol and (slacks.size == 0 or slacks.min() >= -tol)
    )
