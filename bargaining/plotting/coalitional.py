"""A coalitional game as a figure: what each solution concept gives each player, and the core's verdict.

Grouped bars, a group per player and a bar per column of ``bargain solve``'s
table (:meth:`~bargaining.coalitional.solve.CoalitionalSolution.columns`):
the Shapley value, the Banzhaf value, the nucleolus, claims rules where the
game has claims, and for a weighted voting game the Shapley-Shubik and
Banzhaf power indices (hatched: shares of power, summing to 1, not payoffs).
Sampling estimates get their confidence intervals as error bars. The title
says whether the core is empty; the legend says which allocation lies in it.

Every bar carries ``gid="bar:<concept>:<player>"`` and its height is the
solver's number; the legend entries ``gid="concept:<concept>"``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.plotting.palette import INK, OKABE_ITO
from bargaining.plotting.style import PlotError, pretty, wrapped_title
from bargaining.table import format_number

__all__ = ["MAX_BARS", "NAMES", "plot_coalitional"]

#: The most bars (players times concepts) a readable figure holds.
MAX_BARS = 160
#: How the concepts are named in the legend.
NAMES = {
    "shapley": "Shapley value",
    "banzhaf": "Banzhaf value",
    "nucleolus": "nucleolus",
    "prenucleolus": "prenucleolus",
    "least_core": "least core",
    "shapley_shubik": "Shapley-Shubik index",
    "banzhaf_index": "Banzhaf index (normalised)",
    "proportional": "proportional rule",
    "cea": "constrained equal awards",
    "cel": "constrained equal losses",
    "talmud": "Talmud rule",
}
POWER = ("shapley_shubik", "banzhaf_index")
COLOURS = (OKABE_ITO[4], OKABE_ITO[0], OKABE_ITO[2], OKABE_ITO[6], OKABE_ITO[1], OKABE_ITO[5], OKABE_ITO[3])


def plot_coalitional(game: Any, result: Any = None, *, ax: Any = None) -> Any:
    """Each player's payoff under each solution concept, the power indices, and the core.

    Parameters
    ----------
    game
        A :class:`~bargaining.model.coalitional.CoalitionalGame`.
    result
        Its :class:`~bargaining.coalitional.solve.CoalitionalSolution`; solved
        through :mod:`bargaining.dispatch` if ``None``.
    ax
        Draw into this axes (the title and notes then go on it); a new figure if ``None``.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    PlotError
        With more than :data:`MAX_BARS` bars (use ``bargain solve``'s table).
    """
    if result is None:
        from bargaining.dispatch import solve_model

        result = solve_model(game, "all")
    columns = result.columns()
    players = tuple(result.game.players)
    if len(columns) * len(players) > MAX_BARS:
        raise PlotError(
            f"{len(players)} players and {len(columns)} concepts make {len(columns) * len(players)} bars, "
            f"more than the {MAX_BARS} a readable figure holds; use bargain solve for the table"
        )
    from bargaining.plotting.style import figure

    width = min(16.0, max(8.5, 5.0 + 0.16 * len(columns) * len(players) + 0.35 * len(players)))
    notes = _notes(result)
    own = ax is None
    fig = figure(width, 5.2 + 0.17 * len(notes)) if own else ax.figure
    ax = fig.subplots() if own else ax
    _bars(ax, result, columns, players)
    x = np.arange(len(players))
    ax.axhline(0, color=INK, lw=0.8)
    top = max(max(float(v) for v in values) for _, values in columns)
    ax.set_ylim(top=(1.15 if own else 1.75) * top if top > 0 else 1.0)
    ax.set_xticks(x, [pretty(p) for p in players], fontsize=9)
    ax.set_xlim(-0.55, len(players) - 0.45)
    ax.set_ylabel("payoff (power indices: share of power)" if result.power is not None else "payoff")
    ax.grid(axis="y", alpha=0.25, lw=0.6)
    _legend(ax, result, columns, own)
    title = f"{result.game.name}" if getattr(result.game, "name", "") else "A coalitional game"
    if not own:
        ax.set_title(
            wrapped_title(title, 5.0, 10) + "\n" + wrapped_title(_verdict(result), 5.0, 8), fontsize=8.5
        )
        if notes:
            ax.text(0.01, 0.99, "\n".join(notes), transform=ax.transAxes, va="top", fontsize=7, gid="notes")
        return fig
    fig.suptitle(wrapped_title(title, width - 0.5, 11) + "\n" + _verdict(result), fontsize=10.5)
    if notes:
        text = fig.supxlabel("\n".join(notes), x=0.01, ha="left", fontsize=7.5, color=INK)
        text.set_gid("notes")
    return fig


def _bars(ax: Any, result: Any, columns: list[tuple[str, Any]], players: tuple[str, ...]) -> None:
    """A bar per concept and player (numbers over them when few), error bars for estimates."""
    estimates = {a.concept: a for a in result.allocations if a.estimate and a.confidence_intervals}
    step = 0.8 / len(columns)
    label_bars = len(columns) * len(players) <= 60
    x = np.arange(len(players))
    for c, (concept, values) in enumerate(columns):
        colour = COLOURS[c % len(COLOURS)]
        offsets = x - 0.4 + step * (c + 0.5)
        hatch = "///" if concept in POWER else ""
        for i, player in enumerate(players):
            ax.bar(
                [offsets[i]],
                [values[i]],
                width=step * 0.92,
                color=colour,
                hatch=hatch,
                ec="white",
                lw=0.5,
                gid=f"bar:{concept}:{player}",
            )
            if label_bars:
                value = float(values[i])
                ax.annotate(
                    format_number(value, 3),
                    (offsets[i], max(value, 0.0)),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    rotation=90,
                    fontsize=6.5,
                    color="#333333",
                )
        if concept in estimates:
            low, high = np.array(estimates[concept].confidence_intervals, float).T
            mid = np.asarray(values, float)
            ax.errorbar(offsets, mid, yerr=[mid - low, high - mid], fmt="none", ecolor=INK, lw=0.9, capsize=2)


def _verdict(result: Any) -> str:
    """The core's status, for the title."""
    core = result.core
    if core is None:
        return "what each solution concept gives each player (the core was not computed: too many players)"
    state = "non-empty" if core.non_empty else "empty"
    exact = ", confirmed exactly" if core.confirmed else ""
    return (
        f"what each solution concept gives each player; the core is {state} "
        f"(least-core epsilon {format_number(core.least_core_epsilon)}{exact})"
    )


def _legend(ax: Any, result: Any, columns: list[tuple[str, Any]], outside: bool = True) -> None:
    from matplotlib.patches import Patch

    handles = []
    for c, (concept, _) in enumerate(columns):
        name = NAMES.get(concept, pretty(concept))
        if concept in result.in_core:
            name += ": in the core" if result.in_core[concept] else ": not in the core"
        elif concept in POWER:
            name += " (power, sums to 1)"
        handles.append(
            Patch(
                fc=COLOURS[c % len(COLOURS)], hatch="///" if concept in POWER else "", ec="white", label=name
            )
        )
    where = (
        {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0), "frameon": False}
        if outside
        else {"loc": "upper right", "framealpha": 0.9}
    )
    legend = ax.legend(handles=handles, fontsize=8, **where)
    for handle, (concept, _) in zip(legend.get_patches(), columns, strict=True):
        handle.set_gid(f"concept:{concept}")


def _notes(result: Any) -> list[str]:
    core = result.core
    lines = []
    if core is not None:
        lines.append(
            f"Superadditive: {'yes' if core.superadditive else 'no'}; "
            f"convex: {'yes' if core.convex else 'no'}."
        )
    lines.extend(wrapped_title(n, 14, 7.5) for n in result.notes)
    return lines
