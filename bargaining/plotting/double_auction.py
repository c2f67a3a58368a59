r"""The k-double auction as a figure: the linear equilibrium, who trades, and what is lost.

Three panels, all read off the solver's
:class:`~bargaining.auction.results.DoubleAuctionSolution`:

- **the strategies**: the buyer's bid :math:`b(v)` against its value and the
  seller's ask :math:`s(c)` against its cost (Chatterjee & Samuelson 1983),
  with the truthful line :math:`b = v` for reference: the buyer shades down,
  the seller up;
- **who trades**: the square of types :math:`(c, v)`, the region where the
  equilibrium trades (:math:`v \ge \alpha + \beta c`) shaded, the first best
  :math:`v = c` and the second best :math:`v - c = \delta^*` (Myerson &
  Satterthwaite 1983) as lines;
- **the gains from trade**: first best, second best and the equilibrium's,
  with the efficiency and the loss against the second best as the solver states them.

Marks carry ``gid``\ s: ``bid``, ``ask``, ``trade-region``, ``first-best``,
``second-best``, ``gains:first_best``, ``gains:second_best``, ``gains:equilibrium``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.plotting.palette import INK, OKABE_ITO
from bargaining.plotting.style import pretty, wrapped_title
from bargaining.table import format_number

__all__ = ["half_plane", "plot_double_auction", "trade_polygon"]

BUYER, SELLER, TRADE = OKABE_ITO[4], OKABE_ITO[5], OKABE_ITO[1]
#: The region of trade: the sky blue at 45% on white, opaque (the hatch under it stays hidden).
TRADE_FILL = "#b3dff6"


def plot_double_auction(model: Any, result: Any = None) -> Any:
    """The linear equilibrium of the k-double auction, its region of trade and its efficiency.

    Parameters
    ----------
    model
        A :class:`~bargaining.model.double_auction.DoubleAuction`.
    result
        Its :class:`~bargaining.auction.results.DoubleAuctionSolution`; solved
        through :mod:`bargaining.dispatch` if ``None``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if result is None:
        from bargaining.dispatch import solve_model

        result = solve_model(model, "all")
    from bargaining.plotting.style import figure

    fig = figure(13.0, 4.9)
    strategies, types, gains = fig.subplots(1, 3, width_ratios=(1.15, 1.0, 0.85))
    _strategies(strategies, result)
    _types(types, result)
    _gains(gains, result)
    name = getattr(model, "name", "") or "A double auction"
    k = format_number(result.price_weight)
    fig.suptitle(
        wrapped_title(name, 12.5, 11)
        + f"\nthe k-double auction (k = {k}), its linear equilibrium (Chatterjee & Samuelson 1983)",
        fontsize=10.5,
    )
    return fig


def _strategies(ax: Any, r: Any) -> None:
    buyer, seller = (pretty(p) for p in r.party_names)
    (vl, vh), (cl, ch) = r.value_support, r.cost_support
    low, high = min(vl, cl), max(vh, ch)
    ax.plot([low, high], [low, high], ls=":", color="#777777", lw=1, label="truthful (bid = type)")
    if r.exists:
        v, c = np.array([vl, vh]), np.array([cl, ch])
        ax.plot(
            v,
            r.bid.slope * v + r.bid.intercept,
            color=BUYER,
            lw=2.2,
            gid="bid",
            label=f"{buyer} bids b(v) = {r.bid.describe('v')}",
        )
        ax.plot(
            c,
            r.ask.slope * c + r.ask.intercept,
            color=SELLER,
            lw=2.2,
            ls="--",
            gid="ask",
            label=f"{seller} asks s(c) = {r.ask.describe('c')}",
        )
    else:
        ax.text(
            0.5,
            0.5,
            wrapped_title("no linear equilibrium: " + r.reason, 3.6, 9),
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=9,
            color="#a02c00",
            gid="no-equilibrium",
        )
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_xlabel(f"private type: {buyer}'s value v, {seller}'s cost c")
    ax.set_ylabel("bid or ask")
    ax.set_title("the strategies", fontsize=10)
    ax.grid(alpha=0.25, lw=0.6)
    ax.legend(fontsize=7.5, loc="upper left", framealpha=0.9)


