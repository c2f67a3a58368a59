r"""Solve an :class:`~bargaining.model.alternating_offers.AlternatingOffers` spec model.

The model holds each number as a formula over its parameters and checks only
its domain; these functions evaluate it and apply the closed forms of
:mod:`bargaining.sequential.rubinstein`.

Examples
--------
>>> from bargaining.model.alternating_offers import AlternatingOffers, Bargainer
>>> game = AlternatingOffers([Bargainer("a", discount_factor=0.9), Bargainer("b", discount_factor=0.8)])
>>> [round(s, 4) for s in solve_alternating_offers(game).shares]
[0.7143, 0.2857]
"""

from __future__ import annotations

import dataclasses
from typing import Any

from bargaining.errors import SpecError, suggest
from bargaining.model.alternating_offers import AlternatingOffers
from bargaining.sequential.rubinstein import RubinsteinSolution, rubinstein_shares, rubinstein_solution

__all__ = ["alternating_offers_derivative", "alternating_offers_formula", "solve_alternating_offers"]


def solve_alternating_offers(
    model: AlternatingOffers, solution: str = "all", symbolic: bool = False
) -> RubinsteinSolution:
    """The subgame-perfect equilibrium of ``model`` (:func:`~bargaining.sequential.rubinstein_solution`).

    This is the ``bargain solve`` handler of spec kind ``rubinstein``
    (``solution`` is ignored).
    """
    result = rubinstein_solution(**model.arguments(), symbolic=symbolic)
    return dataclasses.replace(result, player_names=model.player_names)


def alternating_offers_formula(model: AlternatingOffers) -> tuple[Any, Any]:
    """The equilibrium shares as sympy expressions over the spec's parameters.

    The players' formulas are substituted into the closed forms of
    :func:`~bargaining.sequential.rubinstein_shares`, so the result can be
    differentiated with respect to any parameter (see
    :func:`alternating_offers_derivative`).
    """
    import sympy

    args = model.arguments()
    players = model.players
    period = model.period_length.sympy

    def sym(expr: Any) -> Any:
        return expr.sympy

    deltas = tuple(
        sym(p.discount_factor) if p.discount_rate is None else sympy.exp(-sym(p.discount_rate) * period)
        for p in players
    )
    floor = min(*args["breakdown_payoff"], *args["inside_option"]) < 0
    outside = None
    if args["outside_option"] is not None or floor:
        options = [0 if p.outside_option is None else sym(p.outside_option) for p in players]
        outside = tuple(sympy.Max(w, 0) if floor else w for w in options)
    return rubinstein_shares(
        deltas,
        first_proposer=model.first_proposer,
        breakdown_probability=sym(model.breakdown_probability),
        breakdown_payoff=tuple(sym(p.breakdown_payoff) for p in players),
        inside_option=tuple(sym(p.inside_option) for p in players),
        outside_option=outside,
        horizon=model.horizon,
        size=sym(model.size),
    )


def alternating_offers_derivative(model: AlternatingOffers, parameter: str) -> tuple[float, float]:
    """d(shares)/d(``parameter``) at the parameter values, from :func:`alternating_offers_formula`.

    Raises
    ------
    SpecError
        For an unknown parameter (with a suggestion).
    """
    import sympy

    values = model.parameter_values()
    if parameter not in values:
        hint = suggest(parameter, sorted(values))
        raise SpecError("parameters", f"unknown parameter {parameter!r}{hint}")
    symbols = {name: sympy.Symbol(name, real=True) for name in values}
    subs = {symbols[name]: value for name, value in values.items()}
    return tuple(  # type: ignore[return-value]
        float(sympy.diff(f, symbols[parameter]).subs(subs)) for f in alternating_offers_formula(model)
    )
