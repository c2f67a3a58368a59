r"""Legislative bargaining (Baron and Ferejohn 1989): the stationary subgame-perfect equilibrium.

Each round nature recognises party :math:`k` with probability :math:`p_k`; it
proposes a division of a unit surplus, and the proposal passes if at least
:math:`q` parties (the proposer included) and every veto player (Winter 1996)
accept; otherwise the next round starts, payoffs discounted by
:math:`\delta_i`. In a stationary equilibrium (closed rule) party :math:`j`
accepts any offer of at least :math:`\delta_j v_j`, its discounted
continuation value, so proposer :math:`k` buys the :math:`q - 1` cheapest
votes it needs (every veto player's among them), mixing where prices tie,
and the values solve

.. math::

    v_i = p_i \Bigl(1 - \sum_j \pi_{ij}\, \delta_j v_j\Bigr)
          + \delta_i v_i \sum_{k \ne i} p_k\, \pi_{ki},

with :math:`\pi_{kj}` the probability that proposer :math:`k` includes
:math:`j`. Eraslan (2002) shows these payoffs are unique, so any solution
that passes the checks below is the equilibrium.

**Closed form.** With equal recognition :math:`1/n`, a common :math:`\delta`
and no veto player, :math:`v_i = 1/n` and the proposer keeps
:math:`1 - \delta (q - 1)/n`, offering :math:`\delta / n` to each of
:math:`q - 1` others; under majority rule (:math:`n` odd,
:math:`q = (n + 1)/2`) that is :math:`1 - \delta (n - 1)/(2n)` (Baron and
Ferejohn 1989, closed rule).

**Otherwise** the values are a fixed point. A short damped iteration (ties
broken evenly) answers when it settles. It often does not: buying the
cheapest votes jumps when two prices cross, so where the equilibrium mixes
between tied parties the iteration cycles around it (about one random
asymmetric game in fifteen with unequal discount factors). The equilibrium
is then found from its *tie structure* (:mod:`.legislative_search`): the
order of the prices with the groups of equal price, for which it is a
linear system in the group prices plus a transportation LP for the mixing.
The order comes from entropy-smoothed equilibria (each proposer's purchases
a logistic function of the prices) solved by ``scipy.optimize.root`` for a
falling temperature: their prices tend to the equilibrium's, so the
equilibrium's structure is one of the groupings of their order (at most
:data:`MAX_TIE_SEARCH` non-veto parties, :math:`2^{m-1}` groupings); if
none passes, every ordered partition is tried (at most
:data:`MAX_FULL_SEARCH` non-veto parties). A candidate is accepted only if
the equilibrium equations hold (residual below :math:`10^{-9}`) and every
proposer buys only the cheapest votes; otherwise the result says
``converged=False``.

Examples
--------
>>> eq = legislative_bargaining(["a", "b", "c"], discount_factor=0.9)
>>> round(eq.proposer_share[0], 4), eq.closed_form
(0.7, True)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence

import numpy as np
from numpy.typing import NDArray

from bargaining.coalitional.legislative_result import LegislativeEquilibrium
from bargaining.coalitional.legislative_search import (
    consecutive_groupings,
    ordered_partitions,
    smoothed_orders,
    solve_structure,
)
from bargaining.errors import SpecError

__all__ = ["LegislativeEquilibrium", "legislative_bargaining"]

_TIE = 1e-10
#: the most non-veto parties for which the groupings of the iteration's price order are searched (2**(n-1))
MAX_TIE_SEARCH = 10
#: the most non-veto parties for which every tie structure (ordered partition) is searched if those fail
MAX_FULL_SEARCH = 6


def _inclusion(prices: NDArray[np.float64], quota: int, veto: NDArray[np.bool_]) -> NDArray[np.float64]:
    """``pi[k, j]``: proposer ``k`` buys the cheapest votes, veto players first; ties share the last slots."""
    n = len(prices)
    pi = np.zeros((n, n))
    for k in range(n):
        others = [j for j in range(n) if j != k]
        required = [j for j in others if veto[j]]
        pi[k, required] = 1.0
        free = sorted((j for j in others if not veto[j]), key=lambda j: prices[j])
        need = quota - 1 - len(required)
        if need <= 0:
            continue
        cut = prices[free[need - 1]]
        below = [j for j in free if prices[j] < cut - _TIE * max(1.0, abs(cut))]
        tied = [j for j in free if abs(prices[j] - cut) <= _TIE * max(1.0, abs(cut))]
        pi[k, below] = 1.0
        pi[k, tied] = (need - len(below)) / len(tied)
    return pi


def _update(
    v: NDArray[np.float64], pi: NDArray[np.float64], p: NDArray[np.float64], delta: NDArray[np.float64]
) -> NDArray[np.float64]:
    prices = delta * v
    kept = 1.0 - pi @ prices
    bought = prices * (p @ pi)
    out: NDArray[np.float64] = p * kept + bought
    return out


def _check(
    players: Sequence[str],
    p: NDArray[np.float64],
    delta: NDArray[np.float64],
    quota: int,
    veto: NDArray[np.bool_],
) -> None:
    n = len(players)
    if n < 2:
        raise SpecError("players", f"legislative bargaining needs at least two parties, got {n}")
    if p.shape != (n,) or np.any(p < 0) or not math.isclose(float(p.sum()), 1.0, abs_tol=1e-9):
        raise SpecError("recognition", "expected one recognition probability per party, >= 0, summing to 1")
    if delta.shape != (n,) or np.any(delta < 0) or np.any(delta >= 1):
        raise SpecError("discount_factor", "the discount factor must be in [0, 1) (one, or one per party)")
    if not 1 <= quota <= n:
        raise SpecError(
            "quota", f"the quota (votes needed, the proposer's included) must be in [1, {n}], got {quota}"
        )


def _coalitions(
    players: Sequence[str], p: NDArray[np.float64], pi: NDArray[np.float64]
) -> dict[str, float] | None:
    out: dict[str, float] = {}
    for k in range(len(players)):
        sure = [j for j in range(len(players)) if pi[k, j] > 1 - 1e-9]
        tied = [j for j in range(len(players)) if 1e-9 < pi[k, j] < 1 - 1e-9]
        if tied and np.ptp(pi[k, tied]) > 1e-6:
            return None
        extra = round(float(pi[k, tied].sum())) if tied else 0
        if math.comb(len(tied), extra) > 10_000:
            return None
        combos = list(itertools.combinations(tied, extra))
        for combo in combos:
            members = sorted({k, *sure, *combo})
            name = "+".join(players[j] for j in members)
            out[name] = out.get(name, 0.0) + float(p[k]) / len(combos)
    return out


def legislative_bargaining(
    players: Sequence[str],
    recognition: Sequence[float] | None = None,
    discount_factor: float | Sequence[float] = 0.9,
    quota: int | None = None,
    veto: Sequence[str] = (),
    iterations: int = 100,
) -> LegislativeEquilibrium:
    r"""The stationary subgame-perfect equilibrium of Baron-Ferejohn bargaining over a unit surplus.

    Parameters
    ----------
    players
        The parties' names.
    recognition
        :math:`p_k` (default: equal).
    discount_factor
        :math:`\delta`, common or one per party, in :math:`[0, 1)`.
    quota
        :math:`q`: votes needed, the proposer's included (default: a simple majority).
    veto
        Parties whose vote every proposal needs (Winter 1996).
    iterations
        The most damped iterations of the fixed point.

    Raises
    ------
    SpecError
        For probabilities that are negative or do not sum to 1, a discount
        factor outside :math:`[0, 1)`, a quota outside :math:`[1, n]`, or an
        unknown veto player.
    """
    names = tuple(players)
    n = len(names)
    p = np.full(n, 1.0 / max(n, 1)) if recognition is None else np.asarray(recognition, dtype=float)
    delta = np.broadcast_to(np.asarray(discount_factor, dtype=float), (n,)).copy()
    q = n // 2 + 1 if quota is None else quota
    for party in veto:
        if party not in names:
            raise SpecError("veto", f"unknown party {party!r} (parties: {', '.join(names)})")
    is_veto = np.array([name in veto for name in names])
    _check(names, p, delta, q, is_veto)
    q = max(q, int(is_veto.sum()))
    symmetric = not veto and np.allclose(p, 1.0 / n) and np.allclose(delta, delta[0])
    if symmetric:
        v = np.full(n, 1.0 / n)
        pi = _inclusion(delta * v, q, is_veto)
        return _result(names, v, pi, p, delta, q, is_veto, True)
    return _fixed_point(names, p, delta, q, is_veto, iterations)


def _fixed_point(
    names: tuple[str, ...],
    p: NDArray[np.float64],
    delta: NDArray[np.float64],
    q: int,
    is_veto: NDArray[np.bool_],
    iterations: int,
) -> LegislativeEquilibrium:
    """A damped iteration; if it does not settle, the tie structures (smoothed orders first)."""
    n = len(names)
    v = p.copy()
    for _ in range(iterations):
        new = 0.5 * v + 0.5 * _update(v, _inclusion(delta * v, q, is_veto), p, delta)
        done = np.max(np.abs(new - v)) < 1e-15
        v = new
        if done:
            break
    best = _result(names, v, _inclusion(delta * v, q, is_veto), p, delta, q, is_veto, False)
    if best.converged:
        return best
    free = sorted((i for i in range(n) if not is_veto[i]), key=lambda i: delta[i] * v[i])
    searches: list[Iterator[list[list[int]]]] = []
    if len(free) <= MAX_TIE_SEARCH:
        orders = smoothed_orders(p, delta, q, is_veto)
        searches.append(itertools.chain.from_iterable(consecutive_groupings(o) for o in orders))
        searches.append(consecutive_groupings(free))
    if len(free) <= MAX_FULL_SEARCH:
        searches.append(ordered_partitions(sorted(free)))
    for groups in itertools.chain.from_iterable(searches):
        solved = solve_structure(groups, p, delta, q, is_veto)
        if solved is not None:
            candidate = _result(names, solved[0], solved[1], p, delta, q, is_veto, False)
            if candidate.converged:
                return candidate
    return best


def _buys_cheapest(
    prices: NDArray[np.float64], pi: NDArray[np.float64], quota: int, veto: NDArray[np.bool_]
) -> bool:
    """Whether every proposer buys only votes as cheap as the cheapest set it needs (tolerance 1e-8)."""
    n = len(prices)
    for k in range(n):
        free = [j for j in range(n) if j != k and not veto[j]]
        need = quota - 1 - sum(1 for j in range(n) if j != k and veto[j])
        if need <= 0 or not free:
            continue
        cut = sorted(prices[free])[need - 1]
        if any(pi[k, j] > 1e-6 and prices[j] > cut + 1e-8 for j in free):
            return False
        if abs(pi[k, free].sum() - need) > 1e-6:
            return False
    return True


def _result(
    names: tuple[str, ...],
    v: NDArray[np.float64],
    pi: NDArray[np.float64],
    p: NDArray[np.float64],
    delta: NDArray[np.float64],
    quota: int,
    veto: NDArray[np.bool_],
    closed_form: bool,
) -> LegislativeEquilibrium:
    prices = delta * v
    residual = float(np.max(np.abs(_update(v, pi, p, delta) - v)))
    optimal = _buys_cheapest(prices, pi, quota, veto)
    offers = tuple(
        tuple(0.0 if j == k else float(prices[j]) for j in range(len(names))) for k in range(len(names))
    )
    return LegislativeEquilibrium(
        names,
        tuple(float(x) for x in v),
        tuple(float(x) for x in 1.0 - pi @ prices),
        offers,
        tuple(tuple(float(x) for x in row) for row in pi),
        _coalitions(names, p, pi),
        closed_form,
        residual,
        residual < 1e-9 and optimal,
    )
