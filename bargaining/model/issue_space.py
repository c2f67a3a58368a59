r"""Bargaining over issues: parameters, issues, parties, constraints, the problem.

A :class:`BargainingProblem` describes a negotiation as a payoff structure over
*issues*. An agreement :math:`x` fixes every issue: a continuous share
:math:`x_k \in [\ell_k, h_k]` or one of the named levels of a discrete issue.
Each party :math:`i` values an agreement by its utility :math:`u_i(x)` and
values the failure of talks (continued war) at its disagreement value
:math:`d_i`. Utilities, disagreement values, bounds, bargaining powers and
extra constraints are formulas (:mod:`bargaining.expressions.parse`) over the issues
and named *parameters*, so a scenario can be re-solved for other parameter
values (:meth:`BargainingProblem.with_parameters`).

The feasible set of utility vectors is

.. math:: S = \{ (u_1(x), \dots, u_n(x)) : x \text{ satisfies the bounds and constraints} \}

and the disagreement point is :math:`d = (d_1, \dots, d_n)`.

All classes are immutable and validated on construction. Validation errors
are :class:`~bargaining.errors.SpecError` with the path of the field in spec
terms (``parties[0].utility``), the same whether the problem came from JSON
or was built in Python.

Examples
--------
Divide a dollar (Nash 1950's simplest case):

>>> problem = BargainingProblem(
...     parties=[Party("alice", "share"), Party("bob", "1 - share")],
...     issues=[ContinuousIssue("share", 0, 1)],
... )
>>> problem.summary()
'2 parties, 1 issue, 0 parameters'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from bargaining.errors import ExpressionError, SpecError, suggest
from bargaining.expressions.parse import Expression
from bargaining.model.domain import check_domains
from bargaining.model.issues import ContinuousIssue, DiscreteIssue, Issue, Level
from bargaining.model.parameters import Parameter, check_name, same_name_note
from bargaining.model.parametrized import Parametrized, set_fields
from bargaining.model.parties import Constraint, Party

__all__ = [
    "BargainingProblem",
    "Constraint",
    "ContinuousIssue",
    "DiscreteIssue",
    "Issue",
    "Level",
    "Parameter",
    "Party",
    "check_name",
]


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


@dataclass(frozen=True, slots=True, eq=False, init=False)
class BargainingProblem(Parametrized):
    """A negotiation over issues between two or more parties.

    Parameters
    ----------
    parties
        Two or more :class:`Party`.
    issues
        One or more :class:`ContinuousIssue` or :class:`DiscreteIssue`.
    parameters
        Named numbers the formulas use.
    constraints
        Extra constraints between issues.
    lotteries
        Whether the parties may agree on a lottery over agreements (which
        convexifies the feasible set across the levels of discrete issues).
    name, description
        For tables and reports.

    Raises
    ------
    SpecError
        With the path of the offending field, for an unknown name in a
        formula, a name used twice, bounds that contradict, a bargaining power
        that is not positive, a disagreement value that depends on an issue.
    """

    parties: tuple[Party, ...]
    issues: tuple[Issue, ...]
    parameters: tuple[Parameter, ...]
    constraints: tuple[Constraint, ...]
    lotteries: bool
    name: str
    description: str

    spec_kind: ClassVar[str] = "issue_space"

    #: The most combinations of discrete levels (convex pieces, one program each) solved.
    MAX_PIECES: ClassVar[int] = 4096

    def __init__(
        self,
        parties: Sequence[Party],
        issues: Sequence[Issue],
        parameters: Sequence[Parameter] = (),
        constraints: Sequence[Constraint] = (),
        lotteries: bool = False,
        name: str = "",
        description: str = "",
    ) -> None:
        set_fields(
            self,
            parties=tuple(parties),
            issues=tuple(issues),
            parameters=tuple(parameters),
            constraints=tuple(constraints),
            lotteries=lotteries,
            name=name,
            description=description,
        )
        self._validate()

    # ------------------------------------------------------------------ validation

    def _validate(self) -> None:
        parties, issues, params = self.parties, self.issues, self.parameters
        if len(parties) < 2:
            raise SpecError("parties", f"a bargaining problem needs at least two parties, got {len(parties)}")
        if not issues:
            raise SpecError("issues", "a bargaining problem needs at least one issue to bargain over")
        for kind, items in (("parties", parties), ("issues", issues), ("parameters", params)):
            for i, item in enumerate(items):
                expected = {
                    "parties": Party,
                    "issues": ContinuousIssue | DiscreteIssue,
                    "parameters": Parameter,
                }
                if not isinstance(item, expected[kind]):
                    raise SpecError(
                        f"{kind}[{i}]", f"expected a {kind[:-1]} object, got {type(item).__name__}"
                    )
        self._unique("parties", [p.name for p in parties])
        self._unique("issues", [x.name for x in issues], [p.name for p in params])
        self._unique("parameters", [p.name for p in params])
        self._check_pieces()

        param_names = {p.name for p in params}
        issue_names = {x.name for x in issues}
        everything = param_names | issue_names
        for i, issue in enumerate(issues):
            if isinstance(issue, ContinuousIssue):
                for bound in ("lower", "upper"):
                    self._names(
                        getattr(issue, bound),
                        param_names,
                        f"issues[{i}].{bound}",
                        "a bound",
                        issue_names,
                    )
        for i, party in enumerate(parties):
            self._names(party.utility, everything, f"parties[{i}].utility")
            self._names(
                party.disagreement,
                param_names,
                f"parties[{i}].disagreement",
                "a disagreement value",
                issue_names,
            )
            self._names(
                party.bargaining_power,
                param_names,
                f"parties[{i}].bargaining_power",
                "a bargaining power",
                issue_names,
            )
        for i, constraint in enumerate(self.constraints):
            comparison = constraint.comparison
            self._names(comparison.body, everything, f"constraints[{i}]")
            if not comparison.names & issue_names:
                raise SpecError(
                    f"constraints[{i}]", f"{comparison.source!r} involves no issue; it constrains nothing"
                )
        self._check_values()

    def _check_pieces(self) -> None:
        sizes = [len(x.level_list) for x in self.discrete_issues]
        count = int(np.prod(sizes, dtype=object)) if sizes else 1
        if count > self.MAX_PIECES:
            product = " x ".join(str(n) for n in sizes)
            raise SpecError(
                "issues",
                f"{len(sizes)} discrete issues make {product} = {count:,} combinations of levels, each a "
                f"convex program to solve; the limit is {self.MAX_PIECES:,}: drop levels, merge issues, "
                "or make an issue continuous (a number between bounds)",
            )

    def _unique(self, kind: str, names: list[str], others: Sequence[str] = ()) -> None:
        seen: dict[str, int] = {}
        for i, name in enumerate(names):
            if name in seen:
                raise SpecError(
                    f"{kind}[{i}].name",
                    f"the name {name!r} is used twice, here and at {kind}[{seen[name]}].name"
                    f"{same_name_note(name)}; names must be unique",
                )
            if name in others:
                raise SpecError(
                    f"{kind}[{i}].name",
                    f"{name!r} names both an issue and a parameter{same_name_note(name)}; rename one of them",
                )
            seen[name] = i

    @staticmethod
    def _names(
        formula: Expression, allowed: Set[str], path: str, what: str = "", forbidden: Set[str] = frozenset()
    ) -> None:
        for name in sorted(formula.names):
            if name in allowed:
                continue
            if name in forbidden:
                raise SpecError(path, f"{what} cannot depend on the issue {name!r}; use parameters only")
            raise SpecError(path, f"unknown name {name!r}{suggest(name, sorted(allowed))}")

    def _check_values(self) -> None:
        values = self.parameter_values()
        for i, issue in enumerate(self.issues):
            if isinstance(issue, ContinuousIssue):
                low = self._value(issue.lower, values, f"issues[{i}].lower")
                high = self._value(issue.upper, values, f"issues[{i}].upper")
                if low > high + 1e-12:
                    raise SpecError(
                        f"issues[{i}]",
                        f"the bounds of {issue.name!r} contradict: lower {issue.lower} = {low:g} exceeds "
                        f"upper {issue.upper} = {high:g}; fix the bounds or the parameters they use",
                    )
        for i, party in enumerate(self.parties):
            self._value(party.disagreement, values, f"parties[{i}].disagreement")
            power = self._value(party.bargaining_power, values, f"parties[{i}].bargaining_power")
            if power <= 0:
                raise SpecError(
                    f"parties[{i}].bargaining_power",
                    f"the bargaining power of {party.name!r} is {power:g}; it must be positive (e.g. 1)",
                )
        check_domains(self.parties, self.issues, self.constraints, values)

    @staticmethod
    def _value(expr: Expression, values: Mapping[str, float], path: str) -> float:
        try:
            return float(expr.evaluate(values))
        except ExpressionError as exc:
            raise SpecError(path, str(exc)) from None

    # ------------------------------------------------------------------ views

    @property
    def party_names(self) -> tuple[str, ...]:
        """The parties' names, in order (players are numbered from 0)."""
        return tuple(p.name for p in self.parties)

    @property
    def issue_names(self) -> tuple[str, ...]:
        """The issues' names, in order."""
        return tuple(x.name for x in self.issues)

    @property
    def continuous_issues(self) -> tuple[ContinuousIssue, ...]:
        """The continuous issues, in order."""
        return tuple(x for x in self.issues if isinstance(x, ContinuousIssue))

    @property
    def discrete_issues(self) -> tuple[DiscreteIssue, ...]:
        """The discrete issues, in order."""
        return tuple(x for x in self.issues if isinstance(x, DiscreteIssue))

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``."""
        for p in self.parameters:
            if p.name == name:
                return p
        names = [p.name for p in self.parameters]
        raise SpecError("parameters", f"unknown parameter {name!r}{suggest(name, names)}")

    def disagreement_point(self) -> np.ndarray:
        """The disagreement point :math:`d`, evaluated at the parameter values."""
        values = self.parameter_values()
        return np.array([float(p.disagreement.evaluate(values)) for p in self.parties])

    def bargaining_powers(self) -> np.ndarray:
        """The bargaining powers :math:`w`, evaluated at the parameter values."""
        values = self.parameter_values()
        return np.array([float(p.bargaining_power.evaluate(values)) for p in self.parties])

    def level_combinations(self) -> Iterator[dict[str, Level]]:
        """Every combination of levels of the discrete issues (one empty one if none)."""
        discrete = self.discrete_issues
        for combo in itertools.product(*(issue.level_list for issue in discrete)):
            yield {issue.name: level for issue, level in zip(discrete, combo, strict=True)}

    def utilities_at(self, agreement: Mapping[str, Any]) -> np.ndarray:
        """Each party's utility at an agreement (level names or numbers for discrete issues)."""
        values: dict[str, Any] = self.parameter_values()
        for issue in self.issues:
            if issue.name not in agreement:
                raise SpecError("agreement", f"no value for the issue {issue.name!r}")
            value = agreement[issue.name]
            if isinstance(issue, DiscreteIssue) and isinstance(value, str):
                if value not in issue.level_names:
                    raise SpecError(
                        f"agreement.{issue.name}",
                        f"unknown level {value!r}{suggest(value, list(issue.level_names))}",
                    )
                value = issue.level_values[issue.level_names.index(value)]
            values[issue.name] = value
        return np.array([float(p.utility.evaluate(values)) for p in self.parties])

    def structure_key(self) -> tuple[Any, ...]:
        """Everything but the parameter values: problems with equal keys compile alike."""
        return (
            tuple(
                (p.name, str(p.utility), str(p.disagreement), str(p.bargaining_power)) for p in self.parties
            ),
            tuple(
                (x.name, str(x.lower), str(x.upper))
                if isinstance(x, ContinuousIssue)
                else (x.name, tuple((lv.name, lv.value) for lv in x.level_list))
                for x in self.issues
            ),
            tuple(p.name for p in self.parameters),
            tuple(str(c.expression) for c in self.constraints),
            self.lotteries,
        )

    def summary(self) -> str:
        """One line: how many parties, issues and parameters."""

        return ", ".join(
            _plural(len(items), word)
            for items, word in (
                (self.parties, "party"),
                (self.issues, "issue"),
                (self.parameters, "parameter"),
            )
        )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, BargainingProblem)
            and self.structure_key() == other.structure_key()
            and self.parameters == other.parameters
        )

    def __hash__(self) -> int:
        return hash((self.structure_key(), self.parameters))

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"BargainingProblem({label}{self.summary()})"
