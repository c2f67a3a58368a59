r"""Fearon's bargaining model of war as a figure: the range of peaceful deals on the line of divisions.

:func:`plot_war` draws the disputed good as the line of party 0's shares,
:math:`x \in [0, \pi]` (party 1 gets :math:`\pi - x`), and on it what the
solver (:func:`bargaining.war.fearon_solution`) found:

* the war's expected outcome :math:`p\pi` (a war gives party 0 the whole good
  with probability :math:`p`);
* the costs of war, :math:`c_0` to the left of :math:`p\pi` and :math:`c_1`
  to its right: the *bargaining range* :math:`[p\pi - c_0, p\pi + c_1]` they
  span, shaded, is every division both prefer to war (Fearon 1995, fig. 1);
* the proposer's take-it-or-leave-it demand, as the division it would make,
  and (with private information) the safe demand every type accepts.

With a belief about the responder's cost, a second panel on the same axis
draws it as a belief about the responder's *reservation share*: a type with
cost :math:`c` accepts a division iff its share beats war, i.e. party 0's share
is at least :math:`p\pi - c` (party 0 responds) or at most :math:`p\pi + c`
(party 1 responds). The types on the far side of the demand fight; their mass,
shaded, is the probability of war (the solver's number, written beside it).
So the risk-return trade-off is visible: a greedier demand moves the division
into the belief and buys a larger share with a larger chance of war.

Every mark carries a ``gid``: ``"range"``, ``"war-outcome"``, ``"demand"``,
``"safe-demand"``, ``"belief"``, ``"war-types"``, ``"war-probability"``.

References
----------
Fearon, J. D. (1995). Rationalist explanations for war. *International
Organization* 49(3), 379-414.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.plotting.labels import party_label
from bargaining.plotting.palette import INK, OKABE_ITO
from bargaining.plotting.style import PlotError, figure, pretty, wrapped_title

__all__ = ["plot_war", "reservation_shares"]

RANGE = OKABE_ITO[2]
DEMAND = OKABE_ITO[5]
BELIEF = OKABE_ITO[4]
SAFE = OKABE_ITO[0]


def plot_war(model: Any, solution: Any = None, *, ax: Any = None) -> Any:
    """The bargaining range, the war's expected outcome, the demand and (if any) the belief.

    Parameters
    ----------
    model
        A :class:`~bargaining.model.war.WarBargaining` (spec kind ``war``).
    solution
        Its :class:`~bargaining.war.WarSolution`; solved (through
        :mod:`bargaining.dispatch`) if ``None``.
    ax
        Draw the line of divisions into this axes (the belief panel is then
        left out); a new figure if ``None``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if solution is None:
        from bargaining.dispatch import solve_model

        solution = solve_model(model, "all")
    names = tuple(party_label(n) for n in solution.party_names)
    belief = solution.belief if ax is None else None
    own = ax is None
    if ax is None:
        fig = figure(8.0, 5.6 if belief is not None else 3.4)
        if belief is not None:
            ax, low = fig.subplots(2, 1, sharex=True, height_ratios=(1.0, 1.25))
        else:
            ax, low = fig.subplots(1, 1), None
    else:
        fig, low = ax.figure, None
    handles = _draw_line(ax, solution, names)
    if low is not None:
        handles += _draw_belief(low, solution, names)
        ax.tick_params(labelbottom=True)
    if own:
        fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    else:
        ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=False)
    _set_xlim(ax, solution)
    name = getattr(model, "name", "") or "The bargaining model of war"
    ax.set_title(
        wrapped_title(name, 7.5, 11) + "\nFearon's bargaining range: the divisions both prefer to war",
        fontsize=11,
    )
    (low if low is not None else ax).set_xlabel(
        f"{names[0]}'s share of the good ({names[1]} gets the rest, {solution.size:.4g} in all)"
    )
    return fig


