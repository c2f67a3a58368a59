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
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError
from bargaining.model.uncertainty import Distribution
from bargaining.sensitivity.montecarlo import distributions_of, draw_samples, outcome_float
from bargaining.sensitivity.outcomes import resolve_outcome
from bargaining.sensitivity.runner import Progress, run_points

__all__ = ["SobolResult", "sobol_estimates", "sobol_indices"]


@dataclass(frozen=True, slots=True)
class SobolResult:
    """First-order and total Sobol indices of one outcome.

    Attributes
    ----------
    outcome
        The outcome's column name.
    parameters
        The uncertain parameters, in order.
    first_order, total
        :math:`S_i` and :math:`S_{T_i}` per parameter.
    first_order_ci, total_ci
        Half-widths of 95% bootstrap intervals.
    base_samples
        :math:`N` (the model was solved :math:`N(k+2)` times).
    """

    outcome: str
    parameters: tuple[str, ...]
    first_order: tuple[float, ...]
    total: tuple[float, ...]
    first_order_ci: tuple[float, ...]
    total_ci: tuple[float, ...]
    base_samples: int

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "outcome": self.outcome,
            "base_samples": self.base_samples,
            "indices": [
                {"parameter": p, "first_order": s, "first_order_ci": sc, "total": t, "total_ci": tc}
                for p, s, t, sc, tc in zip(
                    self.parameters,
                    self.first_order,
                    self.total,
                    self.first_order_ci,
                    self.total_ci,
                    strict=True,
                )
            ],
        }

    def to_table(self) -> str:
        """Parameters by total index, largest first."""
        from bargaining.table import format_table

        order = np.argsort([-t for t in self.total])
        rows = [
            [self.parameters[i], self.first_order[i], self.first_order_ci[i], self.total[i], self.total_ci[i]]
            for i in order
        ]
        title = (
            f"Sobol indices of {self.outcome} ({self.base_samples} base samples, 95% bootstrap half-widths)"
        )
        return format_table(["parameter", "first order", "+-", "total", "+-"], rows, title)


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
    if not variance > 0:
        k = f_ab.shape[0]
        return np.zeros(k), np.zeros(k)
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
    bootstrap: int = 200,
) -> SobolResult:
    """Variance-based (Sobol) indices of ``outcome`` with respect to the uncertain parameters.

    Parameters
    ----------
    model
        Any spec model.
    outcome
        A numeric (or yes/no) outcome, concept prefix optional.
    base_samples
        :math:`N`; the model is solved :math:`N(k + 2)` times.
    seed, distributions, uniform_ranges, solution, executor, workers, progress
        As for :func:`monte_carlo`.
    bootstrap
        Resamples for the confidence intervals.

    Returns
    -------
    SobolResult

    Notes
    -----
    Draws at which the model cannot be solved (or the outcome is undefined)
    are dropped, with the rows that share them; if an outcome is undefined at
    some draws (e.g. an issue where no agreement exists), the indices describe
    the draws where it is defined.
    """
    dists = distributions_of(model, distributions, uniform_ranges)
    names = list(dists)
    k, n = len(names), int(base_samples)
    if n < 2:
        raise InvalidGameError(f"base_samples must be at least 2, got {base_samples}")
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
    keep = np.all(np.isfinite(values), axis=0)
    values = values[:, keep]
    if values.shape[1] < 2:
        raise InvalidGameError(f"{column!r} is undefined at almost every draw; pick another outcome")
    first, total = sobol_estimates(values[0], values[1], values[2:])
    boot_rng = np.random.default_rng(None if seed is None else seed + 1)
    m = values.shape[1]
    firsts, totals = [], []
    for _ in range(bootstrap):
        idx = boot_rng.integers(0, m, m)
        s, st = sobol_estimates(values[0, idx], values[1, idx], values[2:, idx])
        firsts.append(s)
        totals.append(st)
    first_ci = 1.96 * np.std(firsts, axis=0)
    total_ci = 1.96 * np.std(totals, axis=0)
    return SobolResult(
        column,
        tuple(names),
        tuple(map(float, first)),
        tuple(map(float, total)),
        tuple(map(float, first_ci)),
        tuple(map(float, total_ci)),
        m,
    )
