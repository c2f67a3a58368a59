r"""All pure-strategy Nash equilibria of an :math:`n`-player game, vectorized.

A pure profile :math:`s = (s_0, \dots, s_{n-1})` is a Nash equilibrium when no
player gains by deviating alone:

.. math:: u_i(s_i, s_{-i}) \ge \max_{t \in S_i} u_i(t, s_{-i}) \quad \text{for every player } i.

With all payoffs in one array of shape ``(n, a_0, ..., a_{n-1})``, the
right-hand side for player :math:`i` is a maximum along axis :math:`i` of
``payoff_array[i]``; the test compares every profile at once. Only
comparisons are involved (the maximum is one of the payoffs), so the result is
exact for float payoffs too; exact rational payoffs are compared as
Fractions. Memory is one boolean per profile, so games with millions of
profiles are fine. The profiles are tested in blocks of player 0's strategies
(:func:`search_pure_profiles`), and a time budget is checked between blocks.

Examples
--------
>>> import numpy as np
>>> pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])   # prisoner's dilemma
>>> pure_equilibrium_profiles(pd)
array([[1, 1]])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from bargaining.equilibrium.budget import Budget

__all__ = ["PureSearch", "pure_equilibrium_profiles", "search_pure_profiles"]

#: about this many profiles are tested at once
BLOCK_PROFILES = 1 << 20


class PureSearch(NamedTuple):
    """What :func:`search_pure_profiles` found.

    Attributes
    ----------
    profiles
        The pure equilibria as strategy indices, shape ``(m, n)``, lexicographic.
    complete
        Whether every profile was tested (``False``: the time budget ran out).
    strategies_done
        How many of player 0's strategies were tested (all of them when ``complete``).
    """

    profiles: NDArray[np.intp]
    complete: bool
    strategies_done: int


def search_pure_profiles(
    payoff_array: NDArray[Any], budget: Budget | None = None, block_profiles: int = BLOCK_PROFILES
) -> PureSearch:
    """The pure Nash equilibria, tested in blocks of player 0's strategies.

    Player 0's best payoffs (a maximum over axis 0) are computed once; within
    a block of player 0's strategies the other players' best responses are
    maxima over their own axes, so each block's equilibria are final. When
    ``budget`` runs out between blocks, the equilibria of the blocks tested
    are returned with ``complete=False``.
    """
    payoffs = np.asarray(payoff_array)
    n, first = payoffs.shape[0], payoffs.shape[1]
    step = max(1, block_profiles // max(1, int(np.prod(payoffs.shape[2:]))))
    best_first = payoffs[0].max(axis=0, keepdims=True)
    found: list[NDArray[np.intp]] = []
    for start in range(0, first, step):
        if budget is not None and start > 0 and budget.expired():
            return PureSearch(_stacked(found, n), False, start)
        block = slice(start, start + step)
        is_equilibrium = np.asarray(payoffs[0][block] >= best_first, dtype=bool)
        for i in range(1, n):
            table = payoffs[i][block]
            is_equilibrium &= np.asarray(table >= table.max(axis=i, keepdims=True), dtype=bool)
        rows = np.argwhere(is_equilibrium)
        rows[:, 0] += start
        found.append(rows)
    return PureSearch(_stacked(found, n), True, first)


def _stacked(blocks: list[NDArray[np.intp]], n: int) -> NDArray[np.intp]:
    return np.concatenate(blocks) if blocks else np.zeros((0, n), dtype=np.intp)


def pure_equilibrium_profiles(payoff_array: NDArray[Any]) -> NDArray[np.intp]:
    """The pure Nash equilibria of the game with these payoffs.

    Parameters
    ----------
    payoff_array
        Payoffs of shape ``(n, a_0, ..., a_{n-1})``, floats or an object array
        of Fractions (then compared exactly).

    Returns
    -------
    numpy.ndarray
        An integer array of shape ``(m, n)``: row ``k`` is the ``k``-th pure
        equilibrium as strategy indices, in lexicographic order.
    """
    return search_pure_profiles(payoff_array).profiles
