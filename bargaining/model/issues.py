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
from bargaining.model.parametrized import formula

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


@dataclass(frozen=True, slots=True)
class ContinuousIssue:
    """An issue settled by a number in ``[lower, upper]`` (e.g. a share of territory).

    The bounds may be formulas over parameters, e.g. ``upper="kursk_held"``:
    Ukraine cannot hand back more of Kursk than it holds.
    """

    name: str
    lower: Expression | str | float = 0.0
    upper: Expression | str | float = 1.0
    description: str = ""
    unit: str = ""

    kind: ClassVar[str] = "continuous"

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_name(self.name, "name"))
        object.__setattr__(self, "lower", formula(self.lower, "lower"))
        object.__setattr__(self, "upper", formula(self.upper, "upper"))


@dataclass(frozen=True, slots=True)
class DiscreteIssue:
    """An issue settled by one of a few named levels (e.g. security guarantees).

    ``levels`` may be given as ``Level`` objects or as a mapping from level
    name to value.
    """

    name: str
    levels: Sequence[Level] | Mapping[str, float]
    description: str = ""
    unit: str = ""

    kind: ClassVar[str] = "discrete"

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_name(self.name, "name"))
        levels = self.levels
        if isinstance(levels, Mapping):
            levels = [Level(k, v) for k, v in levels.items()]
        levels = tuple(levels)
        if not levels:
            raise SpecError("levels", f"discrete issue {self.name!r} has no levels; give at least one")
        seen: set[str] = set()
        for i, level in enumerate(levels):
            if not isinstance(level, Level):
                raise SpecError(f"levels[{i}]", f"expected a Level, got {level!r}")
            if level.name in seen:
                raise SpecError(f"levels[{i}].name", f"level {level.name!r} appears twice")
            seen.add(level.name)
        object.__setattr__(self, "levels", levels)

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
        """The levels, in order."""
        assert isinstance(self.levels, tuple)
        return self.levels


Issue = ContinuousIssue | DiscreteIssue
