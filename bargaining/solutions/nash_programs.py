r"""The three programs of the Newton path, objectives of :func:`~bargaining.solutions.newton.barrier_newton`.

With :math:`g_i(x) = u_i(x) - d_i` and a box :math:`\ell \le x \le h`:

==============  =====================================================================  =================
program         barrier objective :math:`f_\mu`                                        used for
==============  =====================================================================  =================
start           :math:`s + \mu \sum_{i \in P} \log(g_i(x) - s)`                        a start with every
                                                                                       gain in P positive
Nash            :math:`\sum_i w_i \log g_i(x)`                                         the Nash point
best gain       :math:`g_i(x) + \mu \sum_{j \ne i} \log g_j(x)`                        who blocks
==============  =====================================================================  =================

The start is the max-min problem :math:`\max_{x, s} s` s.t. :math:`g_i(x) \ge s`;
when its optimum is negative (to the barrier's duality gap, :math:`m\mu` for
:math:`m` barrier terms), no point gives every party in :math:`P` a positive gain.
The Nash point is *certified* by the optimality conditions of the concave
program on the box (:func:`certify`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bargaining.solutions.newton import MU, barrier_newton, box_free
from bargaining.solutions.smooth import SmoothStructure
from bargaining.solutions.stacked import Job

__all__ = [
    "CHECK",
    "Certificate",
    "best_gain",
    "best_gain_job",
    "certify",
    "gain_bounds",
    "nash_job",
    "nash_points",
    "start",
]

#: The relative tolerance of every check.
CHECK = 1e-6


@dataclass
class _Start:
    """:math:`\\max s + \\mu \\sum_{i \\in P} \\log(g_i - s)` over :math:`z = (x, s)`."""

    structure: SmoothStructure
    cols: list[np.ndarray]
    d: np.ndarray
    sel: list[int]

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: float) -> tuple[np.ndarray, ...]:
        return self.from_jets(idx, z, mu, *self.structure.derivatives([c[idx] for c in self.cols], z[:, :-1]))

    def from_jets(
        self, idx: np.ndarray, z: np.ndarray, mu: float, u: np.ndarray, g: np.ndarray, h: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """:meth:`derivatives` from the utilities' jets at ``z``'s ``x``."""
        k = z.shape[1] - 1
        s = z[:, k]
        u, g, h = u[:, self.sel], g[:, self.sel], h[:, self.sel]
        slack = u - self.d[idx] - s[:, None]
        inv = 1 / slack
        big = np.zeros((len(idx), k + 1, k + 1))
        big[:, :k, :k] = mu * (np.einsum("mi,miab->mab", inv, h) - np.einsum("mi,mia,mib->mab", inv**2, g, g))
        big[:, :k, k] = big[:, k, :k] = mu * np.einsum("mi,mia->ma", inv**2, g)
        big[:, k, k] = -mu * (inv**2).sum(axis=1)
        grad = np.concatenate(
            [mu * np.einsum("mi,mia->ma", inv, g), (1 - mu * inv.sum(axis=1))[:, None]], axis=1
        )
        return s + mu * np.log(slack).sum(axis=1), grad, big

    def value(self, idx: np.ndarray, z: np.ndarray, mu: float) -> tuple[np.ndarray, np.ndarray]:
        return self.from_utilities(
            idx, z, mu, self.structure.utilities([c[idx] for c in self.cols], z[:, :-1])
        )

    def from_utilities(
        self, idx: np.ndarray, z: np.ndarray, mu: float, u: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`value` from the utilities at ``z``'s ``x``."""
        k = z.shape[1] - 1
        slack = u[:, self.sel] - self.d[idx] - z[:, k][:, None]
        inside = np.all(slack > 0, axis=1)
        return z[:, k] + mu * np.log(np.where(slack > 0, slack, 1.0)).sum(axis=1), inside

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        found: np.ndarray = self._gains(idx, z[:, :-1]).min(axis=1) > 0
        return found

    def _gains(self, idx: np.ndarray, x: np.ndarray) -> np.ndarray:
        return self.structure.utilities([c[idx] for c in self.cols], x)[:, self.sel] - self.d[idx]


