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

from bargaining.solutions.best_gain import best_gain
from bargaining.solutions.newton import MU, BarrierResult, barrier_newton, box_free
from bargaining.solutions.smooth import SmoothStructure
from bargaining.solutions.stacked import Job

__all__ = [
    "CHECK",
    "Certificate",
    "best_gain",
    "certify",
    "nash_job",
    "nash_points",
    "start",
    "start_job",
    "start_outcome",
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

    @classmethod
    def stacked(cls, programs: Sequence[_Start]) -> _Starts:
        """One program of every row of ``programs`` (of one structure): :class:`_Starts`."""
        n = len(programs[0].structure.parties)
        d, mask = [], []
        for p in programs:
            full = np.zeros((len(p.d), n))
            full[:, p.sel] = p.d
            d.append(full)
            mask.append(np.tile(np.isin(np.arange(n), p.sel), (len(p.d), 1)))
        cols = [np.concatenate(parts) for parts in zip(*(p.cols for p in programs), strict=True)]
        return _Starts(programs[0].structure, cols, np.concatenate(d), np.concatenate(mask))

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, ...]:
        return self.from_jets(idx, z, mu, *self.structure.derivatives([c[idx] for c in self.cols], z[:, :-1]))

    def from_jets(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray, g: np.ndarray, h: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """:meth:`derivatives` from the utilities' jets at ``z``'s ``x``."""
        k = z.shape[1] - 1
        s = z[:, k]
        u, g, h = u[:, self.sel], g[:, self.sel], h[:, self.sel]
        slack = u - self.d[idx] - s[:, None]
        inv = 1 / slack
        return _start_derivatives(mu, s, slack, inv, g, h)

    def value(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.from_utilities(
            idx, z, mu, self.structure.utilities([c[idx] for c in self.cols], z[:, :-1])
        )

    def from_utilities(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray
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


def _start_derivatives(
    mu: np.ndarray, s: np.ndarray, slack: np.ndarray, inv: np.ndarray, g: np.ndarray, h: np.ndarray
) -> tuple[np.ndarray, ...]:
    r"""Value, gradient and Hessian of :math:`s + \mu \sum_i \log \sigma_i` in :math:`(x, s)`.

    :math:`\sigma_i = g_i(x) - s` (``slack``), ``inv`` :math:`= 1 / \sigma_i` (zero for a
    term left out), ``g`` and ``h`` the gains' gradients and Hessians in :math:`x`.
    """
    k = g.shape[2]
    big = np.zeros((len(s), k + 1, k + 1))
    big[:, :k, :k] = mu[:, None, None] * (
        np.einsum("mi,miab->mab", inv, h) - np.einsum("mi,mia,mib->mab", inv**2, g, g)
    )
    big[:, :k, k] = big[:, k, :k] = mu[:, None] * np.einsum("mi,mia->ma", inv**2, g)
    big[:, k, k] = -mu * (inv**2).sum(axis=1)
    grad = np.concatenate(
        [mu[:, None] * np.einsum("mi,mia->ma", inv, g), (1 - mu * inv.sum(axis=1))[:, None]], axis=1
    )
    return s + mu * np.log(slack).sum(axis=1), grad, big


@dataclass
class _Starts:
    r"""Starts of rows with different parties: row :math:`r`'s are those ``mask[r]`` marks.

    The objective of :class:`_Start` with the sums written over every party,
    the others' terms masked (they add exact zeros).
    """

    structure: SmoothStructure
    cols: list[np.ndarray]
    d: np.ndarray
    mask: np.ndarray

    def from_jets(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray, g: np.ndarray, h: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """:meth:`_Start.from_jets`, row by row."""
        k = z.shape[1] - 1
        s, mask = z[:, k], self.mask[idx]
        slack = np.where(mask, u - self.d[idx] - s[:, None], 1.0)
        inv = np.where(mask, 1 / slack, 0.0)
        return _start_derivatives(mu, s, slack, inv, g, h)

    def from_utilities(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`_Start.from_utilities`, row by row."""
        k = z.shape[1] - 1
        slack = np.where(self.mask[idx], u - self.d[idx] - z[:, k][:, None], 1.0)
        inside = np.all(slack > 0, axis=1)
        return z[:, k] + mu * np.log(np.where(slack > 0, slack, 1.0)).sum(axis=1), inside

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, ...]:
        return self.from_jets(idx, z, mu, *self.structure.derivatives([c[idx] for c in self.cols], z[:, :-1]))

    def value(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        u = self.structure.utilities([c[idx] for c in self.cols], z[:, :-1])
        return self.from_utilities(idx, z, mu, u)

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        gains = self.structure.utilities([c[idx] for c in self.cols], z[:, :-1]) - self.d[idx]
        found: np.ndarray = np.where(self.mask[idx], gains, np.inf).min(axis=1) > 0
        return found


@dataclass
class _Nash:
    r""":math:`\sum_i w_i \log g_i(x)`."""

    structure: SmoothStructure
    cols: list[np.ndarray]
    d: np.ndarray
    w: np.ndarray

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, ...]:
        return self.from_jets(idx, z, mu, *self.structure.derivatives([c[idx] for c in self.cols], z))

    def from_jets(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray, g: np.ndarray, h: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """:meth:`derivatives` from the utilities' jets at ``z``."""
        gain, wa = u - self.d[idx], self.w[idx]
        inv = wa / gain
        hess = np.einsum("mi,miab->mab", inv, h) - np.einsum("mi,mia,mib->mab", inv / gain, g, g)
        return (wa * np.log(gain)).sum(axis=1), np.einsum("mi,mia->ma", inv, g), hess

    def value(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.from_utilities(idx, z, mu, self.structure.utilities([c[idx] for c in self.cols], z))

    def from_utilities(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`value` from the utilities at ``z``."""
        gain = u - self.d[idx]
        inside = np.all(gain > 0, axis=1)
        return (self.w[idx] * np.log(np.where(gain > 0, gain, 1.0))).sum(axis=1), inside

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        return np.zeros(len(idx), dtype=bool)


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
    job = start_job(structure, cols, lo, hi, d, parties)
    return start_outcome(job, barrier_newton(job.program, job.z, lo, hi, job.alive))


def start_job(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    d: np.ndarray,
    parties: Sequence[int] | None = None,
) -> Job:
    """The barrier run of :func:`start` (for :mod:`~bargaining.solutions.stacked`)."""
    sel = list(range(d.shape[1])) if parties is None else list(parties)
    x = np.where(box_free(lo, hi), (lo + hi) / 2, lo)
    objective = _Start(structure, cols, d[:, sel], sel)
    s = objective._gains(np.arange(len(x)), x).min(axis=1) - 1.0
    return Job(objective, np.concatenate([x, s[:, None]], axis=1), lo, hi, np.ones(len(x), bool), stops=True)


def start_outcome(job: Job, result: BarrierResult) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`start`'s answer from the barrier's ``result`` of ``job``."""
    objective, k = job.program, job.lo.shape[1]
    if not isinstance(objective, _Start):
        raise TypeError("not a start job")
    x, s = result.z[:, :k], result.z[:, k]
    found = result.reached
    gap = (len(objective.sel) + 2 * k) * MU[-1]
    maxmin = objective._gains(np.arange(len(x)), x).min(axis=1)
    scale = np.maximum(1.0, np.abs(objective.d).max(axis=1))
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
    job = nash_job(structure, cols, lo, hi, d, w, x, alive)
    result = barrier_newton(job.program, job.z, job.lo, job.hi, job.alive)
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
