r"""One damped Newton barrier method, vectorised over many instances at once (numpy).

Each instance :math:`r = 1, \dots, m` maximises a smooth concave function of
:math:`z = (x, s)`, where :math:`x \in [\ell, h]` (a box) and :math:`s` is
free. The barrier method maximises

.. math:: \Phi_\mu(z) = f_\mu(z) + \mu \sum_j \big(\log(x_j - \ell_j) + \log(h_j - x_j)\big)

for :math:`\mu = 1, 10^{-2}, 10^{-4}, 10^{-6}, 10^{-8}, 10^{-11}` (:data:`MU`) by Newton steps
:math:`-\nabla^2 \Phi_\mu^{-1} \nabla \Phi_\mu` with a backtracking line
search (Armijo, a quarter of the predicted increase) that stays inside the
domain; coordinates with :math:`\ell_j = h_j` stay fixed. The objective
:math:`f_\mu` (which holds its own barrier terms, e.g. :math:`\mu \sum \log(u_i - d_i)`,
and is affine in :math:`\mu`) is a :class:`Objective`: the Nash program, its
phase-one start, a party's best gain, or a concept's program
(:mod:`bargaining.solutions.nash_programs`, :mod:`bargaining.solutions.concept_programs`).
All instances take their steps together; an instance stops when it is
centred (the Newton decrement or the step is below rounding; at the weights
above :data:`LOOSE_ABOVE`, a decrement of :data:`LOOSE` times the weight,
enough to start the next one from), when no step is accepted, or when the
objective says it has reached what it was after. Each stage after the first
starts on the tangent of the central path at the last centre (a predictor
step, :func:`_predict`), halved back towards the centre where it leaves the
domain.

The tangent starts (in place of the line through the last two centres, which
left the domain in about a third of the rows), the looser early centring and
the one stage from :math:`10^{-8}` straight to :math:`10^{-11}` cut the Newton
steps of ``solve_all`` on Kursk from about 113 to 78 a point over the 45
points of the ``benchmarks/explore.py`` changes, with the same
fallbacks; the answers are certified from the final points alone, so none of
this changes a guarantee. Centring the late weights loosely too took more
steps (the tangent is then taken at a point off the path), and so did ten
stages of a factor of 10.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

#: How centred a point must be at the weights above :data:`LOOSE_ABOVE` (its Newton decrement,
#: relative to the weight) to start the next weight from; the later weights are centred to rounding.
LOOSE = 0.1
LOOSE_ABOVE = 1e-4

__all__ = ["MU", "BarrierResult", "Objective", "barrier_newton", "box_free"]

#: The barrier weights, largest first.
MU: Sequence[float] = (1.0, 1e-2, 1e-4, 1e-6, 1e-8, 1e-11)


class Objective(Protocol):
    """A concave objective of a batch of instances (without the box barrier)."""

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: float) -> tuple[np.ndarray, ...]:
        """Value ``(r,)``, gradient ``(r, p)`` and Hessian ``(r, p, p)`` at ``z`` of instances ``idx``."""
        ...

    def value(self, idx: np.ndarray, z: np.ndarray, mu: float) -> tuple[np.ndarray, np.ndarray]:
        """The value at ``z`` and whether ``z`` is inside the domain."""
        ...

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Instances that need go no further (e.g. a start with every gain positive)."""
        ...


@dataclass(frozen=True, slots=True)
class BarrierResult:
    """The final points, whether each was centred at the last barrier weight, and which reached their goal."""

    z: np.ndarray
    last: np.ndarray
    reached: np.ndarray


