r"""Bargaining problems stated directly in utility space.

Two forms that the textbooks use:

* :class:`UtilitySet`: a finite set of utility vectors :math:`v^1, \dots, v^K`
  (one per possible outcome), with or without lotteries over them. With
  lotteries the feasible set is their convex hull
  :math:`S = \{ \sum_k \lambda_k v^k : \lambda \ge 0, \sum_k \lambda_k = 1 \}`;
  without, it is the finite set itself.
* :class:`Frontier`: two parties and a Pareto frontier :math:`u_2 = f(u_1)` for
  :math:`u_1 \in [a, b]`, with :math:`f` concave; the feasible set is
  :math:`S = \{ (u_1, u_2) : a \le u_1 \le b,\ u_2 \le f(u_1) \}`. The formula
  uses the first party's name as the variable, e.g. ``"1 - alice**2"``.

Examples
--------
>>> Frontier(("alice", "bob"), "1 - alice**2", domain=(0, 1)).summary()
'2 parties, frontier bob = 1 - alice**2 on [0, 1]'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from bargaining.errors import SpecError, suggest
from bargaining.expressions.parse import Expression
from bargaining.model.issue_space import BargainingProblem, ContinuousIssue, Parameter, Party, check_name
from bargaining.model.parametrized import Formula, formula, set_fields

__all__ = ["Frontier", "MONOTONE_GRID", "UtilitySet", "check_decreasing"]


def _names(parties: Sequence[str], minimum: int) -> tuple[str, ...]:
    names = tuple(parties)
    if len(names) < minimum:
        raise SpecError("parties", f"expected at least {minimum} parties, got {len(names)}")
    names = tuple(check_name(name, f"parties[{i}].name") for i, name in enumerate(names))
    if len(set(names)) != len(names):
        raise SpecError("parties", "party names must be unique")
    return names


def _pair(values: Sequence[Formula], path: str) -> tuple[Expression, Expression]:
    items = tuple(values)
    if len(items) != 2:
        raise SpecError(path, f"expected two values, got {len(items)}")
    return formula(items[0], f"{path}[0]"), formula(items[1], f"{path}[1]")


def _vector(values: Any, n: int, path: str, default: float) -> np.ndarray:
    arr = np.full(n, default, dtype=float) if values is None else np.array(values, dtype=float)
    if arr.shape != (n,):
        raise SpecError(path, f"expected {n} numbers (one per party), got {np.shape(values)}")
    if not np.all(np.isfinite(arr)):
        raise SpecError(path, "expected finite numbers")
    arr.flags.writeable = False
    return arr


@dataclass(frozen=True, slots=True, eq=False, init=False)
class UtilitySet:
    """A finite set of utility vectors, with or without lotteries over them.

    Parameters
    ----------
    parties
        The parties' names.
    points
        A ``(K, n)`` array: row ``k`` gives each party's utility of outcome ``k``.
    disagreement_point
        :math:`d`, one number per party (default zeros).
    bargaining_power
        :math:`w > 0`, one number per party (default ones).
    labels
        A name per outcome (default ``"outcome_0"``, ...).
    lotteries
        Whether the parties may agree on a lottery over outcomes (the convex
        hull), as in Nash (1950).
    """

    parties: tuple[str, ...]
    points: np.ndarray
    disagreement_point: np.ndarray
    bargaining_power: np.ndarray
    labels: tuple[str, ...]
    lotteries: bool
    name: str
    description: str

    spec_kind: ClassVar[str] = "utility_set"

    def __init__(
        self,
        parties: Sequence[str],
        points: Any,
        disagreement_point: Any = None,
        bargaining_power: Any = None,
        labels: Sequence[str] | None = None,
        lotteries: bool = False,
        name: str = "",
        description: str = "",
    ) -> None:
        names = _names(parties, 2)
        n = len(names)
        table = np.array(points, dtype=float)
        if table.ndim != 2 or table.shape[1] != n or table.shape[0] == 0:
            raise SpecError("points", f"expected a list of outcomes, each with {n} utilities (one per party)")
        if not np.all(np.isfinite(table)):
            raise SpecError("points", "utilities must be finite numbers")
        table.flags.writeable = False
        names_of = tuple(labels) if labels is not None else tuple(f"outcome_{k}" for k in range(len(table)))
        if len(names_of) != len(table):
            raise SpecError("labels", f"expected {len(table)} labels, got {len(names_of)}")
        if len(set(names_of)) != len(names_of):
            raise SpecError("labels", "outcome labels must be unique")
        power = _vector(bargaining_power, n, "bargaining_power", 1.0)
        if np.any(power <= 0):
            raise SpecError("bargaining_power", "bargaining powers must be positive (e.g. 1)")
        set_fields(
            self,
            parties=names,
            points=table,
            disagreement_point=_vector(disagreement_point, n, "disagreement_point", 0.0),
            bargaining_power=power,
            labels=names_of,
            lotteries=lotteries,
            name=name,
            description=description,
        )

    @property
    def party_names(self) -> tuple[str, ...]:
        """The parties' names, in order."""
        return tuple(self.parties)

    @property
    def outcome_labels(self) -> tuple[str, ...]:
        """A name per outcome, in order."""
        return self.labels

    def parameter_values(self) -> dict[str, float]:
        """A utility set has no named parameters."""
        return {}

    def with_parameters(self, values: Mapping[str, float] | None = None, **kwargs: float) -> UtilitySet:
        """A utility set has no named parameters: any name is an error."""
        for name in {**(values or {}), **kwargs}:
            raise SpecError("parameters", f"unknown parameter {name!r}; a utility_set spec has no parameters")
        return self

    def summary(self) -> str:
        """One line: parties and outcomes."""
        hull = ", lotteries allowed" if self.lotteries else ""
        return f"{len(self.parties)} parties, {len(self.points)} outcomes{hull}"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UtilitySet)
            and self.parties == other.parties
            and np.array_equal(self.points, other.points)
            and np.array_equal(self.disagreement_point, other.disagreement_point)
            and np.array_equal(self.bargaining_power, other.bargaining_power)
            and self.labels == other.labels
            and self.lotteries == other.lotteries
        )

    __hash__ = None  # type: ignore[assignment]

    def _repr_html_(self) -> str:
        """The model field by field as HTML, for notebooks (:func:`bargaining.display.model_html`)."""
        from bargaining.display import model_html

        return model_html(self)


