"""``bargain tree``: solve or convert a game tree from a JSON spec or a Gambit ``.efg`` file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from bargaining.cli.common import emit, format_option

if TYPE_CHECKING:
    from bargaining.games.extensive_form import ExtensiveFormGame

__all__ = ["read_tree", "tree"]


def read_tree(path: str | Path) -> ExtensiveFormGame:
    """The game tree in ``path``: a ``.efg`` file, or a JSON spec of kind ``extensive_form`` or ``bayesian``.

    A Bayesian game is turned into its tree by Harsanyi's transformation.
    """
    from bargaining.errors import GameFormatError, SpecError
    from bargaining.games.bayesian import BayesianGame
    from bargaining.games.extensive_form import ExtensiveFormGame

    path = Path(path)
    if path.suffix.lower() not in (".json", ".efg"):
        raise GameFormatError(f"{path}: expected a .json spec or a Gambit .efg file")
    from bargaining.io import read

    model = read(path)
    if isinstance(model, BayesianGame):
        return model.to_extensive_form()
    if not isinstance(model, ExtensiveFormGame):
        kind = model.spec_kind
        raise SpecError("kind", f"{path} is a {kind!r} spec, not an extensive_form or bayesian game")
    return model


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--method",
    "-m",
    default="all",
    show_default=True,
    help="spe (backward induction, perfect information), all (spe and Nash), or an equilibrium "
    "method for the reduced normal form (vertex, support, lemke-howson, pure, mixed, logit).",
)
@click.option("--exact", is_flag=True, help="Solve the reduced normal form in rational arithmetic.")
@click.option(
    "--convert",
    "target",
    type=click.Choice(["efg", "json", "nfg"]),
    help="Print the tree as .efg or JSON, or its reduced normal form as .nfg, instead of solving it.",
)
@format_option
def tree(spec: str, method: str, exact: bool, target: str | None, output_format: str) -> None:
    """Equilibria of the game tree in SPEC (.json or Gambit .efg).

    \b
    Examples:
      bargain tree games/kursk_tree.json
      bargain tree games/selten_horse.efg --exact
      bargain tree games/entry_deterrence_tree.json --method spe --format json
      bargain tree games/kursk_tree.json --convert efg
    """
    game = read_tree(spec)
    if target is not None:
        from bargaining.io import dumps

        if target == "efg":
            from bargaining.io.efg import to_efg

            text = to_efg(game)
        elif target == "nfg":
            from bargaining.games.reduced import reduced_normal_form
            from bargaining.io.nfg import to_nfg

            text = to_nfg(reduced_normal_form(game).game)
        else:
            text = dumps(game)
        click.echo(text, nl=False)
        return
    from bargaining.equilibrium.backward_induction import (
        TreeSolution,
        extensive_equilibria,
        solve_tree,
        subgame_perfect_equilibria,
    )

    if method in ("all", "spe", "backward-induction") and not exact:
        emit(solve_tree(game, method), output_format)
        return
    spe = subgame_perfect_equilibria(game) if method == "all" and game.is_perfect_information else None
    nash = extensive_equilibria(game, method="auto" if method == "all" else method, exact=exact)
    emit(TreeSolution(spe, nash), output_format)
