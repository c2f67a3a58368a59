"""The parties to a negotiation and the constraints between issues."""

from __future__ import annotations

from dataclasses import dataclass

from bargaining.errors import ExpressionError, SpecError
from bargaining.expressions.parse import Expression, Inequality, parse_comparison
from bargaining.model.parameters import check_name
from bargaining.model.parametrized import formula

__all__ = ["Constraint", "Party", "expr"]


def expr(value: Expression | str | float) -> Expression:
    """A formula field after validation (always an :class:`Expression`)."""
    assert isinstance(value, Expression), "fields are parsed on construction"
    return value


@dataclass(frozen=True, slots=True)
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
    utility: Expression | str | float
    disagreement: Expression | str | float = 0.0
    bargaining_power: Expression | str | float = 1.0
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_name(self.name, "name"))
        object.__setattr__(self, "utility", formula(self.utility, "utility"))
        object.__setattr__(self, "disagreement", formula(self.disagreement, "disagreement"))
        object.__setattr__(self, "bargaining_power", formula(self.bargaining_power, "bargaining_power"))


@dataclass(frozen=True, slots=True)
class Constraint:
    """An extra constraint between issues, e.g. ``"territory + kursk <= 1.5"``."""

    expression: Inequality | str
    name: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        if self.name:
            object.__setattr__(self, "name", check_name(self.name, "name"))
        try:
            object.__setattr__(self, "expression", parse_comparison(self.expression))
        except ExpressionError as exc:
            raise SpecError("expression", str(exc)) from None

    @property
    def comparison(self) -> Inequality:
        """The parsed constraint."""
        assert isinstance(self.expression, Inequality)
        return self.expression