@dataclass
class _Nash:
    r""":math:`\sum_i w_i \log g_i(x)`."""

    structure: SmoothStructure
    cols: list[np.ndarray]
    d: np.ndarray
    w: np.ndarray

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: float) -> tuple[np.ndarray, ...]:
        return self.from_jets(idx, z, mu, *self.structure.derivatives([c[idx] for c in self.cols], z))

    def from_jets(
        self, idx: np.ndarray, z: np.ndarray, mu: float, u: np.ndarray, g: np.ndarray, h: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """:meth:`derivatives` from the utilities' jets at ``z``."""
        gain, wa = u - self.d[idx], self.w[idx]
        inv = wa / gain
        hess = np.einsum("mi,miab->mab", inv, h) - np.einsum("mi,mia,mib->mab", inv / gain, g, g)
        return (wa * np.log(gain)).sum(axis=1), np.einsum("mi,mia->ma", inv, g), hess

    def value(self, idx: np.ndarray, z: np.ndarray, mu: float) -> tuple[np.ndarray, np.ndarray]:
        return self.from_utilities(idx, z, mu, self.structure.utilities([c[idx] for c in self.cols], z))

    def from_utilities(
        self, idx: np.ndarray, z: np.ndarray, mu: float, u: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`value` from the utilities at ``z``."""
        gain = u - self.d[idx]
        inside = np.all(gain > 0, axis=1)
        return (self.w[idx] * np.log(np.where(gain > 0, gain, 1.0))).sum(axis=1), inside

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        return np.zeros(len(idx), dtype=bool)


@dataclass
class _BestGain:
    r""":math:`g_i(x) + \mu \sum_{j \ne i} \log g_j(x)`."""

    structure: SmoothStructure
    cols: list[np.ndarray]
    d: np.ndarray
    i: int
    unit: float = 1.0

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: float) -> tuple[np.ndarray, ...]:
        return self.from_jets(idx, z, mu, *self.structure.derivatives([c[idx] for c in self.cols], z))

    def from_jets(
        self, idx: np.ndarray, z: np.ndarray, mu: float, u: np.ndarray, g: np.ndarray, h: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """:meth:`derivatives` from the utilities' jets at ``z``."""
        gain, others = u - self.d[idx], self._others(u.shape[1])
        other, go, ho = gain[:, others], g[:, others], h[:, others]
        inv = 1 / other
        grad = g[:, self.i] / self.unit + mu * np.einsum("mj,mja->ma", inv, go)
        hess = h[:, self.i] / self.unit + mu * (
            np.einsum("mj,mjab->mab", inv, ho) - np.einsum("mj,mja,mjb->mab", inv**2, go, go)
        )
        return gain[:, self.i] / self.unit + mu * np.log(other).sum(axis=1), grad, hess

    def value(self, idx: np.ndarray, z: np.ndarray, mu: float) -> tuple[np.ndarray, np.ndarray]:
        return self.from_utilities(idx, z, mu, self.structure.utilities([c[idx] for c in self.cols], z))

    def from_utilities(
        self, idx: np.ndarray, z: np.ndarray, mu: float, u: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`value` from the utilities at ``z``."""
        gain = u - self.d[idx]
        other = gain[:, self._others(gain.shape[1])]
        inside = np.all(other > 0, axis=1)
        logs = np.log(np.where(other > 0, other, 1.0)).sum(axis=1)
        return gain[:, self.i] / self.unit + mu * logs, inside

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        return np.zeros(len(idx), dtype=bool)

    def _others(self, n: int) -> list[int]:
        return [j for j in range(n) if j != self.i]


def start(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    d: np.ndarray,
    parties: Sequence[int] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A start with every gain (of ``parties``, default all) positive.

    Returns ``x``, whether it has positive gains, and whether the answer is
    reliable (found, or shown impossible to the duality gap).
    """
    sel = list(range(d.shape[1])) if parties is None else list(parties)
    free = box_free(lo, hi)
    x = np.where(free, (lo + hi) / 2, lo)
    objective = _Start(structure, cols, d[:, sel], sel)
    everything = np.arange(len(x))
    s = objective._gains(everything, x).min(axis=1) - 1.0
    result = barrier_newton(objective, np.concatenate([x, s[:, None]], axis=1), lo, hi, np.ones(len(x), bool))
    k = lo.shape[1]
    x, s = result.z[:, :k], result.z[:, k]
    found = result.reached
    gap = (len(sel) + 2 * k) * MU[-1]
    maxmin = objective._gains(everything, x).min(axis=1)
    scale = np.maximum(1.0, np.abs(d[:, sel]).max(axis=1))
    # at a centred point of the last barrier step the max-min is at most s + gap (duality)
    impossible = ~found & result.last & (np.maximum(s, maxmin) + gap < -CHECK * scale)
    return x, found, found | impossible


@dataclass(frozen=True, slots=True, eq=False)
class Certificate:
    """Nash points: ``x``, the objective, whether the KKT check passes, an upper bound on the optimum."""

    x: np.ndarray
    value: np.ndarray
    certified: np.ndarray
    upper: np.ndarray


def nash_points(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    d: np.ndarray,
    w: np.ndarray,
    x: np.ndarray,
    alive: np.ndarray,
) -> Certificate:
    """The Nash point of each instance ``alive`` (from the start ``x``), certified."""
    result = barrier_newton(_Nash(structure, cols, d, w), x, lo, hi, alive)
    return certify(structure, cols, lo, hi, d, w, result.z, alive)


def nash_job(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    d: np.ndarray,
    w: np.ndarray,
    x: np.ndarray,
    alive: np.ndarray,
) -> Job:
    """The barrier run of :func:`nash_points` (for :mod:`~bargaining.solutions.stacked`)."""
    return Job(_Nash(structure, cols, d, w), x, lo, hi, alive)


def certify(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    d: np.ndarray,
    w: np.ndarray,
    x: np.ndarray,
    alive: np.ndarray,
) -> Certificate:
    r"""Snap ``x`` to the bounds it is within :math:`10^{-6}` of, then check the optimality conditions.

    For :math:`F = \sum_i w_i \log g_i` concave on the box, :math:`x` is optimal
    iff :math:`\partial_j F = 0` where :math:`\ell_j < x_j < h_j`,
    :math:`\le 0` at :math:`\ell_j`, :math:`\ge 0` at :math:`h_j` (each scaled by
    the coordinate's range, to :data:`CHECK` relative). Concavity also gives an
    upper bound, :math:`F(y) \le F(x) + \nabla F(x)\cdot(y - x)` on the box.
    """
    free = box_free(lo, hi)
    x = np.where(x - lo <= 1e-6 * np.maximum(1.0, np.abs(lo)), lo, x)
    x = np.where(hi - x <= 1e-6 * np.maximum(1.0, np.abs(hi)), hi, x)
    x = np.where(free, x, lo)
    u, g, _ = structure.derivatives(cols, x)
    gain = u - d
    with np.errstate(all="ignore"):
        positive = np.all(gain > 0, axis=1)
        value = np.where(positive, (w * np.log(np.where(gain > 0, gain, 1.0))).sum(axis=1), -np.inf)
        grad = np.einsum("mi,mia->ma", w / gain, g)
    grad_raw = np.where(np.isfinite(grad), grad, np.inf)
    grad = grad * np.where(free, hi - lo, 0.0)  # the change of F across each coordinate's range
    size = np.maximum(1.0, np.abs(grad).max(axis=1, keepdims=True))
    ok_free = np.abs(grad) <= CHECK * size
    ok_lo, ok_hi = grad <= CHECK * size, grad >= -CHECK * size
    kkt = np.where(~free, True, np.where(x <= lo, ok_lo, np.where(x >= hi, ok_hi, ok_free)))
    certified = alive & np.all(kkt, axis=1) & np.isfinite(value)
    reach = np.maximum(grad_raw * (hi - x), grad_raw * (lo - x))
    upper = value + np.where(free, reach, 0.0).sum(axis=1)
    return Certificate(x, value, certified, np.where(alive, upper, -np.inf))


def best_gain(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    d: np.ndarray,
    i: int,
    x: np.ndarray,
    unit: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Party ``i``'s best gain with every other party's gain positive, from a start ``x`` where they are.

    Returns the gain at the final point (a lower bound: the point is feasible) and an upper bound
    by Lagrangian duality, valid at any point of the box whether or not the barrier ended centred:
    with :math:`\lambda_j = \text{unit}\,\mu / g_j \ge 0` and the concave
    :math:`L = g_i + \sum_{j \ne i} \lambda_j g_j`, every feasible :math:`y` has
    :math:`g_i(y) \le L(y) \le L(x) + \nabla L(x) \cdot (y - x)`, largest at a corner of the box.
    ``unit`` is the size of the utilities (the objective is divided by it, so that :math:`\mu`
    means the same at every scale).
    """
    result = barrier_newton(_BestGain(structure, cols, d, i, unit), x, lo, hi, np.ones(len(x), dtype=bool))
    return gain_bounds(structure, cols, (lo, hi), d, i, unit, result.z)


def best_gain_job(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    d: np.ndarray,
    i: int,
    x: np.ndarray,
    unit: float = 1.0,
) -> Job:
    """The barrier run of :func:`best_gain` (for :mod:`~bargaining.solutions.stacked`)."""
    return Job(_BestGain(structure, cols, d, i, unit), x, lo, hi, np.ones(len(x), dtype=bool))


def gain_bounds(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    box: tuple[np.ndarray, np.ndarray],
    d: np.ndarray,
    i: int,
    unit: float,
    z: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`best_gain`'s bracket from the barrier's final points ``z``."""
    (lo, hi), m = box, len(z)
    u, g, _ = structure.derivatives(cols, z)
    gain = u - d
    others = [j for j in range(d.shape[1]) if j != i]
    with np.errstate(all="ignore"):
        barrier = np.zeros_like(gain)
        barrier[:, others] = unit * MU[-1] / gain[:, others]
        # near 0 for its own size or party i's (generous: any lambda >= 0 gives a valid bound)
        near = gain <= 1e-6 * np.maximum(np.maximum(np.abs(u), np.abs(d)), unit)
        active = [[j for j in others if near[r, j]] for r in range(m)]
        refined = _stationary(g, i, active, z, lo, hi, barrier)
        bounds = [_lagrangian_bound(gain, g, i, lam, z, lo, hi) for lam in (barrier, refined)]
        upper = np.minimum(*bounds)  # both are valid: keep the tighter
    feasible = np.all(gain[:, others] > 0, axis=1)
    return gain[:, i], np.where(feasible & np.isfinite(upper), upper, np.inf)


def _lagrangian_bound(
    gain: np.ndarray, g: np.ndarray, i: int, lam: np.ndarray, x: np.ndarray, lo: np.ndarray, hi: np.ndarray
) -> np.ndarray:
    r"""The bound :math:`L(x) + \max_{y \in \text{box}} \nabla L(x) \cdot (y - x)`.

    For :math:`L = g_i + \sum_j \lambda_j g_j`.
    """
    slope = g[:, i] + np.einsum("mj,mja->ma", lam, g)
    reach = np.maximum(slope * (hi - x), slope * (lo - x))
    reach = np.where(box_free(lo, hi), np.where(np.isfinite(reach), reach, np.inf), 0.0)
    out: np.ndarray = gain[:, i] + (lam * gain).sum(axis=1) + reach.sum(axis=1)
    return out


def _stationary(
    g: np.ndarray,
    i: int,
    active: list[list[int]],
    x: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    barrier: np.ndarray,
) -> np.ndarray:
    r"""Multipliers :math:`\lambda \ge 0` by least squares on stationarity.

    That is :math:`\nabla g_i + \sum_j \lambda_j \nabla g_j = 0`, over each
    row's ``active`` parties (gain near 0; the others get 0), in the
    coordinates away from the bounds. The barrier's own,
    :math:`\mu / g_j`, lose digits where :math:`g_j` is small (its value
    cancels against :math:`d_j`); any :math:`\lambda \ge 0` gives a valid bound,
    better ones a tighter one. Where least squares gives a negative entry the
    barrier's are kept.
    """
    inner = (x - lo > 1e-6 * np.maximum(1.0, np.abs(lo))) & (hi - x > 1e-6 * np.maximum(1.0, np.abs(hi)))
    out = barrier.copy()
    for r in range(len(x)):
        a = g[r][active[r]][:, inner[r]].T
        if a.size == 0 or not np.all(np.isfinite(a)) or not np.all(np.isfinite(g[r, i])):
            continue
        lam = np.linalg.lstsq(a, -g[r, i][inner[r]], rcond=None)[0]
        if np.all(lam >= 0):
            out[r] = 0.0
            out[r, active[r]] = lam
    return out
