r"""A Bayesian game as a figure: what each type plays in each Bayesian Nash equilibrium.

A row per equilibrium, a column per player and type (with the type's prior
probability). Each cell is a bar of length one split into the type's
action probabilities :math:`\beta_i(a \mid t_i)`, an action a colour (the same
colour for the same action name across players), with the type's interim
payoff :math:`v_i(t_i)` under it; the ex-ante payoffs close the row. Under the
grid: the solver's guarantee (all equilibria or only some) and, for every
player with several types, the value of ambiguity (its ex-ante payoff with
its type hidden minus with it known, at its worst and best equilibrium).

Everything drawn is read off the solver's
:class:`~bargaining.equilibrium.bayesian_results.BayesianSolution`; each
bar segment carries ``gid="play:<equilibrium>:<player>:<type>:<action>"``
and its width is :data:`BAR` times the probability, so a program (or a test)
can read the strategies back.
"""

from __future__ import annotations

from typing import Any

from bargaining.plotting.palette import INK, OKABE_ITO
from bargaining.plotting.style import pretty, wrapped_title
from bargaining.table import format_number

__all__ = ["BAR", "MAX_ROWS", "plot_bayesian"]

#: The length of a cell's bar (a probability of 1), in cell widths.
BAR = 0.9
#: The most equilibria drawn (the rest are counted in a note).
MAX_ROWS = 16
#: Action colours: Okabe-Ito without black, the light ones first; the text colour on each.
ACTION_COLOURS = (
    (OKABE_ITO[1], INK),
    (OKABE_ITO[0], INK),
    (OKABE_ITO[2], "white"),
    (OKABE_ITO[6], INK),
    (OKABE_ITO[3], INK),
    (OKABE_ITO[4], "white"),
    (OKABE_ITO[5], "white"),
)
CELL_W, ROW_H = 1.9, 0.62


def plot_bayesian(game: Any, result: Any = None, *, ax: Any = None) -> Any:
    """The Bayesian Nash equilibria of ``game``, type by type.

    Parameters
    ----------
    game
        A :class:`~bargaining.games.bayesian.BayesianGame`.
    result
        Its :class:`~bargaining.equilibrium.bayesian_results.BayesianSolution`
        (what ``bargain solve`` prints); solved through :mod:`bargaining.dispatch` if ``None``.
    ax
        Draw the grid into this axes (the legend and notes go under it); a new figure if ``None``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if result is None:
        from bargaining.dispatch import solve_model

        result = solve_model(game, "all")
    equilibria = list(result.equilibria)[:MAX_ROWS]
    columns = [(i, k) for i in range(game.num_players) for k in range(game.num_types[i])]
    notes = _notes(game, result)
    if ax is None:
        from matplotlib.figure import Figure

        margin, right = 1.15, 1.45
        width = max(6.5, margin + CELL_W * len(columns) + right)
        grid_h = ROW_H * max(1, len(equilibria))
        lines = sum(len(wrapped_title(n, width - 0.4, 8).splitlines()) for n in notes)
        height = 1.3 + grid_h + 0.6 + 0.19 * lines
        fig = Figure(figsize=(width, height))
        bottom = (0.2 + 0.19 * lines + 0.55) / height
        ax = fig.add_axes((margin / width, bottom, CELL_W * len(columns) / width, grid_h / height))
        own = True
    else:
        fig, own, width = ax.figure, False, ax.figure.get_size_inches()[0]
    colours = _colours(game)
    for row, eq in enumerate(equilibria):
        for col, (i, k) in enumerate(columns):
            _cell(ax, game, row, eq, col, i, k, colours)
        payoffs = ", ".join(format_number(float(v)) for v in eq.ex_ante)
        ax.text(len(columns) + 0.06, row + 0.45, f"ex ante {payoffs}", fontsize=8, va="center")
    _axes(ax, game, columns, equilibria)
    _legend(ax, colours)
    title = getattr(game, "title", "") or "A Bayesian game"
    what = "Bayesian Nash equilibria: what each type plays (bar = probability of each action)"
    if own:
        fig.suptitle(
            wrapped_title(title, width, 11) + "\n" + what, fontsize=10.5, y=1 - 0.1 / height, va="top"
        )
        text = "\n".join(wrapped_title(n, width - 0.4, 8) for n in notes)
        fig.text(0.02, 0.15 / height, text, fontsize=8, va="bottom", color=INK, gid="notes", linespacing=1.4)
    else:
        ax.set_title(wrapped_title(title, 5.0, 10) + "\n" + what, fontsize=9)
        text = "\n".join(wrapped_title(n, 6.0, 7) for n in notes)
        where = {"xycoords": "axes fraction", "textcoords": "offset points", "va": "top", "fontsize": 7}
        ax.annotate(text, (0, 0), xytext=(0, -42), color=INK, gid="notes", **where)
    return fig


def _colours(game: Any) -> dict[str, tuple[str, str, str]]:
    """action name -> (face colour, text colour, hatch): the same name the same colour."""
    names: list[str] = []
    for actions in game.actions:
        names.extend(a for a in actions if a not in names)
    out = {}
    for n, name in enumerate(names):
        face, ink = ACTION_COLOURS[n % len(ACTION_COLOURS)]
        out[name] = (face, ink, "" if n < len(ACTION_COLOURS) else "//")
    return out


def _cell(ax: Any, game: Any, row: int, eq: Any, col: int, i: int, k: int, colours: dict[str, Any]) -> None:
    """One type's mixed action as a split bar, its interim payoff under it."""
    from matplotlib.patches import Rectangle

    left = col + (1 - BAR) / 2
    ax.add_patch(Rectangle((left, row + 0.12), BAR, 0.5, fc="none", ec="#9a9a9a", lw=0.6, zorder=1))
    for a, p in enumerate(eq.behaviour[i][k]):
        share = float(p)
        if share <= 0:
            continue
        name = game.actions[i][a]
        face, ink, hatch = colours[name]
        gid = f"play:{row}:{game.players[i]}:{game.types[i][k]}:{name}"
        ax.add_patch(
            Rectangle(
                (left, row + 0.12),
                BAR * share,
                0.5,
                fc=face,
                ec="white",
                lw=0.8,
                hatch=hatch,
                zorder=2,
                gid=gid,
            )
        )
        label = pretty(name) if share > 0.999 else f"{pretty(name)} {format_number(share, 2)}"
        room = BAR * share * CELL_W * 72  # the segment's width in points; about 6 points a character at 8 pt
        if room <= 6.0 * len(label) + 4:
            label = format_number(share, 2)
        if room > 6.0 * len(label) + 4:
            ax.text(
                left + BAR * share / 2, row + 0.37, label, ha="center", va="center", fontsize=8, color=ink
            )
        left += BAR * share
    v = format_number(float(eq.interim[i][k]))
    ax.text(col + 0.5, row + 0.8, f"v = {v}", ha="center", va="center", fontsize=7.5, color="#444444")


