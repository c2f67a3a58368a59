r"""Absorbing Markov chains: when and where the talks end.

In the stationary equilibrium the parties agree at once in the agreement
states :math:`A` and fight on in the others, :math:`D`. With :math:`Q = P_{DD}`
and :math:`R = P_{DA}`, the fundamental matrix :math:`N = (I - Q)^{-1}` gives
the expected number of periods of fighting :math:`t = N \mathbf 1` and the
distribution of the state at agreement :math:`B = N R` (Kemeny & Snell 1960,
*Finite Markov Chains*, ch. III). Delay states from which :math:`A` cannot be
reached never agree; from a state that reaches them with positive probability
the expected delay is infinite.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Absorption", "absorption"]


@dataclass(frozen=True, slots=True)
class Absorption:
    """Where and when a chain stopped in the agreement states ends.

    Attributes
    ----------
    expected_delay
        (n,): expected periods of fighting before agreement from each state
        (0 in an agreement state, ``inf`` where agreement may never come).
    at_agreement
        (n, n): row :math:`s` is the distribution of the state at agreement
        from :math:`s` (it sums to the probability of ever agreeing).
    never
        (n,): the probability of never agreeing from each state.
    """

    expected_delay: np.ndarray
    at_agreement: np.ndarray
    never: np.ndarray


def _reaches(matrix: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Which states reach a ``targets`` state with positive probability."""
    reach = targets.copy()
    edges = matrix > 0
    while True:
        more = reach | (edges & reach[None, :]).any(axis=1)
        if (more == reach).all():
            return reach
        reach = more


def absorption(matrix: np.ndarray, agree: np.ndarray) -> Absorption:
    r"""Expected delay and the state at agreement, for agreement states ``agree``.

    Parameters
    ----------
    matrix
        :math:`P` (n, n), rows summing to one.
    agree
        (n,) booleans: where the parties agree at once.
    """
    n = len(agree)
    delay = np.zeros(n)
    at = np.zeros((n, n))
    at[agree, agree] = 1.0
    live = _reaches(matrix, agree) & ~agree
    dead = ~agree & ~live
    delay[dead] = np.inf
    idx = np.flatnonzero(live)
    if len(idx):
        q = matrix[np.ix_(idx, idx)]
        system = np.eye(len(idx)) - q
        both = np.linalg.solve(system, np.column_stack([matrix[np.ix_(idx, agree)], np.ones(len(idx))]))
        at[np.ix_(idx, np.flatnonzero(agree))] = both[:, :-1]
        delay[idx] = both[:, -1]
    never = np.clip(1.0 - at.sum(axis=1), 0.0, 1.0)
    never[never < 1e-12] = 0.0
    delay[never > 0] = np.inf
    return Absorption(delay, at, never)
