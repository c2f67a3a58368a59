r"""The convex programs behind the bargaining solutions.

A :class:`ConvexModel` holds the feasible set of utility vectors of a convex
problem as cvxpy objects: one concave expression :math:`u_i` per party, the
constraints on the decision variables, and the disagreement point :math:`d` as
a ``cvxpy.Parameter``. From it, each solution concept is one small program
(or two, for a lexicographic tie-break), built the first time it is needed and
re-solved with new parameter values after that:

=======================  ======================================================================
program                  definition
=======================  ======================================================================
``best(i)``              :math:`\max u_i` s.t. :math:`u_j \ge d_j\ (j \ne i)`  (ideal point, who blocks)
``maxmin``               :math:`\max t` s.t. :math:`u - d \ge t\,w`  (egalitarian, proportional, KS)
``floor``                :math:`\max \sum_i g_i` s.t. :math:`u - d \ge g \circ s,\ g \ge g_0` (tie-break)
``nash(w)``              :math:`\max \prod_i (u_i - d_i)^{w_i / \sum w}` (power cones)
``utilitarian(w)``       :math:`\max \sum_i w_i u_i` s.t. :math:`u \ge d`
``near_utilitarian(w)``  :math:`\max t` s.t. :math:`u - d \ge t,\ \sum_i w_i u_i \ge V` (its tie-break)
=======================  ======================================================================

Weights that enter multiplied by parameter-dependent expressions (Nash,
utilitarian) are compiled in as constants, which keeps every program DPP; a
new set of weights builds a new program (cached).
"""

from __future__ import annotations

import functools
import importlib.util
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.errors import SolverError

__all__ = ["ConvexModel", "ProgramResult", "solver_name"]

_OK = ("optimal", "optimal_inaccurate")

#: Tighter than the solvers' defaults: answers are compared with closed forms to 1e-8.
_TIGHT: dict[str, dict[str, float]] = {
    "CLARABEL": {"tol_gap_abs": 1e-10, "tol_gap_rel": 1e-10, "tol_feas": 1e-10, "tol_ktratio": 1e-8},
}


@functools.cache
def solver_name() -> str:
    """The conic solver used: Clarabel if installed (it is a dependency), else SCS.

    Checked with :func:`importlib.util.find_spec`, not ``cvxpy.installed_solvers()``,
    which imports every solver interface (most of a second).
    """
    for name, module in (("CLARABEL", "clarabel"), ("SCS", "scs")):
        if importlib.util.find_spec(module) is not None:
            return name
    raise SolverError("no conic solver is installed; pip install clarabel")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class ProgramResult:
    """The outcome of one convex program."""

    status: str
    value: float
    utilities: np.ndarray | None
    agreement: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """Whether the program was solved (possibly inaccurately)."""
        return self.status in _OK

    @property
    def infeasible(self) -> bool:
        """Whether the program has no feasible point."""
        return self.status.startswith("infeasible")


