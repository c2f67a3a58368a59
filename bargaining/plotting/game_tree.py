"""A game tree as a figure, the subgame-perfect path of play highlighted.

The tree grows left to right, a column per depth, a row per outcome. The
subgame-perfect equilibrium found by backward induction (the first, if there
are several) is drawn on it: its path of play thick (``gid="spe:<node>:<action>"``;
every branch of a chance node on the path), its choices off the path dashed
(``"choice:<node>:<action>"``: what makes a threat credible or not), every other
action thin and grey (``"edge:<node>:<action>"``). Nodes in one information set
are joined by a dotted line (``"infoset:<name>"``). Without perfect
information backward induction does not apply: no path is highlighted and
the Nash equilibria of the reduced normal form are listed instead.
"""

from __future__ import annotations

from typing import Any

from bargaining.games.tree_nodes import ChanceNode, DecisionNode, TerminalNode
from bargaining.plotting.palette import INK, OKABE_ITO
from bargaining.plotting.payoff_table import profile_text
from bargaining.plotting.style import PlotError, pretty, wrapped_title
from bargaining.table import format_number

__all__ = ["MAX_LEAVES", "plot_game_tree", "tree_layout"]

#: The most outcomes (leaves) a readable tree has.
MAX_LEAVES = 40
PATH = OKABE_ITO[5]


def tree_layout(game: Any) -> dict[str, tuple[float, float]]:
    """``{node id: (depth, row)}``: leaves on rows 0, 1, ... in preorder, a parent between its children."""
    where: dict[str, tuple[float, float]] = {}
    leaves = 0

    def visit(node_id: str, depth: int) -> float:
        nonlocal leaves
        node = game.nodes[node_id]
        if isinstance(node, TerminalNode):
            row = float(leaves)
            leaves += 1
        else:
            rows = [visit(child, depth + 1) for child in node.children]
            row = (rows[0] + rows[-1]) / 2
        where[node_id] = (float(depth), row)
        return row

    visit(game.root, 0)
    return where


