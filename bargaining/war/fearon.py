r"""The bargaining model of war (Fearon 1995), with the risk-return trade-off.

Two parties, 0 and 1, dispute a good of size :math:`\pi` (1 unless said
otherwise). War gives party 0 the whole good with probability :math:`p` and
costs the parties :math:`c_0, c_1 \ge 0`, so its expected payoffs are

.. math:: W_0 = p\pi - c_0, \qquad W_1 = (1-p)\pi - c_1 .

A division giving party 0 the share :math:`x` beats war for both iff
:math:`x \in [p\pi - c_0,\ p\pi + c_1]`, the *bargaining range*, which is never
empty when war is costly (Fearon 1995, sect. "War as a bargaining failure").

*Private information* (Fearon 1995, sect. on private information; Powell 1999,
ch. 3; Powell 2006): the proposer :math:`P` (win probability :math:`p_P`, cost
:math:`c_P`) makes a take-it-or-leave-it demand :math:`x` without knowing the
responder's cost :math:`c_R`, only its distribution :math:`F`. The responder
accepts iff :math:`\pi - x \ge (1-p_P)\pi - c_R`, i.e. iff
:math:`c_R \ge z := x - p_P\pi`, so the proposer maximises

.. math:: U(z) = (p_P\pi + z)\,(1 - F(z)) + (p_P\pi - c_P)\,F(z),

trading a larger share if accepted (return) against a higher chance of war
(risk). For :math:`c_R \sim U[\ell, h]`, :math:`U` is concave on
:math:`[\ell, h]` with :math:`U'(z) = (h - 2z - c_P)/(h - \ell)`, so

.. math:: z^* = \min\Bigl(\max\bigl(\ell,\ \min(h, (h - c_P)/2)\bigr),\ (1-p_P)\pi\Bigr),
          \qquad \Pr(\text{war}) = F(z^*),

and with :math:`\ell = 0 < c_P < h` the probability of war is
:math:`(h - c_P)/(2h)`: positive although a peaceful division exists. For
finitely many types the optimum is a demand that leaves some type exactly
indifferent (:math:`z = c_k`), found by comparing them. For any other
continuous distribution (:class:`CostDistribution`, e.g. a normal truncated at
0) :math:`U` is maximised numerically.

References
----------
Fearon, J. D. (1995). Rationalist explanations for war. *International
Organization* 49(3), 379-414.

Powell, R. (1999). *In the Shadow of Power: States and Strategies in
International Politics*. Princeton University Press, ch. 3.

Powell, R. (2006). War as a commitment problem. *International Organization*
60(1), 169-203.

Examples
--------
>>> bargaining_range(0.6, (0.1, 0.2))
(0.5, 0.8)
>>> result = fearon_solution(0.5, (0.1, 0.2), belief=UniformCost(0.0, 0.3))
>>> round(result.demand, 4), round(result.war_probability, 4)
(0.6, 0.3333)
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from bargaining.errors import InvalidGameError, SpecError, suggest
from bargaining.expressions.parse import Expression
from bargaining.model.issue_space import Parameter, check_name
from bargaining.model.parametrized import check_pair, check_parameters, formula, replace_values, value_of
from bargaining.table import format_table

__all__ = [
    "CostDistribution",
    "CostType",
    "CostTypes",
    "NormalBelief",
    "UniformBelief",
    "UniformCost",
    "WarBargaining",
    "WarParty",
    "WarSolution",
    "bargaining_range",
    "fearon_solution",
    "solve_war",
]

_TOL = 1e-12


def _check(value: Any, name: str, low: float | None = None, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidGameError(f"{name} must be a finite number, got {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        raise InvalidGameError(f"{name} must be in [{lo}, {hi}], got {value:g}")
    return float(value)


def bargaining_range(win_probability: float, cost: Sequence[float], size: float = 1.0) -> tuple[float, float]:
    r"""Party 0's shares that both parties prefer to war: :math:`[p\pi - c_0,\ p\pi + c_1] \cap [0, \pi]`.

    Parameters
    ----------
    win_probability
        :math:`p`, the probability that party 0 wins a war.
    cost
        :math:`(c_0, c_1)`, the costs of war in units of the good.
    size
        :math:`\pi`, the size of the good.

    References
    ----------
    Fearon (1995), sect. "War as a bargaining failure", fig. 1.

    Examples
    --------
    >>> bargaining_range(0.5, (0.1, 0.1), size=2.0)
    (0.9, 1.1)
    """
    p = _check(win_probability, "win_probability", 0.0, 1.0)
    size = _check(size, "size", 0.0)
    if size == 0:
        raise InvalidGameError("size must be positive, got 0")
    c0, c1 = (_check(c, f"cost of party {i}", 0.0) for i, c in enumerate(_pair(cost, "cost")))
    return max(0.0, p * size - c0), min(size, p * size + c1)


def _pair(value: Any, name: str) -> tuple[Any, Any]:
    if isinstance(value, str) or not isinstance(value, Sequence) or len(value) != 2:
        raise InvalidGameError(f"{name} needs one value per party (two), got {value!r}")
    return value[0], value[1]


# ---------------------------------------------------------------------- beliefs about the responder's cost


@dataclass(frozen=True, slots=True)
class UniformCost:
    r"""The responder's cost of war is uniform on :math:`[\ell, h]`, :math:`0 \le \ell < h`."""

    low: float
    high: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", _check(self.low, "the lowest cost", 0.0))
        object.__setattr__(self, "high", _check(self.high, "the highest cost", 0.0))
        if not self.low < self.high:
            raise InvalidGameError(
                f"a uniform cost needs low < high, got [{self.low:g}, {self.high:g}]; "
                "for a known cost leave the uncertainty out"
            )

    def war_probability(self, threshold: float) -> float:
        """:math:`F(z)`: the chance that the cost is below ``threshold`` (the responder fights)."""
        return min(1.0, max(0.0, (threshold - self.low) / (self.high - self.low)))

    def describe(self) -> str:
        """One line for tables."""
        return f"uniform on [{self.low:g}, {self.high:g}]"


