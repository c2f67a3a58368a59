"""The path a Raiffa solution takes to the frontier, as a frozen result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["RAIFFA_CONCEPTS", "RaiffaPath"]

#: concept key -> its name in tables (not in ``SOLUTION_CONCEPTS``: ``"all"`` leaves them out)
RAIFFA_CONCEPTS: dict[str, str] = {"raiffa": "Raiffa (discrete)", "raiffa_path": "Raiffa (continuous)"}


@dataclass(frozen=True, slots=True, eq=False)
class RaiffaPath:
    """The points a Raiffa solution passes through on its way to the frontier.

    Attributes
    ----------
    concept
        ``"raiffa"`` (the midpoint iterates :math:`d_0, d_1, \\dots`) or
        ``"raiffa_path"`` (the points the ODE solver stepped to).
    parties
        The parties' names.
    times
        The step numbers :math:`k`, or the times :math:`t` on the path.
    points
        One row per step: :math:`d_k` (or :math:`d(t)`).
    gaps
        :math:`\\max_i (a_i(d_k) - d_{k,i}) / (a_i(d) - d_i)` at each row: how
        far the point is from the frontier, relative to each party's range of
        gains, and a bound on how far the limit is from it.
    converged
        Whether the last gap is below the tolerance.
    """

    concept: str
    parties: tuple[str, ...]
    times: np.ndarray
    points: np.ndarray
    gaps: np.ndarray
    converged: bool

    def __post_init__(self) -> None:
        for attr in ("times", "points", "gaps"):
            arr = np.array(getattr(self, attr), dtype=float)
            arr.flags.writeable = False
            object.__setattr__(self, attr, arr)

    @property
    def steps(self) -> int:
        """The number of midpoint steps (or ODE steps) taken."""
        return len(self.times) - 1

    def to_dict(self) -> dict[str, Any]:
        """Plain floats and lists."""
        return {
            "concept": self.concept,
            "parties": list(self.parties),
            "times": [float(t) for t in self.times],
            "points": [[float(x) for x in row] for row in self.points],
            "gaps": [float(g) for g in self.gaps],
            "converged": self.converged,
        }

    def to_table(self) -> str:
        """A row per step: the time, each party's utility, the gap."""
        from bargaining.table import format_table

        label = "step" if self.concept == "raiffa" else "t"
        rows = [
            [float(t), *map(float, p), float(g)]
            for t, p, g in zip(self.times, self.points, self.gaps, strict=True)
        ]
        return format_table([label, *self.parties, "gap"], rows, title=RAIFFA_CONCEPTS[self.concept])

    def __repr__(self) -> str:
        return f"RaiffaPath({self.concept!r}, {self.steps} steps, gap {float(self.gaps[-1]):.3g})"

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per step of the path: its time, each party's utility, the gap, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(
            {"time": float(t), **dict(zip(self.parties, map(float, p), strict=True)), "gap": float(g)}
            for t, p, g in zip(self.times, self.points, self.gaps, strict=True)
        )
