"""Monte Carlo figures: histograms of outcomes with their 5%, 50% and 95% quantiles, and Sobol indices."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bargaining.plotting.style import PlotError, figure, pretty

__all__ = ["plot_montecarlo"]


def plot_montecarlo(result: Any, *, outcomes: Sequence[str] | None = None, sobol: Any = None) -> Any:
    """Histograms of outcomes over the draws (and Sobol indices, if given).

    Parameters
    ----------
    result
        A :class:`~bargaining.sensitivity.montecarlo.MonteCarloResult`.
    outcomes
        The outcomes to show; default up to four that vary.
    sobol
        A :class:`~bargaining.sensitivity.sobol.SobolResult` to add as a bar chart.

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`bargaining.io.write`.
    """
    chosen = _varying(result) if outcomes is None else [str(o) for o in outcomes]
    panels = len(chosen) + (1 if sobol is not None else 0)
    if panels == 0:
        raise PlotError("no outcome varies over the draws; nothing to plot")
    cols = 2 if panels > 1 else 1
    rows = -(-panels // cols)
    fig = figure(4.0 * cols, 3.0 * rows + 0.6)
    axes = np.atleast_1d(fig.subplots(rows, cols, squeeze=False).ravel())
    for ax, name in zip(axes, chosen, strict=False):
        _histogram(ax, result, name)
    if sobol is not None:
        _sobol_bars(axes[len(chosen)], sobol)
    for ax in axes[panels:]:
        ax.set_visible(False)
    probability = result.agreement_probability
    uncertain = ", ".join(pretty(n) for n in result.distributions)
    agreement = f"P(agreement exists) = {probability:.3g}; " if probability == probability else ""
    fig.suptitle(
        f"{result.title or 'Monte Carlo'}: {result.draws} draws of {uncertain}\n"
        f"{agreement}lines: 5%, median, 95%",
        fontsize=10,
    )
    return fig


def _varying(result: Any) -> list[str]:
    """Up to four outcomes (not the agreement flags) that vary over the draws."""
    chosen = []
    for name in result.outcomes:
        values = result.column(name)
        finite = values[np.isfinite(values)]
        if name == "agreement_exists" or name.endswith(".agreement_exists") or finite.size < 2:
            continue
        if np.ptp(finite) > 1e-9 * max(1.0, float(np.max(np.abs(finite)))) and name.count(".") >= 1:
            chosen.append(name)
    return chosen[:4]


def _histogram(ax: Any, result: Any, name: str) -> None:
    values = result.column(name)
    finite = values[np.isfinite(values)]
    ax.hist(finite, bins=40, color="#1f77b4", alpha=0.85)
    for q, ls in zip(result.quantiles(name, (0.05, 0.5, 0.95)), (":", "-", ":"), strict=True):
        ax.axvline(q, color="black", ls=ls, lw=1)
    ax.set_xlabel(pretty(name))
    ax.set_ylabel("draws")
    ax.grid(alpha=0.3)


def _sobol_bars(ax: Any, sobol: Any) -> None:
    k = np.arange(len(sobol.parameters))
    for shift, values, intervals, label, color in (
        (-0.2, sobol.first_order, sobol.first_order_interval, "first order", "#1f77b4"),
        (0.2, sobol.total, sobol.total_interval, "total", "#d62728"),
    ):
        # Percentile intervals need not be symmetric: error bars from the estimate to each end.
        est = np.asarray(values, dtype=float)
        iv = np.asarray(intervals, dtype=float).reshape(-1, 2)
        yerr = np.clip(np.vstack([est - iv[:, 0], iv[:, 1] - est]), 0.0, None)
        ax.bar(k + shift, est, 0.4, yerr=yerr, label=label, color=color)
    if sobol.warnings:
        ax.set_title("estimator noise: see the table's warnings", fontsize=7, color="#d62728")
    ax.set_xticks(k, [pretty(p) for p in sobol.parameters], rotation=35, ha="right", fontsize=7)
    ax.set_ylabel(f"Sobol index of\n{pretty(sobol.outcome)}", fontsize=8)
    ax.set_ylim(bottom=min(0.0, float(np.min(sobol.first_order)) - 0.05))
    ax.legend(fontsize=7, frameon=False, loc="best")
    ax.grid(axis="y", alpha=0.3)
