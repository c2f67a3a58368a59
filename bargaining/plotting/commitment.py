r"""Shifting power and the commitment problem as a figure: power over time, Powell's condition, war marked.

:func:`plot_commitment` draws, period by period, what
:func:`bargaining.war.commitment_equilibrium` found, in shares of the whole
stream :math:`\Pi = \pi / (1 - \delta)`:

* top: party 0's chance of winning a war begun in the period, :math:`p_t` (the
  war's expected outcome, before costs), with Fearon's static bargaining range
  of the stream at :math:`p_t` shaded (what would be agreed if power stopped
  moving there) and party 0's equilibrium value from the period on,
  :math:`V^0_t / \Pi`, where peace holds;
* bottom: the commitment-problem condition, Powell's gaps
  :math:`g^i_t = M^i_t - \pi - \delta(\Pi - \max(0, M^j_{t+1}))` for each side
  (a positive gap means the side cannot be bought off in period :math:`t`
  under any protocol: war by then in every equilibrium), against 0.

The periods in which the equilibrium is war if the period is reached are
shaded in both panels; the first of them, where war starts on the
equilibrium path, darker; the line over the top panel says when war starts
and who fights (the responder, no offer being enough: the commitment
problem; or the proposer, a preventive attack), or that there is no war.
Periods after the first war are not reached.

Marks carry ``gid``\ s: ``"win-probability"``, ``"static-range"``,
``"value"``, ``"gap:<party>"``, ``"war:<period>"`` (``"first-war"`` for
the first); the statement over the top panel ``"peace"`` or ``"war"``.

References
----------
Powell, R. (2006). War as a commitment problem. *International Organization*
60(1), 169-203.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from bargaining.plotting.labels import party_label
from bargaining.plotting.palette import INK, OKABE_ITO
from bargaining.plotting.style import figure, wrapped_title

__all__ = ["plot_commitment"]

PARTY_COLOURS = (OKABE_ITO[4], OKABE_ITO[5])
RANGE = OKABE_ITO[2]
WAR = OKABE_ITO[5]


def plot_commitment(model: Any, solution: Any = None) -> Any:
    """Power over time, Powell's commitment-problem condition and the periods of war.

    Parameters
    ----------
    model
        A :class:`~bargaining.model.shifting_power.ShiftingPower` (spec kind
        ``shifting_power``).
    solution
        Its :class:`~bargaining.war.CommitmentSolution`; solved (through
        :mod:`bargaining.dispatch`) if ``None``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if solution is None:
        from bargaining.dispatch import solve_model

        solution = solve_model(model, "all")
    s = solution
    names = tuple(party_label(n) for n in s.party_names)
    fig = figure(8.4, 6.6)
    top, low = fig.subplots(2, 1, sharex=True, height_ratios=(1.3, 1.0))
    t = np.arange(len(s.labels))
    _draw_power(top, s, names, t)
    _draw_gaps(low, s, names, t)
    shading = _mark_war(top, low, s, names)
    labels = list(s.labels)
    step = max(1, math.ceil(len(labels) / 14))
    low.set_xticks(t[::step], labels[::step], rotation=30 if max(map(len, labels)) > 3 else 0, ha="right")
    low.set_xlabel("period")
    name = getattr(model, "name", "") or "Shifting power"
    fig.suptitle(
        wrapped_title(name, 8.0, 11) + "\npower over time and the commitment problem (Powell 2006)",
        fontsize=11,
    )
    handles = top.get_legend_handles_labels()[0] + low.get_legend_handles_labels()[0] + shading
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    return fig


