"""What every figure shares: colours, line styles, labels, the blank figure, :class:`PlotError`."""

from __future__ import annotations

from typing import Any

from bargaining.errors import InvalidGameError

__all__ = ["COLORS", "CONCEPT_NAMES", "STYLES", "PlotError", "color", "figure", "issue_info", "pretty"]

CONCEPT_NAMES = {
    "nash": "Nash",
    "ks": "Kalai-Smorodinsky",
    "egalitarian": "egalitarian",
    "utilitarian": "utilitarian",
}
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"]
STYLES = ["-", "--", ":", "-."]


class PlotError(InvalidGameError):
    """A figure that cannot be made (nothing to plot, a result of the wrong shape)."""


def color(i: int) -> str:
    """The ``i``-th colour of the palette (cycling)."""
    return COLORS[i % len(COLORS)]


def figure(width: float, height: float) -> Any:
    """A blank :class:`matplotlib.figure.Figure` (constrained layout, no pyplot state)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def pretty(name: str) -> str:
    """A column or parameter name for a label: ``nash.ukraine.gain`` -> ``Nash: ukraine gain``."""
    head, sep, rest = name.partition(".")
    if sep and head in CONCEPT_NAMES:
        return f"{CONCEPT_NAMES[head]}: {rest.replace('.', ' ').replace('_', ' ')}"
    return name.replace(".", " ").replace("_", " ")


def issue_info(model: Any) -> dict[str, tuple[str, tuple[str, ...] | None, str]]:
    """``{issue: (unit, level names or None, description)}`` of an issue-space model."""
    out: dict[str, tuple[str, tuple[str, ...] | None, str]] = {}
    for issue in getattr(model, "issues", ()) or ():
        levels = getattr(issue, "level_names", None)
        out[issue.name] = (
            getattr(issue, "unit", ""),
            tuple(levels) if levels else None,
            getattr(issue, "description", ""),
        )
    return out
