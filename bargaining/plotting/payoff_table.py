"""A normal-form game as a figure: the payoff table, pure equilibria highlighted, mixed ones listed.

Two players: one table, the first player's strategies as rows, the second's
as columns, each cell the payoff vector. Three or more: a panel per profile
of the third and later players. A pure equilibrium's cell is shaded and
outlined (``gid="pure:<row>,<column>"`` or ``"pure:<row>,<column>@<panel>"``);
every mixed equilibrium is listed under the table (``gid="mixed:<k>"``),
with the result's guarantee (all equilibria, some, ...) in words.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from bargaining.plotting.palette import INK, OKABE_ITO
from bargaining.plotting.style import PlotError, pretty, wrapped_title
from bargaining.table import format_number

__all__ = ["MAX_CELLS", "MAX_PANELS", "plot_payoff_table", "profile_text"]

#: The most strategies a table shows for either player.
MAX_CELLS = 16
#: The most panels (profiles of the third and later players).
MAX_PANELS = 9
HIGHLIGHT = OKABE_ITO[0]


def plot_payoff_table(game: Any, result: Any = None) -> Any:
    """The payoff table of a normal-form game with its equilibria marked.

    Parameters
    ----------
    game
        A :class:`~bargaining.games.NormalFormGame`.
    result
        Its :class:`~bargaining.equilibrium.EquilibriumSet`; solved (through
        :mod:`bargaining.dispatch`) if ``None``.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    PlotError
        If a player has more than :data:`MAX_CELLS` strategies, or the later
        players more than :data:`MAX_PANELS` profiles: the table would not be readable.
    """
    shape = tuple(game.num_strategies)
    rows, cols = shape[0], shape[1]
    panels = list(itertools.product(*(range(k) for k in shape[2:])))
    if rows > MAX_CELLS or cols > MAX_CELLS or len(panels) > MAX_PANELS:
        raise PlotError(
            f"a {'x'.join(map(str, shape))} game is too large for a readable payoff table (at most "
            f"{MAX_CELLS} strategies a player and {MAX_PANELS} panels); use bargain solve for its equilibria"
        )
    if result is None:
        from bargaining.dispatch import solve_model

        result = solve_model(game, "all")
    from matplotlib.figure import Figure

    mixed = [eq for eq in result if not eq.is_pure]
    longest = max(len(pretty(name)) for name in game.strategies[1])
    cell_w, cell_h = max(0.42 + 0.09 * _widest(game), 0.25 + 0.065 * longest), 0.5
    margin = 0.5 + 0.065 * max(len(pretty(name)) for name in game.strategies[0])
    panel_w = margin + 0.25 + cell_w * cols
    ncols = max(1, min(3, len(panels), int(12.0 // panel_w)))
    nrows = -(-len(panels) // ncols)
    panel_h = 0.85 + cell_h * rows + (0.4 if len(panels) > 1 else 0.15)
    width = max(5.2, panel_w * ncols + 0.4)
    notes = [(_wrap(text, width), gid) for text, gid in _notes(game, result, mixed)]
    height = 0.4 + panel_h * nrows + 0.2 * sum(len(lines) for lines, _ in notes) + 0.25
    fig = Figure(figsize=(width, height))
    pure = {tuple(int(np.argmax(p)) for p in eq.probabilities) for eq in result if eq.is_pure}
    for k, panel in enumerate(panels):
        r, c = divmod(k, ncols)
        left = (c * panel_w + margin) / width
        top = 1 - (0.4 + r * panel_h + 0.8) / height
        ax = fig.add_axes((left, top - cell_h * rows / height, cell_w * cols / width, cell_h * rows / height))
        _table(ax, game, panel, pure, len(panels) > 1)
    title = getattr(game, "title", "") or "A game in normal form"
    fig.suptitle(wrapped_title(title, width, 11), fontsize=11, y=1 - 0.12 / height, va="top")
    below = 0.15
    for lines, gid in reversed(notes):
        text = "\n".join(lines)
        fig.text(
            0.03, below / height, text, fontsize=8, va="bottom", color=INK, gid=gid or None, linespacing=1.5
        )
        below += 0.2 * len(lines)
    return fig


def _wrap(text: str, width: float) -> list[str]:
    lines = wrapped_title(text, width - 0.3, 8).splitlines()
    return lines[:1] + ["      " + line for line in lines[1:]]


def _widest(game: Any) -> int:
    """The longest payoff vector's text, in characters."""
    values = np.asarray(game.payoff_array, float)
    cells = np.moveaxis(values, 0, -1)
    return max(len(_cell_text(cells[idx])) for idx in np.ndindex(*cells.shape[:-1]))


