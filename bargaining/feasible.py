r"""Feasible sets as unions of convex pieces, compiled once and re-parametrized.

The bargaining solutions all maximise some objective over the feasible utility
set. When a problem has discrete issues, that set is a union of convex pieces,
one per combination of levels; each piece is the same convex program with
other values of the discrete issues, which enter as parameters. So a problem
is compiled to cvxpy once (:class:`CompiledIssueProblem`), and every piece,
and every later problem with the same structure but other parameter values
(a sweep), only updates parameter values.

Compiled models are cached by :meth:`BargainingProblem.structure_key`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from bargaining.compile import Compiler
from bargaining.convex import ConvexModel
from bargaining.errors import ConvexityError, SpecError
from bargaining.model import BargainingProblem, DiscreteIssue, expr
from bargaining.utility_space import UtilitySet

__all__ = ["CompiledIssueProblem", "Feasible", "IssueFeasible", "LotteryFeasible", "feasible_set"]

_CACHE: OrderedDict[Any, list[CompiledIssueProblem]] = OrderedDict()
_CACHE_SIZE = 16


class CompiledIssueProblem:
    """One cvxpy compilation of an issue-space problem's structure.

    Parameters
    ----------
    problem
        The problem; its parameter values (and the first level of each
        discrete issue) set the initial parameter values and signs.
    values
        Initial values of parameters and discrete issues, if not the problem's.
    """

    def __init__(self, problem: BargainingProblem, values: Mapping[str, float] | None = None) -> None:
        import cvxpy as cp

        self.issue_names = [x.name for x in problem.continuous_issues]
        self.x = {name: cp.Variable(name=name) for name in self.issue_names}
        if values is None:
            values = dict(problem.parameter_values())
            for discrete in problem.discrete_issues:
                values[discrete.name] = discrete.level_values[0]
        self.compiler = compiler = Compiler(self.x, values)
        constraints: list[Any] = []
        self.bounds = []
        for issue in problem.continuous_issues:
            var = self.x[issue.name]
            lower = compiler.compile(expr(issue.lower).sympy)
            upper = compiler.compile(expr(issue.upper).sympy)
            constraints += [var >= lower, var <= upper]
            self.bounds.append((lower, upper))
        for i, constraint in enumerate(problem.constraints):
            comparison = constraint.comparison
            what = f"constraints[{i}] {comparison.source!r}"
            try:
                if comparison.equality:
                    constraints.append(compiler.affine(comparison.body.sympy, what) == 0)
                else:
                    constraints.append(compiler.convex(comparison.body.sympy, what) <= 0)
            except ConvexityError as exc:
                raise ConvexityError(f"constraints[{i}]: {exc}") from None
        utilities = []
        for i, party in enumerate(problem.parties):
            what = f"the utility of {party.name!r}"
            try:
                utilities.append(compiler.concave(expr(party.utility).sympy, what))
            except ConvexityError as exc:
                raise ConvexityError(f"parties[{i}].utility: {exc}") from None
        self.model = ConvexModel(utilities, constraints, readout=self._readout)

    def _readout(self) -> dict[str, Any]:
        return {
            name: _snap(float(var.value), bound)  # type: ignore[arg-type]
            for (name, var), bound in zip(self.x.items(), self.bounds, strict=True)
        }

    def update(self, values: Mapping[str, float]) -> bool:
        """Set parameter values; ``False`` if this compilation cannot take them."""
        return self.compiler.update(values)


def _snap(value: float, bounds: tuple[Any, Any]) -> float:
    """``value``, set exactly to a bound it is within solver tolerance of."""
    for bound in bounds:
        b = float(bound.value if hasattr(bound, "value") else bound)
        if abs(value - b) <= 1e-6 * max(1.0, abs(b)):
            return b
    return value


def compiled(problem: BargainingProblem, values: Mapping[str, float]) -> CompiledIssueProblem:
    """A compilation of ``problem``'s structure that accepts ``values`` (cached)."""
    key = problem.structure_key()
    candidates = _CACHE.get(key)
    if candidates is None:
        candidates = _CACHE[key] = []
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    for candidate in candidates:
        if candidate.update(values):
            return candidate
    fresh = CompiledIssueProblem(problem, values)
    candidates.append(fresh)
    return fresh


