r"""The stationary subgame-perfect equilibrium of stochastic bargaining (Merlo & Wilson 1995).

With :math:`v_i(s)` player :math:`i`'s value at the start of a period in
state :math:`s` (before the proposer is drawn), a rejection is worth the
continuation

.. math:: w_i(s) = f_i(s) + \delta_i \sum_{s'} P_{ss'} v_i(s').

The proposer offers the responder exactly its continuation and keeps the
rest when the surplus :math:`G(s) = S(s) - w_1(s) - w_2(s)` is non-negative;
otherwise no acceptable offer pays and the parties fight on. So

.. math:: v_i(s) = w_i(s) + p_i(s) \max(0, G(s)),

a contraction of modulus :math:`\max_i \delta_i` in the sup norm (Merlo &
Wilson 1995, Econometrica 63(2), 371-399, Theorem 1: the stationary
equilibrium payoffs are unique). It is solved by value iteration from
:math:`v = 0`, sped up by exact policy evaluation (a linear solve given the
set of agreement states) once that set settles; the answer is accepted only
if one more application of the map moves it by at most the tolerance, and
the residual and the error bound :math:`\|Tv - v\| / (1 - \max\delta)` are
reported.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.dynamic.markov import absorption
from bargaining.dynamic.results import StochasticBargainingSolution
from bargaining.errors import InvalidGameError
from bargaining.model.stochastic_bargaining import StochasticBargaining

__all__ = ["DENSE_UP_TO", "bellman", "solve_stochastic_bargaining", "stationary_equilibrium"]

DENSE_UP_TO = 200
"""Up to this many states the policy evaluation factors its matrix; above, GMRES."""


def bellman(
    values: np.ndarray,
    pie: np.ndarray,
    fighting: np.ndarray,
    shares: np.ndarray,
    transitions: np.ndarray,
    discounts: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""One application of the equilibrium map: :math:`(Tv, w, G)`.

    ``values``, ``fighting`` and ``shares`` (the proposer probabilities
    :math:`(p, 1 - p)`) are (n, 2); ``pie`` is (n,).
    """
    # one matrix-vector product per player: BLAS is much slower on an (n, 2) right-hand side
    rows = np.ascontiguousarray(values.T)
    ahead = np.column_stack([transitions @ rows[0], transitions @ rows[1]])
    cont = fighting + discounts[None, :] * ahead
    gap = pie - cont.sum(axis=1)
    return cont + shares * np.maximum(gap, 0.0)[:, None], cont, gap


def _evaluate(
    agree: np.ndarray,
    pie: np.ndarray,
    fighting: np.ndarray,
    shares: np.ndarray,
    transitions: np.ndarray,
    discounts: np.ndarray,
    start: np.ndarray | None = None,
) -> np.ndarray:
    r"""The values when the agreement set is ``agree``: a linear system in :math:`(v_1, v_2)`.

    :math:`v_i = w_i + a\, p_i (S - w_1 - w_2)` with :math:`w_i = f_i + \delta_i P v_i`
    and :math:`a` the agreement indicator. Above :data:`DENSE_UP_TO` states the
    system is solved by GMRES from ``start`` (matrix-vector products only, far
    cheaper than factoring the :math:`2n \times 2n` matrix); the caller accepts
    the answer only if it lowers the Bellman residual, so an inexact solve costs
    time, never accuracy.
    """
    n = len(pie)
    if n > DENSE_UP_TO and start is not None:
        trial = _evaluate_krylov(agree, pie, fighting, shares, transitions, discounts, start)
        if trial is not None:
            return trial
    a = agree.astype(float)
    dp = [discounts[i] * transitions for i in range(2)]
    blocks = np.zeros((2 * n, 2 * n))
    rhs = np.zeros(2 * n)
    for i in range(2):
        c = a * shares[:, i]
        rows = slice(i * n, (i + 1) * n)
        for j in range(2):
            coef = (1.0 if i == j else 0.0) - c
            blocks[rows, j * n : (j + 1) * n] = -coef[:, None] * dp[j]
        blocks[rows, rows] += np.eye(n)
        rhs[rows] = fighting[:, i] + c * (pie - fighting.sum(axis=1))
    return np.linalg.solve(blocks, rhs).reshape(2, n).T


def _evaluate_krylov(
    agree: np.ndarray,
    pie: np.ndarray,
    fighting: np.ndarray,
    shares: np.ndarray,
    transitions: np.ndarray,
    discounts: np.ndarray,
    start: np.ndarray,
) -> np.ndarray | None:
    """:func:`_evaluate` by GMRES from ``start``; ``None`` if it does not converge."""
    from scipy.sparse.linalg import LinearOperator, gmres

    n = len(pie)
    c = [agree * shares[:, i] for i in range(2)]
    rhs = np.concatenate([fighting[:, i] + c[i] * (pie - fighting.sum(axis=1)) for i in range(2)])

    def apply(x: np.ndarray) -> np.ndarray:
        x = np.ravel(x)  # GMRES may pass a column
        u = [discounts[i] * (transitions @ x[i * n : (i + 1) * n]) for i in range(2)]
        total = u[0] + u[1]
        return np.concatenate([x[i * n : (i + 1) * n] - (u[i] - c[i] * total) for i in range(2)])

    system = LinearOperator((2 * n, 2 * n), matvec=apply, dtype=float)
    options = {"x0": start.T.reshape(-1), "atol": 0.0, "restart": 80, "maxiter": 20}
    try:
        x, info = gmres(system, rhs, rtol=1e-14, **options)
    except TypeError:  # scipy < 1.12 calls it tol
        x, info = gmres(system, rhs, tol=1e-14, **options)
    return x.reshape(2, n).T if info == 0 else None


