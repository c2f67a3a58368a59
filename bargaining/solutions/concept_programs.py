r"""The max-min and utilitarian programs of the Newton path, each answer bracketed by duality.

With :math:`g_i(x) = u_i(x) - d_i` concave and a box :math:`\ell \le x \le h`:

===========  ==============================================================  ======================
program      barrier objective :math:`f_\mu` of (:math:`z`)                    concepts
===========  ==============================================================  ======================
max-min      :math:`t + \mu \sum_i \log(g_i(x) - t w_i)` of :math:`(x, t)`    egalitarian,
                                                                              proportional, KS
utilitarian  :math:`\sum_i w_i u_i(x) + \mu \sum_i \log g_i(x)` of :math:`x`   utilitarian
===========  ==============================================================  ======================

Each final point is bracketed: its value is attained (a feasible point) and
Lagrangian duality bounds the optimum above. For the max-min program, with the
barrier's multipliers :math:`\lambda_i = \mu / (g_i - t w_i)` normalised to
:math:`\sum_i \hat\lambda_i w_i = 1`,

.. math:: t^* \le \max_{x \in \text{box}} \phi(x) \le U = \phi(x_0) + \sum_j \max\big(\partial_j\phi\,
          (h_j - x_{0j}),\ \partial_j\phi\,(\ell_j - x_{0j})\big), \quad \phi = \sum_i \hat\lambda_i g_i

(:math:`\phi` is concave); every maximiser :math:`x^*` then has
:math:`\hat\lambda_i (g_i(x^*) - t^* w_i) \le U - t^*`, so when each
:math:`\hat\lambda_i` is clearly positive every maximiser has the utilities
:math:`d + t^* w` to within ``spread`` :math:`w_i` (the tie-break cannot matter). For the
utilitarian program, :math:`L = \sum_i (w_i + \lambda_i) u_i - \lambda_i d_i`,
:math:`\lambda_i = \mu / g_i`, bounds the optimum the same way.

Both programs divide their linear part (:math:`t`, :math:`\sum_i w_i u_i`) by
``unit``, the size of the problem's utilities, so that the barrier weights
:math:`\mu` mean the same against the objective at every scale: a problem and
its common rescaling take the same Newton steps (without it the final
:math:`\mu = 10^{-11}` was :math:`10^{-8}` of utilities of size
:math:`10^{-3}`, and below rounding against a disagreement value of
:math:`10^4`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bargaining.solutions.newton import MU, BarrierResult, barrier_newton, box_free
from bargaining.solutions.smooth import SmoothStructure
from bargaining.solutions.stacked import Job

__all__ = [
    "Bracket",
    "MaxMinProgram",
    "UtilitarianProgram",
    "box_reach",
    "maxmin_bracket",
    "maxmin_job",
    "maxmin_points",
    "multipliers",
    "utilitarian_bracket",
    "utilitarian_job",
    "utilitarian_points",
]


@dataclass
class MaxMinProgram:
    r""":math:`t + \mu \sum_i \log(g_i(x) - t w_i)` over :math:`z = (x, t)`."""

    structure: SmoothStructure
    cols: list[np.ndarray]
    d: np.ndarray
    w: np.ndarray
    unit: float | np.ndarray = 1.0  # or one per row

    @classmethod
    def stacked(cls, programs: Sequence[MaxMinProgram]) -> MaxMinProgram:
        """One program of every row of ``programs`` (of one structure), each row with its own unit."""
        return cls(
            programs[0].structure,
            [np.concatenate(parts) for parts in zip(*(p.cols for p in programs), strict=True)],
            np.concatenate([p.d for p in programs]),
            np.concatenate([p.w for p in programs]),
            np.concatenate([np.broadcast_to(p.unit, (len(p.d),)) for p in programs]),
        )

    def _unit(self, idx: np.ndarray) -> float | np.ndarray:
        return self.unit[idx] if isinstance(self.unit, np.ndarray) else self.unit

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, ...]:
        return self.from_jets(idx, z, mu, *self.structure.derivatives([c[idx] for c in self.cols], z[:, :-1]))

    def from_jets(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray, g: np.ndarray, h: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """:meth:`derivatives` from the utilities' jets at ``z``'s ``x``."""
        k = z.shape[1] - 1
        t, w, unit = z[:, k], self.w[idx], self._unit(idx)
        inv = 1 / (u - self.d[idx] - t[:, None] * w)
        big = np.zeros((len(idx), k + 1, k + 1))
        big[:, :k, :k] = mu[:, None, None] * (
            np.einsum("mi,miab->mab", inv, h) - np.einsum("mi,mia,mib->mab", inv**2, g, g)
        )
        big[:, :k, k] = big[:, k, :k] = mu[:, None] * np.einsum("mi,mia->ma", inv**2 * w, g)
        big[:, k, k] = -mu * (inv**2 * w**2).sum(axis=1)
        grad = np.concatenate(
            [
                mu[:, None] * np.einsum("mi,mia->ma", inv, g),
                (1 / unit - mu * (inv * w).sum(axis=1))[:, None],
            ],
            axis=1,
        )
        return t / unit - mu * np.log(inv).sum(axis=1), grad, big

    def value(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.from_utilities(
            idx, z, mu, self.structure.utilities([c[idx] for c in self.cols], z[:, :-1])
        )

    def from_utilities(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`value` from the utilities at ``z``'s ``x``."""
        k = z.shape[1] - 1
        slack = u - self.d[idx] - z[:, k][:, None] * self.w[idx]
        inside = np.all(slack > 0, axis=1)
        logs = np.log(np.where(slack > 0, slack, 1.0)).sum(axis=1)
        return z[:, k] / self._unit(idx) + mu * logs, inside

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        return np.zeros(len(idx), dtype=bool)


