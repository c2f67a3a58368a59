"""The result of the double auction (:func:`bargaining.auction.linear_equilibrium`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from bargaining.table import format_table

__all__ = ["DoubleAuctionSolution", "LinearStrategy"]


@dataclass(frozen=True, slots=True)
class LinearStrategy:
    """A bid (or ask) linear in the type: ``slope * type + intercept``."""

    slope: float
    intercept: float

    def __call__(self, x: float) -> float:
        return self.slope * x + self.intercept

    def describe(self, variable: str) -> str:
        """E.g. ``"0.6667 v + 0.08333"``."""
        return f"{self.slope:.4g} {variable} + {self.intercept:.4g}"

    def to_dict(self) -> dict[str, float]:
        """``{"slope": ..., "intercept": ...}``."""
        return {"slope": self.slope, "intercept": self.intercept}


def _number(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


@dataclass(frozen=True, slots=True)
class DoubleAuctionSolution:
    r"""What the k-double auction predicts, and how it compares with the bounds.

    Attributes
    ----------
    party_names
        (buyer, seller).
    value_support, cost_support
        :math:`[v_l, v_h]`, :math:`[c_l, c_h]`.
    price_weight
        :math:`k`.
    exists
        Whether the linear equilibrium exists for these supports (see ``reason``).
    reason
        Why not, if it does not.
    bid, ask
        The equilibrium strategies :math:`b(v)` and :math:`s(c)` (``None`` without one).
    trade_intercept, trade_slope
        Trade happens iff :math:`v \ge \alpha + \beta c` (``trade_intercept`` :math:`\alpha`,
        ``trade_slope`` :math:`\beta`).
    trade_probability, gains_from_trade
        In the equilibrium: :math:`\Pr(\text{trade})` and :math:`E[(v - c)\,1\{\text{trade}\}]`.
    expected_price
        :math:`E[\text{price} \mid \text{trade}]` (``nan`` if trade never happens).
    expected_payoffs
        The buyer's :math:`E[(v - p) 1\{\cdot\}]` and the seller's :math:`E[(p - c) 1\{\cdot\}]`.
    first_best_gains, first_best_trade_probability
        Trade iff :math:`v \ge c` (ex-post efficiency).
    second_best_gains, second_best_threshold
        The most any incentive-compatible, individually rational mechanism can
        achieve (Myerson & Satterthwaite 1983): trade iff :math:`v - c \ge \delta^*`.
    """

    party_names: tuple[str, str]
    value_support: tuple[float, float]
    cost_support: tuple[float, float]
    price_weight: float
    exists: bool
    reason: str
    bid: LinearStrategy | None
    ask: LinearStrategy | None
    trade_intercept: float
    trade_slope: float
    trade_probability: float
    gains_from_trade: float
    expected_price: float
    expected_payoffs: tuple[float, float]
    first_best_gains: float
    first_best_trade_probability: float
    second_best_gains: float
    second_best_threshold: float

    @property
    def efficiency(self) -> float:
        """Equilibrium gains over first-best gains (``nan`` without gains to trade)."""
        if self.first_best_gains <= 0 or not self.exists:
            return math.nan
        return self.gains_from_trade / self.first_best_gains

    @property
    def loss_against_first_best(self) -> float:
        """First-best gains minus equilibrium gains."""
        return self.first_best_gains - self.gains_from_trade if self.exists else math.nan

    @property
    def loss_against_second_best(self) -> float:
        """Second-best (Myerson-Satterthwaite) gains minus equilibrium gains (0: the bound is met)."""
        return self.second_best_gains - self.gains_from_trade if self.exists else math.nan

    def to_dict(self) -> dict[str, Any]:
        """Plain floats, strings and lists (``None`` for what does not exist)."""
        return {
            "model": "double_auction",
            "parties": list(self.party_names),
            "value_support": list(self.value_support),
            "cost_support": list(self.cost_support),
            "price_weight": self.price_weight,
            "exists": self.exists,
            "reason": self.reason or None,
            "bid": None if self.bid is None else self.bid.to_dict(),
            "ask": None if self.ask is None else self.ask.to_dict(),
            "trade_condition": {
                "intercept": _number(self.trade_intercept),
                "slope": _number(self.trade_slope),
            },
            "trade_probability": _number(self.trade_probability),
            "gains_from_trade": _number(self.gains_from_trade),
            "expected_price": _number(self.expected_price),
            "expected_payoffs": [_number(x) for x in self.expected_payoffs],
            "first_best_gains": self.first_best_gains,
            "first_best_trade_probability": self.first_best_trade_probability,
            "second_best_gains": self.second_best_gains,
            "second_best_threshold": self.second_best_threshold,
            "efficiency": _number(self.efficiency),
            "loss_against_first_best": _number(self.loss_against_first_best),
            "loss_against_second_best": _number(self.loss_against_second_best),
        }

    def to_table(self) -> str:
        """A table for the terminal."""
        buyer, seller = self.party_names
        (vl, vh), (cl, ch) = self.value_support, self.cost_support
        rows: list[list[Any]] = [
            [f"{buyer}'s value v (buyer)", f"uniform on [{vl:.4g}, {vh:.4g}]"],
            [f"{seller}'s cost c (seller)", f"uniform on [{cl:.4g}, {ch:.4g}]"],
            ["price if b >= s", f"{self.price_weight:.4g} b + {1 - self.price_weight:.4g} s"],
        ]
        if self.bid is not None and self.ask is not None:
            rows += [
                [f"{buyer} bids", self.bid.describe("v")],
                [f"{seller} asks", self.ask.describe("c")],
                ["trade iff", f"v >= {self.trade_intercept:.4g} + {self.trade_slope:.4g} c"],
                ["probability of trade", self.trade_probability],
                ["expected gains from trade", self.gains_from_trade],
                ["expected price if trade", self.expected_price if self.trade_probability > 0 else "-"],
                [
                    f"expected payoffs of {buyer}, {seller}",
                    ", ".join(f"{x:.4g}" for x in self.expected_payoffs),
                ],
            ]
        else:
            rows.append(["linear equilibrium", f"none: {self.reason}"])
        rows += [
            ["first best (trade iff v >= c): gains", self.first_best_gains],
            ["second best (Myerson-Satterthwaite): gains", self.second_best_gains],
            ["second best: trade iff v - c >=", self.second_best_threshold],
        ]
        if self.exists:
            rows += [
                [
                    "efficiency (equilibrium / first best)",
                    self.efficiency if self.first_best_gains > 0 else "-",
                ],
                ["loss against the second best", self.loss_against_second_best],
            ]
        title = "The k-double auction (Chatterjee & Samuelson 1983), linear equilibrium"
        return format_table(["quantity", "value"], rows, title)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def __repr__(self) -> str:
        if not self.exists:
            return f"DoubleAuctionSolution(no linear equilibrium: {self.reason})"
        return (
            f"DoubleAuctionSolution(trade probability {self.trade_probability:.4g}, "
            f"gains {self.gains_from_trade:.4g} of {self.first_best_gains:.4g} first best, "
            f"{self.second_best_gains:.4g} second best)"
        )

    def to_frame(self) -> Any:
        """One row: the equilibrium, its trade, its efficiency (dotted columns), as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame([self.to_dict()])
