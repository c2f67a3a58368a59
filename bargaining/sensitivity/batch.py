r"""Nash solutions of one issue-space problem at many parameter points at once (numpy).

For problems whose continuous issues have only bounds (no extra constraints),
the Nash program of each piece (a combination of discrete levels) at each
point is

.. math:: \max_{\ell \le x \le h}\ F(x) = \sum_i w_i \log\big(u_i(x) - d_i\big),

a smooth concave maximization over a box. All points and pieces are solved
together, vectorized, by a barrier method: Newton steps on

.. math:: F(x) + \mu \sum_j \big(\log(x_j - \ell_j) + \log(h_j - x_j)\big)

for :math:`\mu = 1, 10^{-1}, \dots, 10^{-11}`, with gradients and Hessians of
the utilities from sympy (lambdified to numpy). A first phase finds a start
with every gain positive by the same method on the max-min problem
:math:`\max_{x, s} s` s.t. :math:`u_i(x) - d_i \ge s`; when its optimum is
negative (to the barrier's duality gap, :math:`m\mu`), the piece has no
agreement that beats disagreement.

Every answer is checked before it is used: the solution, snapped to the
bounds it is within :math:`10^{-6}` of (relative, as for cvxpy's answers),
must satisfy the optimality conditions of the box-constrained concave
program (zero gradient in free coordinates, the right sign at bounds) to a
relative :math:`10^{-6}`. Since the program is concave these conditions
certify the global optimum. (Concavity is what the cvxpy compilation proves,
DCP, for parameter values that give its signed sub-formulas their compiled
signs; points that do not, and problems with formulas that are not smooth,
are left to cvxpy.)

Where no piece has an agreement, the parties who block are found the same way:
party :math:`i` blocks when its best gain with every other party at least at
its disagreement value, :math:`\max\{u_i - d_i : u_j \ge d_j,\ j \ne i\}`, is
not positive; each best gain is bracketed between a feasible point and the
barrier's duality gap.

Any point that fails a check, sits near the edge of the agreement region (or
has a best gain too close to 0 to call), or ties between pieces is solved by
:func:`~bargaining.solutions.fast.fast_nash` (cvxpy) instead, so results are
those of :func:`bargaining.solutions.concepts.solve` (without the ideal point).
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["BatchNash", "batch_nash_rows"]

_CACHE: dict[Any, BatchNash | None] = {}
_MU = [10.0**-e for e in range(0, 12)]
_CHECK = 1e-6


def batch_nash_rows(problem: Any, points: Sequence[Mapping[str, float]]) -> list[dict[str, Any]]:
    """Outcome rows of the Nash solution at each point (as the per-point path gives them)."""
    from bargaining.sensitivity.runner import fast_row

    solver = BatchNash.for_problem(problem)
    rows: list[dict[str, Any] | None] = [None] * len(points)
    if solver is not None and points:
        rows = solver.rows(problem, points)
    return [
        row if row is not None else fast_row(problem, point) for row, point in zip(rows, points, strict=True)
    ]


class BatchNash:
    """The vectorized Nash solver of one problem structure (see the module docstring).

    Parameters
    ----------
    problem
        A :class:`~bargaining.model.issue_space.BargainingProblem` with no extra constraints.
    """

    def __init__(self, problem: Any) -> None:
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
        utilities = [party.utility.sympy for party in problem.parties]
        self.u = [sympy.lambdify(args, e, "numpy") for e in utilities]
        self.grad = [[sympy.lambdify(args, sympy.diff(e, x), "numpy") for x in xs] for e in utilities]
        self.hess = [
            [[sympy.lambdify(args, sympy.diff(e, x, y), "numpy") for y in xs] for x in xs] for e in utilities
        ]
        scalars = [sympy.Symbol(n, real=True) for n in names]
        self.lower = [sympy.lambdify(scalars, x.lower.sympy, "numpy") for x in self.continuous]
        self.upper = [sympy.lambdify(scalars, x.upper.sympy, "numpy") for x in self.continuous]
        self.d = [sympy.lambdify(scalars, p.disagreement.sympy, "numpy") for p in problem.parties]
        self.w = [sympy.lambdify(scalars, p.bargaining_power.sympy, "numpy") for p in problem.parties]
        self.combos = [dict(c) for c in problem.level_combinations()]
        # Only smooth formulas: Newton's method and the optimality check need derivatives everywhere.
        rough = (
            sympy.Min,
            sympy.Max,
            sympy.Abs,
            sympy.Piecewise,
            sympy.Heaviside,
            sympy.sign,
            sympy.floor,
            sympy.ceiling,
        )
        if any(e.has(*rough) for e in utilities):
            raise ValueError("a utility is not smooth")
        # Concavity: the cvxpy compilation proves the utilities concave (DCP) for every parameter value
        # that gives its signed sub-formulas the signs they were compiled with; points that do not are
        # left to cvxpy, which recompiles (or reports the non-concave utility).
        from bargaining.solutions.feasible import compiled

        values = dict(problem.parameter_values())
        values.update({x.name: x.level_values[0] for x in self.discrete})
        derived = compiled(problem, values).compiler.derived.values()
        self.signed = [(sympy.lambdify(scalars, dp.expr, "numpy"), dp.sign) for dp in derived if dp.sign]

    @classmethod
    def for_problem(cls, problem: Any) -> BatchNash | None:
        """The solver of ``problem``'s structure (cached), or ``None`` if the problem is not eligible."""
        if (
            getattr(problem, "spec_kind", None) != "issue_space"
            or problem.constraints
            or not problem.continuous_issues
        ):
            return None
        key = problem.structure_key()
        if key not in _CACHE:
            try:
                _CACHE[key] = cls(problem)
            except Exception:  # not smooth, not concave, or numpy cannot evaluate it: the per-point path
                _CACHE[key] = None
        return _CACHE[key]

    # ------------------------------------------------------------------ evaluation

    def _call(self, f: Any, columns: list[np.ndarray], m: int) -> np.ndarray:
        return np.broadcast_to(np.asarray(f(*columns), dtype=float), (m,)).copy()

    def _utilities(self, cols: list[np.ndarray], x: np.ndarray) -> np.ndarray:
        m = x.shape[0]
        args = cols + [x[:, j] for j in range(self.k)]
        with np.errstate(all="ignore"):
            return np.column_stack([self._call(f, args, m) for f in self.u])

    def _derivatives(
        self, cols: list[np.ndarray], x: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        m, n, k = x.shape[0], len(self.u), self.k
        args = cols + [x[:, j] for j in range(k)]
        u = np.empty((m, n))
        g = np.empty((m, n, k))
        h = np.empty((m, n, k, k))
        with np.errstate(all="ignore"):
            for i in range(n):
                u[:, i] = self._call(self.u[i], args, m)
                for a in range(k):
                    g[:, i, a] = self._call(self.grad[i][a], args, m)
                    for b in range(k):
                        h[:, i, a, b] = self._call(self.hess[i][a][b], args, m)
        return u, g, h

    # ------------------------------------------------------------------ the solver

    def rows(self, problem: Any, points: Sequence[Mapping[str, float]]) -> list[dict[str, Any] | None]:
        """The outcome row of ``problem`` (of this structure) at each point; ``None`` where the
        per-point path must decide."""
        from bargaining.sensitivity.outcomes import flatten_result

        if problem.structure_key() != self.problem.structure_key():
            raise ValueError("this solver was built for another problem structure")
        base = problem.parameter_values()
        npts = len(points)
        ok = np.ones(npts, dtype=bool)
        values = {name: np.full(npts, base[name], dtype=float) for name in self.params}
        ranges = {p.name: p.range for p in problem.parameters}
        for j, point in enumerate(points):
            for name, v in point.items():
                rng = ranges.get(name, "unknown")
                if rng == "unknown" or (rng is not None and not rng[0] <= v <= rng[1]):
                    ok[j] = False  # the per-point path gives the proper error
                else:
                    values[name][j] = v
        ncombo = len(self.combos)
        m = npts * ncombo
        cols = [np.repeat(values[name], ncombo) for name in self.params]
        for issue in self.discrete:
            levels = np.array([combo[issue.name].value for combo in self.combos])
            cols.append(np.tile(levels, npts))
        scalar_cols = cols
        with np.errstate(all="ignore"):
            lo = np.column_stack([self._call(f, scalar_cols, m) for f in self.lower])
            hi = np.column_stack([self._call(f, scalar_cols, m) for f in self.upper])
            d = np.column_stack([self._call(f, scalar_cols, m) for f in self.d])
            w = np.column_stack([self._call(f, scalar_cols, m) for f in self.w])
            signs_ok = np.ones(m, dtype=bool)
            for f, sign in self.signed:
                signs_ok &= self._call(f, scalar_cols, m) * sign >= 0
        finite = (
            np.all(np.isfinite(lo) & np.isfinite(hi) & np.isfinite(d) & np.isfinite(w), axis=1) & signs_ok
        )
        finite &= np.all(hi >= lo - 1e-12, axis=1) & np.all(w > 0, axis=1)
        ok &= finite.reshape(npts, ncombo).all(axis=1)
        lo = np.where(np.isfinite(lo), lo, 0.0)
        hi = np.where(np.isfinite(hi), np.maximum(hi, lo), lo + 1.0)
        d = np.where(np.isfinite(d), d, 0.0)
        w = np.where(np.isfinite(w) & (w > 0), w, 1.0)
        wn = w / w.sum(axis=1, keepdims=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            x, interior, reliable = self._phase_one(scalar_cols, lo, hi, d)
            x, value, certified, upper = self._phase_two(scalar_cols, lo, hi, d, wn, x, interior)
            u = self._utilities(scalar_cols, x)
        scale = np.maximum(1.0, np.maximum(np.abs(d).max(axis=1), np.abs(u).max(axis=1)))
        out: list[dict[str, Any] | None] = [None] * npts
        from bargaining.solutions.concepts import concept_name
        from bargaining.solutions.results import BargainingSolution

        no_deal = [
            j
            for j in range(npts)
            if ok[j]
            and np.all(reliable[j * ncombo : (j + 1) * ncombo])
            and not np.any(interior[j * ncombo : (j + 1) * ncombo])
        ]
        for j, row in self._no_agreement_rows(scalar_cols, lo, hi, d, w, no_deal, ncombo).items():
            out[j] = row
        for j in range(npts):
            if not ok[j] or j in no_deal:
                continue
            idx = slice(j * ncombo, (j + 1) * ncombo)
            if not np.all(reliable[idx]):
                continue  # uncertain: the full solution decides
            vals = np.where(interior[idx] & certified[idx], value[idx], -np.inf)
            order = np.argsort(-vals)
            best = int(order[0])
            top = vals[best]
            if not np.isfinite(top):
                continue
            margin = _CHECK * max(1.0, abs(top))
            if len(order) > 1 and vals[order[1]] >= top - margin:
                continue  # a tie between pieces
            unsure = interior[idx] & ~certified[idx]
            if np.any(upper[idx][unsure] >= top - margin):
                continue  # a piece that was not solved to certainty might be better
            mi = j * ncombo + best
            gains = u[mi] - d[mi]
            if np.min(gains) <= _CHECK * scale[mi]:
                continue
            agreement: dict[str, Any] = {}
            for a, issue in enumerate(self.continuous):
                agreement[issue.name] = float(x[mi, a])
            for issue in self.discrete:
                agreement[issue.name] = self.combos[best][issue.name].name
            agreement = {name: agreement[name] for name in problem.issue_names}
            solution = BargainingSolution(
                concept="nash",
                concept_name=concept_name("nash", w[mi]),
                parties=self.parties,
                agreement_exists=True,
                agreement=agreement,
                utilities=u[mi],
                disagreement_point=d[mi],
                ideal_point=np.full(len(self.parties), np.nan),
                weights=w[mi],
                status="optimal",
                solver="batch",
            )
            row = flatten_result(solution.to_dict())
            out[j] = {k: v for k, v in row.items() if not k.endswith(".ideal")}
        return out

    def _no_agreement_rows(
        self,
        cols: list[np.ndarray],
        lo: np.ndarray,
        hi: np.ndarray,
        d: np.ndarray,
        w: np.ndarray,
        points: list[int],
        ncombo: int,
    ) -> dict[int, dict[str, Any]]:
        r"""Rows for points where no agreement exists, with the parties who block it.

        Party :math:`i` blocks when its best gain, with every other party at
        least at its disagreement value, is not positive (as in
        :func:`bargaining.solutions.concepts.no_agreement`). Each best gain is bracketed
        (a feasible point below, the barrier's duality gap above); a point is
        answered only when every party is clearly on one side.
        """
        from bargaining.sensitivity.outcomes import flatten_result
        from bargaining.solutions.concepts import concept_name, no_agreement

        if not points:
            return {}
        n = len(self.u)
        inst = np.concatenate([np.arange(j * ncombo, (j + 1) * ncombo) for j in points])
        c_i = [c[inst] for c in cols]
        lo_i, hi_i, d_i = lo[inst], hi[inst], d[inst]
        npts = len(points)
        low = np.full((npts, n), -np.inf)  # best gain is at least this
        high = np.full((npts, n), -np.inf)  # and at most this
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            for i in range(n):
                others = [j for j in range(n) if j != i]
                x, found, reliable = self._phase_one(c_i, lo_i, hi_i, d_i, others)
                gain_lo, gain_hi = np.full(len(inst), -np.inf), np.full(len(inst), -np.inf)
                if found.any():
                    sub = np.flatnonzero(found)
                    g, up, _ = _best_gain_newton(
                        self, [c[sub] for c in c_i], lo_i[sub], hi_i[sub], d_i[sub], i, x[sub]
                    )
                    gain_lo[sub], gain_hi[sub] = g, up
                gain_hi[~reliable] = np.inf  # unknown pieces could hold anything
                low[:, i] = gain_lo.reshape(npts, ncombo).max(axis=1)
                high[:, i] = gain_hi.reshape(npts, ncombo).max(axis=1)
        out: dict[int, dict[str, Any]] = {}
        for k, j in enumerate(points):
            mi = j * ncombo
            scale = max(1.0, float(np.abs(d[mi]).max()))
            margin = _CHECK * scale
            infeasible = np.isneginf(high[k])  # no piece lets the others have their values: no best
            blocks = np.isfinite(high[k]) & (high[k] < -margin)
            clear = low[k] > margin
            if not np.all(blocks | clear | infeasible):
                continue  # a best gain too close to 0 to call: the full solution decides
            best = np.where(blocks, d[mi], np.where(clear, d[mi] + low[k], -np.inf))
            solution = no_agreement(
                "nash",
                concept_name("nash", w[mi]),
                self.parties,
                d[mi],
                best,
                np.where(best >= d[mi], best, np.nan),
                w[mi],
                1e-8 * scale,
                "batch",
            )
            row = flatten_result(solution.to_dict())
            out[j] = {key: v for key, v in row.items() if not key.endswith(".ideal")}
        return out

    def _box(self, x: np.ndarray, lo: np.ndarray, hi: np.ndarray, free: np.ndarray) -> tuple[np.ndarray, ...]:
        a, b = x - lo, hi - x
        value = np.where(free, np.log(a) + np.log(b), 0.0).sum(axis=1)
        grad = np.where(free, 1 / a - 1 / b, 0.0)
        curv = np.where(free, -1 / a**2 - 1 / b**2, 0.0)
        return value, grad, curv

    def _phase_one(
        self,
        cols: list[np.ndarray],
        lo: np.ndarray,
        hi: np.ndarray,
        d: np.ndarray,
        parties: Sequence[int] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r"""A start with every gain positive: barrier on :math:`\max s` s.t. :math:`u - d \ge s`.

        Returns ``x``, whether it has positive gains, and whether the answer is
        reliable (found, or shown impossible to the duality gap). With
        ``parties``, only those parties' gains count.
        """
        sel = list(range(len(self.u))) if parties is None else list(parties)
        d = d[:, sel]
        full_utilities, full_derivatives = self._utilities, self._derivatives

        def utilities(c: list[np.ndarray], z: np.ndarray) -> np.ndarray:
            return full_utilities(c, z)[:, sel]

        def derivatives(c: list[np.ndarray], z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            uu, gg, hh = full_derivatives(c, z)
            return uu[:, sel], gg[:, sel], hh[:, sel]

        m, k = lo.shape
        free = (hi - lo) > 1e-12 * np.maximum(1.0, np.abs(hi))
        x = np.where(free, (lo + hi) / 2, lo)
        u = utilities(cols, x)
        s = (u - d).min(axis=1) - 1.0
        found = (u - d).min(axis=1) > 0
        done = found.copy()
        reliable = found.copy()
        n = d.shape[1]
        ncons = n + 2 * k
        last = np.zeros(m, dtype=bool)
        for mu in _MU:
            for _ in range(60):
                active = ~done
                if not active.any():
                    break
                idx = np.flatnonzero(active)
                xa, sa, la, ha, fa = x[idx], s[idx], lo[idx], hi[idx], free[idx]
                ca = [c[idx] for c in cols]
                u, g, h = derivatives(ca, xa)
                slack = u - d[idx] - sa[:, None]
                bv, bg, bc = self._box(xa, la, ha, fa)
                value = sa + mu * (np.log(slack).sum(axis=1) + bv)
                inv = 1 / slack
                gx = mu * (np.einsum("mi,mia->ma", inv, g) + bg)
                gs = 1 - mu * inv.sum(axis=1)
                hxx = mu * (np.einsum("mi,miab->mab", inv, h) - np.einsum("mi,mia,mib->mab", inv**2, g, g))
                hxx = hxx + mu * np.einsum("ma,ab->mab", bc, np.eye(k))
                hxs = mu * np.einsum("mi,mia->ma", inv**2, g)
                hss = -mu * (inv**2).sum(axis=1)
                big = np.zeros((len(idx), k + 1, k + 1))
                big[:, :k, :k] = hxx
                big[:, :k, k] = hxs
                big[:, k, :k] = hxs
                big[:, k, k] = hss
                grad = np.concatenate([gx, gs[:, None]], axis=1)
                fixed = np.concatenate([~fa, np.zeros((len(idx), 1), dtype=bool)], axis=1)
                _fix(big, fa)
                grad[fixed] = 0.0
                step = _newton_step(big, grad)
                decrement = (grad * step).sum(axis=1)  # g.(-H^-1 g) > 0: H is negative definite
                converged = _converged(decrement, value, step, xa)
                t = np.ones(len(idx))
                # close to the centre, rounding hides the increase: take full Newton steps
                near = decrement < 1e-8 * np.maximum(1.0, np.abs(value))
                for _ in range(40):
                    nx, ns = xa + t[:, None] * step[:, :k], sa + t * step[:, k]
                    inside = np.all(~fa | ((nx > la) & (nx < ha)), axis=1)
                    nu = utilities(ca, np.where(inside[:, None], nx, xa))
                    nslack = nu - d[idx] - ns[:, None]
                    inside &= np.all(nslack > 0, axis=1)
                    nbv, _, _ = self._box(np.where(inside[:, None], nx, xa), la, ha, fa)
                    nvalue = ns + mu * (np.log(np.where(nslack > 0, nslack, 1.0)).sum(axis=1) + nbv)
                    accept = inside & ((nvalue >= value + 0.25 * t * decrement) | (near & (t == 1)))
                    if np.all(accept | converged):
                        break
                    t = np.where(accept | converged, t, t / 2)
                accept = accept & ~converged
                x[idx] = np.where(accept[:, None], nx, xa)
                s[idx] = np.where(accept, ns, sa)
                u_now = utilities(ca, x[idx])
                gains = (u_now - d[idx]).min(axis=1)
                now_found = gains > 0
                found[idx] |= now_found
                stuck = ~accept & ~converged
                finished = now_found | converged | stuck
                done[idx] |= finished
                reliable[idx] |= now_found
                if mu == _MU[-1]:
                    last[idx] |= converged
                if converged.all() or finished.all():
                    break
            # instances that converged at this mu go on at the next
            done = found.copy()
        # not found: shown impossible if the max-min (to the duality gap n*mu) is negative
        gap = ncons * _MU[-1]
        u = utilities(cols, x)
        maxmin = (u - d).min(axis=1)
        scale = np.maximum(1.0, np.abs(d).max(axis=1))
        # at a centred point of the last barrier step the max-min is at most s + gap (duality)
        impossible = ~found & last & (np.maximum(s, maxmin) + gap < -_CHECK * scale)
        reliable = found | impossible
        return x, found, reliable

    def _phase_two(
        self,
        cols: list[np.ndarray],
        lo: np.ndarray,
        hi: np.ndarray,
        d: np.ndarray,
        w: np.ndarray,
        x: np.ndarray,
        start: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The Nash point of each instance with a start; its objective; whether the KKT check passes;
        an upper bound on the piece's optimum."""
        m, k = lo.shape
        free = (hi - lo) > 1e-12 * np.maximum(1.0, np.abs(hi))
        x = x.copy()
        alive = start.copy()
        for mu in _MU:
            centred = ~alive.copy()
            for _ in range(60):
                idx = np.flatnonzero(~centred)
                if idx.size == 0:
                    break
                xa, la, ha, fa, wa = x[idx], lo[idx], hi[idx], free[idx], w[idx]
                ca = [c[idx] for c in cols]
                u, g, h = self._derivatives(ca, xa)
                gain = u - d[idx]
                bv, bg, bc = self._box(xa, la, ha, fa)
                value = (wa * np.log(gain)).sum(axis=1) + mu * bv
                inv = wa / gain
                grad = np.einsum("mi,mia->ma", inv, g) + mu * bg
                hess = (
                    np.einsum("mi,miab->mab", inv, h)
                    - np.einsum("mi,mia,mib->mab", inv / gain, g, g)
                    + mu * np.einsum("ma,ab->mab", bc, np.eye(k))
                )
                _fix(hess, fa)
                grad[~fa] = 0.0
                step = _newton_step(hess, grad)
                decrement = (grad * step).sum(axis=1)  # g.(-H^-1 g) > 0: H is negative definite
                converged = _converged(decrement, value, step, xa)
                t = np.ones(len(idx))
                # close to the centre, rounding hides the increase: take full Newton steps
                near = decrement < 1e-8 * np.maximum(1.0, np.abs(value))
                for _ in range(40):
                    nx = xa + t[:, None] * step
                    inside = np.all(~fa | ((nx > la) & (nx < ha)), axis=1)
                    safe = np.where(inside[:, None], nx, xa)
                    nu = self._utilities(ca, safe)
                    ngain = nu - d[idx]
                    inside &= np.all(ngain > 0, axis=1)
                    nbv, _, _ = self._box(safe, la, ha, fa)
                    nvalue = (wa * np.log(np.where(ngain > 0, ngain, 1.0))).sum(axis=1) + mu * nbv
                    accept = inside & ((nvalue >= value + 0.25 * t * decrement) | (near & (t == 1)))
                    if np.all(accept | converged):
                        break
                    t = np.where(accept | converged, t, t / 2)
                accept &= ~converged
                x[idx] = np.where(accept[:, None], nx, xa)
                centred[idx] |= converged | ~accept
        # snap to bounds, then certify optimality (KKT of the concave program on the box)
        # as bargaining.solutions.feasible snaps cvxpy's answers: within 1e-6 (relative) of a bound is on it
        x = np.where(x - lo <= 1e-6 * np.maximum(1.0, np.abs(lo)), lo, x)
        x = np.where(hi - x <= 1e-6 * np.maximum(1.0, np.abs(hi)), hi, x)
        x = np.where(free, x, lo)
        u, g, _ = self._derivatives(cols, x)
        gain = u - d
        with np.errstate(all="ignore"):
            value = np.where(
                np.all(gain > 0, axis=1), (w * np.log(np.where(gain > 0, gain, 1.0))).sum(axis=1), -np.inf
            )
            grad = np.einsum("mi,mia->ma", w / gain, g)
        grad_raw = np.where(np.isfinite(grad), grad, np.inf)
        grad = grad * np.where(free, hi - lo, 0.0)  # the change of F across each coordinate's range
        size = np.maximum(1.0, np.abs(grad).max(axis=1, keepdims=True))
        at_lo = x <= lo
        at_hi = x >= hi
        ok_free = np.abs(grad) <= _CHECK * size
        ok_lo = grad <= _CHECK * size
        ok_hi = grad >= -_CHECK * size
        kkt = np.where(~free, True, np.where(at_lo, ok_lo, np.where(at_hi, ok_hi, ok_free)))
        certified = start & np.all(kkt, axis=1) & np.isfinite(value)
        # F is concave, so F(y) <= F(x) + grad F(x).(y - x) for every y in the box: an upper bound
        # on the piece's optimum, which rules pieces out without certifying them
        reach = np.maximum(grad_raw * (hi - x), grad_raw * (lo - x))
        upper = value + np.where(free, reach, 0.0).sum(axis=1)
        return x, value, certified, np.where(start, upper, -np.inf)


def _best_gain_newton(
    solver: BatchNash,
    cols: list[np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    d: np.ndarray,
    i: int,
    x: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Party ``i``'s best gain when the others get at least their disagreement values.

    Barrier method on :math:`\max\ u_i - d_i + \mu \sum_{j \ne i} \log(u_j - d_j) + \mu\,\text{box}`
    from a start ``x`` where every other gain is positive. Returns the gain at
    the final point (a lower bound: the point is feasible), an upper bound (the
    gain plus the duality gap where the last step was centred, else infinity),
    and the final point.
    """
    m, k = lo.shape
    n = d.shape[1]
    others = [j for j in range(n) if j != i]
    free = (hi - lo) > 1e-12 * np.maximum(1.0, np.abs(hi))
    x = x.copy()
    last = np.zeros(m, dtype=bool)
    for mu in _MU:
        centred = np.zeros(m, dtype=bool)
        for _ in range(60):
            idx = np.flatnonzero(~centred)
            if idx.size == 0:
                break
            xa, la, ha, fa = x[idx], lo[idx], hi[idx], free[idx]
            ca = [c[idx] for c in cols]
            u, g, h = solver._derivatives(ca, xa)
            gain = u - d[idx]
            other = gain[:, others]
            bv, bg, bc = solver._box(xa, la, ha, fa)
            value = gain[:, i] + mu * (np.log(other).sum(axis=1) + bv)
            inv = 1 / other
            go, ho = g[:, others], h[:, others]
            grad = g[:, i] + mu * (np.einsum("mj,mja->ma", inv, go) + bg)
            hess = h[:, i] + mu * (
                np.einsum("mj,mjab->mab", inv, ho)
                - np.einsum("mj,mja,mjb->mab", inv**2, go, go)
                + np.einsum("ma,ab->mab", bc, np.eye(k))
            )
            _fix(hess, fa)
            grad[~fa] = 0.0
            step = _newton_step(hess, grad)
            decrement = (grad * step).sum(axis=1)
            converged = _converged(decrement, value, step, xa)
            near = decrement < 1e-8 * np.maximum(1.0, np.abs(value))
            t = np.ones(len(idx))
            for _ in range(40):
                nx = xa + t[:, None] * step
                inside = np.all(~fa | ((nx > la) & (nx < ha)), axis=1)
                safe = np.where(inside[:, None], nx, xa)
                ngain = solver._utilities(ca, safe) - d[idx]
                inside &= np.all(ngain[:, others] > 0, axis=1)
                nbv, _, _ = solver._box(safe, la, ha, fa)
                nvalue = ngain[:, i] + mu * (
                    np.log(np.where(ngain[:, others] > 0, ngain[:, others], 1.0)).sum(axis=1) + nbv
                )
                accept = inside & ((nvalue >= value + 0.25 * t * decrement) | (near & (t == 1)))
                if np.all(accept | converged):
                    break
                t = np.where(accept | converged, t, t / 2)
            accept &= ~converged
            x[idx] = np.where(accept[:, None], nx, xa)
            centred[idx] |= converged | ~accept
            if mu == _MU[-1]:
                last[idx] |= converged
    gain = solver._utilities(cols, x) - d
    gap = (n - 1 + 2 * k) * _MU[-1]
    upper = np.where(last, gain[:, i] + gap, np.inf)
    return gain[:, i], upper, x


def _converged(decrement: np.ndarray, value: np.ndarray, step: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Centred: the predicted increase or the step is below rounding."""
    tiny_step = np.abs(step[:, : x.shape[1]]).max(axis=1) <= 1e-13 * (1.0 + np.abs(x).max(axis=1))
    return (decrement <= 1e-20 * np.maximum(1.0, np.abs(value))) | tiny_step


def _fix(hess: np.ndarray, free: np.ndarray) -> None:
    """Make the Newton step zero in fixed coordinates (their rows and columns become -identity)."""
    for a in range(free.shape[1]):
        fixed = ~free[:, a]
        hess[fixed, :, a] = 0.0
        hess[fixed, a, :] = 0.0
        hess[fixed, a, a] = -1.0


def _newton_step(hess: np.ndarray, grad: np.ndarray) -> np.ndarray:
    """:math:`-H^{-1} g` per instance (``H`` negative definite); zeros where singular."""
    try:
        return -np.linalg.solve(hess, grad[..., None])[..., 0]
    except np.linalg.LinAlgError:
        out = np.zeros_like(grad)
        for i in range(len(grad)):
            with contextlib.suppress(np.linalg.LinAlgError):
                out[i] = -np.linalg.solve(hess[i], grad[i])
        return out