@dataclass
class UtilitarianProgram:
    r""":math:`\sum_i w_i u_i(x) / \text{unit} + \mu \sum_i \log g_i(x)`."""

    structure: SmoothStructure
    cols: list[np.ndarray]
    d: np.ndarray
    w: np.ndarray
    unit: float = 1.0

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, ...]:
        return self.from_jets(idx, z, mu, *self.structure.derivatives([c[idx] for c in self.cols], z))

    def from_jets(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray, g: np.ndarray, h: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """:meth:`derivatives` from the utilities' jets at ``z``."""
        gain, w = u - self.d[idx], self.w[idx] / self.unit
        coef = w + mu[:, None] / gain
        curvature = np.einsum("mi,mia,mib->mab", 1 / gain**2, g, g)
        hess = np.einsum("mi,miab->mab", coef, h) - mu[:, None, None] * curvature
        value = (w * u).sum(axis=1) + mu * np.log(gain).sum(axis=1)
        return value, np.einsum("mi,mia->ma", coef, g), hess

    def value(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.from_utilities(idx, z, mu, self.structure.utilities([c[idx] for c in self.cols], z))

    def from_utilities(
        self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray, u: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`value` from the utilities at ``z``."""
        gain = u - self.d[idx]
        inside = np.all(gain > 0, axis=1)
        logs = np.log(np.where(gain > 0, gain, 1.0)).sum(axis=1)
        return (self.w[idx] * u).sum(axis=1) / self.unit + mu * logs, inside

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        return np.zeros(len(idx), dtype=bool)


@dataclass(frozen=True, slots=True, eq=False)
class Bracket:
    r"""Final points ``x``, the attained ``value``, an ``upper`` bound on the optimum, and ``spread``.

    ``spread`` bounds, in units of :math:`t`, how far any maximiser may be from
    the optimum: its gains satisfy :math:`g_i \le (t^* + \text{spread})\,w_i`
    (``inf`` where nothing is proven), so each party's gain is fixed to
    ``spread`` relative to its own :math:`w_i`, whatever the parties' scales;
    ``centred`` whether the barrier ended centred at its last weight.
    """

    x: np.ndarray
    value: np.ndarray
    upper: np.ndarray
    spread: np.ndarray
    centred: np.ndarray


def box_reach(grad: np.ndarray, x: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    r"""How much a concave :math:`f` can gain on the box from :math:`x`.

    .. math:: \sum_j \max\big(\partial_j f\,(h_j - x_j),\ \partial_j f\,(\ell_j - x_j)\big)
    """
    free = box_free(lo, hi)
    with np.errstate(all="ignore"):
        reach = np.maximum(grad * (hi - x), grad * (lo - x))
    reach = np.where(np.isfinite(reach), reach, np.inf)
    out: np.ndarray = np.where(free, reach, 0.0).sum(axis=1)
    return out


def multipliers(
    g: np.ndarray, w: np.ndarray, x: np.ndarray, box: tuple[np.ndarray, np.ndarray], barrier: np.ndarray
) -> np.ndarray:
    r"""Multipliers :math:`\hat\lambda \ge 0`, :math:`\sum_i \hat\lambda_i w_i = 1`, of the max-min program.

    The barrier's own, :math:`\mu / (g_i - t w_i)`, lose digits to cancellation
    near the optimum; so they are refined by least squares on stationarity in
    the coordinates away from the bounds, :math:`\sum_i \hat\lambda_i \partial_j g_i = 0`,
    with :math:`\sum_i \hat\lambda_i w_i = 1` (any :math:`\hat\lambda \ge 0` gives a
    valid bound; better ones give a tighter one).
    """
    lo, hi = box
    inner = (x - lo > 1e-6 * np.maximum(1.0, np.abs(lo))) & (hi - x > 1e-6 * np.maximum(1.0, np.abs(hi)))
    out = barrier.copy()
    for r in range(len(x)):
        a = np.vstack([g[r][:, inner[r]].T, w[r][None, :]])
        rhs = np.zeros(a.shape[0])
        rhs[-1] = 1.0
        if not np.all(np.isfinite(a)):
            continue
        lam = np.linalg.lstsq(a, rhs, rcond=None)[0]
        if np.all(lam >= 0) and lam @ w[r] > 0:
            out[r] = lam / (lam @ w[r])
    return out


def maxmin_points(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    box: tuple[np.ndarray, np.ndarray],
    d: np.ndarray,
    w: np.ndarray,
    x: np.ndarray,
    unit: float = 1.0,
) -> Bracket:
    r"""Solve :math:`\max t` s.t. :math:`g_i(x) \ge t w_i` from starts ``x``, bracketed (module docstring).

    ``unit`` is the size of the utilities (the linear part is divided by it).
    """
    job = maxmin_job(structure, cols, box, d, w, x, unit)
    result = barrier_newton(job.program, job.z, job.lo, job.hi, job.alive)
    return maxmin_bracket(structure, cols, box, d, w, job.alive, result)


def maxmin_job(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    box: tuple[np.ndarray, np.ndarray],
    d: np.ndarray,
    w: np.ndarray,
    x: np.ndarray,
    unit: float = 1.0,
) -> Job:
    """The barrier run of :func:`maxmin_points` (for :mod:`~bargaining.solutions.stacked`).

    :math:`t` starts a tenth of ``unit`` below the least of :math:`g_i(x) / w_i` (every slack
    positive; a whole unit below took about 3 more Newton steps a point on Kursk).
    """
    lo, hi = box
    with np.errstate(all="ignore"):
        u0 = structure.utilities(cols, x)
        t0 = np.nanmin((u0 - d) / w, axis=1) - 0.1 * unit
    t0 = np.where(np.isfinite(t0), t0, -1.0)
    alive = np.isfinite(u0).all(axis=1)
    program = MaxMinProgram(structure, cols, d, w, unit)
    return Job(program, np.concatenate([x, t0[:, None]], axis=1), lo, hi, alive)


def maxmin_bracket(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    box: tuple[np.ndarray, np.ndarray],
    d: np.ndarray,
    w: np.ndarray,
    alive: np.ndarray,
    result: BarrierResult,
) -> Bracket:
    """:func:`maxmin_points`' bracket from the barrier's ``result`` (of the rows ``alive``)."""
    lo, hi = box
    k = lo.shape[1]
    x, t = result.z[:, :k], result.z[:, k]
    with np.errstate(all="ignore"):
        u, g, _ = structure.derivatives(cols, x)
        gain = u - d
        value = np.min(gain / w, axis=1)  # attained: x is in the box
        barrier = MU[-1] / (gain - t[:, None] * w)
        barrier = barrier / (barrier * w).sum(axis=1, keepdims=True)
        refined = multipliers(g, w, x, box, barrier)
        bounds = [
            (lam * gain).sum(axis=1) + box_reach(np.einsum("mi,mia->ma", lam, g), x, lo, hi)
            for lam in (barrier, refined)
        ]
        better = bounds[1] <= bounds[0]  # both are valid bounds: keep the tighter
        upper = np.where(better, bounds[1], bounds[0])
        lam = np.where(better[:, None], refined, barrier)
        share = lam * w  # sums to 1
        spread = np.max((upper - value)[:, None] / np.where(share > 0, share, np.nan), axis=1)
        spread = np.where(np.isnan(spread), np.inf, spread)
    ok = alive & np.isfinite(value) & np.isfinite(upper)
    return Bracket(
        x,
        np.where(ok, value, -np.inf),
        np.where(ok, upper, np.inf),
        np.where(ok, spread, np.inf),
        result.last,
    )


def utilitarian_points(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    box: tuple[np.ndarray, np.ndarray],
    d: np.ndarray,
    w: np.ndarray,
    x: np.ndarray,
    unit: float = 1.0,
) -> tuple[Bracket, np.ndarray]:
    r"""Solve :math:`\max \sum_i w_i u_i` s.t. :math:`u_i \ge d_i` from starts ``x`` (every gain positive).

    Returns the bracket and the Hessian ``(m, k, k)`` of the Lagrangian at the
    final points (for the uniqueness check); ``spread`` is ``inf`` here.
    ``unit`` is the size of the utilities (the objective is divided by it; the
    multipliers of the problem itself are :math:`\text{unit}\,\mu / g_i`).
    """
    job = utilitarian_job(structure, cols, box, d, w, x, unit)
    result = barrier_newton(job.program, job.z, job.lo, job.hi, job.alive)
    return utilitarian_bracket(structure, cols, box, d, w, unit, result)


def utilitarian_job(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    box: tuple[np.ndarray, np.ndarray],
    d: np.ndarray,
    w: np.ndarray,
    x: np.ndarray,
    unit: float = 1.0,
) -> Job:
    """The barrier run of :func:`utilitarian_points` (for :mod:`~bargaining.solutions.stacked`)."""
    lo, hi = box
    return Job(UtilitarianProgram(structure, cols, d, w, unit), x, lo, hi, np.ones(len(x), dtype=bool))


def utilitarian_bracket(
    structure: SmoothStructure,
    cols: list[np.ndarray],
    box: tuple[np.ndarray, np.ndarray],
    d: np.ndarray,
    w: np.ndarray,
    unit: float,
    result: BarrierResult,
) -> tuple[Bracket, np.ndarray]:
    """:func:`utilitarian_points`' bracket and Hessian from the barrier's ``result``."""
    lo, hi = box
    x = result.z
    with np.errstate(all="ignore"):
        u, g, h = structure.derivatives(cols, x)
        gain = u - d
        lam = unit * MU[-1] / gain
        value = (w * u).sum(axis=1)
        coef = w + lam
        upper = value + (lam * gain).sum(axis=1) + box_reach(np.einsum("mi,mia->ma", coef, g), x, lo, hi)
        hess = np.einsum("mi,miab->mab", coef, h)
    ok = np.all(gain >= 0, axis=1) & np.isfinite(value) & np.isfinite(upper)
    bracket = Bracket(
        x, np.where(ok, value, -np.inf), np.where(ok, upper, np.inf), np.full(len(x), np.inf), result.last
    )
    return bracket, hess
