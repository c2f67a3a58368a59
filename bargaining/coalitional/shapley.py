r"""The Shapley value (Shapley 1953) and the Banzhaf value, exact or sampled.

.. math::

    \phi_i(v) = \sum_{S \subseteq N \setminus \{i\}}
        \frac{|S|!\,(n - |S| - 1)!}{n!}\,\bigl(v(S \cup \{i\}) - v(S)\bigr),
    \qquad
    \beta_i(v) = \frac{1}{2^{n-1}} \sum_{S \subseteq N \setminus \{i\}} \bigl(v(S \cup \{i\}) - v(S)\bigr).

The exact forms sum over every coalition at once with numpy: the dense array
``v`` is viewed as ``(2**(n-1-i), 2, 2**i)`` so that ``v[:, 1, :] - v[:, 0, :]``
is player ``i``'s marginal contribution to every coalition without it
(:math:`n 2^{n-1}` operations). Beyond
:data:`~bargaining.model.coalitions.MAX_DENSE_PLAYERS` players (or when asked),
:func:`shapley_value` samples random orders of the players (Castro, Gómez and
Tejada 2009) and reports the mean with a normal-approximation confidence
interval: the result says it is an estimate.

Examples
--------
>>> from bargaining.model.coalitional import CoalitionalGame
>>> glove = CoalitionalGame.glove(["left"], ["right_1", "right_2"])
>>> [round(x, 4) for x in shapley_value(glove).payoffs]
[0.6667, 0.1667, 0.1667]
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

from bargaining.coalitional.results import Allocation
from bargaining.errors import SpecError
from bargaining.model.coalitional import CoalitionalGame
from bargaining.model.coalitions import sizes

__all__ = ["banzhaf_value", "marginal_sums", "shapley_value"]


def marginal_sums(values: NDArray[np.float64], n: int, weights: NDArray[np.float64]) -> NDArray[np.float64]:
    r""":math:`\sum_{S \not\ni i} w_{|S|} (v(S \cup i) - v(S))` for each player ``i``.

    Parameters
    ----------
    values
        :math:`v` over all :math:`2^n` masks.
    weights
        :math:`w_k` for :math:`k = 0, \dots, n - 1`.
    """
    size = sizes(n)
    out = np.empty(n)
    for i in range(n):
        v = values.reshape(-1, 2, 1 << i)
        k = size.reshape(-1, 2, 1 << i)[:, 0, :]
        out[i] = float(np.sum((v[:, 1, :] - v[:, 0, :]) * weights[k]))
    return out


def _shapley_weights(n: int) -> NDArray[np.float64]:
    return np.array([1.0 / (n * math.comb(n - 1, k)) for k in range(n)])


def shapley_value(
    game: CoalitionalGame,
    samples: int | None = None,
    seed: int | None = None,
    confidence: float = 0.95,
) -> Allocation:
    """The Shapley value: exact over every coalition, or estimated from ``samples`` random orders.

    Parameters
    ----------
    game
        The TU game.
    samples
        ``None`` (exact; needs at most ``MAX_DENSE_PLAYERS`` players), or the
        number of random orders to sample.
    seed
        For the sampling (reproducible runs).
    confidence
        The level of the sampling confidence intervals.

    Raises
    ------
    SpecError
        For an exact value on too many players (naming the sampling option),
        or ``samples`` below 2.
    """
    if samples is None:
        values = game.dense("the exact Shapley value")
        phi = marginal_sums(values, game.n, _shapley_weights(game.n))
        return Allocation(
            "shapley", game.players, tuple(float(x) for x in phi), note="exact: every coalition"
        )
    return _sampled(game, samples, seed, confidence)


def _sampled(game: CoalitionalGame, samples: int, seed: int | None, confidence: float) -> Allocation:
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 2:
        raise SpecError("samples", f"expected a whole number of samples >= 2, got {samples!r}")
    if not 0 < confidence < 1:
        raise SpecError("confidence", f"the confidence level must be in (0, 1), got {confidence!r}")
    n = game.n
    rng = np.random.default_rng(seed)
    total = np.zeros(n)
    squares = np.zeros(n)
    batch = max(1, (1 << 18) // (n + 1))
    done = 0
    while done < samples:
        m = min(batch, samples - done)
        orders = np.argsort(rng.random((m, n)), axis=1)
        bits = np.left_shift(np.int64(1), orders.astype(np.int64))
        prefixes = np.concatenate([np.zeros((m, 1), dtype=np.int64), np.cumsum(bits, axis=1)], axis=1)
        v = game.value_of(prefixes.ravel()).reshape(m, n + 1)
        gains = np.diff(v, axis=1)
        contribution = np.zeros((m, n))
        np.put_along_axis(contribution, orders, gains, axis=1)
        total += contribution.sum(axis=0)
        squares += (contribution**2).sum(axis=0)
        done += m
    mean = total / samples
    variance = np.maximum(squares / samples - mean**2, 0.0) * samples / (samples - 1)
    se = np.sqrt(variance / samples)
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    return Allocation(
        "shapley",
        game.players,
        tuple(float(x) for x in mean),
        estimate=True,
        standard_errors=tuple(float(x) for x in se),
        confidence_intervals=tuple(
            (float(a - z * s), float(a + z * s)) for a, s in zip(mean, se, strict=True)
        ),
        confidence=confidence,
        samples=samples,
        note=f"estimate from {samples} random orders (seed {seed}); intervals are normal approximations",
    )


def banzhaf_value(game: CoalitionalGame) -> Allocation:
    r"""The (non-normalised) Banzhaf value :math:`\beta_i`: the mean marginal contribution to coalitions."""
    values = game.dense("the Banzhaf value")
    beta = marginal_sums(values, game.n, np.full(game.n, 1.0 / (1 << (game.n - 1))))
    return Allocation("banzhaf", game.players, tuple(float(x) for x in beta), note="exact: every coalition")
