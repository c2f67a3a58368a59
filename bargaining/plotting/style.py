"""What every figure shares: colours, line styles, labels, the blank figure, :class:`PlotError`."""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.errors import BargainingError, InvalidGameError

__all__ = [
    "COLORS",
    "CONCEPT_NAMES",
    "STYLES",
    "PlotError",
    "color",
    "concept_names",
    "figure",
    "issue_info",
    "pretty",
    "wrapped_title",
]

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


def concept_names(model: Any = None) -> dict[str, str]:
    """The concepts' names as the tables print them for ``model``: ``asymmetric Nash`` for unequal powers.

    The powers are taken at the spec's parameter values (as ``bargain solve``
    names the concepts); without a model, or for a kind without powers, the
    plain names of :data:`CONCEPT_NAMES`.
    """
    names = dict(CONCEPT_NAMES)
    powers = getattr(model, "bargaining_powers", None)
    if not callable(powers):
        return names
    try:
        weights = np.asarray(powers(), dtype=float)
    except (BargainingError, ArithmeticError, ValueError, TypeError):
        return names
    from bargaining.solutions.base import concept_name

    return {concept: concept_name(concept, weights) for concept in names}


def wrapped_title(text: str, width_inches: float, fontsize: float = 11) -> str:
    """``text`` broken into lines that fit a figure ``width_inches`` wide (about 0.55 em per character)."""
    import textwrap

    chars = max(20, int(width_inches * 72 / (0.55 * fontsize)))
    return textwrap.fill(text, chars, break_on_hyphens=False)


def pretty(name: str, names: dict[str, str] | None = None) -> str:
    """A column or parameter name for a label: ``nash.ukraine.gain`` -> ``Nash: ukraine gain``.

    ``names``: the concepts' names (default :data:`CONCEPT_NAMES`; see :func:`concept_names`).
    """
    names = CONCEPT_NAMES if names is None else names
    head, sep, rest = name.partition(".")
    if sep and head in names:
        return f"{names[head]}: {rest.replace('.', ' ').replace('_', ' ')}"
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
