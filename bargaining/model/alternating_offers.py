r"""Alternating-offers bargaining as a model with named parameters (spec kind ``rubinstein``).

:class:`AlternatingOffers` holds each number of :func:`~bargaining.sequential.rubinstein_solution`
as a formula over the spec's parameters, e.g. a discount factor derived from
the monthly cost of war::

    AlternatingOffers(
        players=[
            Bargainer("ukraine", discount_rate="ua_monthly_cost / stake"),
            Bargainer("russia", discount_rate="ru_monthly_cost / stake"),
        ],
        parameters=[Parameter("ua_monthly_cost", 0.03), ...],
    )

The model is validated at construction (every name declared, every value in
its domain, gains from trade), with errors at spec paths such as
``players[0].discount_factor``; the model never solves itself:
:func:`bargaining.sequential.solve_alternating_offers` returns the
:class:`~bargaining.sequential.RubinsteinSolution`.

Examples
--------
>>> game = AlternatingOffers([Bargainer("a", discount_factor=0.9), Bargainer("b", discount_factor=0.8)])
>>> game.arguments()["discount_factor"]
(0.9, 0.8)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from bargaining.errors import SpecError, suggest
from bargaining.expressions.parse import Expression
from bargaining.model.parameters import Parameter, check_name
from bargaining.model.parametrized import (
    Formula,
    Parametrized,
    check_pair,
    check_parameters,
    formula,
    set_fields,
    value_of,
)

#: The longest finite game solved: backward induction takes one step per offer (0.5 s at
#: this bound); with discount factors below 1 the shares reach the infinite game's long before.
MAX_HORIZON = 100_000
#: The longest finite game whose shares are written as formulas (sympy nests one level per offer).
MAX_FORMULA_HORIZON = 50


def horizon_error(horizon: int) -> str:
    """Why ``horizon`` is too long (``""`` if it is not)."""
    if horizon <= MAX_HORIZON:
        return ""
    return (
        f"{horizon:,} offers are more than the {MAX_HORIZON:,} solved by backward induction; "
        "with discount factors below 1 the finite game's shares are the infinite game's long before: "
        "drop the horizon"
    )


__all__ = ["AlternatingOffers", "Bargainer", "check_gains_from_trade"]

_TOL = 1e-12


@dataclass(frozen=True, slots=True, init=False)
class Bargainer:
    r"""One side of an alternating-offers negotiation.

    Parameters
    ----------
    name
        An identifier (``"ukraine"``).
    discount_factor
        :math:`\delta_i \in (0, 1)` per period; give this or ``discount_rate``.
    discount_rate
        :math:`r_i \ge 0` per unit of time; :math:`\delta_i = e^{-r_i\Delta}`
        with the game's ``period_length`` :math:`\Delta`.
    breakdown_payoff
        :math:`b_i`, the payoff if talks break down.
    inside_option
        :math:`g_i`, the present value of the payoffs while disagreeing.
    outside_option
        :math:`w_i`, what the player can take instead of answering an offer;
        ``None`` for none.
    description
        Who the player is, and where its numbers come from.

    Every number may be a formula over the model's parameters.
    """

    name: str
    discount_factor: Expression | None
    discount_rate: Expression | None
    breakdown_payoff: Expression
    inside_option: Expression
    outside_option: Expression | None
    description: str

    def __init__(
        self,
        name: str,
        discount_factor: Formula | None = None,
        discount_rate: Formula | None = None,
        breakdown_payoff: Formula = 0.0,
        inside_option: Formula = 0.0,
        outside_option: Formula | None = None,
        description: str = "",
    ) -> None:
        name = check_name(name, "name")
        if (discount_factor is None) == (discount_rate is None):
            raise SpecError(
                "discount_factor",
                f"give player {name!r} either a discount_factor (per period) or a discount_rate "
                "(per unit of time), not both and not neither",
            )
        set_fields(
            self,
            name=name,
            discount_factor=_optional(discount_factor, "discount_factor"),
            discount_rate=_optional(discount_rate, "discount_rate"),
            breakdown_payoff=formula(breakdown_payoff, "breakdown_payoff"),
            inside_option=formula(inside_option, "inside_option"),
            outside_option=_optional(outside_option, "outside_option"),
            description=description,
        )


def _optional(value: Formula | None, path: str) -> Expression | None:
    return None if value is None else formula(value, path)


@dataclass(frozen=True, slots=True, init=False)
class AlternatingOffers(Parametrized):
    r"""Two players alternate offers over a surplus (Rubinstein 1982, with extensions).

    Parameters
    ----------
    players
        Two :class:`Bargainer`; player 0 is the first in the list.
    first_proposer
        The index (0 or 1) of the player who makes the first offer.
    breakdown_probability
        :math:`q \in [0, 1]`, the chance that talks break down after a rejection.
    period_length
        :math:`\Delta > 0`, the time between offers (used with discount rates).
    horizon
        The number of offers before talks end for good; ``None`` for no deadline.
    size
        The size :math:`\pi > 0` of the surplus.
    parameters
        Named numbers the formulas use.
    name, description
        For tables and reports.

    Raises
    ------
    SpecError
        With the JSON path of the field, for an unknown name, a discount factor
        outside :math:`(0, 1)`, a probability outside :math:`[0, 1]`, a bad
        horizon, or no gains from trade.
    """

    players: tuple[Bargainer, Bargainer]
    first_proposer: int
    breakdown_probability: Expression
    period_length: Expression
    horizon: int | None
    size: Expression
    parameters: tuple[Parameter, ...]
    name: str
    description: str

    spec_kind: ClassVar[str] = "rubinstein"

    def __init__(
        self,
        players: Sequence[Bargainer],
        first_proposer: int = 0,
        breakdown_probability: Formula = 0.0,
        period_length: Formula = 1.0,
        horizon: int | None = None,
        size: Formula = 1.0,
        parameters: Sequence[Parameter] = (),
        name: str = "",
        description: str = "",
    ) -> None:
        pair = check_pair(players, Bargainer, "players", "alternating offers")
        checked = check_parameters(parameters)
        if isinstance(first_proposer, bool) or first_proposer not in (0, 1):
            raise SpecError("first_proposer", f"expected player 0 or 1, got {first_proposer!r}")
        q = formula(breakdown_probability, "breakdown_probability")
        length, pi = formula(period_length, "period_length"), formula(size, "size")
        if horizon is not None and (isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < 1):
            raise SpecError("horizon", f"expected a positive whole number of offers, got {horizon!r}")
        if horizon is not None and horizon_error(horizon):
            raise SpecError("horizon", horizon_error(horizon))
        set_fields(
            self,
            players=pair,
            first_proposer=first_proposer,
            breakdown_probability=q,
            period_length=length,
            horizon=horizon,
            size=pi,
            parameters=checked,
            name=name,
            description=description,
        )
        check_gains_from_trade(self.arguments())  # validates every value

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"AlternatingOffers({label}{self.summary()})"

    # ------------------------------------------------------------------ the protocol

    def summary(self) -> str:
        """One line: the players, the deadline and the parameters."""
        a, b = (p.name for p in self.players)
        deadline = "no deadline" if self.horizon is None else f"{self.horizon} offers"
        n = len(self.parameters)
        return f"{a} and {b} alternate offers, {deadline}, {n} parameter{'s' if n != 1 else ''}"

    @property
    def player_names(self) -> tuple[str, str]:
        """The players' names, in order."""
        return self.players[0].name, self.players[1].name

    def player_index(self, name: str) -> int:
        """The index of the player called ``name``."""
        names = list(self.player_names)
        if name not in names:
            raise SpecError("first_proposer", f"unknown player {name!r}{suggest(name, names)}")
        return names.index(name)

    # ------------------------------------------------------------------ numbers

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments of :func:`rubinstein_solution` at the parameter values.

        Raises
        ------
        SpecError
            For a value outside its domain, at the path of its field.
        """
        values = self.parameter_values()
        size = value_of(self.size, values, "size")
        if size <= 0:
            raise SpecError("size", f"the size of the surplus must be positive, got {size:g}")
        q = value_of(self.breakdown_probability, values, "breakdown_probability")
        if not 0 <= q <= 1:
            raise SpecError("breakdown_probability", f"a probability must be in [0, 1], got {q:g}")
        delta = [self._discount_factor(i, values, q) for i in (0, 1)]
        players = self.players
        pairs = {
            attr: tuple(
                value_of(getattr(p, attr), values, f"players[{i}].{attr}") for i, p in enumerate(players)
            )
            for attr in ("breakdown_payoff", "inside_option")
        }
        outside = None
        if any(p.outside_option is not None for p in players):
            outside = tuple(
                0.0
                if p.outside_option is None
                else value_of(p.outside_option, values, f"players[{i}].outside_option")
                for i, p in enumerate(players)
            )
        return {
            "discount_factor": tuple(delta),
            "first_proposer": self.first_proposer,
            "breakdown_probability": q,
            "breakdown_payoff": pairs["breakdown_payoff"],
            "inside_option": pairs["inside_option"],
            "outside_option": outside,
            "horizon": self.horizon,
            "size": size,
        }

    def _discount_factor(self, i: int, values: Mapping[str, float], q: float) -> float:
        player: Bargainer = self.players[i]
        if player.discount_rate is not None:
            path = f"players[{i}].discount_rate"
            rate = value_of(player.discount_rate, values, path)
            if rate < 0:
                raise SpecError(path, f"a discount rate must be >= 0, got {rate:g}")
            length = value_of(self.period_length, values, "period_length")
            if length <= 0:
                raise SpecError("period_length", f"the time between offers must be positive, got {length:g}")
            delta = math.exp(-rate * length)
        else:
            path = f"players[{i}].discount_factor"
            if player.discount_factor is None:  # a Bargainer is built with one of the two
                raise SpecError(path, "give a discount_factor or a discount_rate")
            delta = value_of(player.discount_factor, values, path)
        if not 0 < delta <= 1:
            raise SpecError(path, f"a discount factor must be in (0, 1), got {delta:g}")
        if delta == 1 and q == 0 and self.horizon is None:
            raise SpecError(
                path,
                "a discount factor of 1 with no risk of breakdown and no deadline leaves the equilibrium "
                "undetermined; use a value below 1",
            )
        return delta


def check_gains_from_trade(arguments: Mapping[str, Any]) -> None:
    r"""Raise :class:`SpecError` at ``players`` unless a deal beats no deal.

    With :math:`a_i = (1-q)\delta_i` and :math:`c_i = q b_i + (1-q)(1-\delta_i) g_i`,
    the value of never agreeing is :math:`D_i = c_i / (1 - a_i)` (:math:`g_i`
    when :math:`a_i = 1`); the check is
    :math:`\max(D_0, w_0) + \max(D_1, w_1) \le \pi`.

    Parameters
    ----------
    arguments
        The keyword arguments of :func:`~bargaining.sequential.rubinstein_solution`,
        as :meth:`AlternatingOffers.arguments` returns them.
    """
    q, size, outside = arguments["breakdown_probability"], arguments["size"], arguments["outside_option"]
    values = [
        *arguments["discount_factor"],
        q,
        *arguments["breakdown_payoff"],
        *arguments["inside_option"],
        size,
    ]
    for v in values + list(outside or ()):
        if not math.isfinite(v):
            names = "discount_factor, breakdown_probability, breakdown_payoff, inside_option, size"
            raise SpecError("players", f"{names} and outside_option must be finite numbers, got {v!r}")
    reservation = []
    for i in (0, 1):
        delta, b, g = (
            arguments["discount_factor"][i],
            arguments["breakdown_payoff"][i],
            arguments["inside_option"][i],
        )
        a = (1 - q) * delta
        value = g if a == 1 else (q * b + (1 - q) * (1 - delta) * g) / (1 - a)
        reservation.append(value if outside is None else max(value, outside[i]))
    if reservation[0] + reservation[1] > size + _TOL:
        raise SpecError(
            "players",
            f"no gains from trade: what the players can get without a deal ({reservation[0]:g} and "
            f"{reservation[1]:g}, the larger of the value of never agreeing and the outside option) adds up "
            f"to more than the size {size:g}; lower them or enlarge the surplus",
        )
