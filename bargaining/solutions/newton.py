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
All instances take their steps together, each at its own weight: an
instance moves to the next weight when it is centred (the Newton decrement
or the step is below rounding; at the weights above :data:`LOOSE_ABOVE`, a
decrement of :data:`LOOSE` times the weight, enough to start the next one
from), or when no step is accepted, and it stops at the last weight or when
the objective says it has reached what it was after. Its first step at a new
weight is the tangent step of :func:`_iteration` (a predictor), halved back
where it leaves the domain. The line search tries :data:`TRIALS` step
lengths in one call of the objective.

Measured on ``solve_all`` of Kursk over the 45 points of the
``benchmarks/explore.py`` changes (2 December 2026), with the same fallbacks
throughout: the tangent starts (in place of the line through the last two
centres, which left the domain in about a third of the rows) and one stage
from :math:`10^{-8}` straight to :math:`10^{-11}` cut the Newton steps from
about 113 to 78 a point; each instance at its own weight (no instance waits
for the slowest at each weight, and a tangent step is one of its iterations,
not an extra call) and the batched line search (2.3 calls of the objective a
step before, 1.3 after) cut the time by about another third; centring the
weights down to :math:`10^{-4}` only to a decrement of the weight
(:data:`LOOSE`) and starting the max-min programs closer to their centre
(:mod:`bargaining.solutions.concept_programs`) took it to 64 steps. The
answers are certified from the final points alone, so none of this changes a
guarantee. Centring the weights from :math:`10^{-6}` on loosely too took
more steps (the tangent is then taken at a point off the path), and so did
ten stages of a factor of 10 and, at the early weights, a decrement of three
times the weight.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

#: How centred a point must be at the weights above :data:`LOOSE_ABOVE` (its Newton decrement,
#: relative to the weight) to start the next weight from (by the tangent step, which also takes the
#: Newton step at the old weight); the later weights are centred to rounding.
LOOSE = 1.0
LOOSE_ABOVE = 1e-5
#: Step lengths of the line search tried in one call of the objective (a call costs about the same
#: for 4 rows as for 1: numpy's cost per call dominates).
TRIALS = 4
_SCALES = 0.5 ** np.arange(TRIALS)  # the step lengths of one call, relative to its first

__all__ = ["MU", "BarrierResult", "Objective", "barrier_newton", "box_free"]

#: The barrier weights, largest first.
MU: Sequence[float] = (1.0, 1e-2, 1e-4, 1e-6, 1e-8, 1e-11)


