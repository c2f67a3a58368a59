r"""Stochastic bargaining as a figure: in each state of the war, deal or wait, the deal, the values.

Two panels over the states, read off the solver's
:class:`~bargaining.dynamic.results.StochasticBargainingSolution` (Merlo & Wilson 1995):

- **the deal and the values**: a stacked bar per state, the first player's
  equilibrium value :math:`v_1(s)` below and the second's :math:`v_2(s)` on
  top; the pie :math:`S(s)` as a black tick. Where the deal is struck at once
  the values split the pie, and the two offers (each player's split when it
  proposes) are marked on the dividing line; where the parties fight on, the
  bar is hatched and its expected delay written over it;
- **what waiting loses**: :math:`G(s) = S(s) - w_1(s) - w_2(s)`, the deal is
  struck at once iff :math:`G(s) \ge 0`.

The fan chart of simulated paths is ``bargain simulate --plot``
(:mod:`bargaining.plotting.simulation`): it needs Monte Carlo runs, this figure
only the equilibrium. Marks carry ``gid``\ s ``value:<state>:<player>``
(height :math:`v_i(s)`), ``pie:<state>``, ``offer:<state>:<proposer>`` (at the
first player's share) and ``surplus:<state>``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from bargaining.plotting.palette import INK, OKABE_ITO
from bargaining.plotting.style import pretty, wrapped_title
from bargaining.table import format_number

__all__ = ["plot_stochastic"]

FIRST, SECOND = OKABE_ITO[4], OKABE_ITO[0]
DEAL, FIGHT = OKABE_ITO[2], OKABE_ITO[5]


def plot_stochastic(model: Any, result: Any = None) -> Any:
    """Deal or wait, the offers and the values in each state of a stochastic bargaining model.

    Parameters
    ----------
    model
        A :class:`~bargaining.model.stochastic_bargaining.StochasticBargaining`.
    result
        Its :class:`~bargaining.dynamic.results.StochasticBargainingSolution`;
        solved through :mod:`bargaining.dispatch` if ``None``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if result is None:
        from bargaining.dispatch import solve_model

        result = solve_model(model, "all")
    from bargaining.plotting.utility_space import fixed_figure

    n = len(result.state_names)
    plot_w, legend_w, left = max(5.0, 1.15 * n), 2.9, 0.85
    width = left + plot_w + legend_w
    footer = _footer(result, width)
    foot_h = 0.16 * len(footer.splitlines()) + 0.15
    heights = (0.8, 3.0, 0.5, 1.35, 0.75 + foot_h)  # title, deal, gap, waiting, ticks and footer
    height = sum(heights)
    fig = fixed_figure(width, height)
    y_wait = heights[4] / height
    y_deal = (heights[4] + heights[3] + heights[2]) / height
    deal = fig.add_axes((left / width, y_deal, plot_w / width, heights[1] / height))
    waiting = fig.add_axes((left / width, y_wait, plot_w / width, heights[3] / height), sharex=deal)
    _deal(deal, result)
    _waiting(waiting, result)
    labels = [
        pretty(s) + ("\n(start)" if k == result.initial else "") for k, s in enumerate(result.state_names)
    ]
    deal.tick_params(labelbottom=False)
    waiting.set_xticks(range(n), labels, fontsize=8.5)
    waiting.set_xlabel("state of the war", fontsize=9)
    name = getattr(model, "name", "") or "Stochastic bargaining"
    fig.suptitle(
        wrapped_title(name, width - 0.5, 11)
        + "\nstationary subgame-perfect equilibrium (Merlo & Wilson 1995): deal or wait in each state",
        fontsize=10.5,
        y=1 - 0.08 / height,
        va="top",
    )
    fig.text(0.012, 0.1 / height, footer, fontsize=7.5, va="bottom", color=INK, gid="notes", linespacing=1.4)
    return fig


