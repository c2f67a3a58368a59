r"""A smooth issue-space problem as numpy functions, for the Newton fast path.

The Newton path (:mod:`bargaining.solutions.nash_newton`) applies to
issue-space problems whose continuous issues have only bounds (no extra
constraints) and whose utilities are smooth: every utility, its gradient and
its Hessian in the continuous issues are forward-mode jets of the formula's
own tree (:mod:`bargaining.expressions.jets`), with the parameters and the
discrete issues' level values as columns; the structure (the trees, the
pieces) is cached in :data:`bargaining.solutions.cache.STRUCTURES`. Neither
sympy nor cvxpy is imported.

Concavity is what the DCP rules of :mod:`bargaining.expressions.curvature`
prove for each instance's parameter values (:func:`~bargaining.solutions.concavity.concave_rows`);
an instance they do not prove concave is left to cvxpy (:attr:`Instances.ok`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.expressions.jets import compile_jet_parts, compile_value, not_smooth
from bargaining.expressions.tree import Node
from bargaining.model.issue_space import BargainingProblem
from bargaining.solutions.cache import STRUCTURES
from bargaining.solutions.concavity import concave_rows

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
    """The utility trees, bounds, :math:`d` and powers of one problem structure."""

    def __init__(self, problem: BargainingProblem) -> None:
        self.problem = problem
        self.params = [p.name for p in problem.parameters]
        self.discrete = list(problem.discrete_issues)
        self.continuous = list(problem.continuous_issues)
        self.parties = problem.party_names
        self.names = self.params + [x.name for x in self.discrete]
        self.variables = [x.name for x in self.continuous]
        self.k = len(self.variables)
        self.u = [party.utility.tree for party in problem.parties]
        for tree in self.u:
            rough = not_smooth(tree)
            if rough:
                raise ValueError(f"a utility is not smooth (it uses {rough})")
        self.u_value = [compile_value(tree, self.variables) for tree in self.u]
        self.u_jet = [compile_jet_parts(tree, self.variables) for tree in self.u]
        self.lower = [x.lower.tree for x in self.continuous]
        self.upper = [x.upper.tree for x in self.continuous]
        self.d = [p.disagreement.tree for p in problem.parties]
        self.w = [p.bargaining_power.tree for p in problem.parties]
        self.combos = [dict(c) for c in problem.level_combinations()]

    @classmethod
    def for_problem(cls, problem: Any) -> SmoothStructure | None:
        """The structure of ``problem`` (cached), or ``None`` where the Newton path does not apply."""
        if newton_applies(problem):
            return None
        found = STRUCTURES.get(("newton", problem.structure_key()), lambda: _build(problem))
        return found if isinstance(found, SmoothStructure) else None

    # ------------------------------------------------------------------ evaluation

    def columns(self, cols: list[np.ndarray]) -> dict[str, np.ndarray]:
        """The argument columns by name (parameters, then discrete levels)."""
        return dict(zip(self.names, cols, strict=True))

    @staticmethod
    def call(f: Node, values: Mapping[str, Any], m: int) -> np.ndarray:
        """``f`` evaluated at ``values`` (free of the issues), broadcast to ``m`` rows."""
        return np.broadcast_to(np.asarray(f.evaluate(values), dtype=float), (m,)).copy()

    def utilities(self, cols: list[np.ndarray], x: np.ndarray) -> np.ndarray:
        """``(m, n)`` the utilities at ``x``."""
        m = x.shape[0]
        values = self.columns(cols)
        values.update({name: x[:, j] for j, name in enumerate(self.variables)})
        with np.errstate(all="ignore"):
            return np.column_stack([np.broadcast_to(f(values), (m,)) for f in self.u_value])

    def derivatives(self, cols: list[np.ndarray], x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r"""The utilities ``(m, n)``, their gradients ``(m, n, k)`` and Hessians ``(m, n, k, k)``.

        Forward-mode jets (:func:`bargaining.expressions.jets.jet`) of each utility.
        """
        values = self.columns(cols)
        values.update({name: x[:, j] for j, name in enumerate(self.variables)})
        m, n, k = x.shape[0], len(self.u_jet), self.k
        u, g, h = np.empty((m, n)), np.zeros((m, n, k)), np.zeros((m, n, k, k))
        with np.errstate(all="ignore"):
            for i, f in enumerate(self.u_jet):
                value, gradient, hessian = f(values)
                u[:, i] = value
                if gradient is not None:
                    g[:, i] = gradient
                if hessian is not None:
                    h[:, i] = hessian
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
        values = self.columns(cols)
        with np.errstate(all="ignore"):
            lo = np.column_stack([self.call(f, values, m) for f in self.lower])
            hi = np.column_stack([self.call(f, values, m) for f in self.upper])
            d = np.column_stack([self.call(f, values, m) for f in self.d])
            if weights is None:
                w = np.column_stack([self.call(f, values, m) for f in self.w])
            else:
                w = np.tile(np.asarray(weights, dtype=float), (m, 1))
        signs_ok = concave_rows(self.u, self.variables, values, m)
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