class ConvexModel:
    """The feasible utility set of a convex problem, as cvxpy objects.

    Parameters
    ----------
    utilities
        One concave cvxpy expression per party.
    constraints
        The constraints on the decision variables.
    readout
        Called right after a successful solve: the agreement, read from the
        decision variables (e.g. ``{"territory": 0.4}``).
    """

    def __init__(
        self,
        utilities: Sequence[Any],
        constraints: Sequence[Any],
        readout: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        import cvxpy as cp

        self.cp = cp
        self.n = len(utilities)
        self.utility_list = list(utilities)
        self.u = cp.hstack(
            [cp.reshape(u, (1,), order="C") if _is_expr(u) else np.array([u]) for u in utilities]
        )
        self.constraints = list(constraints)
        self.d = cp.Parameter(self.n, name="disagreement_point")
        self.solver = solver_name()
        self.readout = readout
        self._programs: dict[Any, Any] = {}

    # ------------------------------------------------------------------ programs

    def _program(self, key: Any, build: Callable[[], Any]) -> Any:
        if key not in self._programs:
            self._programs[key] = build()
        return self._programs[key]

    def solve_program(self, problem: Any) -> ProgramResult:
        """Solve a cvxpy problem of this model; the status says how it went."""
        cp = self.cp
        try:
            with warnings.catch_warnings():
                # A non-DPP program (a parameter inside a nonlinear atom) is still solved
                # correctly, only recompiled each time; that is not the user's concern.
                warnings.filterwarnings("ignore", message=".*not DPP.*")
                # An inaccurate optimum is reported in the result's status instead.
                warnings.filterwarnings("ignore", message="Solution may be inaccurate.*")
                warnings.filterwarnings("ignore", category=RuntimeWarning)
                problem.solve(solver=self.solver, **_TIGHT.get(self.solver, {}))
        except cp.error.SolverError:
            return ProgramResult("solver_error", float("nan"), None)
        except BaseException as exc:  # Clarabel's Rust panics arrive as pyo3 PanicException
            if type(exc).__name__ != "PanicException":
                raise
            return ProgramResult("solver_error", float("nan"), None)
        status = str(problem.status)
        if status not in _OK:
            return ProgramResult(status, float("nan"), None)
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            # Evaluating atoms such as power() at the solution can warn about rounding
            # just outside their domain; the values are read, not judged, here.
            warnings.filterwarnings("ignore", category=RuntimeWarning)
            utilities = np.atleast_1d(np.asarray(self.u.value, dtype=float)).copy()
        agreement = self.readout() if self.readout is not None else None
        return ProgramResult(status, float(problem.value), utilities, agreement)

    def best(self, i: int, d: np.ndarray) -> ProgramResult:
        r"""Party ``i``'s best utility when every other party gets at least its :math:`d_j`."""
        cp = self.cp

        def build() -> Any:
            others = [j for j in range(self.n) if j != i]
            cons = list(self.constraints) + [self.u[j] >= self.d[j] for j in others]
            return cp.Problem(cp.Maximize(self.u[i]), cons)

        self.d.value = d
        return self.solve_program(self._program(("best", i), build))

    def maxmin(self, d: np.ndarray, weights: np.ndarray) -> ProgramResult:
        r""":math:`\max t` s.t. :math:`u - d \ge t\,w`: the largest common (weighted) gain."""
        cp = self.cp

        def build() -> Any:
            t = cp.Variable(name="t")
            w = cp.Parameter(self.n, nonneg=True, name="w")
            problem = cp.Problem(cp.Maximize(t), [*self.constraints, self.u - self.d >= cp.multiply(t, w)])
            return problem, w

        problem, w = self._program("maxmin", build)
        self.d.value = d
        w.value = np.asarray(weights, dtype=float)
        return self.solve_program(problem)

    def floor(self, d: np.ndarray, scale: np.ndarray, g0: np.ndarray) -> ProgramResult:
        r""":math:`\max \sum g` s.t. :math:`u - d \ge g \circ s,\ g \ge g_0`: a Pareto tie-break."""
        cp = self.cp

        def build() -> Any:
            g = cp.Variable(self.n, name="g")
            s = cp.Parameter(self.n, nonneg=True, name="scale")
            floor = cp.Parameter(self.n, name="floor")
            cons = [*self.constraints, self.u - self.d >= cp.multiply(g, s), g >= floor]
            return cp.Problem(cp.Maximize(cp.sum(g)), cons), s, floor

        problem, s, floor = self._program("floor", build)
        self.d.value = d
        s.value = np.asarray(scale, dtype=float)
        floor.value = np.asarray(g0, dtype=float)
        return self.solve_program(problem)

    def nash(self, d: np.ndarray, weights: np.ndarray) -> ProgramResult:
        r""":math:`\max \prod_i (u_i - d_i)^{w_i/\sum_j w_j}`: the Nash product as a geometric mean."""
        cp = self.cp
        key = ("nash", tuple(float(w) for w in weights))

        def build() -> Any:
            # The weighted geometric mean has the same maximiser as the Nash product;
            # with power cones (approx=False) it is solved far more accurately than
            # the exponential-cone form sum(w*log(u - d)).
            w = [float(x) for x in np.asarray(weights, dtype=float) / float(np.sum(weights))]
            objective = cp.geo_mean(self.u - self.d, p=w, approx=False)
            return cp.Problem(cp.Maximize(objective), list(self.constraints))

        def build_log() -> Any:
            w = np.asarray(weights, dtype=float) / float(np.sum(weights))
            objective = cp.sum(cp.multiply(w, cp.log(self.u - self.d)))
            return cp.Problem(cp.Maximize(objective), list(self.constraints))

        self.d.value = d
        result = self.solve_program(self._program(key, build))
        if result.status == "solver_error":
            # Fall back to the exponential-cone form (less accurate, but a different code path
            # of the solver) and report the geometric mean, so that values stay comparable.
            result = self.solve_program(self._program(("nash-log", *key[1:]), build_log))
            if result.ok and result.utilities is not None:
                w = np.asarray(weights, dtype=float) / float(np.sum(weights))
                value = float(np.prod(np.maximum(result.utilities - d, 0.0) ** w))
                result = ProgramResult(result.status, value, result.utilities, result.agreement)
        return result

    def utilitarian(self, d: np.ndarray, weights: np.ndarray) -> ProgramResult:
        r""":math:`\max \sum_i w_i u_i` s.t. :math:`u \ge d`."""
        cp = self.cp
        key = ("utilitarian", tuple(float(w) for w in weights))

        def build() -> Any:
            w = np.asarray(weights, dtype=float)
            return cp.Problem(cp.Maximize(w @ self.u), [*self.constraints, self.u >= self.d])

        self.d.value = d
        return self.solve_program(self._program(key, build))

    def near_utilitarian(self, d: np.ndarray, weights: np.ndarray, welfare: float) -> ProgramResult:
        r""":math:`\max t` s.t. :math:`u - d \ge t,\ \sum w_i u_i \ge V`: utilitarian ties broken fairly."""
        cp = self.cp
        key = ("near_utilitarian", tuple(float(w) for w in weights))

        def build() -> Any:
            t = cp.Variable(name="t")
            v = cp.Parameter(name="welfare")
            w = np.asarray(weights, dtype=float)
            cons = [*self.constraints, self.u - self.d >= t, w @ self.u >= v]
            return cp.Problem(cp.Maximize(t), cons), v

        problem, v = self._program(key, build)
        self.d.value = d
        v.value = welfare
        return self.solve_program(problem)


def _is_expr(u: Any) -> bool:
    return not isinstance(u, float | int)
