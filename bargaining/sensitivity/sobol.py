r"""Sobol indices: variance-based global sensitivity of one outcome (Saltelli 2010, Jansen 1999).

Variance-based global sensitivity (Sobol 1993): for an outcome :math:`Y`, the
first-order index of :math:`\theta_i` is the share of :math:`\operatorname{Var} Y`
explained by :math:`\theta_i` alone, and the total index the share involving
:math:`\theta_i` at all:

.. math:: S_i = \frac{\operatorname{Var}(\mathbb E[Y \mid \theta_i])}{\operatorname{Var} Y}, \qquad
          S_{T_i} = \frac{\mathbb E[\operatorname{Var}(Y \mid \theta_{\sim i})]}{\operatorname{Var} Y}.

They are estimated from two independent sample matrices :math:`A, B`
(:math:`N \times k`) and the :math:`k` matrices :math:`A_B^{(i)}` (:math:`A` with
column :math:`i` from :math:`B`), :math:`N(k + 2)` solves in all, with the
estimators of Saltelli et al. (2010) and Jansen (1999):

.. math:: \hat S_i = \frac{\frac1N \sum_s f(B)_s\,(f(A_B^{(i)})_s - f(A)_s)}{\hat V}, \qquad
          \hat S_{T_i} = \frac{\frac1{2N} \sum_s (f(A)_s - f(A_B^{(i)})_s)^2}{\hat V},

with :math:`f(B)` centred on the sample mean in the first (which keeps it
unbiased and makes it far less noisy).

References
----------
Saltelli, A. et al. (2010). Variance based sensitivity analysis of model
output. *Computer Physics Communications* 181(2), 259-270.
Jansen, M. J. W. (1999). Analysis of variance designs for model output.
*Computer Physics Communications* 117, 35-43.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Executor
from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError
from bargaining.model.uncertainty import Distribution
from bargaining.sensitivity.montecarlo import distributions_of, draw_samples, outcome_float
from bargaining.sensitivity.outcomes import resolve_outcome
from bargaining.sensitivity.runner import Progress, run_points
from bargaining.sensitivity.sobol_result import SobolResult, noise_flag, sobol_warnings

__all__ = [
    "MIN_BASE_SAMPLES",
    "SobolResult",
    "check_base_samples",
    "noise_flag",
    "bootstrap_indices",
    "sobol_estimates",
    "sobol_indices",
    "sobol_warnings",
]


#: The fewest base samples :math:`N` the estimators are run with (:math:`N(k + 2)` solves).
MIN_BASE_SAMPLES = 100


def sobol_estimates(f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""First-order (Saltelli 2010) and total (Jansen 1999) indices from model outputs.

    Parameters
    ----------
    f_a, f_b
        :math:`f(A)`, :math:`f(B)`, each of length :math:`N`.
    f_ab
        :math:`f(A_B^{(i)})`, shape :math:`(k, N)`.

    Returns
    -------
    first_order, total
        Arrays of length :math:`k`.

    Examples
    --------
    :math:`Y = \theta_1 + 2\theta_2` with independent uniform inputs: :math:`S = (0.2, 0.8)`.

    >>> rng = np.random.default_rng(0)
    >>> a, b = rng.random((20000, 2)), rng.random((20000, 2))
    >>> f = lambda x: x[:, 0] + 2 * x[:, 1]
    >>> ab = [np.where(np.arange(2) == i, b, a) for i in range(2)]
    >>> s, st = sobol_estimates(f(a), f(b), np.array([f(m) for m in ab]))
    >>> np.round(s, 1).tolist(), np.round(st, 1).tolist()
    ([0.2, 0.8], [0.2, 0.8])
    """
    both = np.concatenate([f_a, f_b])
    variance = float(np.var(both, ddof=1))
    if not variance > 1e-300:
        # The outcome does not vary: no share of its variance to explain.
        k = f_ab.shape[0]
        return np.full(k, np.nan), np.full(k, np.nan)
    # Centring f(B) leaves the estimator unbiased (E[f(A_B) - f(A)] = 0) and cuts its variance.
    first = np.mean((f_b - both.mean()) * (f_ab - f_a), axis=1) / variance
    total = 0.5 * np.mean((f_a - f_ab) ** 2, axis=1) / variance
    return first, total


