"""A one-parameter sweep: each issue and each party's utility against the parameter.

A line per solution concept, broken where a discrete issue switches level (a
jump, not a slope); discrete issues as steps between their named levels; the
no-agreement region shaded grey.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bargaining.plotting.series import (
    agreement_exists,
    broken,
    isolated,
    shade_no_agreement,
    structure,
    varying,
)
from bargaining.plotting.style import (
    COLORS,
    STYLES,
    PlotError,
    color,
    concept_names,
    figure,
    issue_info,
    pretty,
    wrapped_title,
)

__all__ = ["plot_sweep"]

_UTILITY = "__utility__"


def plot_sweep(result: Any, *, model: Any = None, outcomes: Sequence[str] | None = None) -> Any:
    """Each issue and utility against the swept parameter, a line per concept.

    Parameters
    ----------
    result
        A one-parameter :class:`~bargaining.sensitivity.sweep.SweepResult`.
    model
        The model swept, for the issues' units and level order (optional).
    outcomes
        Plot these outcomes instead (one panel each), e.g. for other kinds.

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`bargaining.io.write` (``.png``, ``.svg``, ``.pdf``).
    """
    if len(result.axes) != 1:
        raise PlotError("plot_sweep draws a one-parameter sweep; use plot_grid for a grid")
    axis = result.axes[0]
    x = np.asarray(axis.values)
    columns = list(result.outcomes)
    concepts, parties, issues = structure(columns)
    if outcomes is None and concepts:
        return _issue_sweep(result, model, x, concepts, parties, issues)
    chosen = [result.outcome(o) for o in outcomes] if outcomes else varying(result, columns)[:6]
    if not chosen:
        raise PlotError("no numeric outcome varies along the sweep; nothing to plot")
    fig = figure(6.4, 2.2 * len(chosen) + 0.6)
    axes = fig.subplots(len(chosen), 1, sharex=True, squeeze=False)[:, 0]
    exists = agreement_exists(result)
    names = concept_names(model)
    for ax, column in zip(axes, chosen, strict=True):
        ax.plot(x, result.column(column), color=COLORS[0], lw=1.8, label=pretty(column, names))
        if exists is not None:
            shade_no_agreement(ax, x, exists, True)
        ax.set_ylabel(pretty(column, names))
        ax.grid(alpha=0.3)
    axes[-1].set_xlabel(pretty(axis.label))
    fig.suptitle(
        wrapped_title(f"{result.title or 'Sweep'}: outcomes against {pretty(axis.name)}", 6.4), fontsize=11
    )
    return fig


def _regimes(result: Any, concepts: list[str], issues: list[str], n: int) -> dict[str, list[Any]]:
    """Per concept, the tuple of discrete levels agreed at each point (``()`` without discrete issues)."""
    discrete = [
        name
        for name in issues
        if any(isinstance(v, str) for c in concepts for v in result.values(f"{c}.{name}"))
    ]
    return {
        c: list(zip(*(result.values(f"{c}.{name}") for name in discrete), strict=True))
        if discrete
        else [()] * n
        for c in concepts
    }


def _issue_sweep(
    result: Any,
    model: Any,
    x: np.ndarray,
    concepts: list[str],
    parties: list[str],
    issues: list[str],
) -> Any:
    info = issue_info(model)
    axis = result.axes[0]
    panels = [*issues, _UTILITY]
    fig = figure(7.6, 1.9 * len(panels) + 1.4)
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    exists = agreement_exists(result)
    shaded = False
    regimes = _regimes(result, concepts, issues, len(x))
    for ax, panel in zip(axes, panels, strict=True):
        if exists is not None:
            shaded = shade_no_agreement(ax, x, exists, False) or shaded
        if panel == _UTILITY:
            _utility_panel(ax, result, x, concepts, parties, regimes)
        else:
            _issue_panel(ax, result, x, concepts, panel, info, regimes)
        ax.grid(alpha=0.3)
    axes[-1].set_xlabel(pretty(axis.label))
    _concept_legend(axes[0], concepts, shaded, concept_names(model))
    title = result.title or "Sweep"
    fig.suptitle(wrapped_title(f"{title}: predicted agreement against {pretty(axis.name)}", 7.6), fontsize=11)
    return fig


def _lines(ax: Any, x: np.ndarray, y: np.ndarray, regimes: list[Any], i: int, **style: Any) -> None:
    """A concept's line, broken at regime switches, with a dot at each point a line cannot show."""
    xs, ys = broken(x, y, regimes)
    ax.plot(xs, ys, color=color(i), lw=1.6, **style)
    lone = isolated(regimes)
    ax.plot(x[lone], y[lone], "o", color=color(i), ms=3)


def _utility_panel(
    ax: Any,
    result: Any,
    x: np.ndarray,
    concepts: list[str],
    parties: list[str],
    regimes: dict[str, list[Any]],
) -> None:
    from matplotlib.lines import Line2D

    for j, party in enumerate(parties):
        style = STYLES[j % len(STYLES)]
        for i, concept in enumerate(concepts):
            _lines(ax, x, result.column(f"{concept}.{party}.utility"), regimes[concept], i, ls=style)
        ax.plot(x, result.column(f"{party}.disagreement"), color="black", ls=style, lw=1.0, alpha=0.7)
    handles = [
        Line2D([], [], color="0.3", ls=STYLES[j % len(STYLES)], label=party)
        for j, party in enumerate(parties)
    ]
    handles.append(Line2D([], [], color="black", lw=1.0, alpha=0.7, label="disagreement\n(no deal: war)"))
    ax.legend(handles=handles, fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.set_ylabel("utility", fontsize=9)


def _issue_panel(
    ax: Any,
    result: Any,
    x: np.ndarray,
    concepts: list[str],
    panel: str,
    info: dict[str, tuple[str, tuple[str, ...] | None, str]],
    regimes: dict[str, list[Any]],
) -> None:
    unit, levels, _ = info.get(panel, ("", None, ""))
    values = [result.values(f"{c}.{panel}") for c in concepts]
    if any(isinstance(v, str) for vs in values for v in vs):
        _level_steps(ax, x, values, levels, len(concepts))
    else:
        for i, concept in enumerate(concepts):
            _lines(ax, x, result.column(f"{concept}.{panel}"), regimes[concept], i)
    ax.set_ylabel(pretty(panel) + (f"\n({unit})" if unit else ""), fontsize=9)


def _level_steps(
    ax: Any, x: np.ndarray, values: list[Any], levels: tuple[str, ...] | None, n_concepts: int
) -> None:
    """A discrete issue: steps between its named levels, the concepts slightly apart."""
    seen = [v for vs in values for v in vs if isinstance(v, str)]
    order = list(levels) if levels else list(dict.fromkeys(seen))
    for i, vs in enumerate(values):
        y = np.array([order.index(v) if isinstance(v, str) and v in order else np.nan for v in vs])
        offset = (i - (n_concepts - 1) / 2) * 0.08
        ax.step(x, y + offset, where="mid", color=color(i), lw=1.6)
    ax.set_yticks(range(len(order)), [pretty(o) for o in order], fontsize=7)
    ax.set_ylim(-0.5, len(order) - 0.5)


def _concept_legend(ax: Any, concepts: list[str], shaded: bool, names: dict[str, str]) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    legend: list[Any] = [
        Line2D([], [], color=color(i), lw=1.6, label=names.get(c, c)) for i, c in enumerate(concepts)
    ]
    if shaded:
        legend.append(Patch(color="0.85", label="no agreement"))
    ax.legend(
        handles=legend,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=len(legend),
        fontsize=8,
        frameon=False,
    )