@dataclass(frozen=True, slots=True)
class CostTypes:
    """The responder's cost of war is one of finitely many values (types), with probabilities.

    Parameters
    ----------
    costs
        Each type's cost of war, :math:`c_k \\ge 0`.
    probabilities
        Each type's prior probability; they sum to 1.
    names
        Optional names of the types (``"resolute"``, ``"irresolute"``).
    """

    costs: tuple[float, ...] | Sequence[float]
    probabilities: tuple[float, ...] | Sequence[float]
    names: tuple[str, ...] | Sequence[str] = ()

    def __post_init__(self) -> None:
        costs = tuple(_check(c, f"cost of type {k}", 0.0) for k, c in enumerate(self.costs))
        probs = tuple(
            _check(q, f"probability of type {k}", 0.0, 1.0) for k, q in enumerate(self.probabilities)
        )
        if not costs or len(costs) != len(probs):
            raise InvalidGameError(
                f"give one probability per type: {len(costs)} costs and {len(probs)} probabilities"
            )
        if abs(sum(probs) - 1.0) > 1e-9:
            raise InvalidGameError(f"the types' probabilities sum to {sum(probs):g}; they must sum to 1")
        names = tuple(self.names) or tuple(f"type_{k}" for k in range(len(costs)))
        if len(names) != len(costs):
            raise InvalidGameError(f"give one name per type: {len(costs)} costs and {len(names)} names")
        object.__setattr__(self, "costs", costs)
        object.__setattr__(self, "probabilities", probs)
        object.__setattr__(self, "names", names)

    def war_probability(self, threshold: float) -> float:
        """The chance that the cost is below ``threshold`` (an indifferent type accepts)."""
        return sum(q for c, q in zip(self.costs, self.probabilities, strict=True) if c < threshold - _TOL)

    def describe(self) -> str:
        """One line for tables."""
        types = zip(self.names, self.costs, self.probabilities, strict=True)
        return ", ".join(f"{n}: cost {c:g} w.p. {q:g}" for n, c, q in types)


