r"""The bargaining problem in utility space: the feasible set, d, the ideal point and the four solutions.

For two parties (:func:`plot_utility_space`): each piece of the feasible set
shaded (one per combination of discrete levels, coloured in their order), the
Pareto frontier drawn, the disagreement point :math:`d`, the ideal point
:math:`a` (each party's best utility among agreements that leave the other at
least its disagreement value), the Kalai-Smorodinsky segment from :math:`d` to
:math:`a` (the KS solution is where it meets the frontier), and the Nash,
Kalai-Smorodinsky, egalitarian and utilitarian agreements, marked and listed
with their terms. How the set is sampled is in
:mod:`bargaining.plotting.utility_samples`. Three or more parties go to
:func:`bargaining.plotting.parallel.plot_parallel`.

Every mark carries a ``gid`` (``"solution:nash"``, ``"disagreement"``,
``"ideal"``, ``"ks-segment"``, ``"frontier"``, ``"piece:<levels>"``), so a
program (or a test) can read back what was drawn.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.plotting.labels import agreement_text, place_tags
from bargaining.plotting.palette import INK, PIECES_MAP, SHORT_NAMES, mark
from bargaining.plotting.style import PlotError, concept_names, pretty, wrapped_title
from bargaining.plotting.utility_samples import PER_PIECE, UtilitySamples, sample_utilities

__all__ = ["plot_utility_space", "solutions_of"]


def solutions_of(model: Any, solutions: Any = None) -> Any:
    """``solutions``, or the model solved for all four concepts (through :mod:`bargaining.dispatch`)."""
    if solutions is not None:
        return solutions
    from bargaining.dispatch import solve_model

    return solve_model(model, "all")


def plot_utility_space(
    problem: Any,
    solutions: Any = None,
    *,
    ax: Any = None,
    per_piece: int = PER_PIECE,
    agreements: bool = True,
) -> Any:
    """The feasible set in utility space with the disagreement point, the ideal point and the solutions.

    Parameters
    ----------
    problem
        A two-party :class:`~bargaining.model.BargainingProblem`,
        :class:`~bargaining.model.utility_space.Frontier` or
        :class:`~bargaining.model.utility_space.UtilitySet`. With three or
        more parties the figure is the parallel-coordinates view of
        :func:`~bargaining.plotting.parallel.plot_parallel`.
    solutions
        The :class:`~bargaining.solutions.SolutionSet` of ``problem`` (from
        :func:`bargaining.solve_all`); solved here if ``None``.
    ax
        Draw into this axes (its figure is returned); a new figure if ``None``.
    per_piece
        Samples of the issue space per piece of the feasible set.
    agreements
        List each solution's terms and utilities under the axes; ``False``
        for a compact figure (half the text, so a third faster to render:
        a live page that shows the agreement table beside it).

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`bargaining.io.write`. No pyplot state is touched.
    """
    solutions = solutions_of(problem, solutions)
    parties = tuple(getattr(problem, "party_names", ()))
    if len(parties) != 2:
        from bargaining.plotting.parallel import plot_parallel

        return plot_parallel(problem, solutions, ax=ax)
    if not len(solutions):
        raise PlotError("no solution to plot")
    samples = sample_utilities(problem, per_piece)
    own = ax is None
    if ax is None:
        fig = fixed_figure(7.8, 6.4 if agreements else 5.2)
        ax = fig.add_axes((0.09, 0.24, 0.62, 0.66) if agreements else (0.09, 0.1, 0.62, 0.78))
    else:
        fig = ax.figure
    geometry = _draw_set(ax, samples)
    first = solutions.solutions[0]
    d, ideal = np.asarray(first.disagreement_point, float), np.asarray(first.ideal_point, float)
    geometry += _draw_points(ax, d, ideal)
    marked = _draw_solutions(ax, solutions, problem, agreements)
    _set_limits(ax, samples, d, ideal, [s.utilities for s in solutions if s.agreement_exists])
    _tags(ax, solutions, d, ideal)
    ax.set_xlabel(f"utility of {pretty(parties[0])}")
    ax.set_ylabel(f"utility of {pretty(parties[1])}")
    ax.grid(alpha=0.25, lw=0.6)
    name = getattr(problem, "name", "") or "Bargaining problem"
    ax.set_title(wrapped_title(name, 5.5, 11) + "\nthe feasible set in utility space", fontsize=11)
    if own and not agreements:
        fig.legend(
            handles=geometry + marked,
            loc="upper left",
            bbox_to_anchor=(0.725, 0.9),
            fontsize=8,
            frameon=False,
        )
    else:
        _legends(fig, ax, geometry, marked, own)
    _notes(ax, samples, solutions)
    return fig


def _tags(ax: Any, solutions: Any, d: np.ndarray, ideal: np.ndarray) -> None:
    """Short names next to the marks: Nash, KS, egal., util., d, ideal."""
    tags = [
        (SHORT_NAMES.get(s.concept, s.concept), s.utilities, s.concept)
        for s in solutions
        if s.agreement_exists
    ]
    tags.append(("d", d, "d"))
    if np.all(np.isfinite(ideal)):
        tags.append(("ideal", ideal, "ideal"))
    place_tags(ax, tags)


def fixed_figure(width: float, height: float) -> Any:
    """A blank figure without a layout engine: the axes and legends sit where they are put.

    A layout engine measures every text on each draw, which costs more than
    the rest of the figure; a fixed layout keeps a redraw (a slider moved) fast.
    """
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def _draw_set(ax: Any, samples: UtilitySamples) -> list[Any]:
    """Shade the pieces and draw the frontier; the legend handles."""
    from matplotlib import colormaps
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = []
    pieces = [p for p in samples.pieces if len(p.points)]
    if samples.discrete:
        pts = samples.points
        ax.scatter(pts[:, 0], pts[:, 1], s=30, color="#9a9a9a", zorder=3, gid="outcomes", label="outcomes")
        handles.append(Line2D([], [], ls="", marker="o", color="#9a9a9a", label="an outcome (no lotteries)"))
    else:
        cmap = colormaps[PIECES_MAP]
        many = len(pieces) > 8
        for k, piece in enumerate(pieces):
            shade = cmap(0.15 + 0.75 * k / max(1, len(pieces) - 1)) if len(pieces) > 1 else "#56B4E9"
            if len(piece.hull) >= 3:
                ax.fill(
                    *piece.hull.T,
                    color=shade,
                    alpha=0.28,
                    lw=0.8,
                    ec=shade,
                    zorder=1,
                    gid=f"piece:{piece.label}",
                )
            else:
                ax.plot(*piece.hull.T, color=shade, lw=2, zorder=1, gid=f"piece:{piece.label}")
            if not many:
                handles.append(Patch(color=shade, alpha=0.45, label=pretty(piece.label) or "feasible set"))
        if many:
            handles.append(
                Patch(color=cmap(0.5), alpha=0.45, label=f"{len(pieces)} pieces (level combinations)")
            )
    for k, run in enumerate(samples.frontier):
        if samples.discrete:
            ax.scatter(*run.T, s=46, facecolors="none", edgecolors=INK, lw=1.1, zorder=4, gid="frontier")
        else:
            ax.plot(*run.T, color=INK, lw=1.6, zorder=2, gid="frontier" if k == 0 else "frontier-run")
    if samples.frontier:
        handles.append(
            Line2D([], [], ls="", marker="o", mfc="none", color=INK, label="Pareto optimal")
            if samples.discrete
            else Line2D([], [], color=INK, lw=1.6, label="Pareto frontier")
        )
    return handles


def _draw_points(ax: Any, d: np.ndarray, ideal: np.ndarray) -> list[Any]:
    from matplotlib.lines import Line2D

    handles = []
    if np.all(np.isfinite(ideal)):
        ax.plot(
            [d[0], ideal[0]], [d[1], ideal[1]], ls="--", color="#555555", lw=1.0, zorder=2, gid="ks-segment"
        )
        ax.scatter(
            [ideal[0]],
            [ideal[1]],
            marker="*",
            s=130,
            color="white",
            edgecolors=INK,
            lw=1.0,
            zorder=5,
            gid="ideal",
        )
        handles.append(
            Line2D([], [], ls="--", color="#555555", lw=1.0, label="d to ideal (Kalai-Smorodinsky)")
        )
        handles.append(Line2D([], [], ls="", marker="*", ms=11, mfc="white", color=INK, label="ideal point"))
    ax.scatter([d[0]], [d[1]], marker="X", s=80, color=INK, zorder=5, gid="disagreement")
    handles.append(Line2D([], [], ls="", marker="X", ms=8, color=INK, label="disagreement point d"))
    return handles


def _draw_solutions(ax: Any, solutions: Any, problem: Any, agreements: bool) -> list[Any]:
    from matplotlib.lines import Line2D

    names = concept_names(problem)
    handles = []
    for s in solutions:
        colour, marker, size = mark(s.concept)
        title = names.get(s.concept, s.concept_name)
        if not s.agreement_exists:
            handles.append(
                Line2D([], [], ls="", marker=marker, mfc="none", color=colour, label=f"{title}: no agreement")
            )
            continue
        u = np.asarray(s.utilities, float)
        ax.scatter(
            [u[0]],
            [u[1]],
            marker=marker,
            s=size,
            color=colour,
            edgecolors="white",
            lw=0.9,
            zorder=6,
            gid=f"solution:{s.concept}",
        )
        if not agreements:  # compact: the name only
            label = title
        else:
            text = agreement_text(s, problem)
            label = (f"{title}: {text}" if text else title) + f"  (u = {u[0]:.4g}, {u[1]:.4g})"
        handles.append(Line2D([], [], ls="", marker=marker, ms=7, mec="white", color=colour, label=label))
    return handles


def _set_limits(ax: Any, samples: UtilitySamples, d: np.ndarray, ideal: np.ndarray, marks: list[Any]) -> None:
    parts = [samples.points, d[None, :]] + [np.asarray(m, float)[None, :] for m in marks]
    if np.all(np.isfinite(ideal)):
        parts.append(ideal[None, :])
    pts = np.vstack([p for p in parts if len(p)])
    pts = pts[np.all(np.isfinite(pts), axis=1)]
    low, high = pts.min(axis=0), pts.max(axis=0)
    span = np.where(high - low > 0, high - low, np.maximum(1.0, np.abs(high)))
    ax.set_xlim(low[0] - 0.06 * span[0], high[0] + 0.08 * span[0])
    ax.set_ylim(low[1] - 0.06 * span[1], high[1] + 0.08 * span[1])


def _legends(fig: Any, ax: Any, geometry: list[Any], marked: list[Any], own: bool) -> None:
    """The set's legend on the right and the agreements' below (inside the axes' box if drawn into ``ax``)."""
    if own:
        fig.legend(handles=geometry, loc="upper left", bbox_to_anchor=(0.725, 0.9), fontsize=8, frameon=False)
        fig.legend(handles=marked, loc="lower left", bbox_to_anchor=(0.03, 0.0), fontsize=8, frameon=False)
        return
    shapes = ax.legend(handles=geometry, loc="lower left", fontsize=7, framealpha=0.8)
    ax.add_artist(shapes)
    ax.legend(handles=marked, loc="upper right", fontsize=7, framealpha=0.8)


def _notes(ax: Any, samples: UtilitySamples, solutions: Any) -> None:
    lines = [samples.note] if samples.note else []
    blocked = [s for s in solutions if not s.agreement_exists]
    if blocked:
        lines.append(
            f"no agreement beats disagreement for every party; blocked by {', '.join(blocked[0].blocking)}"
        )
    if lines:
        ax.text(
            0.01,
            0.01,
            "\n".join(lines),
            transform=ax.transAxes,
            fontsize=7.5,
            color="#a02c00",
            va="bottom",
            gid="note",
        )