def plot_game_tree(game: Any, result: Any = None) -> Any:
    """The game tree with the subgame-perfect equilibrium's path of play highlighted.

    Parameters
    ----------
    game
        An :class:`~bargaining.games.ExtensiveFormGame`.
    result
        Its :class:`~bargaining.equilibrium.tree_results.TreeSolution`; solved
        (through :mod:`bargaining.dispatch`) if ``None``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    leaves = sum(isinstance(n, TerminalNode) for n in game.nodes.values())
    if leaves > MAX_LEAVES:
        raise PlotError(
            f"a tree with {leaves} outcomes is too large to draw readably (at most {MAX_LEAVES}); "
            "use bargain tree for its equilibria"
        )
    if result is None:
        from bargaining.dispatch import solve_model

        result = solve_model(game, "spe" if game.is_perfect_information else "all")
    from matplotlib.figure import Figure

    where = tree_layout(game)
    depth = max(x for x, _ in where.values())
    spe = (
        result.subgame_perfect[0]
        if result.subgame_perfect is not None and len(result.subgame_perfect)
        else None
    )
    notes = _notes(game, result, spe)
    width = 2.2 + 2.1 * depth + 1.2
    height = 1.0 + 0.55 * leaves + 0.2 * len(notes)
    fig = Figure(figsize=(max(6.0, width), max(3.5, height)))
    bottom = (0.25 + 0.2 * len(notes)) / fig.get_figheight()
    ax = fig.add_axes((0.04, bottom, 0.78, 0.9 - bottom))
    on_path = _path(game, spe)
    for node_id, node in game.nodes.items():
        if not isinstance(node, TerminalNode):
            _edges(ax, game, node_id, node, where, spe, on_path)
    _nodes(ax, game, where)
    _infosets(ax, game, where)
    ax.set_xlim(-0.3, depth + 0.9)
    ax.set_ylim(leaves - 0.4, -0.6)
    ax.set_axis_off()
    title = getattr(game, "title", "") or "A game tree"
    fig.suptitle(wrapped_title(title, fig.get_figwidth(), 11), fontsize=11, y=0.98, va="top")
    for k, line in enumerate(reversed(notes)):
        fig.text(0.03, (0.12 + 0.2 * k) / fig.get_figheight(), line, fontsize=8, color=INK, va="bottom")
    return fig


def _path(game: Any, spe: Any) -> set[str]:
    """The nodes the equilibrium reaches with positive probability."""
    if spe is None:
        return set()
    reached, stack = set(), [game.root]
    while stack:
        node_id = stack.pop()
        reached.add(node_id)
        node = game.nodes[node_id]
        if isinstance(node, DecisionNode):
            stack.append(node.children[node.actions.index(spe.choices[node_id])])
        elif isinstance(node, ChanceNode):
            stack.extend(c for c, p in zip(node.children, node.probabilities, strict=True) if p > 0)
    return reached


def _edges(ax: Any, game: Any, node_id: str, node: Any, where: Any, spe: Any, on_path: set[str]) -> None:
    x0, y0 = where[node_id]
    chance = isinstance(node, ChanceNode)
    for k, (action, child) in enumerate(zip(node.actions, node.children, strict=True)):
        x1, y1 = where[child]
        chosen = spe is not None and (chance or spe.choices.get(node_id) == action)
        if chosen and node_id in on_path and child in on_path:
            style, gid = {"color": PATH, "lw": 3.0, "ls": "-"}, f"spe:{node_id}:{action}"
        elif chosen and not chance:
            style, gid = {"color": PATH, "lw": 1.6, "ls": "--"}, f"choice:{node_id}:{action}"
        else:
            style, gid = {"color": "#9a9a9a", "lw": 1.0, "ls": "-"}, f"edge:{node_id}:{action}"
        ax.plot([x0, x1], [y0, y1], zorder=1, gid=gid, solid_capstyle="round", **style)
        label = pretty(action) + (f" ({format_number(float(node.probabilities[k]))})" if chance else "")
        ax.text(
            (x0 + x1) / 2,
            (y0 + y1) / 2,
            label,
            fontsize=8,
            ha="center",
            va="bottom" if y1 <= y0 else "top",
            color=INK,
            zorder=4,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
        )


def _nodes(ax: Any, game: Any, where: Any) -> None:
    for node_id, node in game.nodes.items():
        x, y = where[node_id]
        if isinstance(node, TerminalNode):
            ax.scatter([x], [y], s=14, color=INK, zorder=3, gid=f"outcome:{node_id}")
            payoffs = ", ".join(format_number(float(v)) for v in node.payoffs)
            ax.text(
                x + 0.07, y, f"({payoffs})  {pretty(node_id)}", fontsize=8, va="center", ha="left", color=INK
            )
        elif isinstance(node, ChanceNode):
            ax.scatter(
                [x],
                [y],
                s=70,
                marker="D",
                facecolor="white",
                edgecolor=INK,
                zorder=3,
                gid=f"chance:{node_id}",
            )
            ax.text(x, y - 0.18, "chance", fontsize=8, ha="center", va="bottom", fontstyle="italic")
        else:
            ax.scatter(
                [x], [y], s=70, color=OKABE_ITO[4], edgecolor="white", zorder=3, gid=f"decision:{node_id}"
            )
            ax.text(
                x, y - 0.18, pretty(node.player), fontsize=8.5, ha="center", va="bottom", fontweight="bold"
            )


def _infosets(ax: Any, game: Any, where: Any) -> None:
    for infoset in game.infosets:
        if len(infoset.nodes) < 2:
            continue
        xs = [where[n][0] for n in infoset.nodes]
        ys = [where[n][1] for n in infoset.nodes]
        ax.plot(xs, ys, ls=":", lw=1.4, color=OKABE_ITO[4], zorder=2, gid=f"infoset:{infoset.name}")


def _notes(game: Any, result: Any, spe: Any) -> list[str]:
    lines = [f"Payoffs ({', '.join(pretty(p) for p in game.players)})."]
    if spe is not None:
        count = len(result.subgame_perfect)
        payoffs = ", ".join(format_number(float(v)) for v in spe.payoffs)
        which = (
            "the subgame-perfect equilibrium"
            if count == 1
            else f"the first of {count} subgame-perfect equilibria"
        )
        lines.append(
            f"Thick: the path of play of {which} (backward induction), payoffs ({payoffs}); "
            "dashed: its choices off the path."
        )
    elif result.nash is not None:
        nash = result.nash.equilibria
        lines.append(
            "Imperfect information (dotted: an information set): backward induction does not apply. "
            f"Nash equilibria of the reduced normal form ({nash.guarantee}):"
        )
        lines.extend(f"{k + 1}. {profile_text(nash.game, eq)}" for k, eq in enumerate(list(nash)[:8]))
        if len(nash) > 8:
            lines.append(f"... and {len(nash) - 8} more (bargain tree lists them all)")
    return [line for text in lines for line in wrapped_title(text, 9.0, 8).splitlines()]