@dataclass(frozen=True, slots=True, eq=False)
class CostDistribution:
    r"""The responder's cost of war follows a continuous distribution on :math:`[0, \infty)`.

    Any frozen ``scipy.stats`` continuous distribution whose support starts
    at or above 0 (e.g. ``scipy.stats.gamma(2, scale=0.1)``); :meth:`normal`
    builds a normal truncated at 0. The proposer's optimal demand is found
    numerically: a grid over the support, then a bounded local refinement.

    Parameters
    ----------
    distribution
        The frozen distribution of the responder's cost.
    label
        A short description for tables (default: the distribution's name).
    """

    distribution: Any
    label: str = ""

    def __post_init__(self) -> None:
        if not all(hasattr(self.distribution, attr) for attr in ("cdf", "ppf", "expect", "support")):
            raise InvalidGameError(
                f"expected a frozen scipy.stats distribution, got {type(self.distribution).__name__}"
            )
        low = float(self.distribution.support()[0])
        if low < -1e-12:  # (a normal truncated at 0 may start at -1e-17 by rounding)
            raise InvalidGameError(
                f"a cost of war is >= 0, but the distribution's support starts at {low:g}; truncate it at 0"
            )

    @classmethod
    def normal(cls, mean: float, sd: float) -> CostDistribution:
        """A normal distribution of the cost, truncated at 0."""
        mean = _check(mean, "the mean cost")
        sd = _check(sd, "the standard deviation of the cost", 0.0)
        if sd == 0:
            raise InvalidGameError("the standard deviation must be positive; for a known cost leave it out")
        from scipy.stats import truncnorm

        label = f"normal({mean:g}, {sd:g}) truncated at 0"
        return cls(truncnorm(-mean / sd, math.inf, loc=mean, scale=sd), label)

    def war_probability(self, threshold: float) -> float:
        """:math:`F(z)`: the chance that the cost is below ``threshold`` (the responder fights)."""
        return float(self.distribution.cdf(threshold))

    def describe(self) -> str:
        """One line for tables."""
        if self.label:
            return self.label
        dist = self.distribution
        return f"{dist.dist.name}{tuple(dist.args)}" if hasattr(dist, "dist") else str(dist)


Belief = UniformCost | CostTypes | CostDistribution


def _responder_war_value(belief: Belief, threshold: float, war_share: float) -> float:
    r"""Expected payoff of the types that fight: :math:`E[((1-p_P)\pi - c_R) 1\{c_R < z\}]`."""
    if isinstance(belief, UniformCost):
        top = min(max(threshold, belief.low), belief.high)
        mass = (top - belief.low) / (belief.high - belief.low)
        mean_cost_times_mass = (top**2 - belief.low**2) / (2 * (belief.high - belief.low))
        return war_share * mass - mean_cost_times_mass
    if isinstance(belief, CostDistribution):
        low = _lowest_cost(belief)
        if threshold <= low:
            return 0.0
        partial_mean = float(belief.distribution.expect(lambda c: c, lb=low, ub=threshold))
        return war_share * belief.war_probability(threshold) - partial_mean
    types = zip(belief.costs, belief.probabilities, strict=True)
    return sum(q * (war_share - c) for c, q in types if c < threshold - _TOL)


def _lowest_cost(belief: Belief) -> float:
    if isinstance(belief, UniformCost):
        return belief.low
    if isinstance(belief, CostDistribution):
        return max(0.0, float(belief.distribution.support()[0]))
    return min(belief.costs)


def _optimal_threshold(p: float, c_proposer: float, belief: Belief, size: float) -> float:
    """The proposer's optimal :math:`z = x - p\\pi` (the cost of the responder type made indifferent)."""
    cap = (1 - p) * size  # the demand cannot exceed the whole good

    if isinstance(belief, UniformCost):
        interior = (belief.high - c_proposer) / 2
        return min(max(belief.low, min(belief.high, interior)), cap)
    if isinstance(belief, CostDistribution):
        cdf = belief.distribution.cdf

        def expected(z: Any) -> Any:  # vectorised over z
            return (p * size + z) * (1 - cdf(z)) + (p * size - c_proposer) * cdf(z)

        return _maximise(expected, _lowest_cost(belief), min(cap, float(belief.distribution.ppf(1 - 1e-12))))

    def utility(z: float) -> float:
        war = belief.war_probability(z)
        return (p * size + z) * (1 - war) + (p * size - c_proposer) * war

    candidates = sorted({min(c, cap) for c in belief.costs})
    best = max(utility(z) for z in candidates)
    return min(z for z in candidates if utility(z) >= best - 1e-12)  # ties: the safer demand


