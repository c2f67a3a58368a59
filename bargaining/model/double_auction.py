r"""The double auction (Chatterjee & Samuelson 1983) as a model with named parameters.

A buyer with a private value :math:`v \sim U[v_l, v_h]` and a seller with a
private cost :math:`c \sim U[c_l, c_h]` (independent) submit a bid :math:`b`
and an ask :math:`s` at once; they trade iff :math:`b \ge s`, at the price
:math:`k b + (1 - k) s` (the *k-double auction*; Chatterjee and Samuelson's
split-the-difference rule is :math:`k = 1/2`). :class:`DoubleAuction` holds
each number as a formula over the spec's parameters, is validated at
construction and never solves itself: :func:`bargaining.auction.solve_double_auction` does.

Examples
--------
>>> model = DoubleAuction(Trader("buyer", 0, 1), Trader("seller", 0, 1))
>>> model.arguments()["price_weight"]
0.5
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from bargaining.errors import SpecError
from bargaining.expressions.parse import Expression
from bargaining.model.parameters import Parameter, check_name
from bargaining.model.parametrized import (
    Formula,
    Parametrized,
    check_parameters,
    finite_value,
    formula,
    set_fields,
)

__all__ = ["DoubleAuction", "Trader"]


@dataclass(frozen=True, slots=True, init=False)
class Trader:
    """One side of the auction: its name and the uniform support of its private type.

    Parameters
    ----------
    name
        The party's name.
    low, high
        The support :math:`[low, high]` of the buyer's value or the seller's
        cost (formulas over the parameters), in units of the price.
    """

    name: str
    low: Expression
    high: Expression
    description: str

    def __init__(self, name: str, low: Formula, high: Formula, description: str = "") -> None:
        set_fields(
            self,
            name=check_name(name, "name"),
            low=formula(low, "low"),
            high=formula(high, "high"),
            description=description,
        )


@dataclass(frozen=True, slots=True, init=False)
class DoubleAuction(Parametrized):
    r"""A k-double auction between a buyer and a seller with private uniform types.

    Parameters
    ----------
    buyer
        The buyer: value :math:`v \sim U[v_l, v_h]`.
    seller
        The seller: cost :math:`c \sim U[c_l, c_h]`.
    price_weight
        :math:`k \in [0, 1]`: the price is :math:`k b + (1 - k) s`.
    parameters, name, description
        As in every spec.

    Raises
    ------
    SpecError
        At the JSON path (``buyer.value.high``, ``price_weight``, ...) for an
        empty or inverted support, a non-finite bound, :math:`k` outside
        :math:`[0, 1]`, or an undeclared name.
    """

    buyer: Trader
    seller: Trader
    price_weight: Expression
    parameters: tuple[Parameter, ...]
    name: str
    description: str

    spec_kind: ClassVar[str] = "double_auction"

    def __init__(
        self,
        buyer: Trader,
        seller: Trader,
        price_weight: Formula = 0.5,
        parameters: Sequence[Parameter] = (),
        name: str = "",
        description: str = "",
    ) -> None:
        for field, trader in (("buyer", buyer), ("seller", seller)):
            if not isinstance(trader, Trader):
                raise SpecError(field, f"expected a trader object, got {type(trader).__name__}")
        if buyer.name == seller.name:
            raise SpecError("seller.name", f"buyer and seller are both called {buyer.name!r}; rename one")
        checked = check_parameters(parameters)
        set_fields(
            self,
            buyer=buyer,
            seller=seller,
            price_weight=formula(price_weight, "price_weight"),
            parameters=checked,
            name=name,
            description=description,
        )
        self.arguments()  # validates every value

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"DoubleAuction({label}{self.summary()})"

    @property
    def party_names(self) -> tuple[str, str]:
        """(buyer, seller)."""
        return self.buyer.name, self.seller.name

    def summary(self) -> str:
        """One line: who buys from whom, the supports and k."""
        a = self.arguments()
        (vl, vh), (cl, ch) = a["value_support"], a["cost_support"]
        n = len(self.parameters)
        return (
            f"{self.buyer.name} (value U[{vl:g}, {vh:g}]) buys from {self.seller.name} "
            f"(cost U[{cl:g}, {ch:g}]), price weight k = {a['price_weight']:g}, "
            f"{n} parameter{'s' if n != 1 else ''}"
        )

    def arguments(self) -> dict[str, Any]:
        """The arguments of :func:`~bargaining.auction.linear_equilibrium` at the parameter values.

        Raises
        ------
        SpecError
            For a value outside its domain, at the path of its field.
        """
        values = self.parameter_values()
        k = finite_value(self.price_weight, values, "price_weight")
        if not 0 <= k <= 1:
            raise SpecError("price_weight", f"the price weight k must be in [0, 1], got {k:g}")
        return {
            "value_support": _support(self.buyer, values, "buyer.value"),
            "cost_support": _support(self.seller, values, "seller.cost"),
            "price_weight": k,
            "party_names": self.party_names,
        }


def _support(trader: Trader, values: Mapping[str, float], path: str) -> tuple[float, float]:
    low = finite_value(trader.low, values, f"{path}.low")
    high = finite_value(trader.high, values, f"{path}.high")
    if not low < high:
        what = "empty" if low == high else "inverted"
        raise SpecError(
            f"{path}.high",
            f"the support [{low:g}, {high:g}] is {what}: a uniform distribution needs high > low",
        )
    return low, high
