"""A two-parameter grid: a heatmap of one outcome (categorical for a discrete issue), no agreement in grey."""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.plotting.series import agreement_exists, structure, varying
from bargaining.plotting.style import (
    PlotError,
    color,
    concept_names,
    figure,
    issue_info,
    pretty,
    wrapped_title,
)

__all__ = ["plot_grid"]


def plot_grid(result: Any, *, outcome: str | None = None, model: Any = None) -> Any:
    """A heatmap of one outcome over a two-parameter grid; no agreement in grey.

    Contour lines are drawn where the outcome is continuous (no discrete issue
    switches level inside the grid).

    Parameters
    ----------
    result
        A two-parameter :class:`~bargaining.sensitivity.sweep.SweepResult`.
    outcome
        The outcome to show; default the first concept's first issue.
    model
        The model, for the issue's unit and level order (optional).

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`bargaining.io.write`.
    """
    if len(result.axes) != 2:
        raise PlotError("plot_grid draws a two-parameter grid")
    column = result.outcome(outcome if outcome is not None else _default_outcome(result))
    ax_y, ax_x = result.axes  # rows: first parameter; columns: second
    raw = np.array(result.values(column), dtype=object).reshape(result.shape)
    fig = figure(6.6, 5.0)
    ax = fig.subplots()
    x, y = np.asarray(ax_x.values), np.asarray(ax_y.values)
    unit, levels, _ = issue_info(model).get(column.split(".", 1)[-1], ("", None, ""))
    if any(isinstance(v, str) for v in raw.ravel()):
        bar = _levels_heatmap(fig, ax, x, y, raw, levels, result.shape)
    else:
        bar = _numeric_heatmap(fig, ax, x, y, result, column)
    names = concept_names(model)
    bar.set_label(pretty(column, names) + (f" ({unit})" if unit else ""))
    _shade_missing(ax, x, y, result)
    ax.set_xlabel(pretty(ax_x.label))
    ax.set_ylabel(pretty(ax_y.label))
    what = f"{pretty(column, names)} over {pretty(ax_y.name)} and {pretty(ax_x.name)}"
    ax.set_title(
        wrapped_title(result.title or "Grid", 5.0, 10) + "\n" + wrapped_title(what, 5.0, 10), fontsize=10
    )
    return fig


def _default_outcome(result: Any) -> str:
    columns = list(result.outcomes)
    concepts, _, issues = structure(columns)
    numeric = varying(result, columns)
    outcome = f"{concepts[0]}.{issues[0]}" if concepts and issues else (numeric[0] if numeric else None)
    if outcome is None:
        raise PlotError("no outcome to plot; give one")
    return outcome


def _levels_heatmap(
    fig: Any,
    ax: Any,
    x: np.ndarray,
    y: np.ndarray,
    raw: np.ndarray,
    levels: tuple[str, ...] | None,
    shape: tuple[int, ...],
) -> Any:
    """A discrete issue: a colour per level, in the spec's order, with a labelled colour bar."""
    from matplotlib.colors import BoundaryNorm, ListedColormap

    seen = [v for v in raw.ravel() if isinstance(v, str)]
    order = list(levels) if levels else list(dict.fromkeys(seen))
    order = [o for o in order if o in seen] or order
    codes = np.array([order.index(v) if isinstance(v, str) and v in order else np.nan for v in raw.ravel()])
    z = codes.reshape(shape)
    cmap = ListedColormap([color(i) for i in range(len(order))])
    norm = BoundaryNorm(np.arange(len(order) + 1) - 0.5, len(order))
    mesh = ax.pcolormesh(x, y, np.ma.masked_invalid(z), cmap=cmap, norm=norm, shading="nearest")
    bar = fig.colorbar(mesh, ax=ax, ticks=range(len(order)))
    bar.ax.set_yticklabels([pretty(o) for o in order], fontsize=8)
    return bar


def _numeric_heatmap(fig: Any, ax: Any, x: np.ndarray, y: np.ndarray, result: Any, column: str) -> Any:
    """A continuous outcome: viridis, and contour lines unless a discrete issue switches level (a jump)."""
    z = result.column(column)
    mesh = ax.pcolormesh(x, y, np.ma.masked_invalid(z), cmap="viridis", shading="nearest")
    bar = fig.colorbar(mesh, ax=ax)
    head = column.split(".", 1)[0]
    jumps = any(
        len({v for v in result.values(c) if isinstance(v, str)}) > 1
        for c in result.outcomes
        if c.startswith(head + ".") and any(isinstance(v, str) for v in result.values(c))
    )
    if not jumps and np.isfinite(z).sum() > 3 and np.ptp(z[np.isfinite(z)]) > 0:
        contours = ax.contour(x, y, z, levels=6, colors="white", linewidths=0.7)
        ax.clabel(contours, fontsize=7, fmt="%.3g")
    return bar


def _shade_missing(ax: Any, x: np.ndarray, y: np.ndarray, result: Any) -> None:
    """Grey cells where no agreement exists, with a legend entry."""
    exists = agreement_exists(result)
    if exists is None:
        return
    missing = ~exists.reshape(result.shape)
    if not missing.any():
        return
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    ax.pcolormesh(
        x,
        y,
        np.ma.masked_where(~missing, np.ones(result.shape)),
        cmap=ListedColormap(["0.8"]),
        shading="nearest",
    )
    ax.legend(handles=[Patch(color="0.8", label="no agreement")], loc="upper right", fontsize=8)
