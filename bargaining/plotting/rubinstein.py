r"""Alternating offers (Rubinstein 1982) as a figure: the split, and the split as the discount factors move.

:func:`plot_rubinstein` draws two panels from
:func:`bargaining.sequential.rubinstein_solution`:

* **the split**: the surplus :math:`\pi` as a bar divided at the
  subgame-perfect equilibrium (the first offer is accepted), beside the split
  had the other player proposed first (:math:`\pi - x_j^*` and :math:`x_j^*`):
  the gap between the two bars is the first-mover advantage. Each player's
  value of never agreeing :math:`D_i` (breakdown payoffs, inside options) is
  marked when it is not 0.
* **the shares as functions of the discount factors**: the first proposer's
  equilibrium share as :math:`\delta_0` moves with :math:`\delta_1` held at
  the model's value, and as :math:`\delta_1` moves with :math:`\delta_0`
  held, every point solved by :func:`~bargaining.sequential.rubinstein_solution`
  with the model's other terms (breakdown risk, options, deadline); the
  model's own discount factors are marked on the curves.

Why both, and not the alternating-offers sequence: on the equilibrium path
nothing alternates (the first offer is accepted), so a drawing of rounds shows
one step. What a reader learns from the model is *why* the split is what it
is: patience is bargaining power (each curve rises with one's own
:math:`\delta` and falls with the other's, steeply as both near 1, where the
split tends to the Nash solution), and moving first is worth something (the
two bars). The first panel gives the numbers, the second the reason.

Marks carry ``gid``\ s: ``"split:<party>"`` (the equilibrium bar),
``"other-first:<party>"``, ``"disagreement:<party>"``, ``"binding"`` (a binding
outside option, said in words), ``"curve:<party>"``
(the share as that party's discount factor moves), ``"model:<party>"``.

References
----------
Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
*Econometrica* 50(1), 97-109.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError
from bargaining.plotting.labels import party_label
from bargaining.plotting.palette import INK, OKABE_ITO
from bargaining.plotting.style import figure, wrapped_title

__all__ = ["discount_curve", "plot_rubinstein"]

PLAYER_COLOURS = (OKABE_ITO[4], OKABE_ITO[0])
#: Backward-induction steps allowed for the curves of a game with a deadline (cost grows with it).
CURVE_BUDGET = 200_000


def plot_rubinstein(model: Any, solution: Any = None, *, points: int = 120) -> Any:
    """The equilibrium split, the split if the other moved first, and the shares as the discount factors move.

    Parameters
    ----------
    model
        An :class:`~bargaining.model.alternating_offers.AlternatingOffers`
        (spec kind ``rubinstein``).
    solution
        Its :class:`~bargaining.sequential.RubinsteinSolution`; solved (through
        :mod:`bargaining.dispatch`) if ``None``.
    points
        Discount factors per curve (fewer for a long deadline).

    Returns
    -------
    matplotlib.figure.Figure
    """
    if solution is None:
        from bargaining.dispatch import solve_model

        solution = solve_model(model, "all")
    s = solution
    args = model.arguments()
    names = tuple(party_label(n) for n in s.player_names)
    fig = figure(8.2, 6.6)
    top, low = fig.subplots(2, 1, height_ratios=(0.8, 1.5))
    _draw_split(top, s, names)
    _draw_curves(low, s, names, args, points)
    name = getattr(model, "name", "") or "Alternating offers"
    top.set_title(
        wrapped_title(name, 8.0, 11) + "\nthe subgame-perfect split (Rubinstein 1982) and what moves it",
        fontsize=11,
    )
    return fig


def _draw_split(ax: Any, s: Any, names: tuple[str, ...]) -> None:
    first = s.first_proposer
    other = 1 - first
    pi = sum(s.shares)
    x = s.proposer_shares[other]  # what the other would get proposing first
    other_first = (pi - x, x) if other == 1 else (x, pi - x)
    rows = (
        (1.0, s.shares, f"equilibrium:\n{names[first]} proposes first", "split"),
        (0.0, other_first, f"if {names[other]}\nproposed first", "other-first"),
    )
    for y, (a, b), _, key in rows:
        alpha = 1.0 if key == "split" else 0.45
        for i, (left, width) in enumerate(((0.0, a), (a, b))):
            ax.barh(
                y,
                width,
                left=left,
                height=0.6,
                color=PLAYER_COLOURS[i],
                alpha=alpha,
                ec="white",
                gid=f"{key}:{s.player_names[i]}",
            )
            if width > 0.06 * pi:
                ax.text(left + width / 2, y, f"{names[i]} {width:.3g}", ha="center", va="center", fontsize=9)
    ax.set_yticks([1.0, 0.0], [rows[0][2], rows[1][2]], fontsize=8.5)
    for i, d in enumerate(s.disagreement_value):
        if d != 0:
            x = d if i == 0 else pi - d
            ax.axvline(x, color=INK, ls=":", lw=1.2, gid=f"disagreement:{s.player_names[i]}")
            ax.text(
                x,
                1.42,
                f"{names[i]}'s value of no deal {d:.3g}",
                ha="left" if i == 0 else "right",
                va="bottom",
                fontsize=7.5,
            )
    binding = [f"{names[i]}'s outside option binds" for i in (0, 1) if s.binding_outside_options[i]]
    if binding:
        text = "; ".join(binding) + " (it gets its outside option when it responds)"
        ax.text(0.005 * pi, 0.5, text, va="center", fontsize=8, color="#8a3300", gid="binding")
    ax.set_xlim(0, pi)
    ax.set_ylim(-0.5, 1.75)
    ax.set_xlabel(f"the surplus ({pi:.3g}), {names[0]}'s part from the left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def discount_curve(args: dict[str, Any], player: int, deltas: np.ndarray) -> np.ndarray:
    """The first proposer's equilibrium share at each discount factor of ``player``, the other's held.

    Every point is :func:`~bargaining.sequential.rubinstein_solution` at the
    model's other arguments; ``nan`` where it refuses (e.g. no gains from trade).
    """
    from bargaining.sequential import rubinstein_solution

    held = tuple(args["discount_factor"])
    first = args["first_proposer"]
    out = np.full(len(deltas), np.nan)
    for k, d in enumerate(deltas):
        factors = (float(d), held[1]) if player == 0 else (held[0], float(d))
        try:
            out[k] = rubinstein_solution(**{**args, "discount_factor": factors}).shares[first]
        except InvalidGameError:
            continue
    return out


def _draw_curves(ax: Any, s: Any, names: tuple[str, ...], args: dict[str, Any], points: int) -> None:
    held = tuple(args["discount_factor"])
    horizon = args.get("horizon")
    if horizon:
        points = max(8, min(points, CURVE_BUDGET // (2 * horizon)))
    low = min(held) - 0.15 if min(held) > 0.2 else min(held) / 2
    deltas = np.linspace(low, 0.999, points)
    first = s.first_proposer
    for i in (0, 1):
        grid = np.unique(np.r_[deltas, held[i]])
        curve = discount_curve(args, i, grid)
        other = names[1 - i]
        ax.plot(
            grid,
            curve,
            color=PLAYER_COLOURS[i],
            lw=1.8,
            ls="-" if i == 0 else "--",
            gid=f"curve:{s.player_names[i]}",
            label=f"as {names[i]}'s δ moves ({other}'s held at {held[1 - i]:.4g})",
        )
        ax.plot(
            [held[i]],
            [s.shares[first]],
            ls="",
            marker="o" if i == 0 else "s",
            ms=8,
            color=PLAYER_COLOURS[i],
            mec=INK,
            zorder=5,
            gid=f"model:{s.player_names[i]}",
            label=f"{names[i]}'s δ in the model, {held[i]:.4g}",
        )
    pi = sum(s.shares)
    ax.axhline(pi / 2, color="#888888", lw=0.8, ls=":", label="an equal split")
    ax.set_ylim(-0.02 * pi, 1.02 * pi)
    ax.set_xlim(low - 0.01 * (1 - low), 1.0 + 0.01 * (1 - low))  # room for a mark at either end
    ax.set_xlabel("discount factor per offer, δ (closer to 1: more patient)")
    ax.set_ylabel(f"{names[first]}'s share (proposes first)")
    ax.grid(alpha=0.25, lw=0.6)
    ax.legend(loc="best", fontsize=8, framealpha=0.85)
    ax.set_title(
        f"the equilibrium share of {names[first]} as each side's patience changes", fontsize=9, loc="left"
    )
