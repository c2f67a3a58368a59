"""Positions over rounds: one panel per issue, a line per actor, the forecasts as dashed lines."""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.plotting.style import PlotError, figure

__all__ = ["plot_positions"]


def plot_positions(comparison: Any) -> Any:
    """Each actor's position over the rounds of the simulation models, per issue.

    Parameters
    ----------
    comparison
        A :class:`~bargaining.stakeholders.forecast.StakeholderComparison`.
        The first simulation (a model with rounds) gives the lines; every
        model's forecast is a dashed horizontal line.

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`bargaining.io.write`.
    """
    forecasts = list(comparison.forecasts)
    if not forecasts:
        raise PlotError("no forecast to plot")
    runs = [f for f in forecasts if f.num_rounds > 0] or forecasts[:1]
    run = runs[0]
    issues = list(run.issues)
    cols = 2 if len(issues) > 1 else 1
    rows = -(-len(issues) // cols)
    fig = figure(5.0 * cols, 3.4 * rows + 0.6)
    axes = np.atleast_1d(fig.subplots(rows, cols, squeeze=False).ravel())
    steps = np.arange(run.history.shape[0])
    for d, (ax, issue) in enumerate(zip(axes, issues, strict=False)):
        for i, actor in enumerate(run.actors):
            ax.plot(steps, run.history[:, i, d], marker="." if len(steps) < 30 else None, label=actor)
        for k, f in enumerate(forecasts):
            ax.axhline(f.outcome[d], linestyle="--", linewidth=1, color=f"C{(k + 3) % 10}", alpha=0.7)
            ax.annotate(f.model, (steps[-1], f.outcome[d]), fontsize=7, ha="right", va="bottom")
        ax.set_title(issue)
        ax.set_xlabel("round")
        ax.set_ylabel("position")
    for ax in axes[len(issues) :]:
        ax.set_visible(False)
    axes[0].legend(fontsize=7, ncol=2)
    fig.suptitle(f"Positions over the rounds of {run.model}; dashed: each model's forecast")
    return fig