class Feasible:
    """A feasible utility set as pieces, with the problem's :math:`d` and powers."""

    parties: tuple[str, ...]
    disagreement_point: np.ndarray
    bargaining_power: np.ndarray

    def pieces(self) -> Iterator[tuple[ConvexModel, dict[str, Any]]]:
        """Each convex piece, ready to solve, with the agreement terms it fixes."""
        raise NotImplementedError

    def utilities(self, agreement: Mapping[str, Any]) -> np.ndarray:
        """The exact utilities of an agreement, from the problem's own formulas."""
        raise NotImplementedError

    def order(self, agreement: Mapping[str, Any]) -> dict[str, Any]:
        """The agreement with its terms in the problem's order."""
        return dict(agreement)


class IssueFeasible(Feasible):
    """The feasible set of an issue-space problem: a piece per level combination."""

    def __init__(self, problem: BargainingProblem) -> None:
        self.problem = problem
        self.parties = problem.party_names
        self.disagreement_point = problem.disagreement_point()
        self.bargaining_power = problem.bargaining_powers()
        self.values = problem.parameter_values()

    def pieces(self) -> Iterator[tuple[ConvexModel, dict[str, Any]]]:
        for combo in self.problem.level_combinations():
            values = dict(self.values)
            values.update({name: level.value for name, level in combo.items()})
            compilation = compiled(self.problem, values)
            yield compilation.model, {name: level.name for name, level in combo.items()}

    def utilities(self, agreement: Mapping[str, Any]) -> np.ndarray:
        return self.problem.utilities_at(agreement)

    def order(self, agreement: Mapping[str, Any]) -> dict[str, Any]:
        """The agreement with issues in the problem's order."""
        return {name: agreement[name] for name in self.problem.issue_names}


class LotteryFeasible(Feasible):
    r"""The convex hull of a finite utility set: lotteries :math:`\lambda` over outcomes."""

    def __init__(self, utility_set: UtilitySet) -> None:
        import cvxpy as cp

        self.set = utility_set
        self.parties = utility_set.party_names
        self.disagreement_point = np.asarray(utility_set.disagreement_point)
        self.bargaining_power = np.asarray(utility_set.bargaining_power)
        points = np.asarray(utility_set.points)
        self.weights = lam = cp.Variable(len(points), nonneg=True, name="lottery")
        utilities = [points[:, i] @ lam for i in range(points.shape[1])]
        self.model = ConvexModel(utilities, [cp.sum(lam) == 1], readout=self._readout)

    def _readout(self) -> dict[str, Any]:
        probabilities = np.clip(np.asarray(self.weights.value, dtype=float), 0.0, None)
        probabilities /= probabilities.sum()
        labels = self.set.outcome_labels
        return {label: float(p) for label, p in zip(labels, probabilities, strict=True) if p > 1e-7}

    def pieces(self) -> Iterator[tuple[ConvexModel, dict[str, Any]]]:
        yield self.model, {}

    def utilities(self, agreement: Mapping[str, Any]) -> np.ndarray:
        points = np.asarray(self.set.points)
        labels = self.set.outcome_labels
        total = sum(p for p in agreement.values())
        return sum(points[labels.index(k)] * (p / total) for k, p in agreement.items())

    def order(self, agreement: Mapping[str, Any]) -> dict[str, Any]:
        return dict(agreement)


def feasible_set(problem: Any) -> Feasible:
    """The :class:`Feasible` of an issue-space problem or a utility set with lotteries."""
    if isinstance(problem, BargainingProblem):
        return IssueFeasible(problem)
    if isinstance(problem, UtilitySet) and problem.lotteries:
        return LotteryFeasible(problem)
    raise SpecError("kind", f"cannot build a convex feasible set for {type(problem).__name__}")


def discrete_names(problem: BargainingProblem) -> list[str]:
    """The names of the discrete issues."""
    return [x.name for x in problem.issues if isinstance(x, DiscreteIssue)]
