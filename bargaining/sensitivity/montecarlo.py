r"""Monte Carlo: outcome distributions under uncertain parameters, and Sobol indices.

Parameters with a distribution (:mod:`bargaining.model.uncertainty`) are drawn
independently, :math:`\theta^{(s)} \sim F`, :math:`s = 1, \dots, N`; the others
keep the spec's values. Each draw is solved, giving the outcomes' empirical
distributions: quantiles, means, and the probability that an agreement exists,

.. math:: \hat P(\text{agreement}) = \frac1N \sum_s \mathbf 1[\text{agreement exists at } \theta^{(s)}].

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

from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError
from bargaining.model.uncertainty import (
    Distribution,
    DistributionError,
    distribution_from_spec,
    parse_distribution,
)
from bargaining.sensitivity.outcomes import Row, is_number, resolve_outcome
from bargaining.sensitivity.runner import Progress, run_points

__all__ = [
    "MonteCarloResult",
    "SobolResult",
    "distributions_of",
    "monte_carlo",
    "sobol_estimates",
    "sobol_indices",
]

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


def distributions_of(
    model: Any,
    overrides: Mapping[str, Distribution | str] | None = None,
    uniform_ranges: bool = False,
) -> dict[str, Distribution]:
    """The distribution of every uncertain parameter of ``model``.

    Parameters
    ----------
    model
        Any spec model; its parameters' ``distribution`` fields are read.
    overrides
        ``{name: Distribution or "normal:0.15:0.05"}``, replacing the spec's.
    uniform_ranges
        Also treat every other parameter with a range as uniform on it.

    Raises
    ------
    DistributionError, RangeError
        For a bad distribution or an unknown parameter.
    """
    from bargaining.sensitivity.ranges import parameter_of

    out: dict[str, Distribution] = {}
    for p in model.parameters:
        if p.distribution is not None:
            out[p.name] = distribution_from_spec(p.distribution, p)
        elif uniform_ranges and p.range is not None and p.range[1] > p.range[0]:
            out[p.name] = distribution_from_spec({"type": "uniform"}, p)
    for name, dist in (overrides or {}).items():
        p = parameter_of(model, name)
        out[name] = parse_distribution(dist, p) if isinstance(dist, str) else dist
    if not out:
        raise DistributionError(
            'no parameter is uncertain: give one a "distribution" in the spec, or use '
            "--dist NAME=normal:MEAN:SD (or --uniform-ranges)"
        )
    return out


@dataclass(frozen=True, slots=True, eq=False)
class MonteCarloResult:
    """The outcomes at each draw of the uncertain parameters.

    Attributes
    ----------
    distributions
        ``{parameter: Distribution}`` drawn from.
    samples
        The draws, an ``(N, k)`` array, columns in the order of ``distributions``.
    rows
        The outcomes at each draw.
    seed
        The seed (``None`` if none was given).
    title
        The model's name.
    """

    distributions: Mapping[str, Distribution]
    samples: np.ndarray
    rows: tuple[Row, ...]
    seed: int | None = None
    title: str = ""

    def __post_init__(self) -> None:
        samples = np.array(self.samples, dtype=float)
        samples.flags.writeable = False
        object.__setattr__(self, "samples", samples)
        object.__setattr__(self, "rows", tuple(self.rows))

    @property
    def draws(self) -> int:
        """:math:`N`."""
        return len(self.rows)

    @property
    def outcomes(self) -> tuple[str, ...]:
        """Every outcome column, in first-seen order."""
        names: dict[str, None] = {}
        for row in self.rows:
            names.update(dict.fromkeys(row))
        return tuple(names)

    def column(self, name: str) -> np.ndarray:
        """An outcome (or uncertain parameter) at each draw, as floats (``nan`` where missing)."""
        if name in self.distributions:
            return np.asarray(self.samples[:, list(self.distributions).index(name)])
        column = resolve_outcome(name, self.outcomes)
        return np.array([_float(r.get(column)) for r in self.rows])

    @property
    def agreement_probability(self) -> float:
        """The share of draws at which an agreement exists."""
        values = [r.get("agreement_exists") for r in self.rows]
        return float(np.mean([v is True for v in values])) if values else float("nan")

    def quantiles(self, name: str, q: Sequence[float] = QUANTILES) -> np.ndarray:
        """Quantiles of an outcome over the draws where it is defined."""
        values = self.column(name)
        values = values[np.isfinite(values)]
        if values.size == 0:
            return np.full(len(q), np.nan)
        return np.quantile(values, q)

    def summary(self) -> list[dict[str, Any]]:
        """Per numeric outcome: mean, sd, quantiles, and how many draws define it."""
        out = []
        for name in self.outcomes:
            values = self.column(name)
            finite = values[np.isfinite(values)]
            if finite.size == 0 or all(isinstance(r.get(name), bool) for r in self.rows if name in r):
                continue
            qs = np.quantile(finite, QUANTILES)
            out.append(
                {
                    "outcome": name,
                    "mean": float(finite.mean()),
                    "sd": float(finite.std(ddof=1)) if finite.size > 1 else 0.0,
                    **{f"q{int(round(q * 100)):02d}": float(v) for q, v in zip(QUANTILES, qs, strict=True)},
                    "draws": int(finite.size),
                }
            )
        return out

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per draw: the drawn parameters, then the outcomes."""
        names = list(self.distributions)
        columns = self.outcomes
        return [
            {**{n: float(v) for n, v in zip(names, sample, strict=True)}, **{c: row.get(c) for c in columns}}
            for sample, row in zip(self.samples, self.rows, strict=True)
        ]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: distributions, summary, agreement probability and every draw."""
        return {
            "title": self.title,
            "draws": self.draws,
            "seed": self.seed,
            "distributions": {k: v.to_dict() for k, v in self.distributions.items()},
            "agreement_probability": self.agreement_probability,
            "summary": self.summary(),
            "records": self.to_records(),
        }

    def to_table(self) -> str:
        """Quantiles of each numeric outcome, and the probability of agreement."""
        from bargaining.table import format_table

        rows = [
            [s["outcome"], s["mean"], s["sd"], s["q05"], s["q25"], s["q50"], s["q75"], s["q95"]]
            for s in self.summary()
        ]
        dists = "; ".join(f"{k} ~ {_describe(v)}" for k, v in self.distributions.items())
        title = f"{self.draws} draws" + (f" (seed {self.seed})" if self.seed is not None else "")
        table = format_table(["outcome", "mean", "sd", "5%", "25%", "median", "75%", "95%"], rows, title)
        errors = sum(1 for r in self.rows if "error" in r)
        lines = [
            table,
            f"\nprobability that an agreement exists: {self.agreement_probability:.4g}",
            f"uncertain parameters: {dists}",
        ]
        if errors:
            lines.append(f"{errors} draw(s) could not be solved")
        return "\n".join(lines)


def _describe(d: Distribution) -> str:
    args = ", ".join(f"{v:g}" for v in d.args.values())
    return f"{d.kind}({args})"


def _float(value: Any) -> float:
    if isinstance(value, bool):
        return float(value)
    return float(value) if is_number(value) else float("nan")


def _draw(distributions: Mapping[str, Distribution], n: int, rng: np.random.Generator) -> np.ndarray:
    u = rng.random((n, len(distributions)))
    return np.column_stack([d.ppf(u[:, j]) for j, d in enumerate(distributions.values())])


def monte_carlo(
    model: Any,
    draws: int = 1000,
    *,
    seed: int | None = None,
    distributions: Mapping[str, Distribution | str] | None = None,
    uniform_ranges: bool = False,
    solution: str = "nash",
    executor: Executor | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> MonteCarloResult:
    """Solve ``model`` at ``draws`` random draws of its uncertain parameters.

    Parameters
    ----------
    model
        Any spec model.
    draws
        :math:`N`.
    seed
        Makes the draws (and so the result) reproducible.
    distributions, uniform_ranges
        See :func:`distributions_of`.
    solution
        The concept(s) to solve (default Nash, the fastest).
    executor, workers, progress
        As for :func:`~bargaining.sensitivity.sweep.sweep`.

    Returns
    -------
    MonteCarloResult
    """
    if isinstance(draws, bool) or int(draws) != draws or draws < 1:
        raise InvalidGameError(f"the number of draws must be a positive whole number, got {draws!r}")
    dists = distributions_of(model, distributions, uniform_ranges)
    rng = np.random.default_rng(seed)
    samples = _draw(dists, int(draws), rng)
    names = list(dists)
    points = [{n: float(v) for n, v in zip(names, row, strict=True)} for row in samples]
    rows = run_points(
        model, points, solution, executor=executor, workers=workers, progress=progress, label="Monte Carlo"
    )
    return MonteCarloResult(dists, samples, tuple(rows), seed, getattr(model, "name", "") or "")


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
    both = _draw(dists, 2 * n, rng)
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
    values = np.array([_float(r.get(column)) for r in rows]).reshape(k + 2, n)
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