def _cell_text(payoffs: Any) -> str:
    return ", ".join(format_number(float(v)) for v in payoffs)


def _table(ax: Any, game: Any, panel: tuple[int, ...], pure: set[tuple[int, ...]], titled: bool) -> None:
    from matplotlib.patches import Rectangle

    rows, cols = game.num_strategies[0], game.num_strategies[1]
    cells = np.moveaxis(np.asarray(game.payoff_array, float), 0, -1)
    for i, j in itertools.product(range(rows), range(cols)):
        profile = (i, j, *panel)
        marked = profile in pure
        where = f"{i},{j}" + (f"@{','.join(map(str, panel))}" if panel else "")
        ax.add_patch(
            Rectangle(
                (j, i),
                1,
                1,
                facecolor=HIGHLIGHT if marked else "white",
                alpha=1.0,
                edgecolor=INK if marked else "#9a9a9a",
                lw=2.2 if marked else 0.8,
                zorder=3 if marked else 1,
                gid=("pure:" if marked else "cell:") + where,
            )
        )
        ax.text(
            j + 0.5,
            i + 0.5,
            _cell_text(cells[profile]),
            ha="center",
            va="center",
            fontsize=9,
            zorder=4,
            fontweight="bold" if marked else "normal",
        )
    ax.set_xlim(0, cols)
    ax.set_ylim(rows, 0)
    ax.set_xticks(np.arange(cols) + 0.5, [pretty(s) for s in game.strategies[1]], fontsize=8.5)
    ax.set_yticks(np.arange(rows) + 0.5, [pretty(s) for s in game.strategies[0]], fontsize=8.5)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(pretty(game.players[1]), fontsize=9, fontweight="bold")
    ax.set_ylabel(pretty(game.players[0]), fontsize=9, fontweight="bold")
    if titled:
        who = ", ".join(
            f"{pretty(game.players[2 + k])} plays {pretty(game.strategies[2 + k][s])}"
            for k, s in enumerate(panel)
        )
        ax.annotate(
            who,
            (0.5, 0),
            xycoords="axes fraction",
            xytext=(0, -6),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8.5,
            fontstyle="italic",
        )


def profile_text(game: Any, eq: Any) -> str:
    """``player 1 [1: 1/2, 2: 1/2]; player 2 [left] (payoffs 1.5, 2)``, exact where the solver was."""
    plays = []
    for i in range(game.num_players):
        names = eq.strategy_names[i]
        exact = eq.exact_probabilities[i] if eq.exact_probabilities is not None else None
        sigma = eq.probabilities[i]
        parts = [
            (pretty(names[k]), str(exact[k]) if exact is not None else format_number(float(sigma[k])))
            for k in range(len(names))
            if (exact[k] > 0 if exact is not None else sigma[k] > 1e-12)
        ]
        inside = parts[0][0] if len(parts) == 1 else ", ".join(f"{n}: {p}" for n, p in parts)
        plays.append(f"{pretty(game.players[i])} [{inside}]")
    payoffs = ", ".join(format_number(float(v)) for v in eq.payoffs)
    return f"{'; '.join(plays)}  (payoffs {payoffs})"


def _notes(game: Any, result: Any, mixed: list[Any]) -> list[tuple[str, str]]:
    """The lines under the tables, with their ``gid`` (``""`` for none)."""
    pure = len(result) - len(mixed)
    lines = [
        (
            f"Cells: payoffs ({', '.join(pretty(p) for p in game.players)}). Shaded and outlined: "
            f"{pure} pure Nash equilibri{'um' if pure == 1 else 'a'}.",
            "",
        )
    ]
    if mixed:
        lines.append((f"Mixed equilibri{'um' if len(mixed) == 1 else 'a'} [strategy: probability]:", ""))
        lines.extend((f"{k + 1}. {profile_text(game, eq)}", f"mixed:{k}") for k, eq in enumerate(mixed))
    if getattr(result, "guarantee", ""):
        lines.append((f"Guarantee: {result.guarantee}.", "guarantee"))
    return lines
