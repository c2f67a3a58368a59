"""Fan charts of simulated paths of the war and the talks (``bargain simulate --plot``).

Two panels over the periods: the state of the war (the 5-95% and 25-75% bands
of the state's position in the spec's list of states, and the median) and the
deal (the same bands of the first party's share among the runs agreed by then,
with the share of runs agreed on a second axis). The bands are read off the
:class:`~bargaining.dynamic.SimulationResult` by :func:`fan_series`, which
draws nothing and is tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.plotting.style import PlotError, color, figure

__all__ = ["BANDS", "FanSeries", "fan_series", "plot_simulation"]

BANDS = (0.05, 0.25, 0.5, 0.75, 0.95)
"""The quantiles the fan chart draws: two bands and the median."""


@dataclass(frozen=True, slots=True, eq=False)
class FanSeries:
    """The numbers a fan chart draws, one row per period.

    Attributes
    ----------
    state
        (periods, 5): the :data:`BANDS` quantiles of the state's index.
    deal
        (periods, 5): the quantiles of the first party's share among the runs
        agreed by the end of the period (``nan`` before any agreement).
    agreed
        (periods,): the share of runs agreed by the end of each period.
    """

    state: np.ndarray
    deal: np.ndarray
    agreed: np.ndarray


def _cdf_quantiles(shares: np.ndarray) -> np.ndarray:
    """The :data:`BANDS` quantiles of an index distributed as ``shares`` (the inverse CDF)."""
    cdf = np.cumsum(shares) / max(float(shares.sum()), 1e-300)
    return np.array([int(np.searchsorted(cdf, q - 1e-12)) for q in BANDS], dtype=float)


def fan_series(result: Any) -> FanSeries:
    """The bands of the state and of the deal in each period of a simulation.

    Raises
    ------
    PlotError
        If the result has no periods or no runs.
    """
    if result.periods < 1 or result.runs < 1:
        raise PlotError("the simulation has no periods or no runs; nothing to plot")
    state = np.array([_cdf_quantiles(row) for row in result.occupancy])
    deal = np.full((result.periods, len(BANDS)), np.nan)
    when, share = result.agreement_period, result.deal[:, 0]
    for t in range(result.periods):
        agreed = share[(when >= 0) & (when <= t)]
        if len(agreed):
            deal[t] = np.quantile(agreed, BANDS)
    return FanSeries(state=state, deal=deal, agreed=np.asarray(result.share_agreed_by_period, float))


def _fan(ax: Any, x: np.ndarray, bands: np.ndarray, shade: str, label: str) -> None:
    steps = {"step": "mid", "lw": 0, "color": shade}
    ax.fill_between(x, bands[:, 0], bands[:, 4], alpha=0.2, label="5-95%", **steps)
    ax.fill_between(x, bands[:, 1], bands[:, 3], alpha=0.4, label="25-75%", **steps)
    ax.plot(x, bands[:, 2], color=shade, lw=1.8, drawstyle="steps-mid", label=label)


def plot_simulation(result: Any) -> Any:
    """A fan chart of the state of the war and of the deal over the simulated periods.

    Parameters
    ----------
    result
        A :class:`~bargaining.dynamic.SimulationResult`.

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`bargaining.io.write`.
    """
    series = fan_series(result)
    x = np.arange(1, result.periods + 1)
    fig = figure(9.0, 3.8)
    left, right = fig.subplots(1, 2)
    _fan(left, x, series.state, color(0), "median")
    names = result.state_names
    left.set_yticks(range(len(names)), names)
    left.set_ylim(len(names) - 0.5, -0.5)
    left.set_xlabel("period")
    left.set_title("state of the war (deals frozen at agreement)", fontsize=10)
    left.legend(fontsize=8, loc="best")
    first = result.party_names[0]
    if np.isnan(series.deal).all():
        where = {"ha": "center", "va": "center", "transform": right.transAxes}
        right.text(0.5, 0.5, "no deal within the horizon", **where)
    else:
        _fan(right, x, series.deal, color(1), f"median share of {first}")
        right.legend(fontsize=8, loc="upper left")
    right.set_xlabel("period")
    right.set_ylabel(f"{first}'s share of the deal")
    right.set_title("the deal, among runs agreed by then", fontsize=10)
    twin = right.twinx()
    twin.plot(x, series.agreed, color=color(2), lw=1.2, ls="--")
    twin.set_ylim(0, 1.02)
    twin.set_ylabel("share of runs agreed (dashed)", color=color(2))
    title = f"{result.runs} simulated paths of {result.periods} periods (seed {result.seed})"
    fig.suptitle(title, fontsize=10)
    return fig
