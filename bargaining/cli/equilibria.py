"""``bargain equilibria`` and ``bargain convert``, and the solve handler for games.

Both commands read a strategic game from a ``.json`` spec (``"kind":
"normal_form"``) or a Gambit ``.nfg`` file, chosen by suffix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from bargaining.cli.common import emit, format_option

if TYPE_CHECKING:
    from bargaining.equilibrium.dominance import DominanceResult
    from bargaining.equilibrium.results import EquilibriumSet

__all__ = ["ReducedEquilibria", "convert", "equilibria"]

METHOD_HELP = (
    "Two players: auto (vertex; lemke-howson for games too large for it), vertex, support, "
    "lemke-howson, zero-sum, pure, nashpy-vertex, nashpy-support, nashpy-lemke-howson. "
    "More players: auto (mixed; logit beyond 5000 support profiles), mixed (all isolated "
    "equilibria, small games), pure, logit (one equilibrium of a larger game). "
    "The output says what the result guarantees and why the method was chosen."
)


@dataclass(frozen=True, slots=True, eq=False)
class ReducedEquilibria:
    """Iterated dominance, then the equilibria of the reduced game (``--eliminate``)."""

    dominance: DominanceResult
    result: EquilibriumSet

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the eliminations, then the equilibria of the reduced game."""
        return {"dominance": self.dominance.to_dict(), **self.result.to_dict()}

    def to_table(self) -> str:
        """The eliminations table, then the equilibria table."""
        return self.dominance.to_table() + "\n\n" + self.result.to_table()


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--method", "-m", default="auto", show_default=True, help=METHOD_HELP)
@click.option("--exact", is_flag=True, help="Compute and verify in rational arithmetic where possible.")
@click.option(
    "--eliminate",
    type=click.Choice(["strict", "weak"]),
    default=None,
    help="First remove dominated strategies (by pure strategies or mixtures) and report them; "
    "strict keeps every equilibrium, weak may lose some.",
)
@click.option(
    "--timeout",
    type=float,
    default=None,
    metavar="SECONDS",
    help="Stop after this many seconds and print what was found so far, marked incomplete "
    "(vertex and two-player support enumeration are not interrupted once started).",
)
@format_option
def equilibria(
    spec: str, method: str, exact: bool, eliminate: str | None, timeout: float | None, output_format: str
) -> None:
    """Nash equilibria of the strategic game in SPEC (.json, Gambit .nfg, or a .efg tree in strategic form).

    \b
    Examples:
      bargain equilibria games/kursk_strategic.json
      bargain equilibria games/kursk_strategic_us.json --eliminate strict --exact
      bargain equilibria games/mckelvey_mclennan_2x2x2.nfg --exact
      bargain equilibria games/chicken.json --method lemke-howson --format json
      bargain equilibria games/gambit_3x3x3.nfg --timeout 10
    """
    from bargaining.cli.progress import working
    from bargaining.equilibrium import equilibria as compute
    from bargaining.equilibrium.budget import check_time_limit
    from bargaining.io.games import read_game

    time_limit = check_time_limit(timeout, "--timeout")  # a bad value is reported before the game is read
    game = read_game(spec)
    if eliminate is None:
        with working(f"finding the equilibria of {spec}"):
            found = compute(game, method=method, exact=exact, time_limit=time_limit)
        emit(found, output_format)
        return
    from bargaining.equilibrium.dominance import iterated_dominance

    with working(f"finding the equilibria of {spec}"):
        dominance = iterated_dominance(game, weak=eliminate == "weak")
        reduced = compute(dominance.reduced, method=method, exact=exact, time_limit=time_limit)
    emit(ReducedEquilibria(dominance, reduced), output_format)


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--to", "target", type=click.Choice(["nfg", "json"]), required=True, help="Format to write.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default: print).")
@click.option("--outcomes", is_flag=True, help="For nfg: write the outcome version of the format.")
def convert(spec: str, target: str, output: str | None, outcomes: bool) -> None:
    """Convert the strategic game in SPEC between a JSON spec and Gambit's .nfg format.

    \b
    Examples:
      bargain convert games/chicken.json --to nfg -o chicken.nfg
      bargain convert games/mckelvey_mclennan_2x2x2.nfg --to json
    """
    from bargaining.io import write
    from bargaining.io.files import text_of
    from bargaining.io.games import read_game

    game = read_game(spec)
    if output is None:
        click.echo(text_of(game, "." + target, outcomes=outcomes), nl=False)
        return
    write(game, output, format=target, outcomes=outcomes)
    click.echo(f"wrote {output} ({game.summary()})")
