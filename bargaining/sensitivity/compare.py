r"""The value of a bargaining chip: the outcome under the spec's values against other values.

For parameter values :math:`\theta` (the spec's) and :math:`\theta'` (e.g. with
``kursk_held = 0``), every outcome is shown side by side with the difference

.. math:: \Delta y = y(\theta) - y(\theta'),

which for a chip is what holding it buys: how much more each party gets, and
how the agreement moves, because the chip is held.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bargaining.errors import InvalidGameError
from bargaining.sensitivity.outcomes import Row, is_number, resolve_outcome
from bargaining.sensitivity.ranges import parameter_of
from bargaining.sensitivity.runner import run_points

__all__ = ["Comparison", "compare"]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Outcomes under two sets of parameter values.

    Attributes
    ----------
    changes
        The parameters changed in the alternative, ``{name: (spec value, new value)}``.
    base, alternative
        The outcome rows under the spec's values and under the changes.
    title
        The model's name.
    """

    changes: Mapping[str, tuple[float, float]]
    base: Row
    alternative: Row
    title: str = ""

    @property
    def outcomes(self) -> list[str]:
        """Every outcome of either row, in order."""
        return list(dict.fromkeys([*self.base, *self.alternative]))

    def difference(self, outcome: str) -> float | None:
        """:math:`y(\\theta) - y(\\theta')` for a numeric outcome, else ``None``."""
        column = resolve_outcome(outcome, self.outcomes)
        a, b = self.base.get(column), self.alternative.get(column)
        return float(a) - float(b) if is_number(a) and is_number(b) else None

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per outcome: its value with the spec's values, the alternative's, the difference."""
        rows: list[dict[str, Any]] = self.to_dict()["outcomes"]
        return rows

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "title": self.title,
            "changes": {k: {"spec": v[0], "alternative": v[1]} for k, v in self.changes.items()},
            "outcomes": [
                {
                    "outcome": c,
                    "spec": self.base.get(c),
                    "alternative": self.alternative.get(c),
                    "difference": self.difference(c),
                }
                for c in self.outcomes
            ],
        }

    def to_table(self) -> str:
        """Side by side: outcome, spec's values, alternative, difference."""
        from bargaining.table import format_table

        shown = ", ".join(f"{k}={v[1]:g}" for k, v in self.changes.items())
        spec = ", ".join(f"{k}={v[0]:g}" for k, v in self.changes.items())
        rows: list[list[Any]] = []
        for c in self.outcomes:
            a, b = self.base.get(c), self.alternative.get(c)
            diff = self.difference(c)
            if diff is None:
                diff_cell: Any = "" if a == b else "changed"
            else:
                diff_cell = diff
            rows.append([c, "-" if a is None else a, "-" if b is None else b, diff_cell])
        title = f"{self.title}: {spec} against {shown}" if self.title else f"{spec} against {shown}"
        return format_table(["outcome", f"spec ({spec})", shown, "difference"], rows, title)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per outcome (the index): spec's values, alternative, difference, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_records(), index="outcome")


def compare(
    model: Any, changes: Mapping[str, float], solution: str = "all", outcomes: Sequence[str] | None = None
) -> Comparison:
    """The outcomes with the spec's parameter values and with ``changes``.

    Parameters
    ----------
    model
        Any spec model.
    changes
        ``{parameter: value}`` for the alternative, e.g. ``{"kursk_held": 0}``.
    solution
        The concept(s) to solve.
    outcomes
        Keep only these outcomes (concept prefix optional); default all.

    Raises
    ------
    RangeError
        For an unknown parameter (with a suggestion); values outside a declared
        range are rejected as by ``with_parameters``.
    """
    if not changes:
        raise InvalidGameError("nothing to compare: give at least one parameter to change, e.g. kursk_held=0")
    spec_values = {name: float(parameter_of(model, name).value) for name in changes}
    model.with_parameters(dict(changes))  # validate the values before solving
    base, alternative = run_points(model, [{}, dict(changes)], solution)
    for row in (base, alternative):
        if "error" in row and len(row) == 1:
            raise InvalidGameError(row["error"])
    if outcomes is not None:
        columns = [resolve_outcome(o, list(dict.fromkeys([*base, *alternative]))) for o in outcomes]
        base = {c: base.get(c) for c in columns}
        alternative = {c: alternative.get(c) for c in columns}
    pairs = {name: (spec_values[name], float(value)) for name, value in changes.items()}
    return Comparison(pairs, base, alternative, getattr(model, "name", "") or "")
