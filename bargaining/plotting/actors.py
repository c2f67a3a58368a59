"""A stakeholder actor table as a figure: who stands where, how much it cares, how strong it is.

A panel per issue: each actor at its position (x, on the issue's scale, its
ends labelled) and salience (y), the marker's area proportional to its
capability, its name beside it. Each model's forecast (compromise, median,
expected utility, spatial model, Nash; :func:`~bargaining.stakeholders.forecast.forecast`)
is a vertical line with the model's own colour, line style and marker; the
markers sit in a band over the actors, stacked where forecasts coincide, so
that every model stays visible.

This is the spec itself with the solvers' answers on it, for every model.
:func:`bargaining.plotting.positions.plot_positions` (``bargain forecast
--plot``) draws something else: the positions round by round of the models
that simulate rounds (the closed-form models have none).

Marks carry ``gid``\\ s: ``actor:<actor>:<issue>`` (at position, salience;
its size the capability) and ``forecast:<model>:<issue>`` (the line at the forecast).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.plotting.labels import place_tags
from bargaining.plotting.palette import INK, OKABE_ITO
from bargaining.plotting.style import pretty, wrapped_title

__all__ = ["MODEL_MARKS", "levels_used", "plot_actors"]

#: model -> (colour, line style, marker)
MODEL_MARKS = {
    "compromise": (OKABE_ITO[0], "--", "o"),
    "median": (OKABE_ITO[2], ":", "s"),
    "bdm": (OKABE_ITO[5], "-", "^"),
    "smp": (OKABE_ITO[4], "-.", "D"),
    "nash": (OKABE_ITO[6], (0, (5, 1, 1, 1)), "v"),
}
MODEL_NAMES = {
    "compromise": "compromise (weighted mean)",
    "median": "weighted median",
    "bdm": "expected utility (BDM)",
    "smp": "spatial model (KTAB SMP)",
    "nash": "Nash bargaining",
}
ACTOR = "#8a8a8a"
#: Where the band of forecast markers starts (saliences are in [0, 1]).
BAND = 1.06


def plot_actors(table: Any, result: Any = None) -> Any:
    """The actor table, a panel per issue, with every model's forecast marked.

    Parameters
    ----------
    table
        A :class:`~bargaining.model.stakeholders.StakeholderTable`.
    result
        Its :class:`~bargaining.stakeholders.forecast.StakeholderComparison`
        (what ``bargain solve`` prints); solved through :mod:`bargaining.dispatch` if ``None``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if result is None:
        from bargaining.dispatch import solve_model

        result = solve_model(table, "all")
    from bargaining.plotting.style import figure

    issues = list(table.issues)
    cols = 2 if len(issues) > 1 else 1
    rows = -(-len(issues) // cols)
    notes = _notes(result)
    fig = figure(6.0 * cols, 4.3 * rows + 1.0 + 0.17 * len(notes))
    axes = np.atleast_1d(fig.subplots(rows, cols, squeeze=False).ravel())
    top = float(np.max(table.capabilities)) or 1.0
    tags = [
        _issue(ax, table, result, d, issue, top)
        for d, (ax, issue) in enumerate(zip(axes, issues, strict=False))
    ]
    for ax in axes[len(issues) :]:
        ax.set_visible(False)
    _legend(fig, result)
    name = pretty(table.name) if table.name else "A stakeholder table"
    what = (
        "the actor table: position and salience on each issue (marker area = capability); "
        "each model's forecast marked"
    )
    fig.suptitle(wrapped_title(name, 6.0 * cols - 0.5, 11) + "\n" + what, fontsize=10.5)
    if notes:
        text = fig.supxlabel("\n".join(notes), x=0.01, ha="left", fontsize=7.5, color=INK)
        text.set_gid("notes")
    # lay the figure out once, then fix it: the names are placed against the axes' final size
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine("none")
    for ax, names in zip(axes, tags, strict=False):
        place_tags(ax, names, fontsize=7.5)
    return fig


def _issue(ax: Any, table: Any, result: Any, d: int, issue: Any, top: float) -> list[tuple[str, Any, str]]:
    """One issue: the actors as sized points, the forecasts as lines with markers in the band.

    Returns the actors' name tags, placed once the figure is laid out.
    """
    lower, upper = float(issue.lower), float(issue.upper)
    span = upper - lower
    ax.set_xlim(lower - 0.06 * span, upper + 0.06 * span)
    tags = []
    for actor in table.actors:
        x, s = float(actor.positions[d]), float(actor.saliences[d])
        ax.scatter(
            [x],
            [s],
            s=40 + 560 * actor.capability / top,
            color=ACTOR,
            alpha=0.75,
            ec="white",
            lw=0.8,
            zorder=3,
            gid=f"actor:{actor.name}:{issue.name}",
        )
        tags.append((pretty(actor.name), (x, s), actor.name))
    levels = [float(f.outcome[d]) for f in result.forecasts]
    for f, level in zip(result.forecasts, levels_used(levels, span), strict=False):
        colour, style, marker = MODEL_MARKS.get(f.model, ("#555555", "-", "o"))
        x = float(f.outcome[d])
        ax.plot(
            [x, x],
            [-0.06, 1.03],
            color=colour,
            ls=style,
            lw=1.5,
            zorder=2,
            gid=f"forecast:{f.model}:{issue.name}",
        )
        ax.scatter(
            [x], [BAND + 0.07 * level + 0.02], marker=marker, s=42, color=colour, ec=INK, lw=0.5, zorder=4
        )
    ax.set_ylim(-0.06, BAND + 0.07 * max(levels_used(levels, span)) + 0.06)
    ax.axhspan(1.03, ax.get_ylim()[1], color="#f2f2f2", zorder=0, lw=0)
    unit = f" ({issue.unit})" if issue.unit and len(issue.unit) <= 45 else ""
    ax.set_title(wrapped_title(pretty(issue.name) + unit, 5.5, 9.5), fontsize=9.5)
    ends = [
        f"{value:g}" + (f"\n{wrapped_title(label, 2.0, 7.5)}" if label else "")
        for value, label in ((issue.lower, issue.lower_label), (issue.upper, issue.upper_label))
    ]
    ax.set_xticks([lower, upper], ends, fontsize=7.5)
    for label, align in zip(ax.get_xticklabels(), ("left", "right"), strict=True):
        label.set_horizontalalignment(align)
    ax.set_xticks(np.linspace(lower, upper, 5)[1:-1], minor=True)
    ax.tick_params(axis="x", which="minor", labelsize=7, labelbottom=True)
    ax.xaxis.set_minor_formatter("{x:g}")
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_ylabel("salience", fontsize=8.5)
    ax.grid(alpha=0.2, lw=0.5)
    return tags


def levels_used(xs: list[float], span: float) -> list[int]:
    """The band level of each forecast: how many earlier ones lie within 3% of the scale of it."""
    return [sum(1 for other in xs[:k] if abs(other - x) < 0.03 * span) for k, x in enumerate(xs)] or [0]


def _legend(fig: Any, result: Any) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            color=MODEL_MARKS.get(f.model, ("#555555",))[0],
            ls=MODEL_MARKS.get(f.model, ("", "-"))[1],
            marker=MODEL_MARKS.get(f.model, ("", "", "o"))[2],
            mec=INK,
            mew=0.5,
            lw=1.5,
            label=MODEL_NAMES.get(f.model, f.model),
        )
        for f in result.forecasts
    ]
    handles.append(
        Line2D([], [], ls="", marker="o", ms=9, color=ACTOR, alpha=0.75, label="an actor (area = capability)")
    )
    fig.legend(
        handles=handles, loc="outside lower center", ncol=min(len(handles), 3), fontsize=8, frameon=False
    )


def _notes(result: Any) -> list[str]:
    lines = [f"{name}: not run ({why})" for name, why in result.failures]
    lines.extend(
        f"{f.model}: stopped at its round limit while actors still moved ({f.stopped_by})"
        for f in result.forecasts
        if not f.converged
    )
    return [wrapped_title(line, 11.5, 7.5) for line in lines]