def _deal(ax: Any, r: Any) -> None:
    """Stacked values, the pie, the two offers; hatched where they fight."""
    a, b = (pretty(p) for p in r.party_names)
    x = np.arange(len(r.state_names))
    top = float(max(np.max(r.pie), np.max(r.values.sum(axis=1))))
    for k, state in enumerate(r.state_names):
        agree = bool(r.agree[k])
        style = {
            "width": 0.62,
            "ec": "white",
            "lw": 0.8,
            "hatch": "" if agree else "//",
            "alpha": 1 if agree else 0.55,
        }
        v1, v2 = float(r.values[k, 0]), float(r.values[k, 1])
        ax.bar([k], [v1], color=FIRST, gid=f"value:{state}:{r.party_names[0]}", **style)
        ax.bar([k], [v2], bottom=[v1], color=SECOND, gid=f"value:{state}:{r.party_names[1]}", **style)
        pie = float(r.pie[k])
        ax.plot([k - 0.38, k + 0.38], [pie, pie], color=INK, lw=2.2, gid=f"pie:{state}")
        if agree:
            shares = [r.offer(k, p)[0] for p in (0, 1)]
            ax.plot([k + 0.42] * 2, shares, color="#777777", lw=1, zorder=4)
            for proposer, marker in ((0, "^"), (1, "v")):
                share = r.offer(k, proposer)[0]
                ax.scatter(
                    [k + 0.42],
                    [share],
                    marker=marker,
                    s=46,
                    color=FIRST if proposer == 0 else SECOND,
                    edgecolors=INK,
                    lw=0.7,
                    zorder=5,
                    gid=f"offer:{state}:{r.party_names[proposer]}",
                )
            verdict = "deal now"
        else:
            delay = float(r.expected_delay[k])
            verdict = "fight on" + (
                f"\n(delay {format_number(delay)})" if math.isfinite(delay) else "\n(never agree)"
            )
        ax.text(
            k,
            max(pie, v1 + v2) + 0.02 * top,
            verdict,
            ha="center",
            va="bottom",
            fontsize=8,
            color=DEAL if agree else FIGHT,
            fontweight="bold",
        )
    ax.set_ylim(0, 1.22 * top)
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.set_ylabel("value (the pie's unit)")
    ax.grid(axis="y", alpha=0.25, lw=0.6)
    ax.set_title(f"equilibrium values v({a}) below, v({b}) on top; black tick: the pie S", fontsize=9.5)
    _legend(ax, a, b, bool(np.any(r.agree)), bool(np.any(~r.agree)))


def _legend(ax: Any, a: str, b: str, deals: bool, fights: bool) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Patch(color=FIRST, label=f"v({a})"),
        Patch(color=SECOND, label=f"v({b})"),
        Line2D([], [], color=INK, lw=2.2, label="pie S(s)"),
    ]
    if deals:
        handles += [
            Line2D([], [], ls="", marker="^", mec=INK, color=FIRST, label=f"{a}'s share when {a} proposes"),
            Line2D([], [], ls="", marker="v", mec=INK, color=SECOND, label=f"{a}'s share when {b} proposes"),
        ]
    if fights:
        handles.append(Patch(fc="white", ec="#777777", hatch="//", label="no deal: fight one more period"))
    ax.legend(handles=handles, fontsize=7.5, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


def _waiting(ax: Any, r: Any) -> None:
    for k, state in enumerate(r.state_names):
        g = float(r.surplus[k])
        ax.bar([k], [g], width=0.62, color=DEAL if r.agree[k] else FIGHT, gid=f"surplus:{state}")
        ax.text(k, g, format_number(g), ha="center", va="bottom" if g >= 0 else "top", fontsize=7.5)
    ax.axhline(0, color=INK, lw=0.8)
    low, high = float(min(0.0, np.min(r.surplus))), float(max(0.0, np.max(r.surplus)))
    span = high - low or 1.0
    ax.set_ylim(low - 0.25 * span * (low < 0), high + 0.3 * span)
    ax.set_ylabel("G(s) = S - w1 - w2")
    ax.set_title("what agreeing now gains over fighting one more period (deal iff G >= 0)", fontsize=9.5)
    ax.grid(axis="y", alpha=0.25, lw=0.6)


def _footer(r: Any, width: float) -> str:
    k = r.initial
    at = [
        f"{pretty(n)} (probability {format_number(float(p))})"
        for n, p in zip(r.state_names, r.at_agreement[k], strict=True)
        if p > 5e-5
    ]
    lines = [
        f"From the start ({pretty(r.state_names[k])}): expected delay "
        f"{format_number(float(r.expected_delay[k]))} periods; state at agreement: {', '.join(at) or 'none'}"
        + (f"; never agree with probability {format_number(float(r.never[k]))}" if r.never[k] > 0 else "")
        + ".",
        f"Fixed point: {r.iterations} iterations of a contraction of modulus {format_number(r.modulus)}, "
        f"error bound {r.error_bound:.2g}. Simulated paths: bargain simulate SPEC --plot fan.png.",
    ]
    return "\n".join(wrapped_title(line, width - 0.3, 7.5) for line in lines)
