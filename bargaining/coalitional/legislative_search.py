r"""The tie structures of Baron-Ferejohn bargaining: for each, the equilibrium is a linear system.

A *tie structure* is an ordered partition of the non-veto parties into groups
of equal price, cheapest first. Given one, the stationary equilibrium's
prices solve a linear system and the mixing among tied parties a small
transportation LP (:func:`solve_structure`); the caller checks the candidate.
Eraslan (2002) shows the equilibrium payoffs are unique, so one structure
yields the equilibrium. The search tries :func:`consecutive_groupings` of a
price order first (cheap, and right when the order is), then every ordered
partition (:func:`ordered_partitions`; the Fubini numbers of them: 541 for 5
parties, 4683 for 6, 47293 for 7).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "consecutive_groupings",
    "ordered_partitions",
    "smooth_inclusion",
    "smoothed_orders",
    "solve_structure",
]


def ordered_partitions(items: list[int]) -> Iterator[list[list[int]]]:
    """Every ordered partition of ``items`` into non-empty groups (the weak orders), fewest ties first."""
    for blocks in range(len(items), 0, -1):
        yield from _with_blocks(items, blocks)


def _with_blocks(items: list[int], blocks: int) -> Iterator[list[list[int]]]:
    if blocks == 1:
        yield [list(items)]
        return
    for size in range(1, len(items) - blocks + 2):
        for first in itertools.combinations(items, size):
            rest = [x for x in items if x not in first]
            for tail in _with_blocks(rest, blocks - 1):
                yield [list(first), *tail]


def consecutive_groupings(order: list[int]) -> Iterator[list[list[int]]]:
    """Every split of ``order`` into consecutive groups, the most groups (fewest ties) first."""
    gaps = len(order) - 1
    for cuts in range(gaps, -1, -1):
        for chosen in itertools.combinations(range(gaps), cuts):
            bounds = [0, *(c + 1 for c in chosen), len(order)]
            yield [order[a:b] for a, b in itertools.pairwise(bounds)]


def solve_structure(
    free_groups: list[list[int]],
    p: NDArray[np.float64],
    delta: NDArray[np.float64],
    quota: int,
    veto: NDArray[np.bool_],
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
    r"""Solve the equilibrium for one tie structure: a linear system in the group prices.

    The parties of a group (cheapest groups first) are taken to share one price :math:`x_c` (so
    :math:`v_i = x_c / \delta_i`); proposer :math:`k` buys :math:`s_{kc}` votes from group :math:`c`
    (the cheapest groups first, veto players always). A proposer's cost :math:`\sum_c s_{kc} x_c` does
    not depend on how it mixes inside a group, and summing the value equations over a group gives
    :math:`\sum_{i \in c} (x_c/\delta_i - p_i (1 - C_i)) = x_c \sum_k p_k s_{kc}`: linear. The
    mixing is then any :math:`\pi` with the right group totals and marginals (a transportation LP).
    """
    from scipy.optimize import linprog

    n = len(p)
    groups = [[i] for i in range(n) if veto[i]] + free_groups
    m = len(groups)
    slots = np.zeros((n, m))  # s[k, c]: votes proposer k buys from group c
    for k in range(n):
        need = quota - 1 - sum(1 for j in range(n) if j != k and veto[j])
        for c, group in enumerate(groups):
            members = [j for j in group if j != k]
            if veto[group[0]]:
                slots[k, c] = len(members)
                continue
            take = min(len(members), max(need, 0))
            slots[k, c] = take
            need -= take
    # unknowns x_c; C_k = sum_c s[k, c] x_c
    a = np.zeros((m, m))
    for c, group in enumerate(groups):
        a[c, c] += sum(1.0 / delta[i] if delta[i] > 0 else 0.0 for i in group) - float(p @ slots[:, c])
        for i in group:
            a[c] += p[i] * slots[i]
    b = np.array([sum(p[i] for i in group) for group in groups])
    try:
        x = np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        return None
    if np.any(x < -1e-12) or np.any(np.diff(x[int(veto.sum()) :]) <= 0):
        return None
    v_new = np.zeros(n)
    for c, group in enumerate(groups):
        for i in group:
            v_new[i] = x[c] / delta[i] if delta[i] > 0 else p[i] * (1 - float(slots[i] @ x))
    cost = slots @ x
    # the mixing: pi[k, j] for j in k's groups, row sums s[k, c], bought probabilities a_j
    pi = np.zeros((n, n))
    for c, group in enumerate(groups):
        wanted = [(v_new[i] - p[i] * (1 - cost[i])) / x[c] if x[c] > 0 else 0.0 for i in group]
        cells = [(k, j) for k in range(n) for j in group if j != k]
        if not cells:
            continue
        rows_k = [k for k in range(n) if any(j != k for j in group)]
        a_eq = np.zeros((len(rows_k) + len(group), len(cells)))
        for col, (k, j) in enumerate(cells):
            a_eq[rows_k.index(k), col] = 1.0
            a_eq[len(rows_k) + group.index(j), col] = p[k]
        b_eq = np.array([slots[k, c] for k in rows_k] + wanted)
        res = linprog(
            np.zeros(len(cells)), A_eq=a_eq, b_eq=b_eq, bounds=[(0, 1)] * len(cells), method="highs"
        )
        if res.status != 0:
            return None
        for col, (k, j) in enumerate(cells):
            pi[k, j] = res.x[col]
    return v_new, pi


def smooth_inclusion(
    prices: NDArray[np.float64], quota: int, veto: NDArray[np.bool_], tau: float
) -> NDArray[np.float64]:
    r"""Entropy-smoothed purchases: proposer :math:`k` includes non-veto :math:`j` with probability
    :math:`\sigma((\lambda_k - x_j)/\tau)`, :math:`\lambda_k` set (by bisection) to buy the votes it needs.

    This is the best response to the prices when buying also pays :math:`\tau` times the binary
    entropy of each inclusion; as :math:`\tau \to 0` it tends to buying the cheapest votes.
    """
    from scipy.special import expit

    n = len(prices)
    allowed = ~np.eye(n, dtype=bool) & ~veto[None, :]
    need = quota - 1 - (veto.sum() - veto.astype(int))  # a veto proposer need not buy itself
    pi = np.where(~np.eye(n, dtype=bool) & veto[None, :], 1.0, 0.0)
    low = np.full(n, prices.min() - 50 * tau - 1.0)
    high = np.full(n, prices.max() + 50 * tau + 1.0)
    for _ in range(80):
        mid = 0.5 * (low + high)
        bought = np.where(allowed, expit((mid[:, None] - prices[None, :]) / tau), 0.0).sum(axis=1)
        low = np.where(bought < need, mid, low)
        high = np.where(bought < need, high, mid)
    lam = 0.5 * (low + high)
    smooth = np.where(allowed, expit((lam[:, None] - prices[None, :]) / tau), 0.0)
    out: NDArray[np.float64] = np.where(need[:, None] > 0, smooth, 0.0) + pi
    return out


def smoothed_orders(
    p: NDArray[np.float64], delta: NDArray[np.float64], quota: int, veto: NDArray[np.bool_]
) -> Iterator[list[int]]:
    """The non-veto parties in order of price at the smoothed equilibria, for a falling temperature.

    Each smoothed equilibrium (:func:`smooth_inclusion` in the value equations) is found by
    :func:`scipy.optimize.root`, started from the one before; as the temperature falls the prices tend
    to the equilibrium's, so a strict order of the equilibrium holds in the smoothed one once the
    temperature is small enough, and the equilibrium's tie structure is then a grouping of it.
    """
    from scipy.optimize import root

    def gap(v: NDArray[np.float64], tau: float) -> NDArray[np.float64]:
        prices = delta * v
        pi = smooth_inclusion(prices, quota, veto, tau)
        out: NDArray[np.float64] = v - (p * (1.0 - pi @ prices) + prices * (p @ pi))
        return out

    v = p.copy()
    free = [i for i in range(len(p)) if not veto[i]]
    for tau in (1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 1e-5, 1e-6, 1e-7):
        found = root(gap, v, args=(tau / len(p),), method="hybr")
        if not np.all(np.isfinite(found.x)):
            return
        v = found.x
        yield sorted(free, key=lambda i: delta[i] * v[i])
