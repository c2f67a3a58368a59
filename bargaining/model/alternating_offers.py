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
``players[0].discount_factor``; :meth:`AlternatingOffers.solve` returns the
:class:`~bargaining.sequential.RubinsteinSolution`.

Examples
--------
>>> game = AlternatingOffers([Bargainer("a", discount_factor=0.9), Bargainer("b", discount_factor=0.8)])
>>> [round(s, 4) for s in game.solve().shares]
[0.7143, 0.2857]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from bargaining.errors import InvalidGameError, SpecError, suggest
from bargaining.expressions.parse import Expression
from bargaining.model.issue_space import Parameter, check_name
from bargaining.model.parametrized import check_pair, check_parameters, formula, replace_values, value_of
from bargaining.sequential.rubinstein import RubinsteinSolution, rubinstein_shares, rubinstein_solution

__all__ = ["AlternatingOffers", "Bargainer", "solve_alternating_offers"]


@dataclass(frozen=True, slots=True)
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
    discount_factor: Expression | str | float | None = None
    discount_rate: Expression | str | float | None = None
    breakdown_payoff: Expression | str | float = 0.0
    inside_option: Expression | str | float = 0.0
    outside_option: Expression | str | float | None = None
    description: str = ""

    def __post_init__(self) -> None:
        check_name(self.name, "name")
        if (self.discount_factor is None) == (self.discount_rate is None):
            raise SpecError(
                "discount_factor",
                f"give player {self.name!r} either a discount_factor (per period) or a discount_rate "
                "(per unit of time), not both and not neither",
            )
        attrs = ("discount_factor", "discount_rate", "breakdown_payoff", "inside_option", "outside_option")
        for attr in attrs:
            value = getattr(self, attr)
            if value is not None:
                object.__setattr__(self, attr, formula(value, attr))


@dataclass(frozen=True, slots=True)
class AlternatingOffers:
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

    players: tuple[Bargainer, Bargainer] | Sequence[Bargainer]
    first_proposer: int = 0
    breakdown_probability: Expression | str | float = 0.0
    period_length: Expression | str | float = 1.0
    horizon: int | None = None
    size: Expression | str | float = 1.0
    parameters: tuple[Parameter, ...] | Sequence[Parameter] = ()
    name: str = ""
    description: str = ""

    spec_kind: ClassVar[str] = "rubinstein"

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "players", check_pair(self.players, Bargainer, "players", "alternating offers")
        )
        object.__setattr__(self, "parameters", check_parameters(self.parameters))
        if isinstance(self.first_proposer, bool) or self.first_proposer not in (0, 1):
            raise SpecError("first_proposer", f"expected player 0 or 1, got {self.first_proposer!r}")
        for attr in ("breakdown_probability", "period_length", "size"):
            object.__setattr__(self, attr, formula(getattr(self, attr), attr))
        if self.horizon is not None and (
            isinstance(self.horizon, bool) or not isinstance(self.horizon, int) or self.horizon < 1
        ):
            raise SpecError("horizon", f"expected a positive whole number of offers, got {self.horizon!r}")
        self.arguments()  # validates every value
        try:
            self.solve()
        except InvalidGameError as exc:
            raise SpecError("players", str(exc)) from None

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"AlternatingOffers({label}{self.summary()})"

    # ------------------------------------------------------------------ the protocol

    def parameter_values(self) -> dict[str, float]:
        """``{name: value}`` of every parameter."""
        return {p.name: p.value for p in self.parameters}

    def with_parameters(
        self, values: Mapping[str, float] | None = None, **kwargs: float
    ) -> AlternatingOffers:
        """A copy with some parameters set to other values (validated again)."""
        updates = {**(values or {}), **kwargs}
        return dataclasses.replace(self, parameters=replace_values(self.parameters, updates))

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
        size = value_of(self.size, values, "size")  # type: ignore[arg-type]
        if size <= 0:
            raise SpecError("size", f"the size of the surplus must be positive, got {size:g}")
        q = value_of(self.breakdown_probability, values, "breakdown_probability")  # type: ignore[arg-type]
        if not 0 <= q <= 1:
            raise SpecError("breakdown_probability", f"a probability must be in [0, 1], got {q:g}")
        delta = [self._discount_factor(i, values, q) for i in (0, 1)]
        players: tuple[Bargainer, Bargainer] = self.players  # type: ignore[assignment]
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
                else value_of(p.outside_option, values, f"players[{i}].outside_option")  # type: ignore[arg-type]
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
        import math

        player: Bargainer = self.players[i]
        if player.discount_rate is not None:
            path = f"players[{i}].discount_rate"
            rate = value_of(player.discount_rate, values, path)  # type: ignore[arg-type]
            if rate < 0:
                raise SpecError(path, f"a discount rate must be >= 0, got {rate:g}")
            length = value_of(self.period_length, values, "period_length")  # type: ignore[arg-type]
            if length <= 0:
                raise SpecError("period_length", f"the time between offers must be positive, got {length:g}")
            delta = math.exp(-rate * length)
        else:
            path = f"players[{i}].discount_factor"
            delta = value_of(player.discount_factor, values, path)  # type: ignore[arg-type]
        if not 0 < delta <= 1:
            raise SpecError(path, f"a discount factor must be in (0, 1), got {delta:g}")
        if delta == 1 and q == 0 and self.horizon is None:
            raise SpecError(
                path,
                "a discount factor of 1 with no risk of breakdown and no deadline leaves the equilibrium "
                "undetermined; use a value below 1",
            )
        return delta

    def formula(self) -> tuple[Any, Any]:
        """The equilibrium shares as sympy expressions over the spec's parameters.

        The players' formulas are substituted into the closed forms of
        :func:`~bargaining.sequential.rubinstein_shares`, so the result can be
        differentiated with respect to any parameter (see :meth:`derivative`).
        """
        import sympy

        args = self.arguments()
        players: tuple[Bargainer, Bargainer] = self.players  # type: ignore[assignment]
        period = self.period_length.sympy  # type: ignore[union-attr]

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
            first_proposer=self.first_proposer,
            breakdown_probability=sym(self.breakdown_probability),
            breakdown_payoff=tuple(sym(p.breakdown_payoff) for p in players),
            inside_option=tuple(sym(p.inside_option) for p in players),
            outside_option=outside,
            horizon=self.horizon,
            size=sym(self.size),
        )

    def derivative(self, parameter: str) -> tuple[float, float]:
        """d(shares)/d(``parameter``) at the parameter values, from :meth:`formula`.

        Raises
        ------
        SpecError
            For an unknown parameter (with a suggestion).
        """
        import sympy

        values = self.parameter_values()
        if parameter not in values:
            hint = suggest(parameter, sorted(values))
            raise SpecError("parameters", f"unknown parameter {parameter!r}{hint}")
        symbols = {name: sympy.Symbol(name, real=True) for name in values}
        subs = {symbols[name]: value for name, value in values.items()}
        return tuple(  # type: ignore[return-value]
            float(sympy.diff(f, symbols[parameter]).subs(subs)) for f in self.formula()
        )

    def solve(self, symbolic: bool = False) -> RubinsteinSolution:
        """The subgame-perfect equilibrium (:func:`~bargaining.sequential.rubinstein_solution`)."""
        solution = rubinstein_solution(**self.arguments(), symbolic=symbolic)
        return dataclasses.replace(solution, player_names=self.player_names)


def solve_alternating_offers(model: AlternatingOffers, solution: str = "all") -> RubinsteinSolution:
    """The ``bargain solve`` handler of spec kind ``rubinstein`` (``solution`` is ignored)."""
    return model.solve()
