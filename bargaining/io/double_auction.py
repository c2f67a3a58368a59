"""JSON specs of kind ``double_auction``: the k-double auction (Chatterjee & Samuelson 1983).

Layout (every number may be a formula over the parameters; say in each
parameter's ``description`` whether it is an assumption or a public figure,
and give its ``source``)::

    {
      "format": "bargaining", "version": 1, "kind": "double_auction",
      "name": "...", "description": "...",
      "parameters": [{"name": "value_high", "value": 1, "description": "Assumption: ..."}],
      "buyer": {"name": "russia", "value": {"distribution": "uniform", "low": 0, "high": "value_high"}},
      "seller": {"name": "ukraine", "cost": {"distribution": "uniform", "low": 0, "high": 1}},
      "price_weight": 0.5
    }

The buyer's private ``value`` and the seller's private ``cost`` are uniform
on ``[low, high]`` (``"distribution"`` may be omitted; ``"uniform"`` is the
only one); ``price_weight`` is :math:`k` (default 1/2): the price is
:math:`k b + (1 - k) s` when the bid :math:`b` is at least the ask :math:`s`.
"""

from __future__ import annotations

from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, child_path
from bargaining.io.issue_space import formula, number_or_formula, read_parameters, write_parameters
from bargaining.model.double_auction import DoubleAuction, Trader

__all__ = ["from_dict", "to_dict"]

_TOP = ("format", "version", "kind", "name", "description", "parameters", "buyer", "seller", "price_weight")


def _trader(spec: Fields, role: str, type_key: str) -> Trader:
    item = spec.object(role)
    item.check_unknown(("name", type_key))
    support = item.object(type_key)
    support.check_unknown(("distribution", "low", "high"))
    support.choice("distribution", ("uniform",), "uniform")
    try:
        return Trader(
            item.name(),
            formula(support.raw("low"), support.at("low")),
            formula(support.raw("high"), support.at("high")),
            item.string("description", ""),
        )
    except SpecError as exc:
        if exc.path.startswith(item.path):
            raise
        inner = support.path if exc.path in ("low", "high") else item.path
        raise SpecError(child_path(inner, exc.path) if exc.path else inner, exc.message) from None


def from_dict(data: Any) -> DoubleAuction:
    """The :class:`~bargaining.model.double_auction.DoubleAuction` a parsed spec describes.

    Raises
    ------
    SpecError
        Naming the JSON path of the first invalid field (``seller.cost.high``
        for an empty or inverted support).
    """
    spec = Fields(data, "")
    parameters = read_parameters(spec)
    buyer = _trader(spec, "buyer", "value")
    seller = _trader(spec, "seller", "cost")
    price_weight = formula(spec.raw("price_weight", 0.5), spec.at("price_weight"))
    name = spec.string("name", "")
    description = spec.string("description", "")
    spec.check_unknown(_TOP)
    return DoubleAuction(
        buyer,
        seller,
        price_weight=price_weight,
        parameters=tuple(parameters),
        name=name,
        description=description,
    )


def to_dict(model: DoubleAuction) -> dict[str, Any]:
    """The spec of ``model`` (``from_dict(to_dict(m)) == m``)."""

    def trader(t: Trader, type_key: str) -> dict[str, Any]:
        support = {
            "distribution": "uniform",
            "low": number_or_formula(t.low),
            "high": number_or_formula(t.high),
        }
        entry: dict[str, Any] = {"name": t.name, type_key: support}
        if t.description:
            entry["description"] = t.description
        return entry

    out: dict[str, Any] = {"format": "bargaining", "version": 1, "kind": "double_auction"}
    if model.name:
        out["name"] = model.name
    if model.description:
        out["description"] = model.description
    out["parameters"] = write_parameters(model.parameters)
    out["buyer"] = trader(model.buyer, "value")
    out["seller"] = trader(model.seller, "cost")
    out["price_weight"] = number_or_formula(model.price_weight)
    return out
