"""A tornado chart: the outcome at the low and high end of each parameter's range, largest swing on top."""

from __future__ import annotations

from typing import Any

from bargaining.plotting.style import PlotError, figure, pretty

__all__ = ["plot_tornado"]

LOW, HIGH = "#1f77b4", "#d62728"


def plot_tornado(result: Any, *, model: Any = None, top: int = 15) -> Any:
    """A tornado chart: the outcome at the low and high end of each parameter's range.

    Parameters
    ----------
    result
        A :class:`~bargaining.sensitivity.tornado.TornadoResult`.
    model
        Unused (kept for a uniform signature).
    top
        Show at most this many parameters (largest swings).

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`bargaining.io.write`.
    """
    from matplotlib.patches import Patch

    bars = list(result.bars)[:top]
    if not bars:
        raise PlotError("the tornado has no bars")
    fig = figure(7.2, 0.42 * len(bars) + 1.6)
    ax = fig.subplots()
    base = result.base
    for k, bar in enumerate(reversed(bars)):
        for value, shade in ((bar.outcome_low, LOW), (bar.outcome_high, HIGH)):
            if value is None:
                continue
            ax.barh(k, value - base, left=base, color=shade, height=0.6, alpha=0.85)
    ax.axvline(base, color="black", lw=1)
    labels = [
        f"{pretty(b.parameter)}  [{b.low:g}, {b.high:g}{' ' + b.unit if b.unit else ''}]"
        for b in reversed(bars)
    ]
    ax.set_yticks(range(len(bars)), labels, fontsize=8)
    ax.set_xlabel(f"{pretty(result.outcome)} (spec's value {base:.3g})")
    ax.legend(
        handles=[
            Patch(color=LOW, label="parameter at the low end of its range"),
            Patch(color=HIGH, label="parameter at the high end of its range"),
        ],
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=2,
        frameon=False,
    )
    ax.grid(axis="x", alpha=0.3)
    title = result.title or "Tornado"
    ax.set_title(
        f"{title}\nwhat moves {pretty(result.outcome)}\n(each parameter over its range, the others "
        "at the spec's values)",
        fontsize=10,
    )
    return fig
