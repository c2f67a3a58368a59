r"""A smooth issue-space problem as numpy functions, for the Newton fast path.

The Newton path (:mod:`bargaining.solutions.nash_newton`) applies to
issue-space problems whose continuous issues have only bounds (no extra
constraints) and whose utilities are smooth: every utility, its gradient and
its Hessian in the continuous issues are lambdified from sympy to numpy once
per structure, with the parameters and the discrete issues' level values as
arguments, and cached in :data:`bargaining.solutions.cache.STRUCTURES`.

Concavity is what the cvxpy compilation proves (DCP) for parameter values
that give its signed sub-formulas the signs they were compiled with; an
instance whose values do not is left to cvxpy (:attr:`Instances.ok`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.model.issue_space import BargainingProblem, expr
from bargaining.solutions.cache import STRUCTURES

__all__ = ["Instances", "SmoothStructure", "newton_applies"]


def newton_applies(problem: Any) -> str:
    """Why the Newton path does not apply to ``problem`` (``""`` if it does)."""
    if not isinstance(problem, BargainingProblem) or getattr(problem, "spec_kind", None) != "issue_space":
        return f"the Newton path solves issue-space problems, not a {type(problem).__name__}"
    if problem.lotteries:
        return "the Newton path does not solve lotteries"
    if problem.constraints:
        return "the Newton path needs continuous issues with bounds only (this problem has constraints)"
    if not problem.continuous_issues:
        return "the Newton path needs a continuous issue"
    found = STRUCTURES.get(("newton", problem.structure_key()), lambda: _build(problem))
    return found if isinstance(found, str) else ""


def _build(problem: BargainingProblem) -> SmoothStructure | str:
    try:
        return SmoothStructure(problem)
    except Exception as exc:  # not smooth, not concave, or numpy cannot evaluate it: cvxpy decides
        return f"the Newton path cannot evaluate this problem ({exc})"


@dataclass(frozen=True, slots=True, eq=False)
class Instances:
    """A batch of instances: one per parameter point and combination of discrete levels.

    Instance ``j * ncombo + c`` is point ``j`` with combination ``c``; ``cols``
    are the argument columns (parameters, then discrete levels), ``lo``/``hi``
    the issues' bounds, ``d`` and ``w`` the disagreement point and the
    bargaining powers, ``ok`` whether point ``j`` may be answered here.
    """

    cols: list[np.ndarray]
    lo: np.ndarray
    hi: np.ndarray
    d: np.ndarray
    w: np.ndarray
    ok: np.ndarray
    npts: int
    ncombo: int


class SmoothStructure:
    """The lambdified utilities, derivatives, bounds, :math:`d` and powers of one problem structure."""

    def __init__(self, problem: BargainingProblem) -> None:
        import sympy

        self.problem = problem
        self.params = [p.name for p in problem.parameters]
        self.discrete = list(problem.discrete_issues)
        self.continuous = list(problem.continuous_issues)
        self.parties = problem.party_names
        names = self.params + [x.name for x in self.discrete]
        xs = [sympy.Symbol(x.name, real=True) for x in self.continuous]
        args = [sympy.Symbol(n, real=True) for n in names] + xs
        self.k = len(xs)
        utilities = [expr(party.utility).sympy for party in problem.parties]
        rough = (sympy.Min, sympy.Max, sympy.Abs, sympy.Piecewise, sympy.Heaviside, sympy.sign)
        if any(e.has(*rough, sympy.floor, sympy.ceiling) for e in utilities):
            raise ValueError("a utility is not smooth")
        self.u = [sympy.lambdify(args, e, "numpy") for e in utilities]
        self.grad = [[sympy.lambdify(args, sympy.diff(e, x), "numpy") for x in xs] for e in utilities]
        self.hess = [
            [[sympy.lambdify(args, sympy.diff(e, x, y), "numpy") for y in xs] for x in xs] for e in utilities
        ]
        scalars = [sympy.Symbol(n, real=True) for n in names]
        self.lower = [sympy.lambdify(scalars, expr(x.lower).sympy, "numpy") for x in self.continuous]
        self.upper = [sympy.lambdify(scalars, expr(x.upper).sympy, "numpy") for x in self.continuous]
        self.d = [sympy.lambdify(scalars, expr(p.disagreement).sympy, "numpy") for p in problem.parties]
        self.w = [sympy.lambdify(scalars, expr(p.bargaining_power).sympy, "numpy") for p in problem.parties]
        self.combos = [dict(c) for c in problem.level_combinations()]
        from bargaining.solutions.feasible import compiled

        values = dict(problem.parameter_values())
        values.update({x.name: x.level_values[0] for x in self.discrete})
        derived = compiled(problem, values).compiler.derived.values()
        self.signed = [(sympy.lambdify(scalars, dp.expr, "numpy"), dp.sign) for dp in derived if dp.sign]

    @classmethod
    def for_problem(cls, problem: Any) -> SmoothStructure | None:
        """The structure of ``problem`` (cached), or ``None`` where the Newton path does not apply."""
        if newton_applies(problem):
            return None
        found = STRUCTURES.get(("newton", problem.structure_key()), lambda: _build(problem))
        return found if isinstance(found, SmoothStructure) else None

    # ------------------------------------------------------------------ evaluation

    @staticmethod
    def call(f: Any, columns: list[np.ndarray], m: int) -> np.ndarray:
        """``f(*columns)`` broadcast to ``m`` rows."""
        return np.broadcast_to(np.asarray(f(*columns), dtype=float), (m,)).copy()

    def utilities(self, cols: list[np.ndarray], x: np.ndarray) -> np.ndarray:
        """``(m, n)`` the utilities at ``x``."""
        m = x.shape[0]
        args = cols + [x[:, j] for j in range(self.k)]
        with np.errstate(all="ignore"):
            return np.column_stack([self.call(f, args, m) for f in self.u])

    def derivatives(self, cols: list[np.ndarray], x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The utilities ``(m, n)``, their gradients ``(m, n, k)`` and Hessians ``(m, n, k, k)``."""
        m, n, k = x.shape[0], len(self.u), self.k
        args = cols + [x[:, j] for j in range(k)]
        u, g, h = np.empty((m, n)), np.empty((m, n, k)), np.empty((m, n, k, k))
        with np.errstate(all="ignore"):
            for i in range(n):
                u[:, i] = self.call(self.u[i], args, m)
                for a in range(k):
                    g[:, i, a] = self.call(self.grad[i][a], args, m)
                    for b in range(k):
                        h[:, i, a, b] = self.call(self.hess[i][a][b], args, m)
        return u, g, h

    def instances(
        self, problem: BargainingProblem, points: Sequence[Mapping[str, float]], weights: Any = None
    ) -> Instances:
        """Every point of ``problem`` (of this structure) with every combination of levels.

        ``weights``, if given, replace the problem's bargaining powers.
        """
        if problem.structure_key() != self.problem.structure_key():
            raise ValueError("this solver was built for another problem structure")
        base = problem.parameter_values()
        npts, ncombo = len(points), len(self.combos)
        ok = np.ones(npts, dtype=bool)
        values = {name: np.full(npts, base[name], dtype=float) for name in self.params}
        ranges: dict[str, Any] = {p.name: p.range for p in problem.parameters}
        for j, point in enumerate(points):
            for name, v in point.items():
                rng = ranges.get(name, "unknown")
                if rng == "unknown" or (rng is not None and not rng[0] <= v <= rng[1]):
                    ok[j] = False  # the per-point path gives the proper error
                else:
                    values[name][j] = v
        cols = [np.repeat(values[name], ncombo) for name in self.params]
        for issue in self.discrete:
            cols.append(np.tile(np.array([combo[issue.name].value for combo in self.combos]), npts))
        return self._bounded(cols, ok, npts, ncombo, weights)

    def _bounded(
        self, cols: list[np.ndarray], ok: np.ndarray, npts: int, ncombo: int, weights: Any
    ) -> Instances:
        m = npts * ncombo
        with np.errstate(all="ignore"):
            lo = np.column_stack([self.call(f, cols, m) for f in self.lower])
            hi = np.column_stack([self.call(f, cols, m) for f in self.upper])
            d = np.column_stack([self.call(f, cols, m) for f in self.d])
            if weights is None:
                w = np.column_stack([self.call(f, cols, m) for f in self.w])
            else:
                w = np.tile(np.asarray(weights, dtype=float), (m, 1))
            signs_ok = np.ones(m, dtype=bool)
            for f, sign in self.signed:
                signs_ok &= self.call(f, cols, m) * sign >= 0
        # bounds are per issue, d and w per party: reduce each over its own axis
        finite = (
            np.all(np.isfinite(lo) & np.isfinite(hi), axis=1)
            & np.all(np.isfinite(d) & np.isfinite(w), axis=1)
            & signs_ok
        )
        finite &= np.all(hi >= lo - 1e-12, axis=1) & np.all(w > 0, axis=1)
        ok = ok & finite.reshape(npts, ncombo).all(axis=1)
        lo = np.where(np.isfinite(lo), lo, 0.0)
        hi = np.where(np.isfinite(hi), np.maximum(hi, lo), lo + 1.0)
        d = np.where(np.isfinite(d), d, 0.0)
        w = np.where(np.isfinite(w) & (w > 0), w, 1.0)
        return Instances(cols, lo, hi, d, w, ok, npts, ncombo)
