r"""Three or more parties: the solutions in parallel coordinates.

A utility space of three or more dimensions has no faithful picture on paper;
pairwise projections hide how a concept trades one party against the others.
So the figure is a parallel-coordinates view: one vertical axis per party,
each solution a line across them (shifted a little sideways, so that equal
solutions stay visible). Each axis shows the party's share of its
possible gain,

.. math:: g_i = \frac{u_i - d_i}{a_i - d_i},

0 at the disagreement point :math:`d` and 1 at the ideal point :math:`a`, so
the axes are comparable (the Kalai-Smorodinsky solution is the flat line
:math:`g_1 = \dots = g_n`); each axis is labelled with the party's :math:`d_i`
and :math:`a_i`. Where :math:`a_i = d_i` (or there is no ideal point) the raw
gain :math:`u_i - d_i` is shown and the axis says so.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.plotting.labels import agreement_text
from bargaining.plotting.palette import INK, mark
from bargaining.plotting.style import PlotError, concept_names, pretty, wrapped_title
from bargaining.table import format_number

__all__ = ["gain_shares", "plot_parallel"]


def gain_shares(solution: Any) -> tuple[np.ndarray, np.ndarray]:
    """``(g, scaled)``: each party's share of its possible gain, and whether it is scaled by ``a - d``."""
    u = np.asarray(solution.utilities, float)
    d = np.asarray(solution.disagreement_point, float)
    a = np.asarray(solution.ideal_point, float)
    reach = a - d
    scaled = np.isfinite(reach) & (reach > 1e-12 * np.maximum(1.0, np.abs(a)))
    return np.where(scaled, (u - d) / np.where(scaled, reach, 1.0), u - d), scaled


def plot_parallel(problem: Any, solutions: Any, *, ax: Any = None) -> Any:
    """The solutions in parallel coordinates: an axis per party, 0 = disagreement, 1 = ideal.

    Parameters
    ----------
    problem
        The model (for the parties' names and the agreements' units).
    solutions
        Its :class:`~bargaining.solutions.SolutionSet`.
    ax
        Draw into this axes; a new figure if ``None``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not len(solutions):
        raise PlotError("no solution to plot")
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    first = solutions.solutions[0]
    n = len(first.parties)
    if ax is None:
        fig = Figure(figsize=(max(6.5, 1.6 * n + 3.0), 5.6))
        ax = fig.add_axes((0.1, 0.3, 0.86, 0.56))
    else:
        fig = ax.figure
    x = np.arange(n)
    _, scaled = gain_shares(first)
    names = concept_names(problem)
    handles = []
    shift = 0.035 * (np.arange(len(solutions)) - (len(solutions) - 1) / 2)
    for s, dx in zip(solutions, shift, strict=True):
        colour, marker, size = mark(s.concept)
        title = names.get(s.concept, s.concept_name)
        if not s.agreement_exists:
            handles.append(
                Line2D([], [], ls="", marker=marker, mfc="none", color=colour, label=f"{title}: no agreement")
            )
            continue
        g, _ = gain_shares(s)
        ax.plot(
            x + dx,
            g,
            color=colour,
            marker=marker,
            ms=np.sqrt(size),
            lw=1.6,
            mec="white",
            zorder=3,
            gid=f"solution:{s.concept}",
        )
        text = agreement_text(s, problem)
        handles.append(
            Line2D(
                [], [], color=colour, marker=marker, mec="white", label=f"{title}: {text}" if text else title
            )
        )
    for i in range(n):
        ax.axvline(i, color=INK, lw=0.8, zorder=1)
    ax.axhline(0.0, color="#777777", ls=":", lw=0.9, gid="disagreement")
    if scaled.any():
        ax.axhline(1.0, color="#777777", ls="--", lw=0.9, gid="ideal")
    ax.set_xticks(x, _axis_labels(first, scaled), fontsize=8)
    ax.set_xlim(-0.3, n - 0.7)
    ax.set_ylabel("share of the possible gain  (u - d) / (ideal - d)")
    ax.grid(axis="y", alpha=0.25)
    name = getattr(problem, "name", "") or "Bargaining problem"
    ax.set_title(
        wrapped_title(name, 6.0, 11)
        + f"\n{n} parties in parallel coordinates: an axis per party, 0 = disagreement, 1 = ideal point",
        fontsize=10,
    )
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.03, 0.0), fontsize=8, frameon=False)
    return fig


def _axis_labels(first: Any, scaled: np.ndarray) -> list[str]:
    """Each party's name with its disagreement value and ideal point (or "raw gain")."""
    labels = []
    for i, p in enumerate(first.parties):
        d, a = first.disagreement_point[i], first.ideal_point[i]
        what = (
            f"d {format_number(d)}, ideal {format_number(a)}"
            if scaled[i]
            else f"d {format_number(d)} (raw gain)"
        )
        labels.append(f"{pretty(p)}\n{what}")
    return labels