def _maximise(utility: Any, low: float, high: float, points: int = 2001) -> float:
    """The maximiser of ``utility`` (vectorised) on ``[low, high]``: a grid, refined by a bounded search."""
    if high <= low:
        return high
    import numpy as np
    from scipy.optimize import minimize_scalar

    grid = np.linspace(low, high, points)
    values = utility(grid)
    k = int(np.argmax(values))  # the first maximum: on ties, the safer (smaller) demand
    bounds = (float(grid[max(k - 1, 0)]), float(grid[min(k + 1, points - 1)]))
    refined = minimize_scalar(
        lambda z: -float(utility(z)), bounds=bounds, method="bounded", options={"xatol": 1e-12}
    )
    z = float(refined.x)
    return z if float(utility(z)) > float(values[k]) else float(grid[k])


# ---------------------------------------------------------------------- the result


@dataclass(frozen=True, slots=True)
class WarSolution:
    """What the bargaining model of war predicts.

    Attributes
    ----------
    party_names
        The two parties.
    win_probability
        :math:`p`, the chance that party 0 wins a war.
    cost
        :math:`(c_0, c_1)`.
    size
        :math:`\\pi`.
    bargaining_range
        Party 0's shares that both prefer to war (with the responder's cost as given).
    war_payoffs
        :math:`(p\\pi - c_0, (1-p)\\pi - c_1)`.
    proposer
        The party that makes the take-it-or-leave-it demand.
    demand
        The proposer's optimal demand (its share if accepted); under complete
        information the top of the range for it.
    shares
        The division if the demand is accepted, ``(party 0, party 1)``.
    war_probability
        The chance that the demand is rejected and war follows (0 under
        complete information).
    expected_payoffs
        Each party's expected payoff given the demand (over the responder's types).
    belief
        The proposer's belief about the responder's cost; ``None`` for complete information.
    safe_demand
        The largest demand every type accepts, for comparison (``None`` without a belief).
    """

    party_names: tuple[str, str]
    win_probability: float
    cost: tuple[float, float]
    size: float
    bargaining_range: tuple[float, float]
    war_payoffs: tuple[float, float]
    proposer: int
    demand: float
    shares: tuple[float, float]
    war_probability: float
    expected_payoffs: tuple[float, float]
    belief: Belief | None = field(default=None, compare=False)
    safe_demand: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain floats and lists, for JSON."""
        return {
            "model": "war",
            "parties": list(self.party_names),
            "win_probability": self.win_probability,
            "cost": list(self.cost),
            "size": self.size,
            "bargaining_range": list(self.bargaining_range),
            "war_payoffs": list(self.war_payoffs),
            "proposer": self.party_names[self.proposer],
            "demand": self.demand,
            "shares": list(self.shares),
            "war_probability": self.war_probability,
            "expected_payoffs": list(self.expected_payoffs),
            "belief": None if self.belief is None else self.belief.describe(),
            "safe_demand": self.safe_demand,
        }

    def to_table(self) -> str:
        """A table for the terminal."""
        a, b = self.party_names

        def pair(values: tuple[float, float]) -> str:
            return f"{values[0]:.4g}, {values[1]:.4g}"

        rows: list[list[Any]] = [
            [f"probability {a} wins a war", self.win_probability],
            [f"cost of war to {a}, {b}", pair(self.cost)],
            [f"war payoffs of {a}, {b}", pair(self.war_payoffs)],
            [f"bargaining range ({a}'s share)", f"[{pair(self.bargaining_range)}]"],
            [f"{self.party_names[self.proposer]} demands", self.demand],
            [f"shares of {a}, {b} if accepted", pair(self.shares)],
            ["probability of war", self.war_probability],
            [f"expected payoffs of {a}, {b}", pair(self.expected_payoffs)],
        ]
        if self.belief is not None:
            who = self.party_names[self.proposer]
            rows.insert(4, [f"{who}'s belief about the other's cost", self.belief.describe()])
            rows.append(["safe demand (every type accepts)", self.safe_demand])
        title = "The bargaining model of war (Fearon 1995)"
        return format_table(["quantity", "value"], rows, title)


def fearon_solution(
    win_probability: float,
    cost: Sequence[float],
    *,
    belief: Belief | None = None,
    proposer: int = 0,
    size: float = 1.0,
    party_names: Sequence[str] = ("A", "B"),
) -> WarSolution:
    r"""The bargaining range and the proposer's optimal demand, with or without private information.

    Parameters
    ----------
    win_probability
        :math:`p \in [0, 1]`, the probability that party 0 wins a war.
    cost
        :math:`(c_0, c_1) \ge 0`, the costs of war in units of the good.
    belief
        The proposer's belief about the responder's cost (:class:`UniformCost`,
        :class:`CostTypes` or :class:`CostDistribution`); ``None`` when the cost
        is known (complete information: the proposer demands the top of the
        range and there is no war).
    proposer
        The party (0 or 1) that makes the take-it-or-leave-it demand.
    size
        :math:`\pi > 0`, the size of the good.
    party_names
        For tables.

    Returns
    -------
    WarSolution

    Raises
    ------
    InvalidGameError
        For a probability outside :math:`[0, 1]`, a negative cost, a size that
        is not positive, or a proposer other than 0 or 1.

    References
    ----------
    Fearon (1995); Powell (1999, ch. 3) (see the module docstring).

    Examples
    --------
    >>> r = fearon_solution(0.6, (0.1, 0.2))
    >>> round(r.demand, 4), r.war_probability
    (0.8, 0.0)
    """
    low_high = bargaining_range(win_probability, cost, size)
    p, size = float(win_probability), float(size)
    c = (float(cost[0]), float(cost[1]))
    if isinstance(proposer, bool) or proposer not in (0, 1):
        raise InvalidGameError(f"proposer must be party 0 or 1, got {proposer!r}")
    if belief is not None and not isinstance(belief, UniformCost | CostTypes | CostDistribution):
        raise InvalidGameError(
            f"belief must be a UniformCost, CostTypes or CostDistribution, got {type(belief).__name__}"
        )
    responder = 1 - proposer
    p_proposer = p if proposer == 0 else 1 - p
    c_proposer = c[proposer]
    war_share = (1 - p_proposer) * size  # the responder's expected share of the good in a war
    if belief is None:
        z = min(c[responder], war_share)
        war = 0.0
        responder_payoff = size - (p_proposer * size + z)
        safe = None
    else:
        z = _optimal_threshold(p_proposer, c_proposer, belief, size)
        war = belief.war_probability(z)
        accepted = (size - p_proposer * size - z) * (1 - war)
        responder_payoff = accepted + _responder_war_value(belief, z, war_share)
        safe = p_proposer * size + min(_lowest_cost(belief), war_share)
    demand = p_proposer * size + z
    proposer_payoff = demand * (1 - war) + (p_proposer * size - c_proposer) * war
    shares = (demand, size - demand) if proposer == 0 else (size - demand, demand)
    payoffs = (proposer_payoff, responder_payoff) if proposer == 0 else (responder_payoff, proposer_payoff)
    names = _pair(tuple(party_names), "party_names")
    return WarSolution(
        party_names=(str(names[0]), str(names[1])),
        win_probability=p,
        cost=c,
        size=size,
        bargaining_range=low_high,
        war_payoffs=(p * size - c[0], (1 - p) * size - c[1]),
        proposer=proposer,
        demand=demand,
        shares=shares,
        war_probability=war,
        expected_payoffs=payoffs,
        belief=belief,
        safe_demand=safe,
    )


# ---------------------------------------------------------------------- the spec model


@dataclass(frozen=True, slots=True)
class WarParty:
    """A party to a war: its name and its cost of war (a formula over parameters)."""

    name: str
    cost: Expression | str | float
    description: str = ""

    def __post_init__(self) -> None:
        check_name(self.name, "name")
        object.__setattr__(self, "cost", formula(self.cost, "cost"))


@dataclass(frozen=True, slots=True)
class UniformBelief:
    """A uniform belief about the responder's cost, with formula bounds; see :class:`UniformCost`."""

    low: Expression | str | float
    high: Expression | str | float

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", formula(self.low, "low"))
        object.__setattr__(self, "high", formula(self.high, "high"))


