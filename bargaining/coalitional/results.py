"""Results of the coalitional solvers: an allocation (a value, the nucleolus) with how it was found."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from bargaining.table import format_table

__all__ = ["Allocation", "fraction_text"]


def fraction_text(x: Fraction) -> str:
    """``"1/3"``, or ``"2"`` for an integer."""
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


@dataclass(frozen=True, slots=True)
class Allocation:
    """A payoff vector a solution concept gives the players.

    Attributes
    ----------
    concept
        ``"shapley"``, ``"banzhaf"``, ``"nucleolus"``, ``"prenucleolus"``,
        ``"shapley_shubik"``, ``"banzhaf_index"``, ``"least_core"``, a claims rule, ...
    players
        The players' names.
    payoffs
        One number per player.
    exact
        The payoffs as exact fractions where they were computed (or confirmed)
        in rational arithmetic, else ``None``.
    estimate
        ``True`` for a sampling estimate: ``payoffs`` are means, with
        ``standard_errors`` and ``confidence_intervals``.
    samples
        The number of sampled permutations (estimates only).
    note
        How it was computed, and any caveat.
    """

    concept: str
    players: tuple[str, ...]
    payoffs: tuple[float, ...]
    exact: tuple[Fraction, ...] | None = None
    estimate: bool = False
    standard_errors: tuple[float, ...] | None = None
    confidence_intervals: tuple[tuple[float, float], ...] | None = None
    confidence: float = 0.95
    samples: int = 0
    note: str = ""

    def __getitem__(self, player: str | int) -> float:
        index = player if isinstance(player, int) else self.players.index(player)
        return self.payoffs[index]

    def to_dict(self) -> dict[str, Any]:
        """Plain floats, strings and lists."""
        out: dict[str, Any] = {
            "concept": self.concept,
            "players": list(self.players),
            "payoffs": dict(zip(self.players, self.payoffs, strict=True)),
            "exact": None if self.exact is None else [fraction_text(x) for x in self.exact],
            "estimate": self.estimate,
            "note": self.note or None,
        }
        if self.estimate and self.standard_errors is not None and self.confidence_intervals is not None:
            out["samples"] = self.samples
            out["confidence"] = self.confidence
            out["standard_errors"] = list(self.standard_errors)
            out["confidence_intervals"] = [list(ci) for ci in self.confidence_intervals]
        return out

    def to_table(self) -> str:
        """A table: a row per player."""
        rows: list[list[Any]] = []
        for i, p in enumerate(self.players):
            row: list[Any] = [p, self.payoffs[i]]
            if self.exact is not None:
                row.append(fraction_text(self.exact[i]))
            if self.confidence_intervals is not None:
                lo, hi = self.confidence_intervals[i]
                row.append(f"[{lo:.4g}, {hi:.4g}]")
            rows.append(row)
        header = ["player", self.concept]
        if self.exact is not None:
            header.append("exact")
        if self.confidence_intervals is not None:
            header.append(f"{self.confidence:.0%} interval")
        title = (
            f"{self.concept} ({'estimate, ' + str(self.samples) + ' samples' if self.estimate else 'exact'})"
        )
        text = format_table(header, rows, title)
        return text + (f"\n{self.note}" if self.note else "")

    def __repr__(self) -> str:
        shown = ", ".join(f"{p}={x:.4g}" for p, x in zip(self.players, self.payoffs, strict=True))
        return f"Allocation({self.concept}{' estimate' if self.estimate else ''}: {shown})"

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per player: the payoff, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(
            ({"player": p, self.concept: float(x)} for p, x in zip(self.players, self.payoffs, strict=True)),
            index="player",
        )
