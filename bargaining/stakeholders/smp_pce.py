r"""KTAB's vote functions, coalitions, victory probabilities and probabilistic Condorcet elections.

``vote(rule, w, u_a, u_b)`` with :math:`\Delta = u_a - u_b` and
:math:`b = \mathrm{clip}(\Delta/10^{-8}, -1, 1)` (``Model::vote``): Binary
:math:`w b`; PropBin :math:`w(0.8\Delta + 0.2b)`; Prop :math:`w\Delta`; PropCbc
:math:`w(\Delta + \Delta^3)/2`; Cubic :math:`w\Delta^3`; ASymProsp :math:`w\Delta`
for a loss, :math:`\tfrac23 w\Delta` for a gain.

For options :math:`i > j`, the coalitions are :math:`C_{ij} = 10^{-8} + \sum_k
[v_k]^+`, :math:`C_{ji} = 10^{-8} + \sum_k [-v_k]^+` with :math:`v_k =
\mathrm{vote}(w_k, U_{ki}, U_{kj})`; the victory probability is
:math:`C_{ij}^p/(C_{ij}^p + C_{ji}^p)` (Linear, Square, Quartic, Octic: p = 1, 2,
4, 8) or the Binary threshold rule; the PCE distribution is Conditional
(:math:`\pi_i \propto \prod_j P_{ij}`, :math:`P_{ii} = 1/2`) or one of the two
Markov chains (kmodel.cpp:570-820).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["coalitions", "pce", "victory_probabilities", "vote"]

Array = NDArray[np.float64]


def vote(rule: str, w: Array | float, ua: Array, ub: Array) -> Array:
    """KTAB's vote of weight ``w`` between utilities ``ua`` and ``ub`` (broadcast)."""
    delta = ua - ub
    if rule == "Prop":
        return w * delta
    binary = np.clip(delta / 1e-8, -1.0, 1.0)
    if rule == "Binary":
        return w * binary
    if rule == "PropBin":
        return w * (0.8 * delta + 0.2 * binary)
    if rule == "PropCbc":
        return w * (0.5 * delta + 0.5 * delta**3)
    if rule == "Cubic":
        return w * delta**3
    return np.where(delta < 0, w * delta, np.where(delta > 0, (2.0 / 3.0) * w * delta, 0.0))


def coalitions(w: Array, u: Array, rule: str) -> Array:
    """:math:`C` (options x options) for voters of weights ``w`` and utilities ``u`` (voters x options)."""
    m = u.shape[1]
    v = vote(rule, w[:, None, None], u[:, :, None], u[:, None, :])  # [k, i, j]
    pos, neg = np.maximum(v, 0).sum(axis=0), np.maximum(-v, 0).sum(axis=0)
    lower = np.tril(np.ones((m, m), dtype=bool), -1)  # i > j
    c = np.where(lower, pos, neg.T) + 1e-8
    np.fill_diagonal(c, 1e-8)
    return c


def victory_probabilities(c: Array, model: str) -> Array:
    """:math:`P_{ij}` from the coalitions (``vProb``), for i > j and mirrored; :math:`P_{ii} = 1/2`."""
    a, b = np.tril(c, -1), np.tril(c.T, -1)
    lower = np.tril(np.ones(c.shape, dtype=bool), -1)
    if model == "Binary":
        r = np.divide(a, a + b, out=np.full(c.shape, 0.5), where=lower)
        first = np.where(a >= 1.1 * b, 1.0, np.where(b >= 1.1 * a, 1e-6, (2.1 * r - 1) / 0.1))
        second = np.where(a >= 1.1 * b, 1e-6, np.where(b >= 1.1 * a, 1.0, 1 - (2.1 * r - 1) / 0.1))
    else:
        k = {"Linear": 1, "Square": 2, "Quartic": 4, "Octic": 8}[model]
        first, second = a**k, b**k
    total = np.where(lower, first + second, 1.0)
    p_low, p_high = first / total, second / total
    p = np.where(lower, p_low, 0.0) + np.where(lower, p_high, 0.0).T
    np.fill_diagonal(p, 0.5)
    return p


def pce(w: Array, u: Array, rule: str, victory: str, model: str) -> Array:
    """The probabilistic Condorcet election over the options (columns of ``u``), as KTAB's ``scalarPCE``."""
    m = u.shape[1]
    c = coalitions(w, u, rule)
    p = victory_probabilities(c, victory)
    if model == "Conditional":
        pi = np.prod(p, axis=1)
        return pi / pi.sum()
    pi = np.full(m, 1.0 / m)
    if model == "MarkovIncentive":
        incentive = c * p
        incentive[np.diag_indices(m)] += 1e-10
        q = incentive / incentive.sum(axis=0, keepdims=True)
        limit = 1e-8
    else:
        q = np.full((m, m), 1.0 / m)
        limit = 1e-6
    for _ in range(100_000):
        if model == "MarkovIncentive":
            ct = pi[:, None] * q.T
            new = (p * (ct + ct.T)).sum(axis=1)
        else:
            new = (p * (pi[:, None] + pi[None, :])).sum(axis=1) / m
        change = float(np.max(np.abs(new - pi)))
        pi = (pi + new) / 2
        if change <= limit:
            break
    return pi
