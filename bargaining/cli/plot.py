"""``bargain plot``: the figure of a spec, chosen by its kind (:mod:`bargaining.plotting.figures`)."""

from __future__ import annotations

from pathlib import Path

import click

from bargaining.cli.analysis import check_plot_file
from bargaining.cli.common import set_option

__all__ = ["default_output", "plot"]


def default_output(spec: str) -> str:
    """Where ``bargain plot`` writes without ``-o``: the spec's name with ``.png``, here."""
    return Path(spec).with_suffix(".png").name


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@set_option
@click.option(
    "--output",
    "-o",
    default=None,
    metavar="FILE",
    callback=check_plot_file,
    help="The figure: .png, .svg or .pdf (default: the spec's name with .png, in the current directory).",
)
def plot(spec: str, assignments: tuple[str, ...], output: str | None) -> None:
    """Draw SPEC: a bargaining problem in utility space (feasible set, disagreement
    and ideal points, the four solutions), a game's payoff table with its
    equilibria, or a game tree with its subgame-perfect path.
    Also every other kind: Fearon's bargaining range, shifting power, learning
    while fighting, alternating offers, Bayesian games, double auctions,
    stochastic bargaining, coalitional games and stakeholder tables
    (docs/plotting.md).

    \b
    Examples:
      bargain plot games/kursk.json -o kursk.svg
      bargain plot games/kursk.json --set kursk_held=0 -o kursk_none_held.pdf
      bargain plot games/prisoners_dilemma.json
    """
    from bargaining.cli.solve import load_with
    from bargaining.io import write
    from bargaining.plotting.figures import figure_for

    target = output or default_output(spec)
    model = load_with(spec, assignments)
    draw = figure_for(getattr(model, "spec_kind", type(model).__name__))
    from bargaining.cli.progress import working

    with working(f"drawing {spec}"):
        figure = draw(model)
    write(figure, target)
    click.echo(f"wrote {target}", err=True)
