r"""The indifference equations of a group of support profiles, evaluated in numpy batches.

For a support profile :math:`S = (S_0, \dots, S_{n-1})` write each player's
mixture on their support as :math:`\sigma_i = (1 - \sum_k y_{ik}, y_{i1}, \dots)`
in the free variables :math:`y \in \mathbb{R}^d`, :math:`d = \sum_i (|S_i| - 1)`.
An equilibrium with these supports solves the square system

.. math:: F_{is}(y) = u_i(s, \sigma_{-i}) - u_i(s_0^i, \sigma_{-i}) = 0
          \quad (s \in S_i \setminus \{s_0^i\}),

whose equations are multilinear (each variable has degree at most one in every
term). :class:`SupportGroup` evaluates :math:`F`, its Jacobian (exact by a unit
forward difference), its values at the corners of boxes, and Newton's method,
for all supports of the same sizes at once. It is shared by the support
enumeration (:mod:`bargaining.equilibrium.support_n`) and the polishing step of
the logit path (:mod:`bargaining.equilibrium.logit`).
"""

from __future__ import annotations

import itertools
import string

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "OVERHANG",
    "OVERHANG_HIGH",
    "ZERO_TOL",
    "Profile",
    "Support",
    "SupportGroup",
    "checked_profile",
    "normalised_payoffs",
    "readonly",
    "regrets",
    "support_first",
]

#: a mixed profile: one probability vector per player
Profile = tuple[NDArray[np.float64], ...]
#: a support profile: each player's strategy indices
Support = tuple[tuple[int, ...], ...]

#: the initial box overhangs the unit cube by these (unequal, non-dyadic) amounts,
#: so that bisection faces never fall on simple fractions such as 1/2, where
#: equilibria of games with small integer payoffs often lie
OVERHANG = 0.0123456789
OVERHANG_HIGH = 0.0276543211
#: values within this of zero count as zero in the exclusion tests
ZERO_TOL = 1e-11


def support_first(support: Support, sizes: tuple[int, ...], player: int) -> list[NDArray[np.intp]]:
    """Index arrays: the others' supports, and all of ``player``'s strategies, the support first."""
    rest = [t for t in range(sizes[player]) if t not in support[player]]
    return [np.asarray(list(s) + rest) if j == player else np.asarray(s) for j, s in enumerate(support)]


