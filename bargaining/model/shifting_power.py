r"""Shifting power and the commitment problem as a model with named parameters (kind ``shifting_power``).

Two parties divide a flow of size :math:`\pi` per period. In period
:math:`t = 0, 1, \dots` party 0 would win a war with probability :math:`p_t`;
the path :math:`p_0, \dots, p_{T-1}` is given and the last value holds for ever
after (an eroding chip: :math:`p_t` falls as the salient is retaken; an
advancing front: it rises). War is a costly lottery that ends the game: at
:math:`t` it is worth

.. math:: M^0_t = \frac{p_t \pi}{1-\delta} - c_0, \qquad M^1_t = \frac{(1-p_t)\pi}{1-\delta} - c_1

(Fearon 1995; Powell 2006, International Organization 60(1), 169-203). Each
period the proposer of that period offers a division of the period's flow;
the other accepts or fights. :class:`ShiftingPower` holds each number as a
formula over the spec's parameters and never solves itself:
:func:`bargaining.war.solve_shifting_power` does.

Examples
--------
>>> m = ShiftingPower(
...     (WarParty("a", 0.1), WarParty("b", 0.1)), win_probability=(0.7, 0.5), discount=0.9)
>>> m.arguments()["win_probability"]
(0.7, 0.5)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from bargaining.errors import SpecError
from bargaining.expressions.parse import Expression
from bargaining.model.parameters import Parameter
from bargaining.model.parametrized import (
    Formula,
    Parametrized,
    check_pair,
    check_parameters,
    finite_value,
    formula,
    set_fields,
)
from bargaining.model.war import WarParty

__all__ = ["MAX_PERIODS", "ShiftingPower"]

MAX_PERIODS = 10_000
"""The longest path of win probabilities a model may give."""


@dataclass(frozen=True, slots=True)
class ShiftingPower(Parametrized):
    r"""Bargaining over a flow while the distribution of power shifts (Powell 2006).

    Parameters
    ----------
    parties
        Two :class:`~bargaining.model.war.WarParty`: their names and costs of war
        :math:`c_0, c_1 \ge 0` (lump sums, in units of the flow).
    win_probability
        :math:`(p_0, \dots, p_{T-1})`: party 0's chance of winning a war started
        in each period; :math:`p_{T-1}` holds for every later period.
    discount
        :math:`\delta \in (0, 1)`, both parties' discount factor per period.
    size
        :math:`\pi > 0`, the flow divided each period.
    proposer
        Who offers in each period: one index (0 or 1) for every period, or one
        per period of the path (the last holds after it).
    labels
        Optional names of the periods (e.g. months), one per period of the path.
    parameters, name, description
        As in every spec.

    Raises
    ------
    SpecError
        At the JSON path (``win_probability[3]``, ``discount``,
        ``parties[0].cost``, ``proposer[2]``) for a probability outside
        :math:`[0, 1]`, a discount outside :math:`(0, 1)`, a negative cost, a
        size that is not positive, or lists of the wrong length.
    """

    parties: tuple[WarParty, WarParty]
    win_probability: tuple[Expression, ...]
    discount: Expression
    size: Expression
    proposer: tuple[int, ...]
    labels: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    name: str
    description: str

    spec_kind: ClassVar[str] = "shifting_power"

    def __init__(
        self,
        parties: Sequence[WarParty],
        win_probability: Sequence[Formula],
        discount: Formula,
        size: Formula = 1.0,
        proposer: int | Sequence[int] = 1,
        labels: Sequence[str] = (),
        parameters: Sequence[Parameter] = (),
        name: str = "",
        description: str = "",
    ) -> None:
        pair = check_pair(parties, WarParty, "parties", "the commitment problem")
        checked = check_parameters(parameters)
        path = tuple(win_probability)
        if not path:
            raise SpecError("win_probability", "give at least one win probability")
        if len(path) > MAX_PERIODS:
            raise SpecError("win_probability", f"at most {MAX_PERIODS} periods, got {len(path)}")
        p = tuple(formula(q, f"win_probability[{t}]") for t, q in enumerate(path))
        delta, pi = formula(discount, "discount"), formula(size, "size")
        who = _proposers(proposer, len(path))
        names = tuple(str(x) for x in labels)
        if names and len(names) != len(path):
            raise SpecError("labels", f"expected {len(path)} labels (one per period), got {len(names)}")
        set_fields(
            self,
            parties=pair,
            win_probability=p,
            discount=delta,
            size=pi,
            proposer=who,
            labels=names,
            parameters=checked,
            name=name,
            description=description,
        )
        self.arguments()  # validates every value

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"ShiftingPower({label}{self.summary()})"

    @property
    def party_names(self) -> tuple[str, str]:
        """The parties' names, in order."""
        return self.parties[0].name, self.parties[1].name

    @property
    def proposers(self) -> tuple[int, ...]:
        """Who offers in each period of the path (0 or 1; the same as ``proposer``)."""
        return self.proposer

    def summary(self) -> str:
        """One line: the parties and the path."""
        a, b = self.party_names
        n = len(self.win_probability)
        return f"{a} against {b}, power shifting over {n} period{'s' if n != 1 else ''}"

    def arguments(self) -> dict[str, Any]:
        """The arguments of :func:`~bargaining.war.commitment_equilibrium` at the parameter values.

        Raises
        ------
        SpecError
            For a value outside its domain, at the path of its field.
        """
        values = self.parameter_values()
        path = []
        for t, expr in enumerate(self.win_probability):
            p = finite_value(expr, values, f"win_probability[{t}]")
            if not 0 <= p <= 1:
                raise SpecError(f"win_probability[{t}]", f"a probability must be in [0, 1], got {p:g}")
            path.append(p)
        delta = finite_value(self.discount, values, "discount")
        if not 0 < delta < 1:
            raise SpecError("discount", f"a discount factor must be in (0, 1), got {delta:g}")
        size = finite_value(self.size, values, "size")
        if size <= 0:
            raise SpecError("size", f"the flow divided each period must be positive, got {size:g}")
        cost = []
        for i, party in enumerate(self.parties):
            c = finite_value(party.cost, values, f"parties[{i}].cost")
            if c < 0:
                raise SpecError(f"parties[{i}].cost", f"a cost of war must be >= 0, got {c:g}")
            cost.append(c)
        return {
            "win_probability": tuple(path),
            "cost": (cost[0], cost[1]),
            "discount": delta,
            "size": size,
            "proposer": self.proposers,
            "party_names": self.party_names,
            "labels": self.labels,
        }


def _proposers(proposer: int | Sequence[int], n: int) -> tuple[int, ...]:
    """Who offers in each of the ``n`` periods: one index for all, or one per period."""
    if isinstance(proposer, int):
        if isinstance(proposer, bool) or proposer not in (0, 1):
            raise SpecError("proposer", f"expected party 0 or 1, got {proposer!r}")
        return (proposer,) * n
    items = tuple(proposer)
    if len(items) != n:
        raise SpecError("proposer", f"expected one proposer or {n} (one per period), got {len(items)}")
    for t, who in enumerate(items):
        if isinstance(who, bool) or who not in (0, 1):
            raise SpecError(f"proposer[{t}]", f"expected party 0 or 1, got {who!r}")
    return items
