r"""One state of KTAB's Spatial Model of Politics: utilities, risk attitudes and the value of challenges.

Positions :math:`x_i` and ideals :math:`y_i` are on [0, 1] per dimension;
:math:`s_i` are the saliences, :math:`S_i = \sum_d s_{id} \le 1`.

* Distance :math:`d_i(z) = \sqrt{\sum_d (s_{id}(y_{id} - z_d))^2 / \sum_d s_{id}^2}`;
  utility :math:`u(d, R) = (1 - d)(1 + dR)` (for :math:`d \le 1`).
* Risk attitudes from the PCE over the actors' positions (weights: capabilities,
  utilities :math:`1 - d_{ij}`), rescaled by BigRRange; actor h's estimate of
  i's is mixed by BigRAdjust; ``a_util[h, i, j]`` is h's estimate of
  :math:`u(d_{ij}, R_i)` (``SMPState::setAllAUtil``).
* :func:`challenge` is ``probEduChlg(h, k, i, j)``: h's estimate of the
  probability that i beats j (principals and third parties vote, SemiCommit
  third parties weigh what each side's win would bring them) and of what the
  challenge gains k (smpbcn.cpp:808).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import SolverError
from bargaining.stakeholders.smp_options import SMPOptions
from bargaining.stakeholders.smp_pce import pce, vote

__all__ = ["SMPState", "challenge", "distances", "make_state", "utility"]

Array = NDArray[np.float64]
Index = NDArray[np.int64]


def utility(d: Array, risk: Array | float) -> Array:
    """``bsUtil``: :math:`(1 - d)(1 + dR)` for :math:`d \\le 1`, else :math:`(1 - d)(1 + R)`."""
    return np.where(d <= 1, (1 - d) * (1 + d * risk), (1 - d) * (1 + risk))


def distances(y: Array, s: Array, z: Array) -> Array:
    """:math:`d_i(z_j)` for ideals ``y`` (N, D), saliences ``s`` (N, D), points ``z`` (M, D): shape (N, M)."""
    num = ((s[:, None, :] * (y[:, None, :] - z[None, :, :])) ** 2).sum(axis=2)
    den = (s**2).sum(axis=1)[:, None]
    return np.sqrt(np.divide(num, den, out=np.zeros_like(num), where=den > 0))


@dataclass(frozen=True, slots=True, eq=False)
class SMPState:
    """Positions, ideals, risk attitudes and every actor's estimate of every utility."""

    x: Array
    y: Array
    d: Array
    risk: Array
    a_util: Array


def _big_r(pi: Array, how: str) -> Array:
    top, low = pi.max(), pi.min()
    if how == "Min":
        return (pi - low) / (top - low)
    if how == "Mid":
        return (3 * pi - top - 2 * low) / (2 * (top - low))
    return (2 * pi - top - low) / (top - low)


def _estimate(rh: Array, ri: Array, how: str) -> Array:
    return {
        "None": rh + 0 * ri,
        "OneThird": (2 * rh + ri) / 3,
        "Half": (rh + ri) / 2,
        "TwoThirds": (rh + 2 * ri) / 3,
        "Full": ri + 0 * rh,
    }[how]


def make_state(x: Array, y: Array, s: Array, c: Array, o: SMPOptions) -> SMPState:
    """The state at positions ``x`` and ideals ``y``: risk attitudes and utility estimates (§1.6)."""
    d = distances(y, s, x)
    value = 1 - d
    pi = pce(c, value, o.voting_rule, o.victory_prob_model, o.pce_model)
    if pi.max() - pi.min() <= 0:
        raise SolverError(
            "every position is equally likely to win (all actors agree?): KTAB's risk attitudes are undefined"
        )
    risk = _big_r(pi, o.big_r_range)
    estimated = _estimate(risk[:, None], risk[None, :], o.big_r_adjust)  # [h, i]
    a_util = utility(d[None, :, :], estimated[:, :, None])  # [h, i, j]
    if o.sanity_checks == "ktab":
        objective = utility(d, risk[:, None])
        if np.linalg.norm(value - objective) <= 1e-6:
            raise SolverError("KTAB check: risk-aware utilities equal the raw values")
        if (np.linalg.norm(a_util - objective[None], axis=(1, 2)) <= 1e-6).any():
            raise SolverError("KTAB check: Estimate of change in utility by h out of valid range")
    return SMPState(x, y, d, risk, a_util)


def challenge(
    state: SMPState, s_total: Array, c: Array, o: SMPOptions, h: Index, k: Index, i: Index, j: Index
) -> tuple[Array, Array]:
    """(φ, expected gain) of ``probEduChlg(h, k, i, j)`` for index arrays of one shape (§1.7)."""
    u = state.a_util  # u[h, a, b]: h's estimate of a's utility for b's position
    rule = o.voting_rule
    uki, ukj = u[h, k, i], u[h, k, j]
    ai = vote(rule, s_total[i] * c[i], u[h, i, i], u[h, i, j])
    aj = vote(rule, s_total[j] * c[j], u[h, j, i], u[h, j, j])
    big_a = 1e-10 + np.maximum(0, ai) + np.maximum(0, aj)
    big_b = 1e-10 + np.maximum(0, -ai) + np.maximum(0, -aj)
    chij, chji = big_a.copy(), big_b.copy()
    if o.third_party_commit == "SemiCommit":
        n = np.arange(u.shape[1])[None, :]
        hh = h[:, None]
        uni, unj, unn = u[hh, n, i[:, None]], u[hh, n, j[:, None]], u[hh, n, n]
        w = (s_total * c)[None, :]
        an = vote(rule, w, uni, unj)
        a2, b2 = big_a[:, None] + np.maximum(0, an), big_b[:, None] + np.maximum(0, -an)
        pn = a2 / (a2 + b2)
        u1 = pn * (2 * uni + unn) + (1 - pn) * 3 * unj
        u2 = pn * 3 * uni + (1 - pn) * (2 * unj + unn)
        vn = vote(rule, w, u1, u2)
        third = (n != i[:, None]) & (n != j[:, None])
        chij = chij + np.where(third, np.maximum(0, vn), 0).sum(axis=1)
        chji = chji + np.where(third, np.maximum(0, -vn), 0).sum(axis=1)
    phi = chij / (chij + chji)
    sj = s_total[j]
    win, lose = 2 * uki, 2 * ukj
    gain = (1 - sj) * win + sj * (phi * win + (1 - phi) * lose) - (uki + ukj)
    return phi, gain
