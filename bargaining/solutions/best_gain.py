r"""A party's best gain, :math:`\max g_i(x)` s.t. :math:`g_j(x) > 0\ (j \ne i)`, by the barrier method.

The barrier objective is :math:`g_i(x) / \text{unit} + \mu \sum_{j \ne i} \log g_j(x)`
(with :math:`g_i = u_i - d_i` on a box); the final point's gain is attained and
a Lagrangian bound (:func:`best_gain`) caps the optimum. Used for the ideal
point (:mod:`bargaining.solutions.smooth_concepts`) and for who blocks an
agreement (:mod:`bargaining.solutions.nash_newton`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bargaining.solutions.newton import MU, barrier_newton, box_free
from bargaining.solutions.smooth import SmoothStructure
from bargaining.solutions.stacked import Job

__all__ = ["best_gain", "best_gain_job", "gain_bounds"]


@dataclass
class _BestGain:
    r""":math:`g_i(x) + \mu \sum_{j \ne i} \log g_j(x)`."""

    structure: SmoothStructure
    cols: list[np.ndarray]
    d: np.ndarray
    i: int
    unit: float = 1.0

    @classmethod
    def stacked(cls, programs: Sequence[_BestGain]) -> _BestGains:
        """One program of every row of ``programs`` (of one structure): :class:`_BestGains`."""
        n = programs[0].d.shape[1]
        return _BestGains(
            programs[0].structure,
            [np.concatenate(parts) for parts in zip(*(p.cols for p in programs), strict=True)],
            np.concatenate([p.d for p in programs]),
            np.concatenate([np.tile(np.arange(n) == p.i, (len(p.d), 1)) for p in programs]),
            np.concatenate([np.full(len(p.d), p.unit) for p in programs]),
        )

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, ...]:
        return self.from_jets(idx, z, mu, *self.structure.derivatives([c[idx] for c in self.cols], z))

    def from_jets(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray, g: np.ndarray, h: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """:meth:`derivatives` from the utilities' jets at ``z``."""
        gain, others = u - self.d[idx], self._others(u.shape[1])
        other, go, ho = gain[:, others], g[:, others], h[:, others]
        inv = 1 / other
        grad = g[:, self.i] / self.unit + mu[:, None] * np.einsum("mj,mja->ma", inv, go)
        hess = h[:, self.i] / self.unit + mu[:, None, None] * (
            np.einsum("mj,mjab->mab", inv, ho) - np.einsum("mj,mja,mjb->mab", inv**2, go, go)
        )
        return gain[:, self.i] / self.unit + mu * np.log(other).sum(axis=1), grad, hess

    def value(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.from_utilities(idx, z, mu, self.structure.utilities([c[idx] for c in self.cols], z))

    def from_utilities(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray
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


@dataclass
class _BestGains:
    r"""Best gains of rows of several parties: row :math:`r`'s party is the one ``own[r]`` marks.

    The objective of :class:`_BestGain` with the sums written over every party,
    the own party's terms masked (they add exact zeros).
    """

    structure: SmoothStructure
    cols: list[np.ndarray]
    d: np.ndarray
    own: np.ndarray
    unit: np.ndarray

    def from_jets(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray, g: np.ndarray, h: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """:meth:`_BestGain.from_jets`, row by row."""
        gain, own, unit = u - self.d[idx], self.own[idx], self.unit[idx]
        other = np.where(own, 1.0, gain)
        inv = np.where(own, 0.0, 1 / other)
        coef = own / unit[:, None] + mu[:, None] * inv
        hess = np.einsum("mj,mjab->mab", coef, h) - mu[:, None, None] * np.einsum(
            "mj,mja,mjb->mab", inv**2, g, g
        )
        value = (gain * own).sum(axis=1) / unit + mu * np.log(other).sum(axis=1)
        return value, np.einsum("mj,mja->ma", coef, g), hess

    def from_utilities(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`_BestGain.from_utilities`, row by row."""
        gain, own = u - self.d[idx], self.own[idx]
        other = np.where(own, 1.0, gain)
        inside = np.all(other > 0, axis=1)
        logs = np.log(np.where(other > 0, other, 1.0)).sum(axis=1)
        return (gain * own).sum(axis=1) / self.unit[idx] + mu * logs, inside

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, ...]:
        return self.from_jets(idx, z, mu, *self.structure.derivatives([c[idx] for c in self.cols], z))

    def value(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.from_utilities(idx, z, mu, self.structure.utilities([c[idx] for c in self.cols], z))

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        return np.zeros(len(idx), dtype=bool)


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
