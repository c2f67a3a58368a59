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
    "CLARABEL": {
        "tol_gap_abs": 1e-10,
        "tol_gap_rel": 1e-10,
        "tol_feas": 1e-10,
        "tol_ktratio": 1e-8,
        # cvxpy reuses a Clarabel solver between solves of one program: say every setting a
        # retry changes, or it carries over.
        "equilibrate_enable": True,
    },
}

#: Past this many parties, one program gives every party's best utility (see ``best``).
SHARED_BEST = 8

#: Settings for a second attempt when the first ends "optimal_inaccurate".
_RETRY: dict[str, dict[str, bool]] = {"CLARABEL": {"equilibrate_enable": False}}


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
    scale
        The size :math:`s_i > 0` of each party's utility (a number for all, or
        one per party). Every program is solved on :math:`u_i / s_i` and
        :math:`d_i / s_i`, with weights rescaled to match, so that the
        solver's absolute tolerances mean the same at every scale; values and
        utilities come back in the problem's own units.
    """

    def __init__(
        self,
        utilities: Sequence[Any],
        constraints: Sequence[Any],
        readout: Callable[[], dict[str, Any]] | None = None,
        scale: float | Sequence[float] | np.ndarray = 1.0,
    ) -> None:
        import cvxpy as cp

        self.cp = cp
        self.n = len(utilities)
        self.utility_list = list(utilities)
        s = np.broadcast_to(np.asarray(scale, dtype=float), (self.n,))
        self.scale = s = np.where(np.isfinite(s) & (s > 0), s, 1.0)
        self.u = cp.hstack(
            [
                cp.reshape(u, (1,), order="C") / si if _is_expr(u) else np.array([u / si])
                for u, si in zip(utilities, s, strict=True)
            ]
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

    def solve_program(self, problem: Any, unit: float = 1.0) -> ProgramResult:
        """Solve a cvxpy problem of this model; the status says how it went.

        An optimum Clarabel reports as inaccurate is solved once more without
        its equilibration, which sometimes stalls a well-posed program short of
        its tolerances; the retry is kept only if it reaches them. ``unit``
        turns the program's value back into the problem's units.
        """
        result = self._attempt(problem, {}, unit)
        if result.status == "optimal_inaccurate" and self.solver in _RETRY:
            retry = self._attempt(problem, _RETRY[self.solver], unit)
            if retry.status == "optimal":
                return retry
        return result

    def _attempt(self, problem: Any, settings: dict[str, Any], unit: float) -> ProgramResult:
        cp = self.cp
        try:
            with warnings.catch_warnings():
                # A non-DPP program (a parameter inside a nonlinear atom) is still solved
                # correctly, only recompiled each time; that is not the user's concern.
                warnings.filterwarnings("ignore", message=".*not DPP.*")
                # An inaccurate optimum is reported in the result's status instead.
                warnings.filterwarnings("ignore", message="Solution may be inaccurate.*")
                warnings.filterwarnings("ignore", category=RuntimeWarning)
                problem.solve(solver=self.solver, **{**_TIGHT.get(self.solver, {}), **settings})
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
            utilities = np.atleast_1d(np.asarray(self.u.value, dtype=float)) * self.scale
        agreement = self.readout() if self.readout is not None else None
        return ProgramResult(status, float(problem.value) * unit, utilities, agreement)

    def _set_d(self, d: np.ndarray) -> None:
        self.d.value = np.asarray(d, dtype=float) / self.scale

    def best(self, i: int, d: np.ndarray) -> ProgramResult:
        r"""Party ``i``'s best utility when every other party gets at least its :math:`d_j`.

        For up to :data:`SHARED_BEST` parties, a program per party (each DPP, so
        re-solved fast with new parameter values). For more, one program for
        every ``i``: :math:`\max e_i \cdot u` s.t. :math:`m \circ u \ge m \circ d`
        with the mask :math:`m = 1 - e_i`, so that :math:`n` parties cost one
        compilation, not :math:`n` (50 parties: seconds instead of minutes; it
        is DPP only where the utilities hold no parameter).
        """
        cp = self.cp
        if self.n > SHARED_BEST:
            return self._best_shared(i, d)

        def build() -> Any:
            others = [j for j in range(self.n) if j != i]
            cons = list(self.constraints) + [self.u[j] >= self.d[j] for j in others]
            return cp.Problem(cp.Maximize(self.u[i]), cons)

        self._set_d(d)
        return self.solve_program(self._program(("best", i), build), unit=float(self.scale[i]))

    def _best_shared(self, i: int, d: np.ndarray) -> ProgramResult:
        cp = self.cp

        def build() -> Any:
            pick = cp.Parameter(self.n, nonneg=True, name="pick")
            mask = cp.Parameter(self.n, nonneg=True, name="mask")
            floor = cp.Parameter(self.n, name="floor")
            cons = [*self.constraints, cp.multiply(mask, self.u) >= floor]
            return cp.Problem(cp.Maximize(pick @ self.u), cons), pick, mask, floor

        problem, pick, mask, floor = self._program("best", build)
        chosen = np.zeros(self.n)
        chosen[i] = 1.0
        pick.value = chosen
        mask.value = 1.0 - chosen
        floor.value = (1.0 - chosen) * np.asarray(d, dtype=float) / self.scale
        return self.solve_program(problem, unit=float(self.scale[i]))

    def maxmin(self, d: np.ndarray, weights: np.ndarray) -> ProgramResult:
        r""":math:`\max t` s.t. :math:`u - d \ge t\,w`: the largest common (weighted) gain."""
        cp = self.cp

        def build() -> Any:
            t = cp.Variable(name="t")
            w = cp.Parameter(self.n, nonneg=True, name="w")
            problem = cp.Problem(cp.Maximize(t), [*self.constraints, self.u - self.d >= cp.multiply(t, w)])
            return problem, w

        problem, w = self._program("maxmin", build)
        self._set_d(d)
        rate, unit = _unit_max(np.asarray(weights, dtype=float) / self.scale)
        w.value = rate
        return self.solve_program(problem, unit)

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
        self._set_d(d)
        rate, unit = _unit_max(np.asarray(scale, dtype=float) / self.scale)
        s.value = rate
        floor.value = np.asarray(g0, dtype=float) / unit
        return self.solve_program(problem, unit)

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

        self._set_d(d)
        share = np.asarray(weights, dtype=float) / float(np.sum(weights))
        unit = float(np.prod(self.scale**share))
        result = self.solve_program(self._program(key, build), unit)
        if result.status == "solver_error":
            # Fall back to the exponential-cone form (less accurate, but a different code path
            # of the solver) and report the geometric mean, so that values stay comparable.
            result = self.solve_program(self._program(("nash-log", *key[1:]), build_log), unit)
            if result.ok and result.utilities is not None:
                w = np.asarray(weights, dtype=float) / float(np.sum(weights))
                value = float(np.prod(np.maximum(result.utilities - d, 0.0) ** w))
                result = ProgramResult(result.status, value, result.utilities, result.agreement)
        return result

    def utilitarian(self, d: np.ndarray, weights: np.ndarray) -> ProgramResult:
        r""":math:`\max \sum_i w_i u_i` s.t. :math:`u \ge d`."""
        cp = self.cp
        key = ("utilitarian", tuple(float(w) for w in weights))

        rate, unit = _unit_max(np.asarray(weights, dtype=float) * self.scale)

        def build() -> Any:
            return cp.Problem(cp.Maximize(rate @ self.u), [*self.constraints, self.u >= self.d])

        self._set_d(d)
        return self.solve_program(self._program(key, build), 1 / unit)

    def near_utilitarian(self, d: np.ndarray, weights: np.ndarray, welfare: float) -> ProgramResult:
        r""":math:`\max t` s.t. :math:`u - d \ge t,\ \sum w_i u_i \ge V`: utilitarian ties broken fairly."""
        cp = self.cp
        key = ("near_utilitarian", tuple(float(w) for w in weights))

        rate, unit = _unit_max(1 / self.scale)
        w, per = _unit_max(np.asarray(weights, dtype=float) * self.scale)

        def build() -> Any:
            t = cp.Variable(name="t")
            v = cp.Parameter(name="welfare")
            cons = [*self.constraints, self.u - self.d >= t * rate, w @ self.u >= v]
            return cp.Problem(cp.Maximize(t), cons), v

        problem, v = self._program(key, build)
        self._set_d(d)
        v.value = welfare * per
        return self.solve_program(problem, unit)


def _unit_max(rates: np.ndarray) -> tuple[np.ndarray, float]:
    r"""``rates`` divided by their largest entry :math:`m`, and :math:`1/m`.

    A program's variable :math:`t` multiplying ``rates`` is then solved as
    :math:`t' = m t`, a number of order one; :math:`t = t' / m`.
    """
    m = float(np.max(np.abs(rates)))
    m = m if np.isfinite(m) and m > 0 else 1.0
    return rates / m, 1 / m


def _is_expr(u: Any) -> bool:
    return not isinstance(u, float | int)
