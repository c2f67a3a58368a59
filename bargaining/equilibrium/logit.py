r"""One Nash equilibrium of a larger game, by tracing the logit quantal-response path.

A logit quantal-response equilibrium (QRE) with precision :math:`\lambda \ge 0`
is a profile :math:`\sigma` in which each player chooses with logit noise
(McKelvey & Palfrey 1995):

.. math:: \sigma_i(s) = \frac{\exp(\lambda\, v_i(s))}{\sum_{t \in S_i} \exp(\lambda\, v_i(t))},
   \qquad v_i(s) = u_i(s, \sigma_{-i}).

At :math:`\lambda = 0` the unique QRE is uniform play; as :math:`\lambda \to
\infty` the branch that starts there (the *principal branch*) converges to a
Nash equilibrium, the limiting logit equilibrium. In log-probabilities
:math:`z = \log \sigma` the QRE are the zeros of

.. math::

    H_{is}(z, \lambda) = z_{is} - z_{i0} - \lambda\,(v_i(s) - v_i(0)) \quad (s \ne 0), \qquad
    H_{i0}(z, \lambda) = \textstyle\sum_s e^{z_{is}} - 1,

:math:`N` equations in :math:`N + 1` unknowns, a curve traced here by
predictor-corrector continuation in arc length (Allgower & Georg 1990; Turocy
2005): an Euler step along the unit tangent (the null vector of the Jacobian,
oriented like the previous one), then Gauss-Newton corrections with the
pseudo-inverse, with the step length adapted to the corrector's success.

When :math:`\lambda` is large, the strategies still played with visible
probability give a support; the equilibrium is then polished by Newton's
method on that support's indifference equations
(:mod:`bargaining.equilibrium.support_equations`) and checked for best responses.
Each player's payoffs are first mapped onto :math:`[0, 1]`, which leaves the
Nash equilibria unchanged and makes :math:`\lambda` comparable across games.

References
----------
McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for
normal form games. *Games and Economic Behavior* 10(1), 6-38.
Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal
response equilibrium correspondence. *Games and Economic Behavior* 51(2), 243-263.
Allgower, E. L. & Georg, K. (1990). *Numerical Continuation Methods*. Springer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.support_equations import (
    Profile,
    SupportGroup,
    checked_profile,
    normalised_payoffs,
    readonly,
    regrets,
)
from bargaining.errors import InvalidGameError, SolverError

if TYPE_CHECKING:
    from bargaining.equilibrium.budget import Budget

__all__ = ["LogitPath", "LogitPathResult", "trace_logit_path"]


@dataclass(frozen=True, slots=True)
class LogitPath:
    r"""Options of :func:`trace_logit_path`.

    Attributes
    ----------
    max_lambda
        Stop tracing when :math:`\lambda` (for payoffs scaled to [0, 1]) exceeds this.
    max_steps
        The most predictor-corrector steps.
    tol
        The accepted regret of the polished end point, relative to each
        player's payoff range.

    Raises
    ------
    InvalidGameError
        If ``max_lambda`` or ``tol`` is not positive, or ``max_steps`` not a
        positive integer.
    """

    max_lambda: float = 1e4
    max_steps: int = 20000
    tol: float = 1e-8

    def __post_init__(self) -> None:
        if not float(self.max_lambda) > 0:
            raise InvalidGameError(f"max_lambda must be positive, got {self.max_lambda!r}")
        if isinstance(self.max_steps, bool) or not isinstance(self.max_steps, int | np.integer):
            raise InvalidGameError(f"max_steps must be an integer, got {self.max_steps!r}")
        if self.max_steps < 1:
            raise InvalidGameError(f"max_steps must be at least 1, got {self.max_steps}")
        if not float(self.tol) > 0:
            raise InvalidGameError(f"tol must be positive, got {self.tol!r}")
        object.__setattr__(self, "max_lambda", float(self.max_lambda))
        object.__setattr__(self, "max_steps", int(self.max_steps))
        object.__setattr__(self, "tol", float(self.tol))

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {"max_lambda": self.max_lambda, "max_steps": self.max_steps, "tol": self.tol}


@dataclass(frozen=True, slots=True, eq=False)
class LogitPathResult:
    r"""The equilibrium :func:`trace_logit_path` reached, with the options used and the work done.

    Attributes
    ----------
    options
        The :class:`LogitPath` options.
    profile
        One mixed strategy per player (read-only arrays).
    steps
        The predictor-corrector steps taken.
    final_lambda
        The :math:`\lambda` where the path was left.
    arc_length
        The length of the traced path in :math:`(\log \sigma, \lambda)`, the
        sum of the accepted steps.
    polished
        Whether the end point was refined to an exact equilibrium of its support.
    timed_out
        Whether the time budget ran out before ``max_lambda``: the path was
        left early and its end point polished to an equilibrium (which need
        not be the limit of the path).
    """

    options: LogitPath
    profile: Profile
    steps: int
    final_lambda: float
    arc_length: float
    polished: bool
    timed_out: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the method, options, diagnostics and the profile as lists of floats."""
        return {
            "method": "logit",
            "options": self.options.to_dict(),
            "steps": self.steps,
            "final_lambda": self.final_lambda,
            "arc_length": self.arc_length,
            "polished": self.polished,
            "timed_out": self.timed_out,
            "profile": [[float(p) for p in sigma] for sigma in self.profile],
        }

    def __repr__(self) -> str:
        return (
            f"LogitPathResult(lambda={self.final_lambda:.4g}, steps={self.steps}, polished={self.polished})"
        )