class Objective(Protocol):
    """A concave objective of a batch of instances (without the box barrier)."""

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, ...]:
        """Value ``(r,)``, gradient ``(r, p)`` and Hessian ``(r, p, p)`` at ``z`` of instances ``idx``.

        ``mu``: ``(r,)`` each instance's barrier weight.
        """
        ...

    def value(self, idx: np.ndarray, z: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
    mus = np.asarray(weights, dtype=float)
    reached = alive & objective.reached(np.arange(m), z)
    done = ~alive | reached
    last = np.zeros(m, dtype=bool)
    stage = np.zeros(m, dtype=int)  # each row's barrier weight: mus[stage]
    steps = np.zeros(m, dtype=int)  # its Newton steps at that weight
    predict = np.zeros(m, dtype=bool)  # whether its next step is the tangent step to a new weight
    hess = np.zeros((m, z.shape[1], z.shape[1]))  # each row's Hessian where it was last evaluated
    while True:
        idx = np.flatnonzero(~done)
        if idx.size == 0:
            break
        mu, tangent = mus[stage[idx]], predict[idx]
        converged, accept, nz, fresh = _iteration(
            objective, idx, z[idx], (lo[idx], hi[idx], movable[idx]), mu, (tangent, hess[idx])
        )
        hess[idx[~tangent]] = fresh[~tangent]
        z[idx] = np.where(accept[:, None], nz, z[idx])
        now = objective.reached(idx, z[idx])
        reached[idx] |= now
        steps[idx] += 1
        final = stage[idx] == len(mus) - 1
        stop = ~tangent & (converged | ~accept | (steps[idx] >= 60))
        last[idx] |= final & converged & (mus[-1] == MU[-1])
        done[idx] |= now | (stop & final)
        ahead = idx[stop & ~final & ~now]  # centred at its weight: a tangent step to the next
        stage[ahead] += 1
        steps[ahead] = 0
        predict[idx] = False
        predict[ahead] = True
    return BarrierResult(z, last, reached)


def _derivatives(
    objective: Objective,
    idx: np.ndarray,
    za: np.ndarray,
    box: tuple[np.ndarray, np.ndarray, np.ndarray],
    mu: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""The barrier objective :math:`\Phi_\mu`, its gradient and its Hessian (fixed coordinates: no step)."""
    la, ha, movable = box
    k = la.shape[1]
    value, grad, hess = objective.derivatives(idx, za, mu)
    bv, bg, bc = _box(za[:, :k], la, ha, movable[:, :k])
    value = value + mu * bv
    grad = grad.copy()
    grad[:, :k] += mu[:, None] * bg
    diagonal = np.arange(k)
    hess[:, diagonal, diagonal] += mu[:, None] * bc
    _fix(hess, movable)
    grad[~movable] = 0.0
    return value, grad, hess


def _iteration(
    objective: Objective,
    idx: np.ndarray,
    za: np.ndarray,
    box: tuple[np.ndarray, np.ndarray, np.ndarray],
    mu: np.ndarray,
    tangent: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    r"""One step of each row: centred?, step taken?, the new point, the Hessian at the old point.

    A Newton step with backtracking (Armijo), or, for the rows of ``tangent[0]``
    (just moved from the weight :math:`\mu_1` to :math:`\mu_2 =` ``mu``), the
    tangent step. :math:`\Phi_\mu` is affine in :math:`\mu`, so differentiating the
    centring condition :math:`\nabla \Phi_\mu(z(\mu)) = 0` gives
    :math:`\nabla^2 \Phi_{\mu_1} z'(\mu_1) = -\partial_\mu \nabla \Phi`, and the step is

    .. math:: z_2 - z_1 = -\nabla^2 \Phi_{\mu_1}(z_1)^{-1}\, \nabla \Phi_{\mu_2}(z_1)

    (the tangent :math:`(\mu_2 - \mu_1) z'(\mu_1)` plus the Newton step at
    :math:`\mu_1`, zero at an exact centre), with each row's Hessian at its last
    weight (``tangent[1]``). Where the centre is close to a bound, :math:`z'`
    holds the bound's slack shrinking in proportion to :math:`\mu`, which a
    Newton step at :math:`\mu_2` (its Hessian :math:`\nabla^2 \Phi_{\mu_2}`) would
    overshoot. A tangent step is halved back only until it is inside the domain.
    """
    la, ha, movable = box
    k = la.shape[1]
    fa = movable[:, :k]
    value, grad, hess = _derivatives(objective, idx, za, box, mu)
    predicted, previous = tangent
    step = _newton_step(np.where(predicted[:, None, None], previous, hess) if predicted.any() else hess, grad)
    decrement = (grad * step).sum(axis=1)  # g.(-H^-1 g) > 0: H is negative definite
    converged = _converged(decrement, value, step, za[:, :k], mu)
    # an early weight: centred enough to start the next one from
    converged |= (mu > LOOSE_ABOVE) & (decrement <= LOOSE * mu)
    converged &= ~predicted
    # close to the centre, rounding hides the increase: take full Newton steps
    near = decrement < 1e-8 * np.maximum(1.0, np.abs(value))
    t = np.ones(len(idx))
    accept = np.zeros(len(idx), dtype=bool)
    pending = ~converged
    nz = za.copy()
    for _ in range(40 // TRIALS):  # step lengths 1, 1/2, ..., 2^-39, TRIALS of them per call
        rows = np.flatnonzero(pending)
        if rows.size == 0:
            break
        lengths = t[rows, None] * _SCALES
        trials = za[rows, None, :] + lengths[..., None] * step[rows, None, :]
        flat, owner = trials.reshape(-1, za.shape[1]), np.repeat(rows, TRIALS)
        tx = flat[:, :k]
        inside = np.all(~fa[owner] | ((tx > la[owner]) & (tx < ha[owner])), axis=1)
        flat_taken = np.zeros(len(flat), dtype=bool)
        good = np.flatnonzero(inside)  # outside the box: not evaluated
        if good.size:
            at = owner[good]
            nvalue, ok = objective.value(idx[at], flat[good], mu[at])
            nvalue = nvalue + mu[at] * _box_value(flat[good, :k], la[at], ha[at], fa[at])
            tg = lengths.ravel()[good]
            armijo = (nvalue >= value[at] + 0.25 * tg * decrement[at]) | (near[at] & (tg == 1))
            flat_taken[good] = ok & (armijo | predicted[at])
        taken = flat_taken.reshape(len(rows), TRIALS)
        hit = taken.any(axis=1)
        first = taken.argmax(axis=1)  # the longest step taken
        nz[rows[hit]] = trials[hit, first[hit]]
        accept[rows[hit]] = True
        pending[rows[hit]] = False
        t[rows[~hit]] *= 0.5**TRIALS
    return converged, accept & ~converged, nz, hess


def _box_value(x: np.ndarray, lo: np.ndarray, hi: np.ndarray, free: np.ndarray) -> np.ndarray:
    r"""The box barrier's value, :math:`\sum_j \log(x_j - \ell_j) + \log(h_j - x_j)` over free coordinates."""
    with np.errstate(divide="ignore", invalid="ignore"):  # fixed coordinates: masked out
        out: np.ndarray = np.where(free, np.log(x - lo) + np.log(hi - x), 0.0).sum(axis=1)
    return out


def _box(x: np.ndarray, lo: np.ndarray, hi: np.ndarray, free: np.ndarray) -> tuple[np.ndarray, ...]:
    """The box barrier's value, gradient and curvature (the Hessian's diagonal)."""
    a, b = x - lo, hi - x
    with np.errstate(divide="ignore", invalid="ignore"):  # fixed coordinates: masked out
        value = np.where(free, np.log(a) + np.log(b), 0.0).sum(axis=1)
        grad = np.where(free, 1 / a - 1 / b, 0.0)
        curv = np.where(free, -1 / a**2 - 1 / b**2, 0.0)
    return value, grad, curv


def _converged(
    decrement: np.ndarray, value: np.ndarray, step: np.ndarray, x: np.ndarray, mu: np.ndarray
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
