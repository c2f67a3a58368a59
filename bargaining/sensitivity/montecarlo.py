r"""Monte Carlo: outcome distributions under uncertain parameters, and Sobol indices.

Parameters with a distribution (:mod:`bargaining.model.uncertainty`) are drawn
independently, :math:`\theta^{(s)} \sim F`, :math:`s = 1, \dots, N`; the others
keep the spec's values. Each draw is solved, giving the outcomes' empirical
distributions: quantiles, means, and the probability that an agreement exists,

.. math:: \hat P(\text{agreement}) = \frac1N \sum_s \mathbf 1[\text{agreement exists at } \theta^{(s)}].

Sobol indices (variance-based global sensitivity) are in :mod:`.sobol`.
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
    "distributions_of",
    "monte_carlo",
    "draw_samples",
    "outcome_float",
]

#: The most draws a Monte Carlo run solves (each draw is at least one solve).
MAX_DRAWS = 1_000_000

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
        return np.array([outcome_float(r.get(column)) for r in self.rows])

    @property
    def agreement_probability(self) -> float:
        """The share of draws at which an agreement exists (``nan`` when no draw's outcome says)."""
        values = [r.get("agreement_exists") for r in self.rows]
        if not any(isinstance(v, bool) for v in values):  # e.g. a stakeholder forecast: no such outcome
            return float("nan")
        return float(np.mean([v is True for v in values]))

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
            "agreement_probability": (
                self.agreement_probability if np.isfinite(self.agreement_probability) else None
            ),
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
        agreement = self.agreement_probability
        lines = [table]
        if np.isfinite(agreement):
            lines.append(f"\nprobability that an agreement exists: {agreement:.4g}")
        lines.append(
            f"uncertain parameters: {dists}" if np.isfinite(agreement) else f"\nuncertain parameters: {dists}"
        )
        if errors:
            lines.append(f"{errors} draw(s) could not be solved")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per draw: the drawn parameters, then every outcome, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_records())


def _describe(d: Distribution) -> str:
    args = ", ".join(f"{v:g}" for v in d.args.values())
    return f"{d.kind}({args})"


def outcome_float(value: Any) -> float:
    """An outcome value as a float: booleans as 0/1, anything not a number as NaN."""
    if isinstance(value, bool):
        return float(value)
    return float(value) if is_number(value) else float("nan")


def draw_samples(distributions: Mapping[str, Distribution], n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` independent draws (rows) of the parameters (columns), by inverse transform of uniforms."""
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
    if draws > MAX_DRAWS:
        raise InvalidGameError(
            f"draws: {int(draws):,} are more than the {MAX_DRAWS:,} solved (each is at least one solve); "
            "the error of a Monte Carlo mean falls as 1/sqrt(draws): 10,000 draws give it to about 1%"
        )
    dists = distributions_of(model, distributions, uniform_ranges)
    rng = np.random.default_rng(seed)
    samples = draw_samples(dists, int(draws), rng)
    names = list(dists)
    points = [{n: float(v) for n, v in zip(names, row, strict=True)} for row in samples]
    rows = run_points(
        model, points, solution, executor=executor, workers=workers, progress=progress, label="Monte Carlo"
    )
    return MonteCarloResult(dists, samples, tuple(rows), seed, getattr(model, "name", "") or "")
