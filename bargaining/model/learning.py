r"""Bargaining and learning while fighting, with named parameters (kind ``learning_while_fighting``).

The first party (uninformed) makes every offer and pays ``cost`` per round of
fighting; the second (informed) is one of finitely many :class:`FightingType`,
each with a prior probability, a cost per round and the chances that a round of
fighting ends the war in its favour (``win``) or against it (``loss``). Every
number is a formula over the parameters; the equilibrium is computed by
:func:`bargaining.war.solve_learning_while_fighting`.

Examples
--------
>>> m = LearningWhileFighting(WarParty("u", 0.05), "i",
...     (FightingType("weak", 0.5, 0.3, 0.4, 0.6), FightingType("strong", 0.5, 0.05, 0.4, 0.6)),
...     discount=0.9, rounds=1)
>>> m.arguments()["prior"]
(0.5, 0.5)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
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
from bargaining.model.war import WarParty

__all__ = ["MAX_ROUNDS", "MAX_TYPES", "FightingType", "LearningWhileFighting"]

MAX_TYPES = 12
MAX_ROUNDS = 1000


@dataclass(frozen=True, slots=True, init=False)
class FightingType:
    """A type of the informed side: name, prior, cost per round, win and loss chances per round."""

    name: str
    probability: Expression
    cost: Expression
    win: Expression
    loss: Expression
    description: str

    def __init__(
        self,
        name: str,
        probability: Formula,
        cost: Formula,
        win: Formula,
        loss: Formula,
        description: str = "",
    ) -> None:
        set_fields(
            self,
            name=check_name(name, "name"),
            probability=formula(probability, "probability"),
            cost=formula(cost, "cost"),
            win=formula(win, "win"),
            loss=formula(loss, "loss"),
            description=description,
        )


@dataclass(frozen=True, slots=True, init=False)
class LearningWhileFighting(Parametrized):
    r"""Bargaining while fighting, the uninformed side screening finitely many types (after Powell 2004).

    Parameters
    ----------
    proposer
        The uninformed side (it makes every offer), with its cost per round of fighting.
    responder
        The informed side's name.
    types
        Its :class:`FightingType` list (names unique, probabilities summing to 1).
    discount
        :math:`\delta \in (0, 1)` per round.
    rounds
        :math:`T`, the rounds of talks, after which the war is fought to its end.
    parameters, name, description
        As in every spec.

    Raises
    ------
    SpecError
        At the JSON path (``types[1].win``, ``discount``, ``rounds``, ...) for a
        probability outside [0, 1], win and loss chances summing above 1, a
        negative cost, a prior not summing to 1, a repeated name.
    """

    proposer: WarParty
    responder: str
    types: tuple[FightingType, ...]
    discount: Expression
    rounds: int
    parameters: tuple[Parameter, ...]
    name: str
    description: str

    spec_kind: ClassVar[str] = "learning_while_fighting"

    def __init__(
        self,
        proposer: WarParty,
        responder: str,
        types: Sequence[FightingType],
        discount: Formula,
        rounds: int = 12,
        parameters: Sequence[Parameter] = (),
        name: str = "",
        description: str = "",
    ) -> None:
        if not isinstance(proposer, WarParty):
            raise SpecError("parties[0]", f"expected a party object, got {type(proposer).__name__}")
        informed = check_name(responder, "parties[1].name")
        if informed == proposer.name:
            raise SpecError("parties[1].name", f"both parties are called {informed!r}; rename one")
        checked = _check_types(types)
        if isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= MAX_ROUNDS:
            raise SpecError(
                "rounds", f"expected a whole number of rounds in [1, {MAX_ROUNDS}], got {rounds!r}"
            )
        set_fields(
            self,
            proposer=proposer,
            responder=informed,
            types=checked,
            discount=formula(discount, "discount"),
            rounds=rounds,
            parameters=check_parameters(parameters),
            name=name,
            description=description,
        )
        self.arguments()  # validates every value

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"LearningWhileFighting({label}{self.summary()})"

    @property
    def party_names(self) -> tuple[str, str]:
        """(uninformed, informed)."""
        return self.proposer.name, self.responder

    def summary(self) -> str:
        """One line: who screens whom, how many types and rounds."""
        n = len(self.types)
        kinds = f"{n} type{'s' if n != 1 else ''}"
        return f"{self.proposer.name} screens {kinds} of {self.responder} over {self.rounds} rounds"

    def arguments(self) -> dict[str, Any]:
        """The arguments of :func:`~bargaining.war.learning_equilibrium` at the parameter values.

        Raises
        ------
        SpecError
            For a value outside its domain, at the path of its field.
        """
        values = self.parameter_values()
        columns: dict[str, list[float]] = {"probability": [], "cost": [], "win": [], "loss": []}
        for k, t in enumerate(self.types):
            for field, column in columns.items():
                x = finite_value(getattr(t, field), values, f"types[{k}].{field}")
                low, high = (0.0, math.inf) if field == "cost" else (0.0, 1.0)
                if not low <= x <= high:
                    what = (
                        "a cost per round must be >= 0"
                        if field == "cost"
                        else "a probability must be in [0, 1]"
                    )
                    raise SpecError(f"types[{k}].{field}", f"{what}, got {x:g}")
                column.append(x)
            decided = columns["win"][k] + columns["loss"][k]
            if decided > 1 + 1e-12:
                raise SpecError(
                    f"types[{k}].loss", f"win and loss chances per round sum to {decided:g}; at most 1"
                )
        total = sum(columns["probability"])
        if abs(total - 1) > 1e-9:
            raise SpecError("types", f"the types' probabilities sum to {total:g}; they must sum to 1")
        delta = finite_value(self.discount, values, "discount")
        if not 0 < delta < 1:
            raise SpecError("discount", f"a discount factor must be in (0, 1), got {delta:g}")
        c_u = finite_value(self.proposer.cost, values, "parties[0].cost")
        if c_u < 0:
            raise SpecError("parties[0].cost", f"a cost per round must be >= 0, got {c_u:g}")
        return {
            "prior": tuple(columns["probability"]),
            "cost": tuple(columns["cost"]),
            "win": tuple(columns["win"]),
            "loss": tuple(columns["loss"]),
            "proposer_cost": c_u,
            "discount": delta,
            "horizon": self.rounds,
            "party_names": self.party_names,
            "type_names": tuple(t.name for t in self.types),
        }


def _check_types(types: Sequence[FightingType]) -> tuple[FightingType, ...]:
    """The types as a tuple of 1 to :data:`MAX_TYPES` uniquely named :class:`FightingType`."""
    checked = tuple(types)
    if not 1 <= len(checked) <= MAX_TYPES:
        raise SpecError("types", f"give between 1 and {MAX_TYPES} types, got {len(checked)}")
    seen: set[str] = set()
    for k, t in enumerate(checked):
        if not isinstance(t, FightingType):
            raise SpecError(f"types[{k}]", f"expected a type object, got {type(t).__name__}")
        if t.name in seen:
            raise SpecError(f"types[{k}].name", f"the type {t.name!r} is named twice")
        seen.add(t.name)
    return checked