def _draw_line(ax: Any, s: Any, names: tuple[str, ...]) -> list[Any]:
    """The line of divisions: the range, p*pi with the costs either side, the demand; the legend handles."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    lo, hi = s.bargaining_range
    outcome = s.win_probability * s.size
    ax.plot([0, s.size], [0, 0], color=INK, lw=2.2, solid_capstyle="butt", zorder=2, gid="good")
    ax.fill_between([lo, hi], -0.3, 0.3, color=RANGE, alpha=0.35, lw=0, zorder=1, gid="range")
    ax.plot([outcome, outcome], [-0.45, 0.45], color=INK, lw=1.6, zorder=3, gid="war-outcome")
    ax.annotate(
        f"p·π = {outcome:.3g}",
        (outcome, 0.45),
        xytext=(0, 3),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=8.5,
    )
    arrow = {"arrowstyle": "<->", "color": INK, "lw": 0.9, "shrinkA": 0, "shrinkB": 0}
    for end, who, cost in ((lo, 0, s.cost[0]), (hi, 1, s.cost[1])):
        ax.annotate("", (end, -0.6), (outcome, -0.6), arrowprops=arrow)
        cut = abs(abs(end - outcome) - cost) > 1e-12 * max(1.0, s.size)  # the range stops at 0 or pi
        text = f"{names[who]}'s cost\n{cost:.3g}" + ("\n(the range stops\nat the good's end)" if cut else "")
        ax.text((end + outcome) / 2, -0.68, text, ha="center", va="top", fontsize=8)
    ax.set_ylim(-1.6, 0.85)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    handles = [
        Patch(
            color=RANGE,
            alpha=0.5,
            label=f"bargaining range [{lo:.3g}, {hi:.3g}]: divisions both prefer to war",
        ),
        Line2D(
            [], [], color=INK, lw=1.6, label=f"war's expected outcome for {names[0]}, p·π = {outcome:.3g}"
        ),
    ]
    return handles + _draw_divisions(ax, s, names)


def _draw_divisions(ax: Any, s: Any, names: tuple[str, ...]) -> list[Any]:
    """The demand (the division it makes) and the safe demand; their legend handles."""
    proposer = names[s.proposer]
    (demand,) = ax.plot(
        [s.shares[0]],
        [0],
        ls="",
        marker="D",
        ms=9,
        color=DEMAND,
        mec="white",
        zorder=5,
        gid="demand",
        label=f"{proposer}'s demand {s.demand:.3g}: "
        f"{names[0]} {s.shares[0]:.3g}, {names[1]} {s.shares[1]:.3g}",
    )
    handles = [demand]
    if s.safe_demand is not None:
        safe = s.safe_demand if s.proposer == 0 else s.size - s.safe_demand
        (mark,) = ax.plot(
            [safe],
            [0],
            ls="",
            marker="|",
            ms=16,
            mew=2.2,
            color=SAFE,
            zorder=4,
            gid="safe-demand",
            label=f"safe demand {s.safe_demand:.3g} (every type accepts; {names[0]} {safe:.3g})",
        )
        handles.append(mark)
    return handles


def reservation_shares(solution: Any, costs: Any) -> np.ndarray:
    r"""Party 0's share at which a responder of cost :math:`c` is indifferent to war.

    :math:`p\pi - c` when party 0 responds (it accepts at least this),
    :math:`p\pi + c` when party 1 responds (it accepts party 0 getting at most this).
    """
    outcome = solution.win_probability * solution.size
    sign = -1.0 if solution.proposer == 1 else 1.0
    return outcome + sign * np.asarray(costs, float)


def _density(belief: Any) -> tuple[np.ndarray, np.ndarray, bool]:
    """Costs and their density on a fine grid (for finitely many types, their probabilities: ``discrete``)."""
    if hasattr(belief, "costs"):
        return np.asarray(belief.costs, float), np.asarray(belief.probabilities, float), True
    if hasattr(belief, "low"):
        c = np.linspace(belief.low, belief.high, 401)
        return c, np.full_like(c, 1.0 / (belief.high - belief.low)), False
    dist = belief.distribution
    low = max(0.0, float(dist.support()[0]))
    c = np.linspace(low, max(low + 1e-9, float(dist.ppf(1 - 1e-4))), 401)
    return c, np.asarray(dist.pdf(c), float), False


def _draw_belief(ax: Any, s: Any, names: tuple[str, ...]) -> list[Any]:
    """The proposer's belief as a belief about the responder's reservation share, war's part shaded."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    responder = names[1 - s.proposer]
    costs, weight, discrete = _density(s.belief)
    x = reservation_shares(s, costs)
    division = s.shares[0]
    if discrete:
        _draw_types(ax, s, x, weight)
    else:
        _draw_density(ax, s, x, weight)
    ax.axvline(division, color=DEMAND, lw=1.2, ls="--")
    for edge in (0.0, s.size):
        ax.axvline(edge, color="#999999", lw=0.8)
    top = float(np.max(weight))
    ax.set_ylim(0, 1.3 * top if top > 0 else 1.0)
    ax.text(
        0.99,
        0.96,
        f"P(war) = {s.war_probability:.3g}",
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=9,
        color="#8a3300",
        gid="war-probability",
    )
    ax.set_title(
        wrapped_title(
            f"{names[s.proposer]}'s belief about {responder}'s cost of war ({s.belief.describe()}), "
            f"drawn at the share where each type of {responder} is indifferent to war",
            7.5,
            9,
        ),
        fontsize=9,
        loc="left",
    )
    ax.grid(alpha=0.25, lw=0.6)
    return [
        Line2D([], [], color=BELIEF, lw=2, label=f"{names[s.proposer]}'s belief about {responder}'s type"),
        Patch(
            color=DEMAND,
            alpha=0.5,
            label=f"types that reject the demand and fight: P(war) = {s.war_probability:.3g}",
        ),
    ]