@dataclass(frozen=True, slots=True, eq=False, init=False)
class Frontier:
    r"""Two parties and a Pareto frontier :math:`u_2 = f(u_1)` on :math:`[a, b]`.

    Parameters
    ----------
    parties
        The two parties' names; ``frontier`` uses the first as its variable.
    frontier
        :math:`f`, a formula in the first party's utility and the parameters;
        concave, so that the feasible set is convex.
    domain
        :math:`[a, b]`, the range of the first party's utility (numbers or
        formulas over parameters).
    disagreement_point, bargaining_power
        Per party; numbers or formulas over parameters.
    parameters
        Named numbers the formulas use.
    """

    parties: tuple[str, str]
    frontier: Expression
    domain: tuple[Expression, Expression]
    disagreement_point: tuple[Expression, Expression]
    bargaining_power: tuple[Expression, Expression]
    parameters: tuple[Parameter, ...]
    name: str
    description: str

    spec_kind: ClassVar[str] = "frontier"

    def __init__(
        self,
        parties: Sequence[str],
        frontier: Expression | str,
        domain: Sequence[Formula] = (0.0, 1.0),
        disagreement_point: Sequence[Formula] = (0.0, 0.0),
        bargaining_power: Sequence[Formula] = (1.0, 1.0),
        parameters: Sequence[Parameter] = (),
        name: str = "",
        description: str = "",
    ) -> None:
        names = _names(parties, 2)
        if len(names) != 2:
            raise SpecError("parties", f"a frontier problem has exactly two parties, got {len(names)}")
        set_fields(
            self,
            parties=(names[0], names[1]),
            frontier=formula(frontier, "frontier"),
            domain=_pair(domain, "domain"),
            disagreement_point=_pair(disagreement_point, "disagreement_point"),
            bargaining_power=_pair(bargaining_power, "bargaining_power"),
            parameters=tuple(parameters),
            name=name,
            description=description,
        )
        # Validation of names and values happens once, through the issue-space form.
        self.to_problem()
        check_decreasing(self)

    @property
    def formula(self) -> Expression:
        """The frontier :math:`f` as a parsed formula (the same as ``frontier``)."""
        return self.frontier

    @property
    def party_names(self) -> tuple[str, ...]:
        """The parties' names, in order."""
        return tuple(self.parties)

    def to_problem(self) -> BargainingProblem:
        """The same problem over one issue: the first party's utility."""
        first, second = self.parties
        frontier = self.formula
        params = {p.name for p in self.parameters}
        for name in sorted(frontier.names - params - {first}):
            known = sorted(params | {first})
            raise SpecError(
                "frontier", f"unknown name {name!r}{suggest(name, known)} (the variable is {first!r})"
            )
        lower, upper = self.domain
        d1, d2 = self.disagreement_point
        w1, w2 = self.bargaining_power
        try:
            return BargainingProblem(
                parties=(
                    Party(first, first, disagreement=d1, bargaining_power=w1),
                    Party(second, frontier, disagreement=d2, bargaining_power=w2),
                ),
                issues=(ContinuousIssue(first, lower, upper),),
                parameters=self.parameters,
                name=self.name,
            )
        except SpecError as exc:
            raise SpecError(_frontier_path(exc.path), exc.message) from None

    def parameter_values(self) -> dict[str, float]:
        """``{name: value}`` of every parameter."""
        return {p.name: p.value for p in self.parameters}

    def with_parameters(self, values: Mapping[str, float] | None = None, **kwargs: float) -> Frontier:
        """A copy with some parameters set to other values (validated again)."""
        problem = self.to_problem().with_parameters(values, **kwargs)
        return dataclasses.replace(self, parameters=tuple(problem.parameters))

    def summary(self) -> str:
        """One line: the parties and the frontier."""
        a, b = self.domain
        return f"2 parties, frontier {self.parties[1]} = {self.frontier} on [{a}, {b}]"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Frontier) and all(
            getattr(self, f.name) == getattr(other, f.name) for f in dataclasses.fields(self)
        )

    __hash__ = None  # type: ignore[assignment]

    def _repr_html_(self) -> str:
        """The model field by field as HTML, for notebooks (:func:`bargaining.display.model_html`)."""
        from bargaining.display import model_html

        return model_html(self)