def box_free(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Coordinates whose box is not a single point."""
    free: np.ndarray = (hi - lo) > 1e-12 * np.maximum(1.0, np.abs(hi))
    return free


def barrier_newton(
    objective: Objective,
    z: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    alive: np.ndarray,
    weights: Sequence[float] = MU,
) -> BarrierResult:
    """Run the barrier method (see the module docstring) on the instances ``alive``.

    Parameters
    ----------
    objective
        The function to maximise.
    z
        ``(m, p)`` starts, strictly inside the domain; the first ``k`` columns are
        the boxed coordinates ``x``.
    lo, hi
        ``(m, k)`` the box.
    alive
        ``(m,)`` which instances to solve; the others keep their ``z``.
    weights
        The barrier weights, largest first: :data:`MU` or a tail of it (from
        starts that are already well inside, e.g. the points of a start program).
    """
    m, k = lo.shape
    free = box_free(lo, hi)
    z = z.copy()
    extra = np.ones((m, z.shape[1] - k), dtype=bool)
    movable = np.concatenate([free, extra], axis=1)
    reached = alive & objective.reached(np.arange(m), z)
    last = np.zeros(m, dtype=bool)
    hess = np.zeros((m, z.shape[1], z.shape[1]))  # each row's Hessian at its point, when last evaluated
    for s, mu in enumerate(weights):
        centred = ~alive | reached
        if s >= 1:
            z = _predict(objective, z, hess, (lo, hi, movable), weights[s - 1 : s + 1], ~centred)
        for _ in range(60):
            idx = np.flatnonzero(~centred)
            if idx.size == 0:
                break
            converged, accept, nz, hess[idx] = _iteration(
                objective, idx, z[idx], lo[idx], hi[idx], movable[idx], mu
            )
            z[idx] = np.where(accept[:, None], nz, z[idx])
            now = objective.reached(idx, z[idx])
            reached[idx] |= now
            centred[idx] |= converged | ~accept | now
            if mu == MU[-1]:
                last[idx] |= converged
    return BarrierResult(z, last, reached)


def _predict(
    objective: Objective,
    z: np.ndarray,
    hess: np.ndarray,
    box: tuple[np.ndarray, np.ndarray, np.ndarray],
    weights: Sequence[float],
    active: np.ndarray,
) -> np.ndarray:
    r"""Starts for the next barrier weight on the tangent of the central path at the last centres.

    :math:`\Phi_\mu` is affine in :math:`\mu`, so differentiating the centring
    condition :math:`\nabla \Phi_\mu(z(\mu)) = 0` gives
    :math:`\nabla^2 \Phi_{\mu_1} z'(\mu_1) = -\partial_\mu \nabla \Phi`, and the start for
    :math:`\mu_2` is

    .. math:: z_2 = z_1 - \nabla^2 \Phi_{\mu_1}(z_1)^{-1}\, \nabla \Phi_{\mu_2}(z_1)

    (the tangent step :math:`(\mu_2 - \mu_1) z'(\mu_1)` plus the Newton step at
    :math:`\mu_1`, which is zero at an exact centre). Where the centre is close
    to a bound, :math:`z'` holds the bound's slack shrinking with :math:`\mu`,
    which a Newton step at :math:`\mu_2` (its Hessian :math:`\nabla^2 \Phi_{\mu_2}`) would
    overshoot. ``hess``: each row's Hessian where its point was last
    evaluated (its centre, unless the stage ran out of steps). A start that
    leaves the domain is halved back towards the centre.
    """
    idx = np.flatnonzero(active)
    if idx.size == 0:
        return z
    lo, hi, movable = box
    k = lo.shape[1]
    za, la, ha, ma = z[idx], lo[idx], hi[idx], movable[idx]
    _, grad, _ = _derivatives(objective, idx, za, la, ha, ma, weights[1])
    step = _newton_step(hess[idx], grad)
    t = np.ones(len(idx))
    pending = np.ones(len(idx), dtype=bool)
    out = za.copy()
    for _ in range(30):
        rows = np.flatnonzero(pending)
        if rows.size == 0:
            break
        trial = za[rows] + t[rows, None] * step[rows]
        tx = trial[:, :k]
        inside = np.all(~ma[rows, :k] | ((tx > la[rows]) & (tx < ha[rows])), axis=1)
        good, trial = rows[inside], trial[inside]
        if good.size:
            _, ok = objective.value(idx[good], trial, weights[1])
            out[good[ok]] = trial[ok]
            pending[good[ok]] = False
        t[pending] /= 2
    z = z.copy()
    z[idx] = out
    return z


def _derivatives(
    objective: Objective,
    idx: np.ndarray,
    za: np.ndarray,
    la: np.ndarray,
    ha: np.ndarray,
    movable: np.ndarray,
    mu: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""The barrier objective :math:`\Phi_\mu`, its gradient and its Hessian (fixed coordinates: no step)."""
    k = la.shape[1]
    value, grad, hess = objective.derivatives(idx, za, mu)
    bv, bg, bc = _box(za[:, :k], la, ha, movable[:, :k])
    value = value + mu * bv
    grad = grad.copy()
    grad[:, :k] += mu * bg
    diagonal = np.arange(k)
    hess[:, diagonal, diagonal] += mu * bc
    _fix(hess, movable)
    grad[~movable] = 0.0
    return value, grad, hess


def _iteration(
    objective: Objective,
    idx: np.ndarray,
    za: np.ndarray,
    la: np.ndarray,
    ha: np.ndarray,
    movable: np.ndarray,
    mu: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One Newton step with backtracking: centred?, step taken?, the new point, the Hessian at the old."""
    k = la.shape[1]
    fa = movable[:, :k]
    value, grad, hess = _derivatives(objective, idx, za, la, ha, movable, mu)
    step = _newton_step(hess, grad)
    decrement = (grad * step).sum(axis=1)  # g.(-H^-1 g) > 0: H is negative definite
    converged = _converged(decrement, value, step, za[:, :k], mu)
    if mu > LOOSE_ABOVE:  # an early weight: centred enough to start the next one from
        converged |= decrement <= LOOSE * mu
    # close to the centre, rounding hides the increase: take full Newton steps
    near = decrement < 1e-8 * np.maximum(1.0, np.abs(value))
    t = np.ones(len(idx))
    accept = np.zeros(len(idx), dtype=bool)
    pending = ~converged
    nz = za.copy()
    for _ in range(40):
        rows = np.flatnonzero(pending)
        if rows.size == 0:
            break
        trial = za[rows] + t[rows, None] * step[rows]
        tx = trial[:, :k]
        inside = np.all(~fa[rows] | ((tx > la[rows]) & (tx < ha[rows])), axis=1)
        good, trial = rows[inside], trial[inside]  # outside the box: halve without evaluating
        if good.size:
            nvalue, ok = objective.value(idx[good], trial, mu)
            nvalue = nvalue + mu * _box_value(trial[:, :k], la[good], ha[good], fa[good])
            tg = t[good]
            taken = ok & ((nvalue >= value[good] + 0.25 * tg * decrement[good]) | (near[good] & (tg == 1)))
            accept[good[taken]] = True
            nz[good[taken]] = trial[taken]
        pending &= ~accept
        t[pending] /= 2
    return converged, accept & ~converged, nz, hess


def _box_value(x: np.ndarray, lo: np.ndarray, hi: np.ndarray, free: np.ndarray) -> np.ndarray:
    r"""The box barrier's value, :math:`\sum_j \log(x_j - \ell_j) + \log(h_j - x_j)` over free coordinates."""
    out: np.ndarray = np.where(free, np.log(x - lo) + np.log(hi - x), 0.0).sum(axis=1)
    return out


def _box(x: np.ndarray, lo: np.ndarray, hi: np.ndarray, free: np.ndarray) -> tuple[np.ndarray, ...]:
    """The box barrier's value, gradient and curvature (the Hessian's diagonal)."""
    a, b = x - lo, hi - x
    value = np.where(free, np.log(a) + np.log(b), 0.0).sum(axis=1)
    grad = np.where(free, 1 / a - 1 / b, 0.0)
    curv = np.where(free, -1 / a**2 - 1 / b**2, 0.0)
    return value, grad, curv


def _converged(
    decrement: np.ndarray, value: np.ndarray, step: np.ndarray, x: np.ndarray, mu: float
) -> np.ndarray:
    r"""Centred: the predicted increase is below rounding, or the step is and the point is near the centre.

    A tiny step alone does not do: right next to a bound of the barrier the
    step is as small as the distance to it, however far the centre is; so it
    counts only where the decrement is at most :math:`\mu / 4` (inside the
    region where Newton's method converges quadratically on :math:`\Phi_\mu / \mu`).
    """
    tiny_step = np.abs(step[:, : x.shape[1]]).max(axis=1) <= 1e-13 * (1.0 + np.abs(x).max(axis=1))
    tiny_step &= decrement <= 0.25 * mu
    centred: np.ndarray = (decrement <= 1e-20 * np.maximum(1.0, np.abs(value))) | tiny_step
    return centred


def _fix(hess: np.ndarray, movable: np.ndarray) -> None:
    """Make the Newton step zero in fixed coordinates (their rows and columns become -identity)."""
    if movable.all():
        return
    for a in range(movable.shape[1]):
        fixed = ~movable[:, a]
        hess[fixed, :, a] = 0.0
        hess[fixed, a, :] = 0.0
        hess[fixed, a, a] = -1.0


def _newton_step(hess: np.ndarray, grad: np.ndarray) -> np.ndarray:
    """:math:`-H^{-1} g` per instance (``H`` negative definite); zeros where singular."""
    try:
        step: np.ndarray = -np.linalg.solve(hess, grad[..., None])[..., 0]
        return step
    except np.linalg.LinAlgError:
        out = np.zeros_like(grad)
        for i in range(len(grad)):
            with contextlib.suppress(np.linalg.LinAlgError):
                out[i] = -np.linalg.solve(hess[i], grad[i])
        return out