def stationary_equilibrium(
    pie: Any,
    fighting: Any,
    proposer: Any,
    transitions: Any,
    discounts: Any,
    *,
    initial: int = 0,
    party_names: tuple[str, str] = ("player 1", "player 2"),
    state_names: tuple[str, ...] | None = None,
    tolerance: float = 1e-12,
    max_iterations: int = 100_000,
) -> StochasticBargainingSolution:
    r"""The stationary SPE of Merlo-Wilson bargaining from the arrays of a model.

    Parameters
    ----------
    pie
        :math:`S(s)`, (n,).
    fighting
        :math:`f_i(s)`, (n, 2).
    proposer
        :math:`p(s)`, the first player's probability of proposing, (n,).
    transitions
        :math:`P`, (n, n).
    discounts
        :math:`(\delta_1, \delta_2)`.
    initial
        The index of the state the talks start in.
    tolerance
        Stop when :math:`\|Tv - v\|_\infty \le` ``tolerance`` times the scale
        :math:`\max(1, \max|S|, \max|f| / (1 - \delta))`.

    Raises
    ------
    InvalidGameError
        If the iteration does not reach the tolerance in ``max_iterations``.
    """
    pie, fighting = np.asarray(pie, float), np.asarray(fighting, float)
    p = np.asarray(proposer, float)
    matrix, delta = np.asarray(transitions, float), np.asarray(discounts, float)
    shares = np.column_stack([p, 1.0 - p])
    beta = float(delta.max())
    scale = max(1.0, float(np.abs(pie).max()), float(np.abs(fighting).max()) / (1 - beta))
    values = np.zeros((len(pie), 2))
    agree_before: np.ndarray | None = None
    stable, tried, iteration = 0, False, 0
    for _ in range(max_iterations):
        iteration += 1
        new, cont, gap = bellman(values, pie, fighting, shares, matrix, delta)
        residual = float(np.abs(new - values).max())
        values = new
        if residual <= tolerance * scale:
            break
        agree = gap >= 0
        stable = stable + 1 if agree_before is not None and (agree == agree_before).all() else 0
        agree_before = agree
        if stable >= 3 and not tried:
            # policy evaluation: the exact values if this agreement set is the equilibrium's
            trial = _evaluate(agree, pie, fighting, shares, matrix, delta, start=values)
            check, _, _ = bellman(trial, pie, fighting, shares, matrix, delta)
            if float(np.abs(check - trial).max()) < residual:
                values = trial
            tried = True
        elif not stable:
            tried = False
    else:
        raise InvalidGameError(
            f"value iteration did not reach {tolerance:g} in {max_iterations} iterations "
            f"(residual {residual:g}); the discount factors may be too close to 1"
        )
    final, cont, gap = bellman(values, pie, fighting, shares, matrix, delta)
    residual = float(np.abs(final - values).max())
    agree = gap >= -tolerance * scale
    chain = absorption(matrix, agree)
    names = state_names or tuple(f"s{k}" for k in range(len(pie)))
    return StochasticBargainingSolution(
        party_names=party_names,
        state_names=tuple(names),
        initial=initial,
        pie=pie,
        values=final,
        continuation=cont,
        surplus=gap,
        agree=agree,
        proposer=p,
        discounts=(float(delta[0]), float(delta[1])),
        expected_delay=chain.expected_delay,
        at_agreement=chain.at_agreement,
        never=chain.never,
        iterations=iteration,
        residual=residual,
        error_bound=residual / (1 - beta),
        modulus=beta,
    )


def solve_stochastic_bargaining(
    model: StochasticBargaining, solution: str = "all"
) -> StochasticBargainingSolution:
    """The stationary equilibrium of a :class:`~bargaining.model.stochastic_bargaining.StochasticBargaining`.

    ``solution`` is ignored, as by :func:`~bargaining.war.fearon.solve_war`: the
    model has one equilibrium concept (the stationary subgame-perfect
    equilibrium), so every sensitivity command's default (``nash`` for
    ``threshold``) works on this kind.
    """
    a = model.arguments()
    return stationary_equilibrium(
        a["pie"],
        a["fighting"],
        a["proposer"],
        a["transitions"],
        a["discounts"],
        initial=a["initial"],
        party_names=a["party_names"],
        state_names=a["state_names"],
    )
