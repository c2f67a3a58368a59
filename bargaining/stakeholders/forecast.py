"""Every stakeholder model side by side: the solver of the ``stakeholders`` kind."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bargaining.errors import BargainingError, InvalidGameError
from bargaining.model.stakeholders import StakeholderTable
from bargaining.stakeholders.baselines import compromise, weighted_median
from bargaining.stakeholders.eu_options import EUOptions
from bargaining.stakeholders.expected_utility import expected_utility_model
from bargaining.stakeholders.nash import nash_on_table
from bargaining.stakeholders.results import StakeholderForecast
from bargaining.stakeholders.smp import spatial_model
from bargaining.stakeholders.smp_options import SMPOptions
from bargaining.table import format_table

__all__ = ["MODELS", "StakeholderComparison", "forecast", "solve_stakeholders"]

#: The models, in the order they are shown.
MODELS = ("compromise", "median", "bdm", "smp", "nash")


@dataclass(frozen=True, slots=True, eq=False)
class StakeholderComparison:
    """The forecasts of several models on one table."""

    issues: tuple[str, ...]
    forecasts: tuple[StakeholderForecast, ...]
    failures: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:
        return f"StakeholderComparison({', '.join(f.model for f in self.forecasts)})"

    def by_model(self, name: str) -> StakeholderForecast:
        """The forecast of model ``name``."""
        for f in self.forecasts:
            if f.model == name:
                return f
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """Plain values: each model's forecast."""
        return {
            "issues": list(self.issues),
            "forecasts": [f.to_dict() for f in self.forecasts],
            "not_run": {name: why for name, why in self.failures},
        }

    def outcome_row(self) -> dict[str, Any]:
        """The sensitivity commands' row: ``MODEL.ISSUE`` (the forecast), ``MODEL.rounds``,
        ``MODEL.converged``, and ``MODEL.error`` for a model that could not run."""
        row: dict[str, Any] = {}
        for f in self.forecasts:
            row.update({f"{f.model}.{i}": float(v) for i, v in zip(f.issues, f.outcome, strict=True)})
            row[f"{f.model}.rounds"] = f.num_rounds
            row[f"{f.model}.converged"] = f.converged
        row.update({f"{name}.error": why for name, why in self.failures})
        return row

    def to_records(self) -> list[dict[str, Any]]:
        """One row per model and issue (for CSV)."""
        return [
            {
                "model": f.model,
                "issue": issue,
                "forecast": value,
                "rounds": f.num_rounds,
                "converged": f.converged,
            }
            for f in self.forecasts
            for issue, value in zip(f.issues, f.outcome, strict=True)
        ]

    def to_table(self) -> str:
        """The forecast per issue (columns) and model (rows)."""
        rows = [[f.model, *(f"{v:.4g}" for v in f.outcome), f.num_rounds] for f in self.forecasts]
        text = format_table(["model", *self.issues, "rounds"], rows)
        return text + "".join(f"\n{name}: not run: {why}" for name, why in self.failures)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """The records of :meth:`to_records` as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_records())


def forecast(
    table: StakeholderTable,
    models: Sequence[str] = MODELS,
    eu_options: EUOptions | None = None,
    smp_options: SMPOptions | None = None,
) -> StakeholderComparison:
    """Run ``models`` (names from :data:`MODELS`) on ``table``, with each simulation's switches."""
    runners: dict[str, Callable[[], StakeholderForecast]] = {
        "compromise": lambda: compromise(table),
        "median": lambda: weighted_median(table),
        "bdm": lambda: expected_utility_model(table, eu_options),
        "smp": lambda: spatial_model(table, smp_options),
        "nash": lambda: nash_on_table(table),
    }
    for name in models:
        if name not in runners:
            raise InvalidGameError(f"unknown stakeholder model {name!r} (known: {', '.join(runners)})")
    if len(models) == 1:
        return StakeholderComparison(table.issue_names, (runners[models[0]](),))
    done, failed = [], []
    for name in models:  # side by side: a model that cannot run on this table says why, the others run
        try:
            done.append(runners[name]())
        except BargainingError as exc:
            failed.append((name, str(exc)))
    return StakeholderComparison(table.issue_names, tuple(done), tuple(failed))


def solve_stakeholders(model: StakeholderTable, solution: str = "all") -> StakeholderComparison:
    """The ``stakeholders`` kind's solver: every model (``solution="all"``) or one of :data:`MODELS`."""
    return forecast(model, MODELS if solution == "all" else (solution,))