def trade_polygon(r: Any) -> np.ndarray:
    r"""The equilibrium's region of trade, :math:`v \ge \alpha + \beta c` in the type rectangle.

    As (c, v) vertices, counter-clockwise.

    Empty (shape (0, 2)) without an equilibrium or when trade never happens.
    """
    if not r.exists:
        return np.zeros((0, 2))
    return half_plane(r, r.trade_intercept, r.trade_slope)


def half_plane(r: Any, a: float, b: float) -> np.ndarray:
    r"""The part of the type rectangle where :math:`v \ge a + b c`, as (c, v) vertices (convex)."""
    (vl, vh), (cl, ch) = r.value_support, r.cost_support
    corners = [(cl, vl), (ch, vl), (ch, vh), (cl, vh)]
    out: list[tuple[float, float]] = []
    for k, p in enumerate(corners):  # Sutherland-Hodgman against the one half-plane v - b c >= a
        q = corners[(k + 1) % 4]
        fp, fq = p[1] - b * p[0] - a, q[1] - b * q[0] - a
        if fp >= 0:
            out.append(p)
        if fp * fq < 0:
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return np.array(out, float).reshape(-1, 2)


def _types(ax: Any, r: Any) -> None:
    buyer, seller = (pretty(p) for p in r.party_names)
    (vl, vh), (cl, ch) = r.value_support, r.cost_support
    lost = half_plane(r, 0.0, 1.0)
    if len(lost) >= 3:
        ax.fill(
            *lost.T,
            fc="none",
            ec="#aaaaaa",
            hatch="///",
            lw=0,
            gid="first-best-region",
            label="gains from trade (v > c) left untraded" if r.exists else "gains from trade (v > c)",
        )
    polygon = trade_polygon(r)
    if len(polygon) >= 3:
        ax.fill(
            *polygon.T,
            color=TRADE_FILL,
            lw=0,
            zorder=2,
            gid="trade-region",
            label=f"equilibrium trades (probability {format_number(r.trade_probability)})",
        )
    c = np.array([cl, ch])
    ax.plot(c, c, color=INK, lw=1.4, gid="first-best", label="first best: trade iff v >= c")
    delta = format_number(r.second_best_threshold)
    ax.plot(
        c,
        c + r.second_best_threshold,
        color=OKABE_ITO[6],
        lw=1.6,
        ls="--",
        gid="second-best",
        label=f"second best: trade iff v - c >= {delta}",
    )
    ax.set_xlim(cl, ch)
    ax.set_ylim(vl, vh)
    ax.set_xlabel(f"{seller}'s cost c")
    ax.set_ylabel(f"{buyer}'s value v")
    ax.set_title("who trades (types uniform on the rectangle)", fontsize=10)
    ax.legend(fontsize=7.5, loc="lower right", framealpha=0.9)


def _gains(ax: Any, r: Any) -> None:
    bars = [
        ("first best", r.first_best_gains, "first_best", "#bbbbbb"),
        ("second best\n(Myerson-\nSatterthwaite)", r.second_best_gains, "second_best", OKABE_ITO[6]),
    ]
    if r.exists:
        bars.append(("linear\nequilibrium", r.gains_from_trade, "equilibrium", TRADE))
    for x, (label, value, key, colour) in enumerate(bars):
        ax.bar([x], [value], color=colour, width=0.62, gid=f"gains:{key}", label=label)
        ax.text(x, value, format_number(value), ha="center", va="bottom", fontsize=8.5)
    ax.set_xticks(range(len(bars)), [b[0] for b in bars], fontsize=8)
    ax.set_xlim(-0.6, 2.6)
    top = max(b[1] for b in bars)
    ax.set_ylim(0, 1.32 * top if top > 0 else 1)
    ax.set_ylabel("expected gains from trade, E[(v - c) 1{trade}]")
    ax.set_title("the gains from trade", fontsize=10)
    ax.grid(axis="y", alpha=0.25, lw=0.6)
    if r.exists:
        efficiency = format_number(r.efficiency) if r.first_best_gains > 0 else "-"
        loss = r.loss_against_second_best
        verdict = (
            "the bound is met" if abs(loss) <= 1e-12 * max(1.0, r.first_best_gains) else "below the bound"
        )
        text = (
            f"efficiency {efficiency} (equilibrium / first best)\n"
            f"loss against the second best {format_number(loss)}\n({verdict})"
        )
    else:
        text = "no linear equilibrium: only the bounds"
    ax.text(
        0.5,
        0.97,
        text,
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize=8,
        gid="efficiency",
        bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#cccccc"},
    )