def sobol_indices(
    model: Any,
    outcome: str,
    base_samples: int = 256,
    *,
    seed: int | None = None,
    distributions: Mapping[str, Distribution | str] | None = None,
    uniform_ranges: bool = False,
    solution: str = "nash",
    executor: Executor | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    bootstrap: int = 1000,
) -> SobolResult:
    r"""Variance-based (Sobol) indices of ``outcome`` with respect to the uncertain parameters.

    Parameters
    ----------
    model
        Any spec model.
    outcome
        A numeric (or yes/no) outcome, concept prefix optional.
    base_samples
        :math:`N`, at least :data:`MIN_BASE_SAMPLES`; the model is solved :math:`N(k + 2)` times.
    seed, distributions, uniform_ranges, solution, executor, workers, progress
        As for :func:`monte_carlo`.
    bootstrap
        Resamples for the percentile intervals (at least 100).

    Returns
    -------
    SobolResult

    Raises
    ------
    InvalidGameError
        Fewer than :data:`MIN_BASE_SAMPLES` base samples (given, or left where
        the outcome is defined), or fewer than 100 bootstrap resamples.

    Notes
    -----
    Why at least 100 base samples: the estimators' standard errors shrink only
    as :math:`1/\sqrt N`, and Saltelli et al. (2010) use :math:`N` of the order
    of hundreds to thousands. On :math:`Y = \theta_1 + 2\theta_2` (uniform
    inputs, :math:`S = (0.2, 0.8)`) the 95% interval of :math:`S_1` is about
    0.22 wide at :math:`N = 100` (0.11 at 400) and wider than all of
    :math:`[0, 1]` at :math:`N = 5`, where a percentile bootstrap of a handful
    of rows is itself meaningless. Estimates that break
    :math:`0 \le S_i \le S_{T_i} \le 1` are flagged in ``warnings`` (and the
    table's note column) as estimator noise.

    Draws at which the model cannot be solved (or the outcome is undefined)
    are dropped, with the rows that share them; if an outcome is undefined at
    some draws (e.g. an issue where no agreement exists), the indices describe
    the draws where it is defined.
    """
    dists = distributions_of(model, distributions, uniform_ranges)
    names = list(dists)
    k = len(names)
    n = check_base_samples(base_samples, k)
    if isinstance(bootstrap, bool) or int(bootstrap) != bootstrap or bootstrap < 100:
        raise InvalidGameError(
            f"bootstrap must be a whole number of at least 100 resamples, got {bootstrap!r}"
        )
    rng = np.random.default_rng(seed)
    both = draw_samples(dists, 2 * n, rng)
    a, b = both[:n], both[n:]
    blocks = [a, b] + [np.where(np.arange(k) == i, b, a) for i in range(k)]
    stacked = np.vstack(blocks)
    points = [{nm: float(v) for nm, v in zip(names, row, strict=True)} for row in stacked]
    rows = run_points(
        model, points, solution, executor=executor, workers=workers, progress=progress, label="Sobol"
    )
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    column = resolve_outcome(outcome, list(columns))
    values = np.array([outcome_float(r.get(column)) for r in rows]).reshape(k + 2, n)
    values = values[:, np.all(np.isfinite(values), axis=0)]
    m = values.shape[1]
    if m < MIN_BASE_SAMPLES:
        raise InvalidGameError(
            f"{column!r} is defined at only {m} of the {n} base samples; the Sobol estimators need "
            f"{MIN_BASE_SAMPLES}: draw more, or pick an outcome defined at more draws"
        )
    boot_rng = np.random.default_rng(None if seed is None else seed + 1)
    first, total, first_iv, total_iv = bootstrap_indices(
        values[0], values[1], values[2:], bootstrap, boot_rng
    )
    return SobolResult(
        column,
        tuple(names),
        tuple(map(float, first)),
        tuple(map(float, total)),
        first_iv,
        total_iv,
        m,
        sobol_warnings(names, first, total, first_iv, total_iv),
    )


def bootstrap_indices(
    f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray, resamples: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, tuple[tuple[float, float], ...], tuple[tuple[float, float], ...]]:
    r"""The estimates of :func:`sobol_estimates` and their 95% percentile bootstrap intervals.

    Each resample draws :math:`N` base rows with replacement and keeps, for each,
    its :math:`f(A)_s`, :math:`f(B)_s` and every :math:`f(A_B^{(i)})_s` together
    (the rows are the independent units); the interval runs from the 2.5% to
    the 97.5% quantile of the resampled estimates (Efron and Tibshirani 1993,
    ch. 13), so it may be asymmetric, and it is not clipped to :math:`[0, 1]`.

    Returns
    -------
    first, total, first_interval, total_interval
    """
    first, total = sobol_estimates(f_a, f_b, f_ab)
    m, k = f_a.shape[0], f_ab.shape[0]
    firsts, totals = np.empty((resamples, k)), np.empty((resamples, k))
    for j in range(int(resamples)):
        idx = rng.integers(0, m, m)
        firsts[j], totals[j] = sobol_estimates(f_a[idx], f_b[idx], f_ab[:, idx])
    return first, total, _percentiles(firsts), _percentiles(totals)


def check_base_samples(base_samples: Any, parameters: int) -> int:
    """``base_samples`` as an int, or an error that says how many are needed.

    Examples
    --------
    >>> check_base_samples(100, 1)
    100
    >>> check_base_samples(2, 1)
    Traceback (most recent call last):
    ...
    bargaining.errors.InvalidGameError: Sobol indices need at least 100 base samples ...
    """
    if isinstance(base_samples, bool) or int(base_samples) != base_samples or base_samples < MIN_BASE_SAMPLES:
        k = parameters
        raise InvalidGameError(
            f"Sobol indices need at least {MIN_BASE_SAMPLES} base samples N, got {base_samples!r}: the "
            f"estimators solve the model N(k + 2) times, so with k = {k} uncertain parameter(s) that is at "
            f"least {MIN_BASE_SAMPLES * (k + 2)} solves (bargain montecarlo --sobol: --draws "
            f"{MIN_BASE_SAMPLES * (k + 2)} or more)"
        )
    return int(base_samples)


def _percentiles(estimates: np.ndarray) -> tuple[tuple[float, float], ...]:
    if not np.all(np.isfinite(estimates)):
        return tuple((float("nan"), float("nan")) for _ in range(estimates.shape[1]))
    low, high = np.quantile(estimates, [0.025, 0.975], axis=0)
    return tuple((float(lo), float(hi)) for lo, hi in zip(low, high, strict=True))
