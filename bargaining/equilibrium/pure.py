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
profiles are fine.

Examples
--------
>>> import numpy as np
>>> pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])   # prisoner's dilemma
>>> pure_equilibrium_profiles(pd)
array([[1, 1]])
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["pure_equilibrium_profiles"]


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
    payoffs = np.asarray(payoff_array)
    n = payoffs.shape[0]
    is_equilibrium = np.ones(payoffs.shape[1:], dtype=bool)
    for i in range(n):
        best = payoffs[i].max(axis=i, keepdims=True)
        is_equilibrium &= np.asarray(payoffs[i] >= best, dtype=bool)
    return np.argwhere(is_equilibrium)
