r"""Feasible sets as unions of convex pieces, compiled once and re-parametrized.

The bargaining solutions all maximise some objective over the feasible utility
set. When a problem has discrete issues, that set is a union of convex pieces,
one per combination of levels; each piece is the same convex program with
other values of the discrete issues, which enter as parameters. So a problem
is compiled to cvxpy once (:class:`CompiledIssueProblem`), and every piece,
and every later problem with the same structure but other parameter values
(a sweep), only updates parameter values.

Compiled models are cached by :meth:`BargainingProblem.structure_key` (and
the thread, since a compilation holds parameter values until it is solved) in
:data:`bargaining.solutions.cache.STRUCTURES`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from bargaining.errors import BargainingError, ConvexityError, SpecError
from bargaining.expressions.to_cvxpy import Compiler
from bargaining.model.issue_space import BargainingProblem
from bargaining.model.utility_space import UtilitySet
from bargaining.solutions.cache import STRUCTURES
from bargaining.solutions.convex import ConvexModel

__all__ = [
    "LOTTERY",
    "CompiledIssueProblem",
    "Feasible",
    "IssueFeasible",
    "LotteryFeasible",
    "LotteryIssueFeasible",
    "compilations",
    "compiled",
    "feasible_set",
    "finite_scale",
    "utility_scale",
]


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
            lower = compiler.compile(issue.lower.sympy)
            upper = compiler.compile(issue.upper.sympy)
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
                utilities.append(compiler.concave(party.utility.sympy, what))
            except ConvexityError as exc:
                raise ConvexityError(f"parties[{i}].utility: {exc}") from None
        scale = utility_scale(problem, values)
        self.model = ConvexModel(utilities, constraints, readout=self._readout, scale=scale)

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


def utility_scale(problem: BargainingProblem, values: Mapping[str, float]) -> float:
    r"""The size :math:`s` of the utilities near ``values``: what the programs divide by.

    The largest :math:`|u_i(x)|` and :math:`|d_i|` over the lower corner, the
    centre and the upper corner of the issue box. The conic programs are
    solved on :math:`u / s` and :math:`d / s`, so the solver's absolute
    tolerances mean the same at every scale: a problem and its common
    rescaling are solved alike.
    """
    sizes = [np.abs(problem.disagreement_point())]
    numbers = {**problem.parameter_values(), **values}
    with np.errstate(all="ignore"):
        for t in (0.0, 0.5, 1.0):
            point: dict[str, Any] = {}
            for issue in problem.continuous_issues:
                try:
                    lo = float(issue.lower.evaluate(numbers))
                    hi = float(issue.upper.evaluate(numbers))
                except (BargainingError, ArithmeticError):  # an undefined bound: the solver reports it
                    return finite_scale(np.array(sizes))
                point[issue.name] = lo + t * (hi - lo)
            for discrete in problem.discrete_issues:
                point[discrete.name] = numbers.get(discrete.name, discrete.level_values[0])
            try:
                sizes.append(np.abs(problem.utilities_at(point)))
            except (BargainingError, ArithmeticError):  # undefined at a corner: no size to read
                continue
    return finite_scale(np.array(sizes))


def finite_scale(sizes: np.ndarray) -> float:
    """The largest finite entry of ``sizes``: one scale for all parties (1 if there is none).

    One common scale keeps a problem and its common rescaling the same program.
    Party-by-party scales would also make affine maps of single utilities
    vanish, but they change the solver's path enough to cost accuracy on
    ordinary problems (Clarabel's power cones), so they are not used.
    """
    clean = np.where(np.isfinite(sizes), sizes, 0.0)
    top = float(clean.max()) if clean.size else 0.0
    return top if top > 0 else 1.0


def compilations(problem: BargainingProblem) -> list[CompiledIssueProblem]:
    """The cached compilations of ``problem``'s structure in this thread (one per sign pattern)."""
    key = ("cvxpy", problem.structure_key(), threading.get_ident())
    found: list[CompiledIssueProblem] = STRUCTURES.get(key, list)
    return found


def compiled(problem: BargainingProblem, values: Mapping[str, float]) -> CompiledIssueProblem:
    """A compilation of ``problem``'s structure that accepts ``values`` (cached)."""
    candidates = compilations(problem)
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
        scale = finite_scale(np.abs(np.vstack([points, self.disagreement_point])))
        self.model = ConvexModel(utilities, [cp.sum(lam) == 1], readout=self._readout, scale=scale)

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


class LotteryIssueFeasible(Feasible):
    r"""Lotteries over the agreements of an issue-space problem: the convex hull of its pieces.

    With pieces :math:`S_1, \dots, S_K` (one per combination of discrete levels),
    a lottery plays piece :math:`k` with probability :math:`\lambda_k` and agreement
    :math:`x_k` there. The expected utilities form
    :math:`\text{conv}(S_1 \cup \dots \cup S_K)`, which the perspective
    reformulation describes exactly (Ben-Tal and Nemirovski 2001, sect. 3.3):

    .. math:: u_i = \sum_k \lambda_k\, u_i^k(z_k/\lambda_k), \quad
              \lambda_k \ell_k \le z_k \le \lambda_k h_k, \quad
              \sum_k \lambda_k = 1, \ \lambda \ge 0,

    where :math:`z_k = \lambda_k x_k`; each term is cvxpy's ``perspective``.
    """

    MAX_PIECES = 512

    def __init__(self, problem: BargainingProblem) -> None:
        import cvxpy as cp

        self.problem = problem
        self.parties = problem.party_names
        self.disagreement_point = problem.disagreement_point()
        self.bargaining_power = problem.bargaining_powers()
        combos = list(problem.level_combinations())
        if len(combos) > self.MAX_PIECES:
            raise SpecError(
                "lotteries",
                f"{len(combos)} combinations of discrete levels are too many for lotteries "
                f"(the limit is {self.MAX_PIECES}); drop levels or set lotteries to false",
            )
        self.combos = combos
        # cvxpy's perspective needs each weight to be a Variable of its own.
        self.weights = [cp.Variable(nonneg=True, name=f"lottery_{k}") for k in range(len(combos))]
        self.scaled: list[dict[str, Any]] = []
        self.bounds: list[list[tuple[Any, Any]]] = []
        utilities: list[Any] = [0.0] * len(problem.parties)
        constraints: list[Any] = [cp.sum(cp.hstack(self.weights)) == 1]
        base = problem.parameter_values()
        for k, combo in enumerate(combos):
            lam = self.weights[k]
            z = {x.name: cp.Variable(name=f"{x.name}_{k}") for x in problem.continuous_issues}
            self.scaled.append(z)
            values = {**base, **{name: level.value for name, level in combo.items()}}
            compiler = Compiler(z, values)
            bounds = []
            for issue in problem.continuous_issues:
                lower = compiler.compile(issue.lower.sympy)
                upper = compiler.compile(issue.upper.sympy)
                constraints += [z[issue.name] >= lower * lam, z[issue.name] <= upper * lam]
                bounds.append((lower, upper))
            self.bounds.append(bounds)
            for i, constraint in enumerate(problem.constraints):
                comparison = constraint.comparison
                what = f"constraints[{i}] {comparison.source!r}"
                if comparison.equality:
                    body = compiler.affine(comparison.body.sympy, what)
                    constraints.append(_perspective(body, lam, comparison.body.sympy, compiler) == 0)
                else:
                    body = compiler.convex(comparison.body.sympy, what)
                    constraints.append(_perspective(body, lam, comparison.body.sympy, compiler) <= 0)
            for i, party in enumerate(problem.parties):
                try:
                    u = compiler.concave(party.utility.sympy, f"the utility of {party.name!r}")
                except ConvexityError as exc:
                    raise ConvexityError(f"parties[{i}].utility: {exc}") from None
                utilities[i] = utilities[i] + _perspective(u, lam, party.utility.sympy, compiler)
        scale = max(utility_scale(problem, {**base, **{n: lv.value for n, lv in c.items()}}) for c in combos)
        self.model = ConvexModel(utilities, constraints, readout=self._readout, scale=scale)

    def _readout(self) -> dict[str, Any]:
        probabilities = np.clip(np.array([np.asarray(w.value, dtype=float) for w in self.weights]), 0.0, None)
        kept = [k for k, p in enumerate(probabilities / probabilities.sum()) if p > 1e-7]
        total = float(probabilities[kept].sum())
        lottery = []
        for k in kept:
            weight = float(probabilities[k])
            agreement: dict[str, Any] = {
                name: _snap(float(z.value) / weight, bounds)
                for (name, z), bounds in zip(self.scaled[k].items(), self.bounds[k], strict=True)
            }
            agreement.update({name: level.name for name, level in self.combos[k].items()})
            ordered = {name: agreement[name] for name in self.problem.issue_names}
            lottery.append({"probability": float(probabilities[k]) / total, "agreement": ordered})
        return {LOTTERY: lottery}

    def pieces(self) -> Iterator[tuple[ConvexModel, dict[str, Any]]]:
        yield self.model, {}

    def utilities(self, agreement: Mapping[str, Any]) -> np.ndarray:
        lottery = agreement.get(LOTTERY) or [{"probability": 1.0, "agreement": agreement}]
        return np.sum([o["probability"] * self.problem.utilities_at(o["agreement"]) for o in lottery], axis=0)

    def order(self, agreement: Mapping[str, Any]) -> dict[str, Any]:
        """A sure agreement as usual; a real lottery as each issue's value where every
        outcome agrees on it (else ``"mixed"``), with the outcomes under ``"lottery"``."""
        lottery = agreement[LOTTERY]
        if len(lottery) == 1:
            return dict(lottery[0]["agreement"])
        summary: dict[str, Any] = {}
        for name in self.problem.issue_names:
            values = [o["agreement"][name] for o in lottery]
            if isinstance(values[0], str):
                same = all(v == values[0] for v in values)
            else:
                same = max(values) - min(values) <= 1e-7 * max(1.0, abs(values[0]))
            summary[name] = values[0] if same else "mixed"
        summary[LOTTERY] = lottery
        return summary


#: The agreement key of a lottery's outcomes: ``[{"probability": p, "agreement": {...}}, ...]``.
LOTTERY = "lottery"


def _perspective(f: Any, weight: Any, formula: Any, compiler: Compiler) -> Any:
    r"""The perspective :math:`\lambda f(z/\lambda)` of a compiled formula ``f``.

    Affine formulas are homogenised directly, :math:`a^T z + b\lambda` (cvxpy's
    ``perspective`` atom mishandles their constant term); others use the atom.
    """
    import cvxpy as cp

    if isinstance(f, float | int) or not f.variables():
        return f * weight
    if f.is_affine():
        at_zero = formula.subs({sym: 0 for sym in formula.free_symbols if sym.name in compiler.variables})
        constant = compiler.compile(at_zero)
        return f - constant + constant * weight
    # At a weight of 0 the bounds force z = 0, where the perspective's value (its
    # recession function) is 0; cvxpy needs that said to evaluate it there.
    recession = 0 * cp.sum(cp.hstack([cp.vec(v, order="F") for v in f.variables()]))
    return cp.perspective(f, weight, f_recession=recession)


def feasible_set(problem: Any) -> Feasible:
    """The :class:`Feasible` of an issue-space problem or a utility set with lotteries."""
    if isinstance(problem, BargainingProblem):
        return LotteryIssueFeasible(problem) if problem.lotteries else IssueFeasible(problem)
    if isinstance(problem, UtilitySet) and problem.lotteries:
        return LotteryFeasible(problem)
    raise SpecError("kind", f"cannot build a convex feasible set for {type(problem).__name__}")