def _axes(ax: Any, game: Any, columns: list[tuple[int, int]], equilibria: list[Any]) -> None:
    ax.set_xlim(0, len(columns))
    ax.set_ylim(max(1, len(equilibria)), 0)
    heads = []
    for i, k in columns:
        who = pretty(game.players[i])
        if game.num_types[i] > 1:
            prior = game.marginal(i)[k]
            who += f"\n{pretty(game.types[i][k])} (p = {prior})"
        heads.append(who)
    ax.set_xticks([c + 0.5 for c in range(len(columns))], heads, fontsize=8.5)
    ax.xaxis.tick_top()
    rows = [f"#{r + 1} {'pure' if eq.is_pure else 'mixed'}" for r, eq in enumerate(equilibria)]
    ax.set_yticks([r + 0.4 for r in range(len(equilibria))], rows, fontsize=8.5)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if not equilibria:
        ax.text(len(columns) / 2, 0.5, "no equilibrium found", ha="center", va="center", color="#a02c00")


def _legend(ax: Any, colours: dict[str, Any]) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(fc=face, hatch=hatch, ec="white", label=pretty(name))
        for name, (face, _, hatch) in colours.items()
    ]
    where = {"loc": "upper left", "bbox_to_anchor": (0.0, -0.02), "ncol": min(len(handles), 7)}
    legend = ax.legend(handles=handles, fontsize=8, frameon=False, title="actions", title_fontsize=8, **where)
    legend.set_gid("actions")


def _notes(game: Any, result: Any) -> list[str]:
    """The lines under the grid: the guarantee, a cut list, the value of ambiguity."""
    found = result.equilibria
    lines = [
        "v: the type's interim expected payoff in that equilibrium; ex ante: each player's "
        f"({', '.join(pretty(p) for p in game.players)}) expected payoff before types are drawn."
    ]
    if len(found) > MAX_ROWS:
        lines.append(
            f"Only the first {MAX_ROWS} of {len(found)} equilibria are drawn; bargain solve lists all."
        )
    if found.equilibria.degenerate:
        lines.append(
            "The induced normal form is degenerate: equilibria may form continua (extreme ones drawn)."
        )
    lines.extend(line.split("\n")[0] for line in found.equilibria.guarantee_lines()[:1])
    for report in result.ambiguity:
        worst, best = report.value
        name = pretty(game.players[report.player])
        lines.append(
            f"Value of ambiguity to {name} (ex-ante payoff with its type hidden minus known): "
            f"{format_number(worst)} at its worst equilibrium, {format_number(best)} at its best."
        )
    return lines
