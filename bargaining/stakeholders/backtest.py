r"""Scoring the stakeholder models against recorded outcomes: mean absolute error, rank, bootstrap.

For each case (an actor table and the outcome recorded on each of its issues)
each model forecasts every issue; its error on an issue is
:math:`|\hat z_d - z_d| / (\text{upper}_d - \text{lower}_d) \times 100`, in
percent of the issue's scale, so that issues on different scales can be pooled.
A model's score is its mean absolute error (MAE) over all the case-issues; the
models are ranked by it (1 = smallest). The 95% interval is a percentile
bootstrap over the cases (resampling whole cases, so that the issues of one
case stay together), with the share of resamples in which each model ranks
first. With few cases the intervals are wide, and the result says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import InvalidGameError
from bargaining.model.stakeholders import StakeholderTable
from bargaining.stakeholders.eu_options import EUOptions
from bargaining.stakeholders.forecast import MODELS, forecast
from bargaining.stakeholders.smp_options import SMPOptions
from bargaining.table import format_table

__all__ = ["BacktestCase", "BacktestResult", "backtest"]


@dataclass(frozen=True, slots=True)
class BacktestCase:
    """A table, the outcome recorded on each of its issues, and where the outcome is recorded."""

    name: str
    table: StakeholderTable
    outcome: tuple[float, ...]
    source: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class BacktestResult:
    """Per model: MAE (percent of scale), rank, bootstrap interval, share of resamples ranked first."""

    models: tuple[str, ...]
    cases: tuple[str, ...]
    errors: NDArray[np.float64]  # [model, case-issue]
    case_of: NDArray[np.int64]  # the case of each case-issue
    mae: NDArray[np.float64]
    rank: NDArray[np.int64]
    interval: NDArray[np.float64]  # [model, 2]
    best_share: NDArray[np.float64]
    draws: int
    notes: tuple[str, ...] = ()

    def __repr__(self) -> str:
        best = self.models[int(np.argmin(self.mae))]
        return f"BacktestResult({len(self.cases)} cases, best: {best})"

    def to_dict(self) -> dict[str, Any]:
        """Plain values."""
        return {
            "cases": list(self.cases),
            "draws": self.draws,
            "models": [
                {
                    "model": m,
                    "mae_percent_of_scale": float(self.mae[k]),
                    "rank": int(self.rank[k]),
                    "interval_95": [float(v) for v in self.interval[k]],
                    "share_ranked_first": float(self.best_share[k]),
                }
                for k, m in enumerate(self.models)
            ],
            "notes": list(self.notes),
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One row per model (for CSV)."""
        return [{k: v for k, v in m.items() if k != "interval_95"} for m in self.to_dict()["models"]]

    def to_table(self) -> str:
        """Models by rank."""
        rows = [
            [
                int(self.rank[k]),
                m,
                f"{self.mae[k]:.3g}",
                f"[{self.interval[k, 0]:.3g}, {self.interval[k, 1]:.3g}]",
                f"{self.best_share[k]:.2f}",
            ]
            for k, m in sorted(enumerate(self.models), key=lambda km: self.rank[km[0]])
        ]
        title = (
            f"{len(self.cases)} cases, MAE in % of each issue's scale, "
            f"95% bootstrap over cases ({self.draws} draws)"
        )
        text = title + "\n" + format_table(["rank", "model", "MAE", "95% interval", "P(first)"], rows)
        return text + "".join(f"\nnote: {n}" for n in self.notes)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """The records of :meth:`to_records` as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_records())


def backtest(
    cases: Sequence[BacktestCase],
    models: Sequence[str] = MODELS,
    *,
    eu_options: EUOptions | None = None,
    smp_options: SMPOptions | None = None,
    draws: int = 2000,
    seed: int = 0,
) -> BacktestResult:
    """Score ``models`` on ``cases`` (see the module docstring)."""
    if not cases:
        raise InvalidGameError("give at least one case with a recorded outcome")
    errors: list[list[float]] = [[] for _ in models]
    case_of: list[int] = []
    notes = []
    for c, case in enumerate(cases):
        result = forecast(case.table, tuple(models), eu_options, smp_options)
        for name, why in result.failures:
            raise InvalidGameError(f"case {case.name!r}: model {name} cannot run: {why}")
        span = case.table.upper - case.table.lower
        for k, f in enumerate(result.forecasts):
            errors[k] += (np.abs(np.array(f.outcome) - np.array(case.outcome)) / span * 100).tolist()
        case_of += [c] * len(case.outcome)
    err = np.array(errors)
    index = np.array(case_of)
    mae = err.mean(axis=1)
    rank = _ranks(mae)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(cases), size=(draws, len(cases)))
    per_case = np.array([[err[k, index == c].sum() for c in range(len(cases))] for k in range(len(models))])
    counts = np.array([(index == c).sum() for c in range(len(cases))])
    boot = per_case[:, picks].sum(axis=2) / counts[picks].sum(axis=1)[None, :]  # [model, draw]
    interval = np.percentile(boot, [2.5, 97.5], axis=1).T
    firsts = boot == boot.min(axis=0, keepdims=True)
    best_share = (firsts / firsts.sum(axis=0, keepdims=True)).mean(axis=1)
    if len(cases) < 10:
        notes.append(f"only {len(cases)} cases: the intervals are wide and the ranks fragile")
    return BacktestResult(
        tuple(models),
        tuple(c.name for c in cases),
        err,
        index,
        mae,
        rank,
        interval,
        best_share,
        draws,
        tuple(notes),
    )


def _ranks(values: NDArray[np.float64]) -> NDArray[np.int64]:
    """1 for the smallest; ties share the better rank."""
    return np.array([1 + int((values < v - 1e-12).sum()) for v in values], dtype=np.int64)
