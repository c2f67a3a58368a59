r"""The issues of a negotiation: continuous shares and discrete levels.

An agreement :math:`x` fixes every issue: a continuous share
:math:`x_k \in [\ell_k, h_k]` (bounds may be formulas over parameters) or one
of the named levels of a discrete issue, each with the number formulas see.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from bargaining.errors import SpecError
from bargaining.expressions.parse import Expression
from bargaining.model.parameters import check_name, spec_number
from bargaining.model.parametrized import Formula, formula, set_fields

__all__ = ["ContinuousIssue", "DiscreteIssue", "Issue", "Level"]


@dataclass(frozen=True, slots=True)
class Level:
    """A named level of a discrete issue, with the number formulas see."""

    name: str
    value: float
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_name(self.name, "name"))
        object.__setattr__(self, "value", spec_number(self.value, "value"))


@dataclass(frozen=True, slots=True, init=False)
class ContinuousIssue:
    """An issue settled by a number in ``[lower, upper]`` (e.g. a share of territory).

    The bounds may be formulas over parameters, e.g. ``upper="kursk_held"``:
    Ukraine cannot hand back more of Kursk than it holds.
    """

    name: str
    lower: Expression
    upper: Expression
    description: str
    unit: str

    kind: ClassVar[str] = "continuous"

    def __init__(
        self, name: str, lower: Formula = 0.0, upper: Formula = 1.0, description: str = "", unit: str = ""
    ) -> None:
        set_fields(
            self,
            name=check_name(name, "name"),
            lower=formula(lower, "lower"),
            upper=formula(upper, "upper"),
            description=description,
            unit=unit,
        )


@dataclass(frozen=True, slots=True, init=False)
class DiscreteIssue:
    """An issue settled by one of a few named levels (e.g. security guarantees).

    ``levels`` may be given as ``Level`` objects or as a mapping from level
    name to value.
    """

    name: str
    levels: tuple[Level, ...]
    description: str
    unit: str

    kind: ClassVar[str] = "discrete"

    def __init__(
        self,
        name: str,
        levels: Sequence[Level] | Mapping[str, float],
        description: str = "",
        unit: str = "",
    ) -> None:
        name = check_name(name, "name")
        set_fields(self, name=name, levels=_check_levels(name, levels), description=description, unit=unit)

    @property
    def level_names(self) -> tuple[str, ...]:
        """The names of the levels, in order."""
        return tuple(level.name for level in self.level_list)

    @property
    def level_values(self) -> tuple[float, ...]:
        """The values of the levels, in order."""
        return tuple(level.value for level in self.level_list)

    @property
    def level_list(self) -> tuple[Level, ...]:
        """The levels, in order (the same as ``levels``)."""
        return self.levels


def _check_levels(issue: str, levels: Sequence[Level] | Mapping[str, float]) -> tuple[Level, ...]:
    """The levels as a tuple of distinct :class:`Level` (from objects or a name-to-value mapping)."""
    checked = tuple(Level(k, v) for k, v in levels.items()) if isinstance(levels, Mapping) else tuple(levels)
    if not checked:
        raise SpecError("levels", f"discrete issue {issue!r} has no levels; give at least one")
    seen: set[str] = set()
    for i, level in enumerate(checked):
        if not isinstance(level, Level):
            raise SpecError(f"levels[{i}]", f"expected a Level, got {level!r}")
        if level.name in seen:
            raise SpecError(f"levels[{i}].name", f"level {level.name!r} appears twice")
        seen.add(level.name)
    return checked


Issue = ContinuousIssue | DiscreteIssue
