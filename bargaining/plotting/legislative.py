"""Baron-Ferejohn legislative bargaining as a figure: who gets what, and whom each proposer buys.

Two panels. Left, a group of bars per party: its recognition probability
:math:`p_i` (hatched: a probability, not a payoff), its expected payoff
:math:`v_i` at the start of a round and what it keeps when it proposes; veto
players are named so under their group. Right, the proposers' coalitions as
a matrix: row :math:`k`, column :math:`j` is the probability that proposer
:math:`k` includes :math:`j` (the diagonal is the proposer itself), each cell
printed. The title gives the rule (quota :math:`q` of :math:`n`, the discount
factors); a footer gives the fixed point's residual and whether it converged
(a result that did not is drawn, and the footer says so in capitals, as the
table does).

Every bar carries ``gid="bar:<measure>:<party>"`` and its height is the
solver's number; the matrix is ``gid="inclusion"`` with the solver's array.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.plotting.palette import INK, OKABE_ITO
from bargaining.plotting.style import figure, pretty, wrapped_title
from bargaining.table import format_number

__all__ = ["plot_legislative"]

#: The bars of each party: (measure, legend label, colour, hatch).
MEASURES = (
    ("recognition", "recognition probability p", OKABE_ITO[1], "///"),
    ("value", "expected payoff v (start of a round)", OKABE_ITO[4], ""),
    ("proposer_share", "keeps when it proposes", OKABE_ITO[0], ""),
)


def plot_legislative(model: Any, result: Any = None) -> Any:
    r"""The stationary equilibrium of ``model``: payoffs, proposer shares and coalitions.

    Parameters
    ----------
    model
        A :class:`~bargaining.model.legislative.LegislativeBargaining`.
    result
        Its :class:`~bargaining.coalitional.legislative_result.LegislativeEquilibrium`;
        solved through :mod:`bargaining.dispatch` if ``None``.

    Returns
    -------
    matplotlib.figure.Figure
        In the symmetric majority case the bars show Baron and Ferejohn's
        (1989) closed form, :math:`1 - \delta (n - 1) / (2n)` kept by the proposer.
    """
    if result is None:
        from bargaining.dispatch import solve_model

        result = solve_model(model, "all")
    arguments = model.arguments()
    players = tuple(result.players)
    n = len(players)
    veto = set(arguments["veto"])
    heights = {
        "recognition": (
            np.full(n, 1.0 / n)
            if arguments["recognition"] is None
            else np.asarray(arguments["recognition"], float)
        ),
        "value": np.asarray(result.values, float),
        "proposer_share": np.asarray(result.proposer_share, float),
    }
    width = min(16.0, 7.0 + 0.9 * n)
    fig = figure(width, 5.4)
    left, right = fig.subplots(1, 2, width_ratios=[1.5, 1.0])
    _bars(left, players, heights, veto)
    _matrix(fig, right, players, np.asarray(result.inclusion, float))
    deltas = sorted(set(float(d) for d in arguments["discount_factor"]))
    delta = format_number(deltas[0]) if len(deltas) == 1 else "per party"
    rule = f"quota {arguments['quota']} of {n}, discount factor {delta}"
    if veto:
        rule += f", vetoes: {', '.join(pretty(v) for v in players if v in veto)}"
    title = getattr(model, "name", "") or "Legislative bargaining"
    fig.suptitle(
        wrapped_title(title, width - 0.5, 11)
        + "\n"
        + wrapped_title(f"Baron-Ferejohn stationary equilibrium ({rule})", width - 0.5, 10),
        fontsize=10.5,
    )
    state = "converged" if result.converged else "NOT CONVERGED: do not read these numbers as the equilibrium"
    how = "closed form" if result.closed_form else "fixed point"
    note = fig.supxlabel(
        f"{how}, residual {result.residual:.2g}: {state}.",
        x=0.01,
        ha="left",
        fontsize=8,
        color=INK,
    )
    note.set_gid("notes")
    return fig


def _bars(ax: Any, players: tuple[str, ...], heights: dict[str, np.ndarray], veto: set[str]) -> None:
    x = np.arange(len(players))
    step = 0.8 / len(MEASURES)
    for m, (measure, label, colour, hatch) in enumerate(MEASURES):
        offsets = x - 0.4 + step * (m + 0.5)
        for i, player in enumerate(players):
            value = float(heights[measure][i])
            ax.bar(
                [offsets[i]],
                [value],
                width=step * 0.92,
                color=colour,
                hatch=hatch,
                ec="white",
                lw=0.5,
                gid=f"bar:{measure}:{player}",
                label=label if i == 0 else None,
            )
            ax.annotate(
                format_number(value, 3),
                (offsets[i], max(value, 0.0)),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                rotation=90,
                fontsize=6.5,
                color="#333333",
            )
    ticks = [pretty(p) + ("\n(veto)" if p in veto else "") for p in players]
    ax.set_xticks(x, ticks, fontsize=9)
    ax.set_xlim(-0.55, len(players) - 0.45)
    top = max(float(np.max(h)) for h in heights.values())
    ax.set_ylim(0, 1.15 * top if top > 0 else 1.0)
    ax.set_ylabel("share of the surplus (p: probability)")
    ax.grid(axis="y", alpha=0.25, lw=0.6)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, frameon=False)
    ax.set_title("who gets what", fontsize=10)


def _matrix(fig: Any, ax: Any, players: tuple[str, ...], inclusion: np.ndarray) -> None:
    n = len(players)
    shown = inclusion.copy()
    np.fill_diagonal(shown, np.nan)
    image = ax.imshow(shown, cmap="cividis", vmin=0.0, vmax=1.0, aspect="auto")
    image.set_gid("inclusion")
    for k in range(n):
        for j in range(n):
            text = "proposer" if k == j else format_number(float(inclusion[k, j]) + 0.0, 2)
            bright = k != j and inclusion[k, j] > 0.6
            ax.text(
                j,
                k,
                text,
                ha="center",
                va="center",
                fontsize=7 if k == j else 8,
                color=INK if bright else "white" if k != j else "#555555",
            )
    names = [pretty(p) for p in players]
    ax.set_xticks(range(n), names, fontsize=8, rotation=30, ha="right")
    ax.set_yticks(range(n), names, fontsize=8)
    ax.set_xlabel("included party")
    ax.set_ylabel("proposer")
    ax.set_title("whom each proposer buys (probability of inclusion)", fontsize=10)
    fig.colorbar(image, ax=ax, shrink=0.8, label="probability")