class SupportGroup:
    """All supports with the same sizes ``(k_0, ..., k_{n-1})``, evaluated together."""

    def __init__(self, payoffs: NDArray[np.float64], supports: list[Support]) -> None:
        self.supports = supports
        self.n = payoffs.shape[0]
        self.sizes = tuple(len(s) for s in supports[0])
        self.offsets = np.cumsum([0, *[k - 1 for k in self.sizes]])
        self.d = int(self.offsets[-1])
        # Player i's k_i - 1 equations involve only the other players' variables; when
        # those are fewer, the equations over-determine them and (unless the game is
        # degenerate) have no common solution. Bisecting those variables first excludes
        # such supports quickly instead of covering the others' solution sets with boxes.
        self.priority = np.zeros(self.d, dtype=bool)
        for i in range(self.n):
            others = [j for j in range(self.n) if j != i]
            if self.sizes[i] - 1 > sum(self.sizes[j] - 1 for j in others):
                for j in others:
                    self.priority[self.offsets[j] : self.offsets[j + 1]] = True
        # reduced payoff tables, one stack per player: (G, k_0, ..., k_{n-1})
        self.tables = [
            np.stack([payoffs[i][np.ix_(*[np.asarray(s) for s in support])] for support in supports])
            for i in range(self.n)
        ]
        # the same with all of player i's own strategies, the support first: for the
        # best-response test (no strategy outside the support may pay more)
        self.full_tables = [
            np.stack([payoffs[i][np.ix_(*support_first(s, payoffs.shape[1:], i))] for s in supports])
            for i in range(self.n)
        ]
        letters = string.ascii_lowercase[: self.n]
        self.subscripts = [
            ",".join([f"z{letters}", *(f"z{letters[j]}" for j in range(self.n) if j != i)])
            + f"->z{letters[i]}"
            for i in range(self.n)
        ]

    def mixtures(self, y: NDArray[np.float64]) -> list[NDArray[np.float64]]:
        """Each player's probabilities on the support at points ``y`` of shape (m, d)."""
        out = []
        for i in range(self.n):
            free = y[:, self.offsets[i] : self.offsets[i + 1]]
            out.append(np.concatenate([1.0 - free.sum(axis=1, keepdims=True), free], axis=1))
        return out

    def equations(self, y: NDArray[np.float64], group: NDArray[np.intp]) -> NDArray[np.float64]:
        """``F(y)`` of shape (m, d): payoff of each support strategy minus the first's."""
        x = self.mixtures(y)
        parts = []
        for i in range(self.n):
            if self.sizes[i] == 1:
                continue
            operands = [self.tables[i][group]] + [x[j] for j in range(self.n) if j != i]
            values = np.einsum(self.subscripts[i], *operands)
            parts.append(values[:, 1:] - values[:, :1])
        return np.concatenate(parts, axis=1)

    def with_jacobian(
        self, y: NDArray[np.float64], group: NDArray[np.intp]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """``F(y)`` (m, d) and its Jacobian (m, d, d), exact by a unit forward difference."""
        m, d = y.shape
        shifted = (y[:, None, :] + np.eye(d)[None, :, :]).reshape(m * d, d)
        values = self.equations(np.concatenate([y, shifted]), np.concatenate([group, np.repeat(group, d)]))
        f = values[:m]
        jac = (values[m:].reshape(m, d, d) - f[:, None, :]).transpose(0, 2, 1)
        return f, jac

    def corner_values(
        self, lo: NDArray[np.float64], hi: NDArray[np.float64], group: NDArray[np.intp]
    ) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
        """``F`` at the :math:`2^d` corners of each box, shape (m, 2, ..., 2, d), and
        whether each box may hold an equilibrium by the best-response test.

        The corners are a product over players of each player's own corners,
        so each player's payoffs are one contraction of the box's payoff table
        with the other players' corner mixtures (no per-corner gather). The
        payoff advantage of a strategy outside the support over the support is
        multilinear too: if it is positive at every corner, it is positive on
        the whole box, which then holds no equilibrium.
        """
        m = lo.shape[0]
        corners = []  # per player: (m, 2^d_i, k_i)
        for i in range(self.n):
            d_i = self.sizes[i] - 1
            bits = np.array(list(itertools.product((0.0, 1.0), repeat=d_i))).reshape(2**d_i, d_i)
            low = lo[:, self.offsets[i] : self.offsets[i + 1]]
            high = hi[:, self.offsets[i] : self.offsets[i + 1]]
            free = low[:, None, :] + bits[None, :, :] * (high - low)[:, None, :]
            corners.append(np.concatenate([1.0 - free.sum(axis=2, keepdims=True), free], axis=2))
        letters = string.ascii_lowercase[: self.n]
        upper = string.ascii_uppercase[: self.n]
        parts = []
        feasible = np.ones(m, dtype=bool)
        for i in range(self.n):
            k_i = self.sizes[i]
            table = self.full_tables[i][group]
            if k_i == 1 and table.shape[1 + i] == 1:
                continue
            others = [j for j in range(self.n) if j != i]
            subscripts = (
                ",".join([f"z{letters}", *(f"z{upper[j]}{letters[j]}" for j in others)])
                + "->z"
                + "".join(upper[j] for j in others)
                + letters[i]
            )
            values = np.einsum(subscripts, table, *[corners[j] for j in others])
            values = values.reshape(m, -1, values.shape[-1])  # (m, corners of the others, a_i)
            advantage = values[:, :, k_i:] - values[:, :, :1]
            feasible &= ~np.any(advantage.min(axis=1) > ZERO_TOL, axis=1)
            if k_i == 1:
                continue
            values = values.reshape(m, *[2 ** (self.sizes[j] - 1) for j in others], values.shape[-1])
            values = np.expand_dims(values[..., :k_i], 1 + i)  # the player's own corners: no dependence
            shape = (m, *[2 ** (k - 1) for k in self.sizes], k_i)
            values = np.broadcast_to(values, shape).reshape(m, -1, k_i)
            parts.append(values[:, :, 1:] - values[:, :, :1])
        return np.concatenate(parts, axis=2).reshape(m, *([2] * self.d), self.d), feasible

    def newton(
        self, y: NDArray[np.float64], group: NDArray[np.intp], steps: int = 30
    ) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
        """Newton's method from ``y``; returns the points and which converged."""
        y = y.copy()
        for _ in range(steps):
            f, jac = self.with_jacobian(y, group)
            try:
                step = np.linalg.solve(jac, f[:, :, None])[:, :, 0]
            except np.linalg.LinAlgError:
                step = np.einsum("mij,mj->mi", np.linalg.pinv(jac), f)
            y -= step
            if np.all(np.abs(step) < 1e-15):
                break
        f = self.equations(y, group)
        return y, np.all(np.abs(f) < 1e-9, axis=1) & np.all(np.isfinite(y), axis=1)

    def simplex_feasible(self, lo: NDArray[np.float64]) -> NDArray[np.bool_]:
        """Whether each box's lower corner leaves every player's free probabilities summing to at most one."""
        ok = np.ones(lo.shape[0], dtype=bool)
        for i in range(self.n):
            ok &= lo[:, self.offsets[i] : self.offsets[i + 1]].sum(axis=1) <= 1.0 + OVERHANG
        return ok


def regrets(payoffs: NDArray[np.float64], profile: Profile) -> NDArray[np.float64]:
    r"""Each player's regret :math:`\max_s u_i(s, \sigma_{-i}) - u_i(\sigma)` at a mixed profile."""
    n = payoffs.shape[0]
    out = np.empty(n)
    for i in range(n):
        table = payoffs[i]
        for j in reversed(range(n)):
            if j != i:
                table = np.tensordot(table, profile[j], axes=([j], [0]))
        out[i] = table.max() - table @ profile[i]
    return out


def normalised_payoffs(payoffs: NDArray[np.float64]) -> NDArray[np.float64]:
    """Each player's payoffs mapped affinely onto [0, 1] (equilibria are unchanged)."""
    out = np.empty_like(payoffs)
    for i in range(payoffs.shape[0]):
        low, high = payoffs[i].min(), payoffs[i].max()
        out[i] = (payoffs[i] - low) / (high - low) if high > low else 0.0
    return out


def checked_profile(
    payoffs: NDArray[np.float64], support: Support, mixtures: list[NDArray[np.float64]], tol: float
) -> Profile | None:
    """The full profile from each player's probabilities on their support, if it is an equilibrium.

    Accepted when no probability is below ``-tol`` and, after clipping at
    zero and renormalising, no player's regret exceeds ``tol``.
    """
    profile = []
    for i, strategies in enumerate(support):
        sigma = np.zeros(payoffs.shape[1 + i])
        sigma[list(strategies)] = mixtures[i]
        profile.append(sigma)
    if min(sigma.min() for sigma in profile) < -tol:
        return None
    clean = tuple(np.clip(sigma, 0.0, None) / np.clip(sigma, 0.0, None).sum() for sigma in profile)
    return clean if np.all(regrets(payoffs, clean) <= tol) else None


def readonly(sigma: NDArray[np.float64]) -> NDArray[np.float64]:
    """A read-only float copy of ``sigma`` (for the frozen results)."""
    out = np.array(sigma, dtype=np.float64)
    out.flags.writeable = False
    return out