#: Points of the domain at which :func:`check_decreasing` evaluates the frontier.
MONOTONE_GRID = 201


def check_decreasing(frontier: Frontier) -> None:
    r"""Refuse a frontier that rises: :math:`f` must not increase in the first party's utility.

    A Pareto frontier gives the second party less as the first gets more; a
    rising :math:`f` (``1 + alice``) is not a frontier, and the solution
    concepts would answer a different problem. Checked numerically at the
    parameters' values, on :data:`MONOTONE_GRID` points of the domain, with a
    tolerance of :math:`10^{-9}` of the frontier's scale (flat stretches pass).

    Raises
    ------
    SpecError
        At ``frontier``, naming two points where it rises.
    """
    first = frontier.parties[0]
    values = frontier.parameter_values()
    try:
        with np.errstate(all="ignore"):
            low, high = (float(bound.evaluate(values)) for bound in frontier.domain)
            grid = np.linspace(low, high, MONOTONE_GRID)
            heights = np.broadcast_to(
                np.asarray(frontier.formula.evaluate({**values, first: grid}), float), grid.shape
            )
    except (ArithmeticError, ValueError, TypeError):
        return  # undefined somewhere: the issue-space form's checks report that
    ok = np.isfinite(heights)
    x, y = grid[ok], heights[ok]
    if y.size < 2:
        return
    scale = max(1.0, float(np.max(np.abs(y))))
    rises = np.flatnonzero(np.diff(y) > 1e-9 * scale)
    if rises.size:
        i = int(rises[0])
        raise SpecError(
            "frontier",
            f"the frontier must be decreasing in the first party's utility ({first!r}), but "
            f"{frontier.formula} rises from {y[i]:.4g} at {first} = {x[i]:.4g} to {y[i + 1]:.4g} at "
            f"{first} = {x[i + 1]:.4g}; a Pareto frontier gives {frontier.parties[1]!r} less as "
            f"{first!r} gets more (e.g. 1 - {first})",
        )


def _frontier_path(path: str) -> str:
    """Map a path of the issue-space form back to the frontier spec's fields."""
    mapping = {
        "issues[0].lower": "domain[0]",
        "issues[0].upper": "domain[1]",
        "issues[0]": "domain",
        "parties[1].utility": "frontier",
        "parties[0].disagreement": "disagreement_point[0]",
        "parties[1].disagreement": "disagreement_point[1]",
        "parties[0].bargaining_power": "bargaining_power[0]",
        "parties[1].bargaining_power": "bargaining_power[1]",
    }
    return mapping.get(path, path)
