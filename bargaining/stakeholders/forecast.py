"""Every stakeholder model side by side: the solver of the ``stakeholders`` kind."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bargaining.errors import InvalidGameError
from bargaining.model.stakeholders import StakeholderTable
from bargaining.stakeholders.baselines import compromise, weighted_median
from bargaining.stakeholders.eu_options import EUOptions
from bargaining.stakeholders.expected_utility import expected_utility_model
from bargaining.stakeholders.nash import nash_on_table
from bargaining.stakeholders.results import StakeholderForecast
from bargaining.table import format_table

__all__ = ["MODELS", "StakeholderComparison", "forecast", "solve_stakeholders"]

#: The models, in the order they are shown.
MODELS = ("compromise", "median", "bdm", "nash")


@dataclass(frozen=True, slots=True, eq=False)
class StakeholderComparison:
    """The forecasts of several models on one table."""

    issues: tuple[str, ...]
    forecasts: tuple[StakeholderForecast, ...]

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
        return {"issues": list(self.issues), "forecasts": [f.to_dict() for f in self.forecasts]}

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
        return format_table(["model", *self.issues, "rounds"], rows)


def forecast(
    table: StakeholderTable, models: Sequence[str] = MODELS, eu_options: EUOptions | None = None
) -> StakeholderComparison:
    """Run ``models`` (names from :data:`MODELS`) on ``table``."""
    runners: dict[str, Callable[[], StakeholderForecast]] = {
        "compromise": lambda: compromise(table),
        "median": lambda: weighted_median(table),
        "bdm": lambda: expected_utility_model(table, eu_options),
        "nash": lambda: nash_on_table(table),
    }
    for name in models:
        if name not in runners:
            raise InvalidGameError(f"unknown stakeholder model {name!r} (known: {', '.join(runners)})")
    return StakeholderComparison(table.issue_names, tuple(runners[name]() for name in models))


def solve_stakeholders(model: StakeholderTable, solution: str = "all") -> StakeholderComparison:
    """The ``stakeholders`` kind's solver: every model (``solution="all"``) or one of :data:`MODELS`."""
    return forecast(model, MODELS if solution == "all" else (solution,))
