"""``bargain correlated``: correlated equilibria of a strategic game, as a mediator's device.

Reads a strategic game from a ``.json`` spec (``"kind": "normal_form"``) or a
Gambit ``.nfg`` file, chosen by suffix, like ``bargain equilibria``.
"""

from __future__ import annotations

import click

from bargaining.cli.common import emit

__all__ = ["correlated"]

SELECT_HELP = (
    "welfare-max / welfare-min: the device that maximises / minimises the parties' total expected payoff "
    "(a linear program, certified exactly for rational payoffs); max-entropy: the least committal device "
    "(a convex program, floating point); vertices: every vertex of the set, exactly (small games)."
)


@click.command()
@click.argument("game_file", metavar="GAME", type=click.Path(dir_okay=False))
@click.option(
    "--select",
    type=click.Choice(["welfare-max", "welfare-min", "max-entropy", "vertices"]),
    default="welfare-max",
    show_default=True,
    help=SELECT_HELP,
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="A table for people, JSON or CSV (one row per profile in the support) for programs.",
)
def correlated(game_file: str, select: str, output_format: str) -> None:
    """Correlated equilibria of the strategic game in GAME (.json or Gambit .nfg).

    A correlated equilibrium is a mediator's recommendation device: the mediator
    draws a profile from p and tells each party only its own recommended action,
    and no party expects to gain by disobeying.

    \b
    Examples:
      bargain correlated games/ceasefire_chicken.json
      bargain correlated games/ceasefire_chicken.json --select vertices --format csv
      bargain correlated games/mckelvey_mclennan_2x2x2.nfg --select max-entropy --format json
    """
    from bargaining.equilibrium.correlated import correlated_equilibrium, correlated_vertices
    from bargaining.io.games import read_game

    game = read_game(game_file)
    if select == "vertices":
        emit(correlated_vertices(game), output_format)
    else:
        emit(correlated_equilibrium(game, select=select), output_format)