@dataclass(frozen=True, slots=True)
class NormalBelief:
    """A normal belief about the responder's cost, truncated at 0; see :meth:`CostDistribution.normal`."""

    mean: Expression | str | float
    sd: Expression | str | float

    def __post_init__(self) -> None:
        object.__setattr__(self, "mean", formula(self.mean, "mean"))
        object.__setattr__(self, "sd", formula(self.sd, "sd"))


@dataclass(frozen=True, slots=True)
class CostType:
    """A type of responder (spec form): its name, cost and prior probability, as formulas."""

    name: str
    cost: Expression | str | float
    probability: Expression | str | float
    description: str = ""

    def __post_init__(self) -> None:
        check_name(self.name, "name")
        object.__setattr__(self, "cost", formula(self.cost, "cost"))
        object.__setattr__(self, "probability", formula(self.probability, "probability"))


@dataclass(frozen=True, slots=True)
class WarBargaining:
    r"""The bargaining model of war with named parameters (spec kind ``war``).

    Parameters
    ----------
    parties
        Two :class:`WarParty`; party 0 is the one whose win probability is given.
    win_probability
        :math:`p`: a formula over the parameters, e.g.
        ``"p_base + kursk_effect * kursk_held / kursk_reference"``.
    size
        :math:`\pi`, the size of the good.
    proposer
        The index (0 or 1) of the party making the demand.
    uncertainty
        The proposer's belief about the responder's cost: a :class:`UniformBelief`,
        a :class:`NormalBelief` or a tuple of :class:`CostType`; ``None`` for
        complete information.
    parameters, name, description
        As in every spec.

    Raises
    ------
    SpecError
        With the JSON path, for a probability outside :math:`[0, 1]`, a negative
        cost, an unknown name, type probabilities that do not sum to 1.
    """

    parties: tuple[WarParty, WarParty] | Sequence[WarParty]
    win_probability: Expression | str | float
    size: Expression | str | float = 1.0
    proposer: int = 0
    uncertainty: UniformBelief | NormalBelief | tuple[CostType, ...] | Sequence[CostType] | None = None
    parameters: tuple[Parameter, ...] | Sequence[Parameter] = ()
    name: str = ""
    description: str = ""

    spec_kind: ClassVar[str] = "war"

    def __post_init__(self) -> None:
        parties = check_pair(self.parties, WarParty, "parties", "the bargaining model of war")
        object.__setattr__(self, "parties", parties)
        object.__setattr__(self, "parameters", check_parameters(self.parameters))
        object.__setattr__(self, "win_probability", formula(self.win_probability, "win_probability"))
        object.__setattr__(self, "size", formula(self.size, "size"))
        if isinstance(self.proposer, bool) or self.proposer not in (0, 1):
            raise SpecError("proposer", f"expected party 0 or 1, got {self.proposer!r}")
        if self.uncertainty is not None and not isinstance(self.uncertainty, UniformBelief | NormalBelief):
            types = tuple(self.uncertainty)
            if not types:
                raise SpecError("uncertainty.types", "give at least one type")
            for k, t in enumerate(types):
                if not isinstance(t, CostType):
                    raise SpecError(
                        f"uncertainty.types[{k}]", f"expected a type object, got {type(t).__name__}"
                    )
            object.__setattr__(self, "uncertainty", types)
        self.arguments()  # validates every value

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"WarBargaining({label}{self.summary()})"

    # ------------------------------------------------------------------ the protocol

    @property
    def party_names(self) -> tuple[str, str]:
        """The parties' names, in order."""
        return self.parties[0].name, self.parties[1].name

    def party_index(self, name: str) -> int:
        """The index of the party called ``name``."""
        names = list(self.party_names)
        if name not in names:
            raise SpecError("proposer", f"unknown party {name!r}{suggest(name, names)}")
        return names.index(name)

    def parameter_values(self) -> dict[str, float]:
        """``{name: value}`` of every parameter."""
        return {p.name: p.value for p in self.parameters}

    def with_parameters(self, values: Mapping[str, float] | None = None, **kwargs: float) -> WarBargaining:
        """A copy with some parameters set to other values (validated again)."""
        updates = {**(values or {}), **kwargs}
        return dataclasses.replace(self, parameters=replace_values(self.parameters, updates))

    def summary(self) -> str:
        """One line: the parties, the information and the parameters."""
        a, b = self.party_names
        info = "complete information" if self.uncertainty is None else "private information about a cost"
        n = len(self.parameters)
        return f"{a} against {b}, {info}, {n} parameter{'s' if n != 1 else ''}"

    # ------------------------------------------------------------------ numbers

    def arguments(self) -> dict[str, Any]:
        """The arguments of :func:`fearon_solution` at the parameter values.

        Raises
        ------
        SpecError
            For a value outside its domain, at the path of its field.
        """
        values = self.parameter_values()
        p = value_of(self.win_probability, values, "win_probability")  # type: ignore[arg-type]
        if not 0 <= p <= 1:
            raise SpecError("win_probability", f"a probability must be in [0, 1], got {p:g}")
        size = value_of(self.size, values, "size")  # type: ignore[arg-type]
        if size <= 0:
            raise SpecError("size", f"the size of the good must be positive, got {size:g}")
        cost = []
        for i, party in enumerate(self.parties):
            c = value_of(party.cost, values, f"parties[{i}].cost")  # type: ignore[arg-type]
            if c < 0:
                raise SpecError(f"parties[{i}].cost", f"a cost of war must be >= 0, got {c:g}")
            cost.append(c)
        return {
            "win_probability": p,
            "cost": tuple(cost),
            "belief": self._belief(values),
            "proposer": self.proposer,
            "size": size,
            "party_names": self.party_names,
        }

    def _belief(self, values: Mapping[str, float]) -> Belief | None:
        u = self.uncertainty
        if u is None:
            return None
        if isinstance(u, UniformBelief):
            low = value_of(u.low, values, "uncertainty.low")  # type: ignore[arg-type]
            high = value_of(u.high, values, "uncertainty.high")  # type: ignore[arg-type]
            if low < 0:
                raise SpecError("uncertainty.low", f"a cost of war must be >= 0, got {low:g}")
            if not low < high:
                raise SpecError("uncertainty.high", f"expected high > low, got [{low:g}, {high:g}]")
            return UniformCost(low, high)
        if isinstance(u, NormalBelief):
            mean = value_of(u.mean, values, "uncertainty.mean")  # type: ignore[arg-type]
            sd = value_of(u.sd, values, "uncertainty.sd")  # type: ignore[arg-type]
            if sd <= 0:
                raise SpecError("uncertainty.sd", f"a standard deviation must be positive, got {sd:g}")
            return CostDistribution.normal(mean, sd)
        costs, probs = [], []
        for k, t in enumerate(u):
            path = f"uncertainty.types[{k}]"
            c = value_of(t.cost, values, f"{path}.cost")  # type: ignore[arg-type]
            q = value_of(t.probability, values, f"{path}.probability")  # type: ignore[arg-type]
            if c < 0:
                raise SpecError(f"{path}.cost", f"a cost of war must be >= 0, got {c:g}")
            if not 0 <= q <= 1:
                raise SpecError(f"{path}.probability", f"a probability must be in [0, 1], got {q:g}")
            costs.append(c)
            probs.append(q)
        if abs(sum(probs) - 1) > 1e-9:
            raise SpecError(
                "uncertainty.types", f"the types' probabilities sum to {sum(probs):g}; they must sum to 1"
            )
        return CostTypes(costs, probs, [t.name for t in u])

    def solve(self) -> WarSolution:
        """The bargaining range, the optimal demand and the probability of war (:func:`fearon_solution`)."""
        return fearon_solution(**self.arguments())


def solve_war(model: WarBargaining, solution: str = "all") -> WarSolution:
    """The ``bargain solve`` handler of spec kind ``war`` (``solution`` is ignored)."""
    return model.solve()