def _draw_types(ax: Any, s: Any, x: np.ndarray, weight: np.ndarray) -> None:
    """Finitely many types: a stem per type at its reservation share (the fighters' in the war colour)."""
    division = s.shares[0]
    fights = (x > division + 1e-12) if s.proposer == 1 else (x < division - 1e-12)
    ax.vlines(x, 0, weight, color=BELIEF, lw=2.5, gid="belief")
    ax.vlines(x[fights], 0, weight[fights], color=DEMAND, lw=2.5, gid="war-types")
    for xk, wk, nk in zip(x, weight, getattr(s.belief, "names", ()), strict=False):
        ax.annotate(pretty(nk), (xk, wk), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8)
    ax.set_ylabel("probability")


def _draw_density(ax: Any, s: Any, x: np.ndarray, weight: np.ndarray) -> None:
    """A continuous belief: its density over reservation shares, the fighters' part shaded."""
    division = s.shares[0]
    order = np.argsort(x)
    x, weight = x[order], weight[order]
    ax.plot([x[0], *x, x[-1]], [0, *weight, 0], color=BELIEF, lw=1.6, gid="belief")
    cut = float(np.interp(division, x, weight)) if x[0] < division < x[-1] else None
    side = (x >= division) if s.proposer == 1 else (x <= division)
    xs, ws = x[side], weight[side]
    if cut is not None:
        xs, ws = (
            (np.r_[division, xs], np.r_[cut, ws])
            if s.proposer == 1
            else (np.r_[xs, division], np.r_[ws, cut])
        )
    if len(xs):
        ax.fill_between(xs, 0, ws, color=DEMAND, alpha=0.5, lw=0, gid="war-types")
    ax.set_ylabel("density")


def _set_xlim(ax: Any, s: Any) -> None:
    """The good, and every reservation share of the belief (which may fall outside it)."""
    points = [0.0, s.size, *s.bargaining_range]
    if s.belief is not None:
        costs, _, _ = _density(s.belief)
        points += list(reservation_shares(s, costs))
    low, high = min(points), max(points)
    if not (np.isfinite(low) and np.isfinite(high)):
        raise PlotError("the bargaining range or the belief is not finite")
    pad = 0.04 * (high - low)
    ax.set_xlim(low - pad, high + pad)