def _payoff_vectors(
    payoffs: NDArray[np.float64], sigma: list[NDArray[np.float64]]
) -> list[NDArray[np.float64]]:
    """:math:`v_i(s) = u_i(s, \\sigma_{-i})` for every player."""
    n = payoffs.shape[0]
    out = []
    for i in range(n):
        table = payoffs[i]
        for j in reversed(range(n)):
            if j != i:
                table = np.tensordot(table, sigma[j], axes=([j], [0]))
        out.append(table)
    return out


def _pair_tables(
    payoffs: NDArray[np.float64], sigma: list[NDArray[np.float64]], i: int, k: int
) -> NDArray[np.float64]:
    """:math:`W[s, t] = u_i(s, t, \\sigma_{-ik})`: player ``i`` plays s, player ``k`` plays t."""
    n = payoffs.shape[0]
    table = payoffs[i]
    for j in reversed(range(n)):
        if j not in (i, k):
            table = np.tensordot(table, sigma[j], axes=([j], [0]))
    return table if i < k else table.T


class _Homotopy:
    """The map H(z, lambda) and its Jacobian."""

    def __init__(self, payoffs: NDArray[np.float64]) -> None:
        self.payoffs = payoffs
        self.sizes = payoffs.shape[1:]
        self.n = payoffs.shape[0]
        self.offsets = np.cumsum([0, *self.sizes])

    def split(self, z: NDArray[np.float64]) -> list[NDArray[np.float64]]:
        return [z[self.offsets[i] : self.offsets[i + 1]] for i in range(self.n)]

    def value(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        z, lam = x[:-1], x[-1]
        sigma = [np.exp(part) for part in self.split(z)]
        v = _payoff_vectors(self.payoffs, sigma)
        out = []
        for i, part in enumerate(self.split(z)):
            logit = part[1:] - part[0] - lam * (v[i][1:] - v[i][0])
            out.append(np.concatenate([[sigma[i].sum() - 1.0], logit]))
        return np.concatenate(out)

    def jacobian(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        z, lam = x[:-1], x[-1]
        sigma = [np.exp(part) for part in self.split(z)]
        v = _payoff_vectors(self.payoffs, sigma)
        size = len(z)
        jac = np.zeros((size, size + 1))
        for i in range(self.n):
            rows = slice(self.offsets[i], self.offsets[i + 1])
            a = self.sizes[i]
            block = np.zeros((a, size + 1))
            block[0, rows] = sigma[i]
            own = np.zeros((a - 1, a))
            own[:, 0] = -1.0
            own[:, 1:] = np.eye(a - 1)
            block[1:, rows] = own
            for k in range(self.n):
                if k == i:
                    continue
                w = _pair_tables(self.payoffs, sigma, i, k)  # (a_i, a_k)
                cols = slice(self.offsets[k], self.offsets[k + 1])
                block[1:, cols] = -lam * (w[1:] - w[0]) * sigma[k][None, :]
            block[1:, -1] = -(v[i][1:] - v[i][0])
            jac[rows] = block
        return jac


def _tangent(jac: NDArray[np.float64], previous: NDArray[np.float64] | None) -> NDArray[np.float64]:
    r"""The unit null vector of the N x (N+1) Jacobian, oriented along ``previous``
    (or with increasing lambda at the start).

    Solves the augmented system :math:`[J; t_{prev}^T]\, t = e_{N+1}`
    (Allgower & Georg 1990, section 2.1), one LU factorisation instead of an SVD.
    """
    reference = previous if previous is not None else np.eye(jac.shape[1])[-1]
    rhs = np.zeros(jac.shape[1])
    rhs[-1] = 1.0
    try:
        t = np.linalg.solve(np.vstack([jac, reference]), rhs)
    except np.linalg.LinAlgError:
        t = np.linalg.svd(jac)[2][-1]
        t = -t if t @ reference < 0 else t
    return np.asarray(t / np.linalg.norm(t), dtype=np.float64)


class _PathEnd(NamedTuple):
    point: NDArray[np.float64]
    steps: int
    arc_length: float
    timed_out: bool


def _follow(h_map: _Homotopy, options: LogitPath, budget: Budget | None = None) -> _PathEnd:
    """Predictor-corrector continuation from uniform play at lambda = 0 to ``max_lambda``
    (or until ``budget`` runs out, checked before each step)."""
    x = np.concatenate([np.full(a, -np.log(a)) for a in h_map.sizes] + [np.zeros(1)])
    step = 0.1
    steps = 0
    arc_length = 0.0
    tangent = _tangent(h_map.jacobian(x), None)
    while x[-1] < options.max_lambda and steps < options.max_steps:
        if budget is not None and budget.expired():
            return _PathEnd(x, steps, arc_length, True)
        steps += 1
        while True:
            guess = x + step * tangent
            for _ in range(6):
                correction = np.linalg.lstsq(h_map.jacobian(guess), h_map.value(guess), rcond=None)[0]
                guess = guess - correction
                if np.linalg.norm(correction) < 1e-10:
                    break
            if np.all(np.isfinite(guess)) and np.linalg.norm(h_map.value(guess)) < 1e-8:
                following = _tangent(h_map.jacobian(guess), tangent)
                # accept only a short, smooth step: no jump to another part of the curve
                if np.linalg.norm(guess - x) < 2.0 * step and following @ tangent > 0.9:
                    break
            step /= 2.0
            if step < 1e-12:
                raise SolverError(
                    f"the logit path could not be followed beyond lambda = {x[-1]:.4g}; "
                    "try --method support (Python: method='support') on a smaller game",
                    status="step-too-small",
                )
        arc_length += float(np.linalg.norm(guess - x))
        x, tangent = guess, following
        if x[-1] < 0:
            raise SolverError("the logit path turned back below lambda = 0", status="backwards")
        step = min(step * 1.5, max(1.0, 0.1 * abs(x[-1])))
    return _PathEnd(x, steps, arc_length, False)


def trace_logit_path(
    payoff_array: NDArray[np.float64], options: LogitPath | None = None, budget: Budget | None = None
) -> LogitPathResult:
    """A Nash equilibrium: the limit of the principal branch of the logit QRE.

    Parameters
    ----------
    payoff_array
        Payoffs of shape ``(n, a_0, ..., a_{n-1})``.
    options
        Tracing options (default :class:`LogitPath()`).
    budget
        A time budget, checked before each step. When it runs out, the point
        reached is polished on its apparent support; if that gives an
        equilibrium it is returned with ``timed_out=True``, else
        :class:`~bargaining.equilibrium.budget.TimeLimitReached` is raised.

    Returns
    -------
    LogitPathResult
        The equilibrium and the diagnostics (``steps``, ``final_lambda``,
        ``arc_length``, ``polished``).

    Raises
    ------
    SolverError
        If the path cannot be followed, or its end is not an equilibrium.
    TimeLimitReached
        If the budget ran out before the path came close to an equilibrium.
    """
    options = options if options is not None else LogitPath()
    payoffs = normalised_payoffs(np.asarray(payoff_array, dtype=np.float64))
    h_map = _Homotopy(payoffs)
    end = _follow(h_map, options, budget)
    x = end.point
    sigma = tuple(np.exp(part) for part in h_map.split(x[:-1]))
    polished = _polish(payoffs, sigma, options.tol)
    if polished is None and end.timed_out:
        from bargaining.equilibrium.budget import TimeLimitReached

        raise TimeLimitReached(
            f"the time limit ran out at lambda = {x[-1]:.4g} after {end.steps} steps of the logit path, "
            "before it came close to an equilibrium"
        )
    if polished is None:
        sigma = tuple(s / s.sum() for s in sigma)
        if not np.all(regrets(payoffs, sigma) <= 1e-6):
            raise SolverError(
                f"the logit path ended at lambda = {x[-1]:.4g} away from an equilibrium (regret "
                f"{regrets(payoffs, sigma).max():.2g}); use --method support (Python: method='support'), "
                "or, from Python, raise max_lambda",
                status="not-converged",
            )
    profile = tuple(readonly(s) for s in (polished if polished is not None else sigma))
    return LogitPathResult(
        options, profile, end.steps, float(x[-1]), end.arc_length, polished is not None, end.timed_out
    )


def _polish(payoffs: NDArray[np.float64], sigma: Profile, tol: float) -> Profile | None:
    """Newton on the indifference equations of the support ``sigma`` appears to use."""
    for threshold in (1e-6, 1e-4, 1e-3, 1e-9):
        support = tuple(tuple(int(s) for s in np.flatnonzero(p > threshold)) for p in sigma)
        if any(not s for s in support):
            continue
        group = SupportGroup(payoffs, [support])
        start = np.concatenate(
            [p[list(s)][1:] / p[list(s)].sum() for p, s in zip(sigma, support, strict=True)]
        )
        owner = np.zeros(1, dtype=np.intp)
        if group.d:
            found, ok = group.newton(start[None, :], owner)
            if not ok[0]:
                continue
            local = group.mixtures(found)
        else:
            local = group.mixtures(np.zeros((1, 0)))
        profile = checked_profile(payoffs, support, [m[0] for m in local], tol)
        if profile is not None:
            return profile
    return None
