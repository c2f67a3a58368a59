r"""The linear equilibrium of the k-double auction, and the Myerson-Satterthwaite bound.

A buyer with value :math:`v \sim U[v_l, v_h]` bids :math:`b`, a seller with cost
:math:`c \sim U[c_l, c_h]` asks :math:`s`; they trade iff :math:`b \ge s`, at
:math:`p = k b + (1 - k) s`.

**Best responses.** Against asks uniform on :math:`[S_l, S_h]`, the buyer's
:math:`\int_{S_l}^{b} (v - k b - (1-k) s)\, ds` is concave in :math:`b`, with
first-order condition :math:`v - b - k (b - S_l) = 0`; against bids uniform on
:math:`[B_l, B_h]`, the seller's :math:`\int_s^{B_h} (k b + (1-k) s - c)\, db`
gives :math:`c - s + (1 - k)(B_h - s) = 0`. So

.. math:: b(v) = \frac{v + k S_l}{1 + k}, \qquad s(c) = \frac{c + (1 - k) B_h}{2 - k},

and consistency (:math:`B_h = b(v_h)`, :math:`S_l = s(c_l)`) gives

.. math:: B_h = \frac{(2 - k) v_h + k c_l}{2}, \qquad S_l = \frac{c_l + (1 - k) B_h}{2 - k}.

The first-order conditions hold for every type that trades only if no bid is
above the highest ask and no ask below the lowest bid: :math:`B_h \le c_h` and
:math:`S_l \ge v_l`. Where that fails the best responses are clipped, there is
no equilibrium of this linear form, and the result says so. On
:math:`[0, 1]^2` with :math:`k = 1/2`: :math:`b = \tfrac23 v + \tfrac1{12}`,
:math:`s = \tfrac23 c + \tfrac14`, trade iff :math:`v \ge c + \tfrac14`, expected
gains :math:`9/64` against :math:`1/6` at the first best (Chatterjee & Samuelson
1983); general :math:`k`: Satterthwaite & Williams (1989).

**The second best.** No incentive-compatible, individually rational mechanism
trades exactly when :math:`v \ge c` if the supports overlap (Myerson &
Satterthwaite 1983). Their second-best mechanism, with the largest expected
gains, trades iff :math:`v - \alpha\frac{1 - F(v)}{f(v)} \ge c + \alpha\frac{G(c)}{g(c)}`;
for uniform types, iff :math:`v - c \ge \delta`, with the least :math:`\delta \ge 0`
at which the expected virtual surplus

.. math:: \Phi(\delta) = \iint_{v - c \ge \delta} \big[(2v - v_h) - (2c - c_l)\big]\, dF(v)\, dG(c)

is non-negative (the worst types' rents, which must be :math:`\ge 0`);
:math:`\Phi` rises on :math:`[0, (v_h - c_l)/2]`, so :math:`\delta^*` is found by
bisection there. On :math:`[0, 1]^2`, :math:`\delta^* = 1/4`: the linear
equilibrium of the :math:`k = 1/2` auction attains the bound (Myerson &
Satterthwaite 1983).

Every expectation is an integral of a linear function over a polygon, done
exactly by :mod:`bargaining.auction.geometry`.

References
----------
Chatterjee, K. and Samuelson, W. (1983). Bargaining under incomplete
information. *Operations Research* 31(5), 835-851.
Myerson, R. B. and Satterthwaite, M. A. (1983). Efficient mechanisms for
bilateral trading. *Journal of Economic Theory* 29(2), 265-281.
Satterthwaite, M. A. and Williams, S. R. (1989). Bilateral trade with the
sealed bid k-double auction: existence and efficiency. *Journal of Economic
Theory* 48(1), 107-133.

Examples
--------
>>> s = linear_equilibrium((0, 1), (0, 1))
>>> round(s.gains_from_trade * 64, 9), round(s.first_best_gains * 6, 9)
(9.0, 1.0)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from bargaining.auction.geometry import region
from bargaining.auction.results import DoubleAuctionSolution, LinearStrategy
from bargaining.errors import InvalidGameError
from bargaining.model.double_auction import DoubleAuction

__all__ = ["linear_equilibrium", "second_best_threshold", "solve_double_auction"]

#: Slack, relative to the supports' scale, in the existence conditions.
TOL = 1e-12


def _pair(values: Sequence[float], name: str) -> tuple[float, float]:
    low, high = (float(x) for x in values)
    if not (math.isfinite(low) and math.isfinite(high)) or not low < high:
        raise InvalidGameError(f"{name} must be finite with low < high, got [{low:g}, {high:g}]")
    return low, high


def second_best_threshold(value_support: Sequence[float], cost_support: Sequence[float]) -> float:
    r""":math:`\delta^*`: the second-best mechanism trades iff :math:`v - c \ge \delta^*`.

    0 where the first best is incentive compatible (no overlap of the supports).
    """
    values, costs = _pair(value_support, "value_support"), _pair(cost_support, "cost_support")
    (_, vh), (cl, _) = values, costs

    def surplus(delta: float) -> float:  # Phi(delta), times the rectangle's area
        return region(values, costs, 1.0, -1.0, delta).integral(2.0, -2.0, cl - vh)

    if surplus(0.0) >= 0:
        return 0.0
    low, high = 0.0, (vh - cl) / 2
    for _ in range(200):
        mid = (low + high) / 2
        if surplus(mid) >= 0:
            high = mid
        else:
            low = mid
        if high - low <= 1e-15 * max(1.0, abs(vh - cl)):
            break
    return high


def linear_equilibrium(
    value_support: Sequence[float] = (0.0, 1.0),
    cost_support: Sequence[float] = (0.0, 1.0),
    price_weight: float = 0.5,
    party_names: Sequence[str] = ("buyer", "seller"),
) -> DoubleAuctionSolution:
    r"""The linear equilibrium of the k-double auction with uniform types, and its bounds.

    Parameters
    ----------
    value_support
        :math:`(v_l, v_h)`: the buyer's value is uniform on it.
    cost_support
        :math:`(c_l, c_h)`: the seller's cost is uniform on it.
    price_weight
        :math:`k \in [0, 1]`; the price is :math:`k b + (1 - k) s`.
    party_names
        (buyer, seller).

    Returns
    -------
    DoubleAuctionSolution
        With ``exists=False`` and the reason where the linear form is not an
        equilibrium (the first- and second-best numbers are given anyway).

    Raises
    ------
    InvalidGameError
        For an empty, inverted or infinite support, or :math:`k \notin [0, 1]`.
    """
    values, costs = _pair(value_support, "value_support"), _pair(cost_support, "cost_support")
    k = float(price_weight)
    if not 0 <= k <= 1:
        raise InvalidGameError(f"the price weight k must be in [0, 1], got {k:g}")
    (vl, vh), (cl, ch) = values, costs
    area = (vh - vl) * (ch - cl)
    top_bid = ((2 - k) * vh + k * cl) / 2  # B_h
    low_ask = (cl + (1 - k) * top_bid) / (2 - k)  # S_l
    bid = LinearStrategy(1 / (1 + k), k * low_ask / (1 + k))
    ask = LinearStrategy(1 / (2 - k), (1 - k) * top_bid / (2 - k))
    slack = TOL * max(1.0, abs(vl), abs(vh), abs(cl), abs(ch))
    reason = ""
    if top_bid > ch + slack:
        reason = (
            f"the top bid {top_bid:.4g} would exceed the top ask's support end {ch:.4g} (needs B_h <= c_h)"
        )
    elif low_ask < vl - slack:
        reason = f"the lowest ask {low_ask:.4g} would fall below the lowest value {vl:.4g} (needs S_l >= v_l)"
    # trade iff b(v) >= s(c): v >= alpha + beta c
    beta = (1 + k) / (2 - k)
    alpha = (1 + k) * (ask.intercept - bid.intercept)
    trade = region(values, costs, 1.0, -beta, alpha)
    first = region(values, costs, 1.0, -1.0, 0.0)
    delta = second_best_threshold(values, costs)
    second = region(values, costs, 1.0, -1.0, delta)
    # price = k (bid.slope v + bid.intercept) + (1 - k)(ask.slope c + ask.intercept)
    price = (k * bid.slope, (1 - k) * ask.slope, k * bid.intercept + (1 - k) * ask.intercept)
    exists = not reason
    paid = trade.integral(*price) / area
    nan = math.nan
    return DoubleAuctionSolution(
        party_names=(str(party_names[0]), str(party_names[1])),
        value_support=values,
        cost_support=costs,
        price_weight=k,
        exists=exists,
        reason=reason,
        bid=bid if exists else None,
        ask=ask if exists else None,
        trade_intercept=alpha if exists else nan,
        trade_slope=beta if exists else nan,
        trade_probability=trade.area / area if exists else nan,
        gains_from_trade=trade.integral(1.0, -1.0, 0.0) / area if exists else nan,
        expected_price=paid / (trade.area / area) if exists and trade.area > 0 else nan,
        expected_payoffs=(
            (trade.integral(1.0, 0.0, 0.0) / area - paid, paid - trade.integral(0.0, 1.0, 0.0) / area)
            if exists
            else (nan, nan)
        ),
        first_best_gains=first.integral(1.0, -1.0, 0.0) / area,
        first_best_trade_probability=first.area / area,
        second_best_gains=second.integral(1.0, -1.0, 0.0) / area,
        second_best_threshold=delta,
    )


def solve_double_auction(model: DoubleAuction, solution: str = "all") -> DoubleAuctionSolution:
    """The ``bargain solve`` handler of spec kind ``double_auction`` (``solution`` is ignored).

    :func:`linear_equilibrium` at the model's
    :meth:`~bargaining.model.double_auction.DoubleAuction.arguments`.
    """
    return linear_equilibrium(**model.arguments())