def _draw_power(ax: Any, s: Any, names: tuple[str, ...], t: np.ndarray) -> None:
    """p_t, the static range of the stream at p_t, and party 0's equilibrium value (shares of the stream)."""
    stream = s.stream
    rng = np.asarray(s.static_range, float) / stream
    ax.fill_between(
        t,
        rng[:, 0],
        rng[:, 1],
        step="mid",
        color=RANGE,
        alpha=0.25,
        lw=0,
        gid="static-range",
        label=f"static bargaining range at p_t ({names[0]}'s share of the stream)",
    )
    ax.plot(
        t,
        s.win_probability,
        color=INK,
        marker="o",
        ms=4,
        lw=1.6,
        gid="win-probability",
        label=f"p_t: {names[0]}'s chance of winning a war begun in period t",
    )
    value = np.array([v[0] / stream for v in s.values])
    value[np.asarray(s.war)] = np.nan  # where war starts, the value is the war's, drawn by p_t
    ax.plot(
        t,
        value,
        color=PARTY_COLOURS[0],
        ls="--",
        marker="s",
        ms=3.5,
        lw=1.2,
        gid="value",
        label=f"{names[0]}'s equilibrium value from period t on (where peace holds)",
    )
    ax.set_ylabel(f"share of the stream Π = {stream:.3g}")
    ax.set_ylim(-0.02, 1.02)
    ax.grid(alpha=0.25, lw=0.6)


def _draw_gaps(ax: Any, s: Any, names: tuple[str, ...], t: np.ndarray) -> None:
    """Powell's gaps per side against 0 (positive: that side cannot be bought off)."""
    gaps = np.asarray(s.powell_gap, float) / s.stream
    for i in (0, 1):
        ax.plot(
            t,
            gaps[:, i],
            color=PARTY_COLOURS[i],
            marker="o^"[i],
            ms=4,
            lw=1.4,
            gid=f"gap:{s.party_names[i]}",
            label=f"Powell gap of {names[i]} (> 0: no protocol buys it off)",
        )
    ax.axhline(0, color=INK, lw=1.0)
    high = max(0.0, float(np.nanmax(gaps)))
    low = min(0.0, float(np.nanmin(gaps)))
    pad = 0.12 * (high - low or 1.0)
    ax.set_ylim(low - pad, high + pad)
    ax.text(
        0.005,
        0.97,
        "Powell's condition: a gap above 0 means war by that period under any protocol",
        transform=ax.transAxes,
        va="top",
        fontsize=8,
        color="#555555",
    )
    ax.set_ylabel("gap (share of the stream)")
    ax.grid(alpha=0.25, lw=0.6)


def _mark_war(top: Any, low: Any, s: Any, names: tuple[str, ...]) -> list[Any]:
    """Shade the periods whose equilibrium is war; state the outcome over the top panel; legend handles."""
    from matplotlib.patches import Patch

    first = s.first_war
    style = {"fontsize": 9, "loc": "left"}
    if first is None:
        top.set_title(
            "no war in equilibrium: in every period the proposer buys the other side off",
            color="#00563f",
            gid="peace",
            **style,
        )
        return []
    for k, war in enumerate(s.war):
        if not war:
            continue
        on_path = k == first
        for ax in (top, low):
            ax.axvspan(
                k - 0.5,
                k + 0.5,
                color=WAR,
                alpha=0.3 if on_path else 0.1,
                lw=0,
                zorder=0,
                gid=("first-war" if on_path else f"war:{s.labels[k]}") if ax is top else None,
            )
    proposer = names[s.proposer[first]]
    who = (
        f"{names[1 - s.proposer[first]]} fights: no offer {proposer} can make is enough (commitment problem)"
        if s.started_by[first] == "responder"
        else f"{proposer} attacks rather than offer (preventive war)"
    )
    top.set_title(
        f"in equilibrium war starts in {s.labels[first]}: {who}", color="#8a3300", gid="war", **style
    )
    handles = [Patch(color=WAR, alpha=0.3, lw=0, label=f"war starts here ({s.labels[first]})")]
    if any(s.war[first + 1 :]):
        handles.append(Patch(color=WAR, alpha=0.1, lw=0, label="war if the period were reached (it is not)"))
    return handles
