"""The parties to a negotiation and the constraints between issues."""

from __future__ import annotations

from dataclasses import dataclass

from bargaining.errors import ExpressionError, SpecError
from bargaining.expressions.parse import Expression, Inequality, parse_comparison
from bargaining.model.parameters import check_name
from bargaining.model.parametrized import Formula, formula, set_fields

__all__ = ["Constraint", "Party"]


@dataclass(frozen=True, slots=True, init=False)
class Party:
    """A party to the negotiation.

    Parameters
    ----------
    name
        An identifier (``"ukraine"``).
    utility
        Its utility :math:`u_i(x)`: a formula over issues and parameters.
    disagreement
        Its disagreement value :math:`d_i`, what continued war is worth to it:
        a formula over parameters.
    bargaining_power
        Its weight :math:`w_i > 0` in the asymmetric Nash solution (and the
        weight of the weighted utilitarian and proportional solutions).
    description
        Who the party is and how its utility was chosen.
    """

    name: str
    utility: Expression
    disagreement: Expression
    bargaining_power: Expression
    description: str

    def __init__(
        self,
        name: str,
        utility: Formula,
        disagreement: Formula = 0.0,
        bargaining_power: Formula = 1.0,
        description: str = "",
    ) -> None:
        set_fields(
            self,
            name=check_name(name, "name"),
            utility=formula(utility, "utility"),
            disagreement=formula(disagreement, "disagreement"),
            bargaining_power=formula(bargaining_power, "bargaining_power"),
            description=description,
        )


@dataclass(frozen=True, slots=True, init=False)
class Constraint:
    """An extra constraint between issues, e.g. ``"territory + kursk <= 1.5"``."""

    expression: Inequality
    name: str
    description: str

    def __init__(self, expression: Inequality | str, name: str = "", description: str = "") -> None:
        checked = check_name(name, "name") if name else name
        try:
            parsed = parse_comparison(expression)
        except ExpressionError as exc:
            raise SpecError("expression", str(exc)) from None
        set_fields(self, expression=parsed, name=checked, description=description)

    @property
    def comparison(self) -> Inequality:
        """The parsed constraint (the same as ``expression``)."""
        return self.expression
