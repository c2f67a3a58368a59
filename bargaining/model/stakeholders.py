r"""The actor table of stakeholder forecasting (spec kind ``stakeholders``).

Analysts who forecast a negotiation with many actors write, for each actor, its
*capability* :math:`c_i > 0` (clout) and, on each issue :math:`d`, its
*position* :math:`x_{id}` on the issue's scale and its *salience*
:math:`s_{id} \in [0, 1]` (how much it cares). The models of
:mod:`bargaining.stakeholders` (compromise and weighted median, Bueno de
Mesquita's expected-utility model, KTAB's Spatial Model of Politics, Nash
bargaining) all read this table and nothing else.

Every number should say where it comes from: ``sources`` maps ``"capability"``
and issue names to a note, "assumption: ..." or a citation with its date.

Examples
--------
>>> table = StakeholderTable(
...     [Stakeholder("A", 1.0, (0.0,), (1.0,)), Stakeholder("B", 2.0, (10.0,), (0.5,))],
...     [StakeholderIssue("X", 0.0, 10.0)],
... )
>>> table.positions.tolist(), table.weights.tolist()
([[0.0], [10.0]], [[1.0], [1.0]])
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import SpecError
from bargaining.model.parametrized import set_fields
from bargaining.model.stakeholder_parameters import CellParameter, cell_changes, cell_parameters

__all__ = ["Stakeholder", "StakeholderIssue", "StakeholderTable", "check_label"]

#: The longest actor or issue name accepted.
MAX_NAME = 80


def check_label(value: Any, path: str) -> str:
    """``value`` as a non-empty one-line name of at most :data:`MAX_NAME` characters."""
    if not isinstance(value, str) or not value.strip():
        raise SpecError(path, "expected a non-empty name")
    text = value.strip()
    if len(text) > MAX_NAME or not text.isprintable():
        raise SpecError(path, f"a name is one printable line of at most {MAX_NAME} characters")
    return text


def _finite(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SpecError(path, f"expected a number, got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise SpecError(path, f"expected a finite number, got {value!r}")
    return number


@dataclass(frozen=True, slots=True)
class StakeholderIssue:
    """An issue: its name and scale, with what each end of the scale means.

    Parameters
    ----------
    name
        The issue's name, e.g. ``"territory_returned"``.
    lower, upper
        The ends of the scale (``lower < upper``); every position lies between them.
    lower_label, upper_label
        What the ends mean, e.g. ``"none"`` and ``"the 1991 borders"``.
    unit, description
        Free text.
    """

    name: str
    lower: float = 0.0
    upper: float = 100.0
    lower_label: str = ""
    upper_label: str = ""
    unit: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_label(self.name, "name"))
        lower, upper = _finite(self.lower, "lower"), _finite(self.upper, "upper")
        if not lower < upper:
            raise SpecError("upper", f"the scale needs lower < upper, got [{lower:g}, {upper:g}]")
        object.__setattr__(self, "lower", lower)
        object.__setattr__(self, "upper", upper)

    @property
    def span(self) -> float:
        """``upper - lower``."""
        return self.upper - self.lower


@dataclass(frozen=True, slots=True, init=False)
class Stakeholder:
    """An actor: its capability and, per issue, its position and salience.

    Parameters
    ----------
    name
        The actor's name.
    capability
        Its clout, :math:`c_i > 0` (any positive unit: shares, GDP, votes).
    positions
        One position per issue, on the issue's scale.
    saliences
        One salience per issue in :math:`[0, 1]` (0: does not care).
    sources
        Where the numbers come from: ``{"capability": "...", "<issue>": "..."}``.
    description
        Free text.
    """

    name: str
    capability: float
    positions: tuple[float, ...]
    saliences: tuple[float, ...]
    sources: Mapping[str, str]
    description: str

    def __init__(
        self,
        name: str,
        capability: float,
        positions: Sequence[float],
        saliences: Sequence[float],
        sources: Mapping[str, str] | None = None,
        description: str = "",
    ) -> None:
        label = check_label(name, "name")
        clout = _finite(capability, "capability")
        if clout <= 0:
            raise SpecError(
                "capability",
                f"an actor needs a positive capability, got {clout:g}; drop the actor instead",
            )
        where = tuple(_finite(p, f"positions[{k}]") for k, p in enumerate(positions))
        cares = tuple(_finite(x, f"saliences[{k}]") for k, x in enumerate(saliences))
        for k, x in enumerate(cares):
            if not 0 <= x <= 1:
                raise SpecError(f"saliences[{k}]", f"a salience must be in [0, 1], got {x:g}")
        if len(where) != len(cares):
            raise SpecError(
                "saliences",
                f"{len(where)} positions but {len(cares)} saliences; give one of each per issue",
            )
        set_fields(
            self,
            name=label,
            capability=clout,
            positions=where,
            saliences=cares,
            sources=dict(sources or {}),
            description=description,
        )


@dataclass(frozen=True, slots=True, eq=False, init=False)
class StakeholderTable:
    """The actor table: actors with capability, issues with a scale (spec kind ``stakeholders``).

    Parameters
    ----------
    actors
        At least two :class:`Stakeholder` with distinct names, each with one
        position and salience per issue.
    issues
        At least one :class:`StakeholderIssue`; positions lie on its scale.
    name, description
        Free text.

    Raises
    ------
    SpecError
        Naming the field (``actors[2].positions[0]``): a position off its
        issue's scale, a repeated actor, a wrong number of positions.
    """

    actors: tuple[Stakeholder, ...]
    issues: tuple[StakeholderIssue, ...]
    name: str
    description: str

    spec_kind: ClassVar[str] = "stakeholders"

    def __init__(
        self,
        actors: Sequence[Stakeholder],
        issues: Sequence[StakeholderIssue],
        name: str = "",
        description: str = "",
    ) -> None:
        actors, issues = tuple(actors), tuple(issues)
        if len(actors) < 2:
            raise SpecError("actors", f"a forecast needs at least two actors, got {len(actors)}")
        if not issues:
            raise SpecError("issues", "give at least one issue")
        _check_distinct([i.name for i in issues], "issues", "issue")
        _check_distinct([a.name for a in actors], "actors", "actor")
        for n, actor in enumerate(actors):
            if len(actor.positions) != len(issues):
                raise SpecError(
                    f"actors[{n}].positions",
                    f"{actor.name!r} has {len(actor.positions)} positions for {len(issues)} issues",
                )
            for d, issue in enumerate(issues):
                p = actor.positions[d]
                if not issue.lower <= p <= issue.upper:
                    raise SpecError(
                        f"actors[{n}].positions[{d}]",
                        f"{actor.name!r}'s position {p:g} on {issue.name!r} is off its scale "
                        f"[{issue.lower:g}, {issue.upper:g}]",
                    )
        set_fields(self, actors=actors, issues=issues, name=name, description=description)

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"StakeholderTable({label}{self.summary()})"

    def _repr_html_(self) -> str:
        """The table field by field as HTML, for notebooks (:func:`bargaining.display.model_html`)."""
        from bargaining.display import model_html

        return model_html(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StakeholderTable):
            return NotImplemented
        return (self.actors, self.issues, self.name, self.description) == (
            other.actors,
            other.issues,
            other.name,
            other.description,
        )

    def __hash__(self) -> int:
        return hash((self.actors_names, self.issue_names))

    def summary(self) -> str:
        """One line: how many actors on how many issues."""
        n, d = len(self.actors), len(self.issues)
        return f"{n} actors on {d} issue{'s' if d != 1 else ''}"

    @property
    def actors_names(self) -> tuple[str, ...]:
        """The actors' names, in order."""
        return tuple(a.name for a in self.actors)

    @property
    def issue_names(self) -> tuple[str, ...]:
        """The issues' names, in order."""
        return tuple(i.name for i in self.issues)

    @property
    def capabilities(self) -> NDArray[np.float64]:
        """:math:`c`, shape (actors,)."""
        return np.array([a.capability for a in self.actors], dtype=float)

    @property
    def positions(self) -> NDArray[np.float64]:
        """:math:`x`, shape (actors, issues), on each issue's own scale."""
        return np.array([a.positions for a in self.actors], dtype=float)

    @property
    def saliences(self) -> NDArray[np.float64]:
        """:math:`s`, shape (actors, issues), in [0, 1]."""
        return np.array([a.saliences for a in self.actors], dtype=float)

    @property
    def weights(self) -> NDArray[np.float64]:
        r""":math:`w_{id} = c_i s_{id}`, the baselines' weights, shape (actors, issues)."""
        return self.capabilities[:, None] * self.saliences

    @property
    def lower(self) -> NDArray[np.float64]:
        """The lower ends of the issues' scales."""
        return np.array([i.lower for i in self.issues], dtype=float)

    @property
    def upper(self) -> NDArray[np.float64]:
        """The upper ends of the issues' scales."""
        return np.array([i.upper for i in self.issues], dtype=float)

    def canonical_order(self) -> NDArray[np.intp]:
        """The actors sorted by their numbers alone, never their names or places in the table.

        The key is the position on each issue in turn, then the saliences, then
        the capability (``np.lexsort``). Actors with equal keys are identical,
        so a model computed on ``reordered(canonical_order())`` sees the same
        arrays, bit for bit, however the table lists its actors: relabelling
        them cannot change a floating-point sum, and so cannot tip a strict
        comparison near a tie.
        """
        keys = [self.capabilities, *self.saliences.T[::-1], *self.positions.T[::-1]]
        return np.lexsort(keys)

    def reordered(self, order: Sequence[int] | NDArray[np.intp]) -> StakeholderTable:
        """The same table with its actors in ``order`` (a permutation of their indices)."""
        return StakeholderTable(
            [self.actors[int(k)] for k in order], self.issues, self.name, self.description
        )

    @property
    def parameters(self) -> tuple[CellParameter, ...]:
        """Every cell as a parameter (``Kyiv.capability``, ``Kyiv.security.position``,
        ``Kyiv.security.salience``): see :mod:`bargaining.model.stakeholder_parameters`."""
        return cell_parameters(
            [(a.name, a.capability, a.positions, a.saliences) for a in self.actors],
            [(i.name, i.lower, i.upper) for i in self.issues],
        )

    def parameter_values(self) -> dict[str, float]:
        """``{cell: value}`` of every cell."""
        return {p.name: p.value for p in self.parameters}

    def with_parameters(self, values: Mapping[str, float] | None = None, **kwargs: float) -> StakeholderTable:
        """A copy with some cells set to other values (validated again; see :attr:`parameters`)."""
        from dataclasses import replace

        changes = cell_changes(self.parameters, {**(values or {}), **kwargs})
        actors = list(self.actors)
        for k, change in changes.items():
            actor = actors[k]
            fields: dict[str, Any] = {}
            if "capability" in change:
                fields["capability"] = change["capability"]
            for what, old in (("position", actor.positions), ("salience", actor.saliences)):
                cells = change.get(what)
                if isinstance(cells, dict):
                    fields[f"{what}s"] = tuple(cells.get(d, v) for d, v in enumerate(old))
            actors[k] = replace(actor, **fields)
        return replace(self, actors=tuple(actors))

    def with_actor(self, index: int, **changes: Any) -> StakeholderTable:
        """A copy with actor ``index`` changed (``capability=``, ``positions=``, ``saliences=``)."""
        from dataclasses import replace

        actors = list(self.actors)
        actors[index] = replace(actors[index], **changes)
        return replace(self, actors=tuple(actors))


def _check_distinct(names: list[str], path: str, what: str) -> None:
    seen: dict[str, int] = {}
    for k, name in enumerate(names):
        key = name.casefold()
        if key in seen:
            raise SpecError(
                f"{path}[{k}].name",
                f"{what} {name!r} appears twice (also {path}[{seen[key]}]); rename or merge one",
            )
        seen[key] = k
