r"""The bargaining model of war as a model with named parameters (spec kind ``war``).

:class:`WarBargaining` holds each number of :func:`~bargaining.war.fearon_solution`
(the win probability :math:`p`, the costs :math:`c_0, c_1`, the size :math:`\pi`,
the proposer's belief about the responder's cost) as a formula over the spec's
parameters. It is validated at construction (every name declared, every value
in its domain) and never solves itself: :func:`bargaining.war.solve_war` does.

Examples
--------
>>> model = WarBargaining([WarParty("a", 0.1), WarParty("b", 0.2)], win_probability=0.6)
>>> model.arguments()["cost"]
(0.1, 0.2)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from bargaining.errors import SpecError, suggest
from bargaining.expressions.parse import Expression
from bargaining.model.beliefs import Belief, CostDistribution, CostTypes, UniformCost
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

__all__ = ["CostType", "NormalBelief", "UniformBelief", "WarBargaining", "WarParty"]


@dataclass(frozen=True, slots=True, init=False)
class WarParty:
    """A party to a war: its name and its cost of war (a formula over parameters)."""

    name: str
    cost: Expression
    description: str

    def __init__(self, name: str, cost: Formula, description: str = "") -> None:
        set_fields(self, name=check_name(name, "name"), cost=formula(cost, "cost"), description=description)


@dataclass(frozen=True, slots=True, init=False)
class UniformBelief:
    """A uniform belief about the responder's cost, with formula bounds; see :class:`UniformCost`."""

    low: Expression
    high: Expression

    def __init__(self, low: Formula, high: Formula) -> None:
        set_fields(self, low=formula(low, "low"), high=formula(high, "high"))


@dataclass(frozen=True, slots=True, init=False)
class NormalBelief:
    """A normal belief about the responder's cost, truncated at 0; see :meth:`CostDistribution.normal`."""

    mean: Expression
    sd: Expression

    def __init__(self, mean: Formula, sd: Formula) -> None:
        set_fields(self, mean=formula(mean, "mean"), sd=formula(sd, "sd"))


@dataclass(frozen=True, slots=True, init=False)
class CostType:
    """A type of responder (spec form): its name, cost and prior probability, as formulas."""

    name: str
    cost: Expression
    probability: Expression
    description: str

    def __init__(self, name: str, cost: Formula, probability: Formula, description: str = "") -> None:
        set_fields(
            self,
            name=check_name(name, "name"),
            cost=formula(cost, "cost"),
            probability=formula(probability, "probability"),
            description=description,
        )


@dataclass(frozen=True, slots=True, init=False)
class WarBargaining(Parametrized):
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

    parties: tuple[WarParty, WarParty]
    win_probability: Expression
    size: Expression
    proposer: int
    uncertainty: UniformBelief | NormalBelief | tuple[CostType, ...] | None
    parameters: tuple[Parameter, ...]
    name: str
    description: str

    spec_kind: ClassVar[str] = "war"

    def __init__(
        self,
        parties: Sequence[WarParty],
        win_probability: Formula,
        size: Formula = 1.0,
        proposer: int = 0,
        uncertainty: UniformBelief | NormalBelief | Sequence[CostType] | None = None,
        parameters: Sequence[Parameter] = (),
        name: str = "",
        description: str = "",
    ) -> None:
        pair = check_pair(parties, WarParty, "parties", "the bargaining model of war")
        checked = check_parameters(parameters)
        p, pi = formula(win_probability, "win_probability"), formula(size, "size")
        if isinstance(proposer, bool) or proposer not in (0, 1):
            raise SpecError("proposer", f"expected party 0 or 1, got {proposer!r}")
        set_fields(
            self,
            parties=pair,
            win_probability=p,
            size=pi,
            proposer=proposer,
            uncertainty=_check_belief(uncertainty),
            parameters=checked,
            name=name,
            description=description,
        )
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
        p = value_of(self.win_probability, values, "win_probability")
        if not 0 <= p <= 1:
            raise SpecError("win_probability", f"a probability must be in [0, 1], got {p:g}")
        size = value_of(self.size, values, "size")
        if size <= 0:
            raise SpecError("size", f"the size of the good must be positive, got {size:g}")
        cost = []
        for i, party in enumerate(self.parties):
            c = value_of(party.cost, values, f"parties[{i}].cost")
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
            low = value_of(u.low, values, "uncertainty.low")
            high = value_of(u.high, values, "uncertainty.high")
            if low < 0:
                raise SpecError("uncertainty.low", f"a cost of war must be >= 0, got {low:g}")
            if not low < high:
                raise SpecError("uncertainty.high", f"expected high > low, got [{low:g}, {high:g}]")
            return UniformCost(low, high)
        if isinstance(u, NormalBelief):
            mean = value_of(u.mean, values, "uncertainty.mean")
            sd = value_of(u.sd, values, "uncertainty.sd")
            if sd <= 0:
                raise SpecError("uncertainty.sd", f"a standard deviation must be positive, got {sd:g}")
            return CostDistribution.normal(mean, sd)
        costs, probs = [], []
        for k, t in enumerate(u):
            path = f"uncertainty.types[{k}]"
            c = value_of(t.cost, values, f"{path}.cost")
            q = value_of(t.probability, values, f"{path}.probability")
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


def _check_belief(
    uncertainty: UniformBelief | NormalBelief | Sequence[CostType] | None,
) -> UniformBelief | NormalBelief | tuple[CostType, ...] | None:
    """The belief as held: a distribution, a tuple of types, or ``None``."""
    if uncertainty is None or isinstance(uncertainty, UniformBelief | NormalBelief):
        return uncertainty
    types = tuple(uncertainty)
    if not types:
        raise SpecError("uncertainty.types", "give at least one type")
    for k, t in enumerate(types):
        if not isinstance(t, CostType):
            raise SpecError(f"uncertainty.types[{k}]", f"expected a type object, got {type(t).__name__}")
    return types
