r"""Bargaining and learning while fighting as a figure: offers, the chance the war goes on, beliefs by round.

:func:`plot_learning` draws the equilibrium path that
:func:`bargaining.war.learning_equilibrium` computed, round by round, in three
panels on one time axis:

* **offers**: the uninformed side's offer :math:`x_t` to the informed side
  (a share of the prize, worth 1), each tagged with the types that accept it;
  a round without an offer any type still fighting accepts (the proposer
  fights a round to learn) is marked on the axis. Each type's value of
  fighting the war out, :math:`F_k`, is a dotted line: no offer need beat it.
* **the war**: the probability that the war ends by agreement in round
  :math:`t` and the probability that round :math:`t` is fought (the war goes
  on past its talks), stacked; what is left of the bar's height is the chance
  the war had already ended (by agreement or on the battlefield).
* **beliefs**: the proposer's belief over the types at the start of each
  round (types that have settled get 0; among those still fighting the
  weights move with :math:`\pi_k s_k^t`, the news that the war has not ended).

Rounds after the war has surely ended are left out (as in the table). Marks
carry ``gid``\ s: ``"offers"``, ``"no-offer"``, ``"fight-out:<type>"``,
``"settle"``, ``"fight"``, ``"belief:<type>"``.

References
----------
Powell, R. (2004). Bargaining and learning while fighting. *American Journal of
Political Science* 48(2), 344-361.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from bargaining.plotting.labels import party_label
from bargaining.plotting.palette import INK, OKABE_ITO, PIECES_MAP
from bargaining.plotting.style import figure, pretty, wrapped_title

__all__ = ["accepted_text", "plot_learning", "shown_rounds", "type_colours"]

TYPE_COLOURS = (OKABE_ITO[0], OKABE_ITO[4], OKABE_ITO[2], OKABE_ITO[6], OKABE_ITO[1], OKABE_ITO[5])
SETTLE = OKABE_ITO[2]
FIGHT = OKABE_ITO[5]


def type_colours(n: int) -> list[Any]:
    """A colour per type: Okabe-Ito's for up to six, an ordered colour-blind-safe map beyond."""
    if n <= len(TYPE_COLOURS):
        return list(TYPE_COLOURS[:n])
    from matplotlib import colormaps

    cmap = colormaps[PIECES_MAP]
    return [cmap(0.05 + 0.9 * k / (n - 1)) for k in range(n)]


def accepted_text(types: Any) -> str:
    """Who accepts an offer, short: ``wavering``, ``a, b``, or ``type 0 to type 7 (8 types)``."""
    names = [pretty(x) for x in types]
    if len(names) > 3:
        return f"{names[0]} to {names[-1]} ({len(names)} types)"
    return ", ".join(names) or "no type"


def shown_rounds(solution: Any) -> int:
    """The rounds worth drawing: up to the first after which no round is fought (at least one)."""
    fought = solution.war_probability
    for t in range(1, len(fought)):
        if fought[t - 1] <= 0:
            return t
    return len(fought)


def plot_learning(model: Any, solution: Any = None) -> Any:
    """The equilibrium offers, the probability that the war goes on, and the beliefs, by round.

    Parameters
    ----------
    model
        A :class:`~bargaining.model.learning.LearningWhileFighting` (spec kind
        ``learning_while_fighting``); ``None`` if ``solution`` is given alone.
    solution
        Its :class:`~bargaining.war.LearningSolution`; solved (through
        :mod:`bargaining.dispatch`) if ``None``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if solution is None:
        from bargaining.dispatch import solve_model

        solution = solve_model(model, "all")
    s = solution
    n = shown_rounds(s)
    t = np.arange(n)
    names = tuple(party_label(x) for x in s.party_names)
    fig = figure(8.6, 7.4)
    offers, war, beliefs = fig.subplots(3, 1, sharex=True, height_ratios=(1.2, 1.0, 1.0))
    _draw_offers(offers, s, names, t)
    _draw_war(war, s, t)
    _draw_beliefs(beliefs, s, names, t)
    step = max(1, math.ceil(n / 16))
    beliefs.set_xticks(t[::step])
    beliefs.set_xlim(-0.6, n - 0.4)
    beliefs.set_xlabel("round of talks (one round of fighting follows each rejection)")
    name = getattr(model, "name", "") or "Bargaining and learning while fighting"
    offers.set_title(
        wrapped_title(name, 8.0, 11)
        + f"\n{names[0]} screens {names[1]}'s types: offers, the war, beliefs by round",
        fontsize=11,
    )
    for ax in (offers, war, beliefs):
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        ax.grid(alpha=0.25, lw=0.6)
    return fig


def _draw_offers(ax: Any, s: Any, names: tuple[str, ...], t: np.ndarray) -> None:
    offers = np.asarray(s.offers[: len(t)], float)
    ax.plot(
        t,
        offers,
        color=INK,
        marker="o",
        ms=5,
        lw=1.5,
        gid="offers",
        label=f"{names[0]}'s offer to {names[1]}",
    )
    colours = type_colours(len(s.type_names))
    for k, value in enumerate(s.fight_out[0]):
        ax.axhline(
            value,
            color=colours[k],
            ls=":",
            lw=1.4,
            gid=f"fight-out:{s.type_names[k]}",
            label=f"{pretty(s.type_names[k])}: value of fighting it out {value:.3g}",
        )
    none = np.flatnonzero(np.isnan(offers))
    if len(none):
        ax.plot(
            t[none],
            np.zeros(len(none)),
            ls="",
            marker="x",
            ms=8,
            mew=2,
            color=FIGHT,
            gid="no-offer",
            label="no offer any type takes: fights to learn",
        )
    if len(t) <= 12:
        for j in map(int, np.flatnonzero(~np.isnan(offers))):
            who = accepted_text(s.accepting[j])
            ax.annotate(
                f"{offers[j]:.3g}\n{who}",
                (t[j], offers[j]),
                xytext=(0, 6),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7.5,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
    top = max([1e-9, *offers[~np.isnan(offers)], *s.fight_out[0]])
    bottom = min([0.0, *s.fight_out[0]])
    ax.set_ylim(bottom - 0.05 * (top - bottom), top + 0.3 * (top - bottom))
    ax.set_ylabel("share of the prize")


def _draw_war(ax: Any, s: Any, t: np.ndarray) -> None:
    settle = np.asarray(s.settle_probability[: len(t)], float)
    fight = np.asarray(s.war_probability[: len(t)], float)
    ax.bar(t, settle, width=0.7, color=SETTLE, gid="settle", label="the war ends by agreement in round t")
    ax.bar(
        t,
        fight,
        width=0.7,
        bottom=settle,
        color=FIGHT,
        alpha=0.8,
        gid="fight",
        label="round t is fought (the war goes on)",
    )
    duration = "never ends" if math.isinf(s.expected_duration) else f"{s.expected_duration:.3g}"
    note = f"below 1: the war had already ended; expected rounds of fighting {duration}"
    if s.ongoing_after > 0:
        note += f"\nstill at war after the last round of talks: {s.ongoing_after:.3g}"
    ax.text(0.99, 0.95, note, transform=ax.transAxes, ha="right", va="top", fontsize=8)
    ax.set_ylim(0, 1.15)
    ax.set_ylabel("probability")


def _draw_beliefs(ax: Any, s: Any, names: tuple[str, ...], t: np.ndarray) -> None:
    posterior = np.asarray(s.posterior[: len(t)], float)
    bottom = np.zeros(len(t))
    colours = type_colours(len(s.type_names))
    for k, name in enumerate(s.type_names):
        ax.bar(
            t,
            posterior[:, k],
            width=0.7,
            bottom=bottom,
            color=colours[k],
            gid=f"belief:{name}",
            label=f"{pretty(name)} (prior {s.prior[k]:.3g})",
        )
        bottom += posterior[:, k]
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(f"{names[0]}'s belief")
